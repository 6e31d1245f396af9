// The registry: the one list a new rule is added to.
import type { RuleDefinition } from '../engine/rule';
import asyncTestAssertion from './async-test-assertion';
import awaitInLoop from './await-in-loop';
import awaitNonPromise from './await-non-promise';
import blockingCall from './blocking-call';
import floatingPromise from './floating-promise';
import missingAwait from './missing-await';
import unboundedConcurrency from './unbounded-concurrency';
import unhandledRejection from './unhandled-rejection';

export const RULES: readonly RuleDefinition[] = [blockingCall, floatingPromise, missingAwait, unhandledRejection, awaitNonPromise, awaitInLoop, unboundedConcurrency, asyncTestAssertion] as RuleDefinition[];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);
