// The other groups' cases (those without a decision) joined into one module per peer fixture, as
// the fixture files are: many `async def foo()` in one module, later ones shadowing earlier ones,
// imports repeated. Labelled by Ruff like every case.
import * as async210 from './async210.mjs';
import * as async212 from './async212.mjs';
import * as async22x from './async22x.mjs';
import * as async230 from './async230.mjs';
import * as async240 from './async240.mjs';
import * as async25x from './async25x.mjs';

export const source = 'the blocking-call groups, one module each';
const codeOf = (entry) => (typeof entry === 'string' ? entry : entry.code);
const joined = (group) => group.cases.filter((entry) => typeof entry === 'string' || !entry.decision).map((entry) => codeOf(entry).replace(/^\n/, '').replace(/\s+$/, '')).join('\n\n\n');
export const cases = [async210, async212, async22x, async230, async240, async25x].map(joined);
