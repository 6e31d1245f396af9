// The registry with the scratch Python rules instead of the real ones (see scratchPythonCli.mjs).
import { RULES } from '../../server/src/rules/index.ts';
import { onePerId } from '../../server/src/engine/rule.ts';
import { scratchPythonRules } from './scratchPythonRules.mjs';

export { RULES };
export const PYTHON_RULES = scratchPythonRules;
export const ALL_RULES = onePerId(RULES, PYTHON_RULES);
export const RULE_IDS = ALL_RULES.map((rule) => rule.id);
