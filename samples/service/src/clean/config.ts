import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface Config {
  port: number;
  dataDir: string;
}

/** Start-up code: reading the config synchronously before the server listens is fine. */
export function loadConfig(): Config {
  const text = process.env.SERVICE_CONFIG ? readFileSync(process.env.SERVICE_CONFIG, 'utf8') : '{}';
  const parsed = JSON.parse(text) as Partial<Config>;
  return { port: parsed.port ?? 8080, dataDir: parsed.dataDir ?? '/tmp' };
}

/** Reloading at run time uses the async API. */
export async function reloadConfig(path: string): Promise<Config> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<Config>;
  return { port: parsed.port ?? 8080, dataDir: parsed.dataDir ?? '/tmp' };
}
