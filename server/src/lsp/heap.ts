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
  if (execArgv.some((argument) => /heap[-_]growing[-_]percent/.test(argument))) return undefined;
  const configured = env.LOOPGUARD_HEAP_GROWING_PERCENT;
  const percent = configured === undefined || configured === '' ? DEFAULT_HEAP_GROWING_PERCENT : Number(configured);
  if (!Number.isInteger(percent) || percent <= 0) return undefined;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
