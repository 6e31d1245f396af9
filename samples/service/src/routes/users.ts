import * as fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import { findUser, isAllowed, recordAudit, saveUser } from '../lib/db';

export async function handleGetUser(id: string, response: ServerResponse): Promise<void> {
  const template = fs.readFileSync(__dirname + '/user.html', 'utf8'); // seeded: blocking-call
  const user = await findUser(id);
  if (!user) {
    response.statusCode = 404;
    response.end();
    return;
  }
  recordAudit(`read ${id}`); // seeded: floating-promise
  response.end(template.replace('{{name}}', user.name));
}

export async function handleUpdateUser(id: string, response: ServerResponse): Promise<void> {
  const user = await findUser(id);
  if (!user) {
    response.statusCode = 404;
    response.end();
    return;
  }
  if (isAllowed(user)) { // seeded: missing-await
    await saveUser({ ...user, name: user.name.trim() });
  }
  const count = await users.length; // seeded: await-non-promise
  response.end(String(count));
}

export async function handleBulkGet(ids: string[], response: ServerResponse): Promise<void> {
  const names: string[] = [];
  for (const id of ids) {
    const user = await findUser(id); // seeded: await-in-loop
    if (user) names.push(user.name);
  }
  response.end(names.join('\n'));
}

const users: string[] = [];
