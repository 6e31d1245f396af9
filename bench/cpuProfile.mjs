// The V8 CPU profiler around a stretch of work, for the profile-*.mjs scripts: `--prof OUT`
// writes a .cpuprofile (open it in Chrome DevTools or VS Code) of only what runs between
// startCpuProfile() and its stop().
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

/** Starts profiling when `outFile` is given; the returned stop() writes the profile (a no-op otherwise). */
export async function startCpuProfile(outFile) {
  if (!outFile) return { stop: async () => {} };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(outFile, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
