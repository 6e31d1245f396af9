// The blocking-API catalogue (server/src/data/blocking-apis.json, generated from the shared
// reference by scripts/build-catalogue.mjs) and the questions rules ask of it.
import data from '../../data/blocking-apis.json';
import type { ApiRef } from './apis';

export interface BlockingApi {
  module: string;
  name: string;
  category: string;
  alternative: string;
  cost: string[];
  /** 'no-callback': blocking only without a callback; 'option': only with an option such as { sync: true }. */
  condition?: string;
  /** Synchronous but normally cheap: not flagged by default. */
  strictOnly?: boolean;
}

interface CatalogueData {
  reexports: Record<string, string>;
  entries: BlockingApi[];
}

const catalogue = data as CatalogueData;
const byKey = new Map<string, BlockingApi>(catalogue.entries.map((entry) => [`${entry.module}:${entry.name}`, entry]));

export function lookupBlockingApi(api: ApiRef): BlockingApi | undefined {
  const direct = byKey.get(`${api.module}:${api.name}`);
  if (direct) return direct;
  // fs-extra and graceful-fs re-export every node:fs *Sync function.
  const reexported = catalogue.reexports[api.module];
  if (reexported) return byKey.get(`${reexported}:${api.name}`);
  return undefined;
}

export function catalogueSize(): number {
  return catalogue.entries.length;
}
