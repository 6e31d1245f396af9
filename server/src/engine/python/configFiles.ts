// Project configuration found as Python tools find it: walking up from a file's folder to the file
// system root, and in each folder trying a list of file names in order. The first file that
// answers wins; one that does not (no pytest section, no version) lets the walk go on.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function readConfigFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The first answer `read` gives for the files `names` (in that order) in the folders from
 * `fileName`'s up to the root; undefined when none answers. Read each time it is asked: an edited
 * configuration counts at once.
 */
export function firstUpward<T>(fileName: string, names: readonly string[], read: (text: string, file: string, name: string) => T | undefined): T | undefined {
  for (let dir = path.dirname(path.resolve(fileName)); ; dir = path.dirname(dir)) {
    for (const name of names) {
      const file = path.join(dir, name);
      const text = readConfigFile(file);
      const answer = text === undefined ? undefined : read(text, file, name);
      if (answer !== undefined) return answer;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
