// The CLI's side of loopguard.json: a run stops (exit 2) on any problem in a config in force for a
// listed file, naming file, line and what to write instead; --print-config shows what applies to one file.
import type { ConfigProblem } from '../engine/config/configFile';
import type { Engine } from '../engine/engine';
import { settingsTable } from '../engine/settings';
import { displayPath } from './paths';

/** Problems in every config file in force for these files, each once, in file and line order. */
export function configProblemsFor(engine: Engine, files: readonly string[]): ConfigProblem[] {
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  const configs = new Set<string>();
  for (const file of files) {
    const resolved = engine.configFor(file);
    if (!resolved?.file || configs.has(resolved.file)) continue;
    configs.add(resolved.file);
    for (const problem of resolved.problems) {
      const key = `${problem.file}\u0000${problem.start}\u0000${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start);
}

export function formatConfigProblems(problems: readonly ConfigProblem[], cwd: string): string {
  const lines = problems.map((problem) => `${displayPath(problem.file, cwd)}:${problem.line}:${problem.column}: ${problem.message}`);
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  return `${lines.join('\n')}\nThe configuration has ${count} (above); nothing was checked. Fix it and run again (the schema, loopguard.schema.json, lets editors check it as you type).`;
}

/** `--print-config <file>`: the configuration in force for one file, as JSON. */
export function printedConfig(engine: Engine, file: string, cwd: string): string {
  const resolved = engine.configFor(file);
  const settings = engine.settingsFor(file);
  const rules = Object.fromEntries(engine.ruleIds.map((id) => [id, engine.severityOf(engine.ruleById(id)!, settings)]));
  const options = Object.fromEntries(
    settingsTable(engine.rules).filter((entry) => entry.where === 'file').map((entry) => [entry.key, (settings as unknown as Record<string, unknown>)[entry.key]]),
  );
  const shown = {
    file: displayPath(file, cwd),
    config: resolved?.file ? displayPath(resolved.file, cwd) : null,
    extends: (resolved?.files ?? []).filter((config) => config !== resolved?.file).map((config) => displayPath(config, cwd)),
    ignored: resolved?.ignored ?? false,
    rules,
    options,
    blocking: {
      extra: (resolved?.blocking.extra ?? []).map((entry) => (entry.file ? { ...entry, file: displayPath(entry.file, cwd) } : entry)),
      allow: (resolved?.blocking.allow ?? []).map((entry) => (entry.file ? { ...entry, file: displayPath(entry.file, cwd) } : entry)),
    },
  };
  return `${JSON.stringify(shown, null, 2)}\n`;
}
