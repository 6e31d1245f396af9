// Test hook: LOOPGUARD_TEST_FAIL_RULE=<rule-id>[:<substring>] makes that rule throw on the files
// whose path or text contains the substring (every file without one), so the tests can check that a
// rule failure reaches the user (CLI exit code and output, the editor's status item). Unset, the
// rules are returned as they are.
import type { PythonRuleDefinition } from '../python/rule';
import type { RuleDefinition } from '../rule';

export function withInjectedFaults(rules: readonly RuleDefinition[], spec = process.env.LOOPGUARD_TEST_FAIL_RULE): readonly RuleDefinition[] {
  return withFault<Parameters<RuleDefinition['create']>[0], RuleDefinition>(rules, spec, (context) => context.sourceFile);
}

/** The same for the Python rules (a Python rule sharing a TS rule's id fails with it). */
export function withInjectedPythonFaults(rules: readonly PythonRuleDefinition[], spec = process.env.LOOPGUARD_TEST_FAIL_RULE): readonly PythonRuleDefinition[] {
  return withFault<Parameters<PythonRuleDefinition['create']>[0], PythonRuleDefinition>(rules, spec, (context) => context.module);
}

/** `rules` with the one named by `spec` throwing on the files it names; `fileOf` finds a rule context's file. */
function withFault<Context, Rule extends { id: string; create(context: Context): unknown }>(
  rules: readonly Rule[],
  spec: string | undefined,
  fileOf: (context: Context) => { fileName: string; text: string },
): readonly Rule[] {
  if (!spec) return rules;
  const separator = spec.indexOf(':');
  const ruleId = separator < 0 ? spec : spec.slice(0, separator);
  const substring = separator < 0 ? '' : spec.slice(separator + 1);
  return rules.map((rule) =>
    rule.id !== ruleId
      ? rule
      : {
          ...rule,
          create(context: Context) {
            const { fileName, text } = fileOf(context);
            if (fileName.includes(substring) || text.includes(substring)) throw new TypeError(`injected fault (LOOPGUARD_TEST_FAIL_RULE=${spec})`);
            return rule.create(context);
          },
        },
  );
}
