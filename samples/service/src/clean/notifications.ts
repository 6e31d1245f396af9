import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordAudit, saveUser, type User } from '../lib/db';

export class Notifier extends EventEmitter {
  async notifyAll(users: User[]): Promise<void> {
    await Promise.all(users.map((user) => this.notify(user)));
  }

  private async notify(user: User): Promise<void> {
    await sleep(1);
    this.emit('sent', user.id);
  }
}

export function watch(notifier: Notifier): void {
  notifier.on('sent', (id: string) => {
    recordAudit(`sent ${id}`).catch((error: unknown) => console.error('audit failed', error));
  });
}

export async function renameAll(users: User[], suffix: string): Promise<number> {
  await Promise.all(users.map((user) => saveUser({ ...user, name: `${user.name}${suffix}` })));
  void recordAudit('renamed'); // intentionally not awaited: audit is best-effort
  return users.length;
}
