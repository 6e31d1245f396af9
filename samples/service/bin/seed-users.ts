// A one-off script: `node bin/seed-users.js user.json`. It reads its input with readFileSync,
// which would stall a server, but here nothing else runs: loopguard.json turns blocking-call off
// for bin/** (try `npx loopguard samples/service --print-config samples/service/bin/seed-users.ts`).
import * as fs from 'node:fs';
import { saveUser, type User } from '../src/lib/db';

async function main(file: string): Promise<void> {
  const user = JSON.parse(fs.readFileSync(file, 'utf8')) as User;
  await saveUser(user);
}

main(process.argv[2] ?? 'user.json').catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
