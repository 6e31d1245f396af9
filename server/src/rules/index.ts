// The registry: the one list a new rule is added to.
import type { PythonRuleDefinition } from '../engine/python/rule';
import { onePerId } from '../engine/rule';
import type { RuleDefinition, RuleMetadata } from '../engine/rule';
import type { SettingValues } from '../engine/settingSpec';
import asyncTestAssertion from './async-test-assertion';
import awaitInLoop from './await-in-loop';
import awaitNonPromise from './await-non-promise';
import blockingCall from './blocking-call';
import floatingPromise from './floating-promise';
import missingAwait from './missing-await';
import pyBlockingCall from './python/blocking-call';
import pyUnawaitedCoroutine from './python/unawaited-coroutine';
import unboundedConcurrency from './unbounded-concurrency';
import unhandledRejection from './unhandled-rejection';
import pyDanglingTask from './python/dangling-task';
import pyCancellationSwallowed from './python/cancellation-swallowed';
import pyAsyncTestAssertion from './python/async-test-assertion';
import pyAwaitInLoop from './python/await-in-loop';
import pyUnboundedConcurrency from './python/unbounded-concurrency';

const REGISTRY = [blockingCall, floatingPromise, missingAwait, unhandledRejection, awaitNonPromise, awaitInLoop, unboundedConcurrency, asyncTestAssertion] as const;

export const RULES: readonly RuleDefinition[] = REGISTRY as readonly RuleDefinition[];

/** The Python rules; one whose meaning is a TypeScript rule's has that rule's id. */
const PYTHON_REGISTRY = [
  pyBlockingCall,
  pyUnawaitedCoroutine,
  pyDanglingTask,
  pyCancellationSwallowed,
  pyAsyncTestAssertion,
  pyAwaitInLoop,
  pyUnboundedConcurrency,
] as const;

export const PYTHON_RULES: readonly PythonRuleDefinition[] = PYTHON_REGISTRY as readonly PythonRuleDefinition[];

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;
/** The settings the rules' `options` declare (`safePromises: string[]`, ...), part of LoopGuardSettings. */
type OptionValuesOf<Rule> = Rule extends { options: infer Options } ? SettingValues<Options> : {};
export type RuleOptionValues = UnionToIntersection<OptionValuesOf<(typeof REGISTRY)[number] | (typeof PYTHON_REGISTRY)[number]>>;

/** One definition per rule id, JS/TS and Python (a Python rule sharing a TS rule's id counts once). */
export const ALL_RULES: readonly RuleMetadata[] = onePerId(RULES, PYTHON_RULES);

export const RULE_IDS: readonly string[] = ALL_RULES.map((rule) => rule.id);
