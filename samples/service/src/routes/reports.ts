import { gzipSync } from 'node:zlib';
import { execSync } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { findUser, recordAudit } from '../lib/db';

export async function handleExport(response: ServerResponse): Promise<void> {
  const ids = ['1', '2', '3'];
  const rows: string[] = [];
  ids.forEach(async (id) => { // seeded: unhandled-rejection
    const user = await findUser(id);
    if (user) rows.push(`${user.id},${user.name}`);
  });
  const revision = execSync('git rev-parse HEAD', { encoding: 'utf8' }); // seeded: blocking-call
  const body = gzipSync(rows.join('\n') + revision); // seeded: blocking-call
  response.setHeader('content-encoding', 'gzip');
  response.end(body);
}

export function scheduleNightlyExport(): void {
  setTimeout(async () => { // seeded: unhandled-rejection
    await recordAudit('nightly export');
  }, 24 * 60 * 60 * 1000);
}
