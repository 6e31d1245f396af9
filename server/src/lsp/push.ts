// Pushed diagnostics for clients that do not pull them (no `textDocument.diagnostic` capability:
// Vim's LSP plugins, Emacs' eglot before 30, Helix before 25.07, Neovim before 0.11...): the server
// publishes an open document's findings after it opens, after changes (`run: onType`, debounced),
// after saves (`run: onSave`), and again when settings or files on disk change. Clients that pull
// are served by the pull handler in server.ts and never get these.
import type { ClientCapabilities } from 'vscode-languageserver/node';

/** Whether the client asks for diagnostics itself (LSP 3.17 pull diagnostics). */
export function clientPullsDiagnostics(capabilities: ClientCapabilities): boolean {
  return capabilities.textDocument?.diagnostic !== undefined;
}

/** Debounces publishing per document: a burst of keystrokes is analysed once, after it ends. */
export class DiagnosticsPusher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly publish: (uri: string) => void,
    private readonly delayMs = Number(process.env.LOOPGUARD_PUSH_DELAY_MS ?? 200),
  ) {}

  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.publish(uri);
      }, this.delayMs),
    );
  }

  scheduleAll(uris: readonly string[]): void {
    for (const uri of uris) this.schedule(uri);
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
