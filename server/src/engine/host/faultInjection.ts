// Test hook: LOOPGUARD_TEST_FAIL_RULE=<rule-id>[:<path substring>] makes that rule throw on the
// files whose path contains the substring (every file without one), so the tests can check that a
// rule failure reaches the user (CLI exit code and output, the editor's status item). Unset, the
// rules are returned as they are.
import type { RuleDefinition } from '../rule';

export function withInjectedFaults(rules: readonly RuleDefinition[], spec = process.env.LOOPGUARD_TEST_FAIL_RULE): readonly RuleDefinition[] {
  if (!spec) return rules;
  const separator = spec.indexOf(':');
  const ruleId = separator < 0 ? spec : spec.slice(0, separator);
  const fileSubstring = separator < 0 ? '' : spec.slice(separator + 1);
  return rules.map((rule) =>
    rule.id !== ruleId
      ? rule
      : {
          ...rule,
          create(context) {
            if (context.sourceFile.fileName.includes(fileSubstring)) throw new TypeError(`injected fault (LOOPGUARD_TEST_FAIL_RULE=${spec})`);
            return rule.create(context);
          },
        },
  );
}
