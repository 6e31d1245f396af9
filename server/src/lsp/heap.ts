// The server's peak memory. V8 lets the heap grow up to several times what survived the last full
// collection before it collects again; an editor loop on a large project makes a checker's worth
// of garbage per edit (each edit's program has a new checker), so the process would peak at 4-5x
// its live heap. A smaller growth factor keeps the peak near the live heap (measured on typeorm:
// see the issue 12 figures: VmHWM after 200 edits 427 MB at 35%, 396 MB at 20%, tsc 6 peaks at 350 MB),
// for a few more full collections. Set once the first project is loaded, unless the
// user gave V8 a factor (`--heap-growing-percent`) or LOOPGUARD_HEAP_GROWING_PERCENT (0: V8's default).
import * as v8 from 'node:v8';

export const DEFAULT_HEAP_GROWING_PERCENT = 20;

export function limitHeapGrowth(env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): number | undefined {
  if (givesV8Flag(execArgv, 'heap-growing-percent')) return undefined;
  const configured = env.LOOPGUARD_HEAP_GROWING_PERCENT;
  const percent = configured === undefined || configured === '' ? DEFAULT_HEAP_GROWING_PERCENT : Number(configured);
  if (!Number.isInteger(percent) || percent <= 0) return undefined;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}

/**
 * Turns off V8's allocation-site pretenuring, unless the user gave V8 the flag either way. Opening a
 * project makes every module's summaries, scopes and trees through the same code an edit runs,
 * and they all live for the whole session; V8 learns from that to allocate what those sites make
 * straight in the old generation. An edit's own analysis lives one or two edits, so it was all
 * old-generation garbage (~0.6 MB per edit in the 2,000-line Python module of the bench), and each
 * full collection of the ~200 MB heap it forced slowed 3–4 edits to 50–130 ms. Without
 * pretenuring it dies young, at the cost of copying the opened project once more when it is loaded.
 * Set before anything is loaded: V8 keeps the decisions it has already made.
 */
export function stopPretenuring(execArgv: readonly string[] = process.execArgv): boolean {
  if (givesV8Flag(execArgv, 'allocation-site-pretenuring')) return false;
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
  return true;
}

/** Whether the user gave V8 the flag `name` (either spelling, `-` or `_`; `--no-` too): theirs wins over ours. */
function givesV8Flag(execArgv: readonly string[], name: string): boolean {
  const pattern = new RegExp(name.split('-').join('[-_]'));
  return execArgv.some((argument) => pattern.test(argument));
}
