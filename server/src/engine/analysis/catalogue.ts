// The blocking-API catalogue (server/src/data/blocking-apis.json, generated from the shared
// reference by scripts/build-catalogue.mjs) and the questions rules ask of it.
import data from '../../data/blocking-apis.json';
import type { BlockingConfig } from '../config/configFile';
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
  /** How messages name it, when not `module.name` (a project function named in loopguard.json). */
  label?: string;
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

/**
 * The catalogue as a project's loopguard.json amends it (`blocking.extra`, `blocking.allow`): the
 * question every blocking check asks. The default (no config) is the shared catalogue itself.
 */
export class BlockingCatalogue {
  static readonly DEFAULT = new BlockingCatalogue({ extra: [], allow: [] });
  private readonly extras = new Map<string, BlockingApi>();
  private readonly projectNames = new Set<string>();
  /** Identifies the amendments, for caches of answers (blocking summaries) that depend on them. */
  readonly fingerprint: string;

  constructor(private readonly config: BlockingConfig) {
    this.fingerprint = config.extra.length + config.allow.length === 0 ? '' : JSON.stringify(config);
    for (const extra of config.extra) {
      const module = extra.module ?? projectModule(extra.file!);
      if (extra.file) this.projectNames.add(`${module}:${extra.name}`);
      this.extras.set(`${module}:${extra.name}`, {
        module,
        name: extra.name,
        category: 'configured',
        alternative: extra.alternative,
        cost: [],
        ...(extra.file ? { label: extra.name } : {}),
      });
    }
  }

  /** The entry for an API, unless loopguard.json allows it; its own extras first. */
  lookup(api: ApiRef): BlockingApi | undefined {
    if (this.isAllowed(api)) return undefined;
    return this.extras.get(`${api.module}:${api.name}`) ?? lookupBlockingApi(api);
  }

  /** A project function that loopguard.json names as blocking, as an API (undefined for the rest). */
  projectApi(fileName: string, name: string): ApiRef | undefined {
    if (this.projectNames.size === 0) return undefined;
    const module = projectModule(fileName);
    return this.projectNames.has(`${module}:${name}`) ? { module, name } : undefined;
  }

  private isAllowed(api: ApiRef): boolean {
    return this.config.allow.some((allow) => {
      const module = allow.module ?? projectModule(allow.file!);
      if (module !== api.module && catalogue.reexports[api.module] !== module) return false;
      return !allow.name || allow.name === api.name || api.name.startsWith(`${allow.name}.`);
    });
  }
}

/** A project file as a module name: its path without the extension (so `db.ts` and its `db.js` build agree). */
function projectModule(fileName: string): string {
  return `file:${fileName.replace(/\\/g, '/').replace(/\.(?:d\.)?[cm]?[jt]sx?$/, '')}`;
}
