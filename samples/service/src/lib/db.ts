export interface User {
  id: string;
  name: string;
  isAdmin: boolean;
}

const users = new Map<string, User>([['1', { id: '1', name: 'Ada', isAdmin: true }]]);

export async function findUser(id: string): Promise<User | undefined> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return users.get(id);
}

export async function saveUser(user: User): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  users.set(user.id, user);
}

export async function recordAudit(event: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  if (event.length > 1000) throw new Error('audit event too long');
}

export function isAllowed(user: User): Promise<boolean> {
  return Promise.resolve(user.isAdmin);
}
