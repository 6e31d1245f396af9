// The `.py` files under a folder (skipping .git, __pycache__, node_modules), for bench/python.mjs
// and bench/python-engine-cli.mjs.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function listPy(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === '.git' || name === '__pycache__' || name === 'node_modules') continue;
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) listPy(file, out);
    else if (name.endsWith('.py')) out.push(file);
  }
  return out;
}
