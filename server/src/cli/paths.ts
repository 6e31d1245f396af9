// How the CLI names a file in its messages: relative to the working folder with `/` separators,
// or the absolute path when the file is outside it.
import * as path from 'node:path';

export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}
