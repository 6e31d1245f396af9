// As whole_fixture_files.mjs, for the dangling-task groups (Ruff's RUF006.py, flake8-async's async300.py).
import * as async300 from './async300.mjs';
import * as ruf006 from './ruf006.mjs';

export const source = 'the dangling-task groups, one module each';
const codeOf = (entry) => (typeof entry === 'string' ? entry : entry.code);
const joined = (group) => group.cases.filter((entry) => typeof entry === 'string' || !entry.decision).map((entry) => codeOf(entry).replace(/^\n/, '').replace(/\s+$/, '')).join('\n\n\n');
export const cases = [async300, ruf006].map(joined);
