// "The nearest <name> walking up from a file's folder": how loopguard.json and
// loopguard-suppressions.json are found. The walk stops at the repository root (a folder holding
// `.git`) or, for a folder in `roots` that is in no repository (a workspace folder, the CLI's working
// folder), at that folder; else at the file system root. Answers are cached per folder until `clear`.
import * as path from 'node:path';
import { isDirectory, isFile } from './fileSystem';

export class NearestFile {
  private readonly roots: Set<string>;
  private readonly byFolder = new Map<string, string | null>();
  private readonly rootInRepository = new Map<string, boolean>();

  constructor(
    private readonly name: string,
    roots: readonly string[] = [],
  ) {
    this.roots = new Set(roots.map((root) => path.resolve(root)));
  }

  /** The nearest file of this name above `fileName`, or undefined. */
  above(fileName: string): string | undefined {
    const visited: string[] = [];
    let dir = path.dirname(path.resolve(fileName));
    let found: string | null = null;
    for (;;) {
      const known = this.byFolder.get(dir);
      if (known !== undefined) {
        found = known;
        break;
      }
      visited.push(dir);
      const candidate = path.join(dir, this.name);
      if (isFile(candidate)) {
        found = candidate;
        break;
      }
      const parent = path.dirname(dir);
      if (isRepositoryRoot(dir) || (this.roots.has(dir) && !this.inRepository(dir)) || parent === dir) break;
      dir = parent;
    }
    for (const folder of visited) this.byFolder.set(folder, found);
    return found ?? undefined;
  }

  /** Files appeared or went: look again. */
  clear(): void {
    this.byFolder.clear();
  }

  /** True when a folder above `root` is a repository root: the lookup goes on past the workspace folder, to it. */
  private inRepository(root: string): boolean {
    let known = this.rootInRepository.get(root);
    if (known === undefined) {
      known = false;
      for (let dir = path.dirname(root); !known; dir = path.dirname(dir)) {
        known = isRepositoryRoot(dir);
        if (path.dirname(dir) === dir) break;
      }
      this.rootInRepository.set(root, known);
    }
    return known;
  }
}

function isRepositoryRoot(dir: string): boolean {
  const marker = path.join(dir, '.git');
  return isDirectory(marker) || isFile(marker);
}
