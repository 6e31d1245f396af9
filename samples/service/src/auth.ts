import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { findUser } from './lib/db';

const ITERATIONS = 310_000;

export async function login(id: string, password: string, storedHash: Buffer, salt: Buffer): Promise<boolean> {
  const user = await findUser(id);
  if (!user) return false;
  const hash = pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256'); // seeded: blocking-call
  return timingSafeEqual(hash, storedHash);
}

export function newSalt(): Promise<Buffer> {
  return new Promise(async (resolve, reject) => { // seeded: unhandled-rejection
    const owner = await findUser('1');
    randomBytes(16, (error, bytes) => (error ? reject(error) : resolve(Buffer.concat([bytes, Buffer.from(owner?.id ?? '')]))));
  });
}
