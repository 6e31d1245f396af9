// Problems in loopguard.json files as diagnostics on those files: the editor shows where the
// mistake is and what to write instead, while every other file goes on being analysed with the
// valid rest of the config. Cleared when the file is fixed.
import { pathToFileURL } from 'node:url';
import { Connection, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Engine } from '../engine/engine';
import { LineMap } from '../engine/findings';
import { SOURCE } from './convert';

export class ConfigDiagnostics {
  /** What was last published per config file (its problems' text), so unchanged ones are not sent again. */
  private readonly published = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
  ) {}

  publish(engine: Engine): void {
    const current = new Map((engine.config?.loadedConfigs() ?? []).map((loaded) => [loaded.file, loaded]));
    for (const file of [...this.published.keys()]) if (!current.has(file)) this.send(file, [], '');
    for (const [file, loaded] of current) {
      const signature = loaded.problems.map((problem) => `${problem.start}:${problem.message}`).join('\n');
      if ((this.published.get(file) ?? '') === signature) continue;
      for (const problem of loaded.problems) this.log(`${file}:${problem.line}:${problem.column}: ${problem.message}`);
      this.send(file, loaded.problems, signature, engine.config?.textOf(file));
    }
  }

  private send(file: string, problems: { start: number; end: number; message: string }[], signature: string, text = ''): void {
    if (signature) this.published.set(file, signature);
    else this.published.delete(file);
    const lines = new LineMap(text);
    const diagnostics = problems.map((problem) => ({
      range: { start: lines.positionAt(problem.start), end: lines.positionAt(Math.max(problem.end, problem.start)) },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      message: problem.message,
    }));
    void this.connection.sendDiagnostics({ uri: pathToFileURL(file).toString(), diagnostics }).catch(() => undefined);
  }
}
