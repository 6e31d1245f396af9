// When the server loads the Python parser (tree-sitter in WebAssembly): before the first Python
// document is analysed (opened, pulled, scanned), not at start-up, so a JS/TS-only workspace never
// pays for it (about 35 ms and 4 MB here). Loading is asynchronous and the analysis is not, so a
// Python document asked about while the parser loads gets no report (nothing cached); `loaded` then
// lets the server ask the client to pull diagnostics again.
import { isPythonFile, preparePython, pythonUnavailable } from '../engine/python/parser';

export class PythonLoading {
  private settled = false;

  constructor(private readonly loaded: () => void) {}

  /**
   * Whether `fileName` can be analysed now: always for a file that is not Python; for a Python
   * file once the parser has loaded or failed to (the engine then notes why). Starts loading.
   */
  ready(fileName: string): boolean {
    if (this.settled || !isPythonFile(fileName)) return true;
    void this.prepared(fileName);
    return false;
  }

  /** Resolves once `fileName` can be analysed (at once for a file that is not Python). Never rejects. */
  async prepared(fileName: string): Promise<void> {
    if (this.settled || !isPythonFile(fileName)) return;
    await preparePython();
    if (this.settled) return;
    this.settled = true;
    this.loaded();
  }

  /** Why Python files are not analysed, once loading has failed; undefined otherwise. */
  failure(): string | undefined {
    return this.settled ? pythonUnavailable() : undefined;
  }
}
