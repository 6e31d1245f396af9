// The registry with the scratch Python rules instead of the real ones (see scratchPythonCli.mjs).
import { RULES } from '../../server/src/rules/index.ts';
import { scratchPythonRules } from './scratchPythonRules.mjs';

export { RULES };
export const PYTHON_RULES = scratchPythonRules;
export const RULE_IDS = [...new Set([...RULES, ...PYTHON_RULES].map((rule) => rule.id))];
