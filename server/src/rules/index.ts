// The registry: the one list a new rule is added to.
import type { RuleDefinition } from '../engine/rule';
import awaitNonPromise from './await-non-promise';
import blockingCall from './blocking-call';
import floatingPromise from './floating-promise';
import missingAwait from './missing-await';
import unhandledRejection from './unhandled-rejection';

export const RULES: readonly RuleDefinition[] = [blockingCall, floatingPromise, missingAwait, unhandledRejection, awaitNonPromise] as RuleDefinition[];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);
