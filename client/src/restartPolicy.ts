// When the server process dies (crash, out of memory, killed), the client restarts it with
// exponential back-off, at most `maxRestarts` times within `windowMs`; beyond that it stops and
// says so. Pure (no vscode import) so that `npm test` checks it without VS Code.

export interface RestartPolicyOptions {
  maxRestarts?: number;
  /** Crashes older than this no longer count against the limit. */
  windowMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

export interface RestartDecision {
  restart: boolean;
  /** How long to wait before restarting. */
  delayMs: number;
  /** Crashes within the window, this one included. */
  crashes: number;
  maxRestarts: number;
  /** One line for the status item and the output channel. */
  message: string;
}

export class RestartPolicy {
  readonly maxRestarts: number;
  readonly windowMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;
  private crashes: number[] = [];

  constructor(options: RestartPolicyOptions = {}) {
    this.maxRestarts = options.maxRestarts ?? 5;
    this.windowMs = options.windowMs ?? 3 * 60_000;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The server's connection closed unexpectedly: restart (after a delay) or give up. */
  onCrash(): RestartDecision {
    const now = this.now();
    this.crashes = this.crashes.filter((time) => now - time < this.windowMs);
    this.crashes.push(now);
    const crashes = this.crashes.length;
    const minutes = Math.round(this.windowMs / 60_000);
    if (crashes > this.maxRestarts) {
      return {
        restart: false,
        delayMs: 0,
        crashes,
        maxRestarts: this.maxRestarts,
        message: `the server stopped ${crashes} times within ${minutes} minute${minutes === 1 ? '' : 's'}; not restarted (run "Loop Guard: Restart Server")`,
      };
    }
    const delayMs = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (crashes - 1));
    return { restart: true, delayMs, crashes, maxRestarts: this.maxRestarts, message: `restarted after the server stopped unexpectedly (${crashes}/${this.maxRestarts})` };
  }

  /** A manual restart starts the count afresh. */
  reset(): void {
    this.crashes = [];
  }
}
