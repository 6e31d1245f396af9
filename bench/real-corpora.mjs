// Real-code corpora for bench/run.mjs, prepared once in the git-ignored bench/corpora/ (a stamp
// file records what was prepared; change the wanted string to prepare again):
//   typeorm: the shared corpus ../shared/corpora/typeorm (typeorm 1.1.0's src/, 496 files), copied
//            and installed there with `npm install` (the shared folder is read-only: never edited);
//   effect:  effect's published src/ (very large files: Effect.ts 28k lines, Stream.ts 21k), from the
//            npm registry at a pinned version, installed with its types so that they resolve.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const EFFECT_VERSION = '4.1.0';
const TYPES_NODE_VERSION = '20.19.43';

/** Where the shared typeorm corpus lives: $LOOPGUARD_TYPEORM_CORPUS, else ../shared/corpora/typeorm next to the repository, else /work/shared/corpora/typeorm. */
export function typeormSource(repo) {
  const candidates = [process.env.LOOPGUARD_TYPEORM_CORPUS, path.resolve(repo, '../shared/corpora/typeorm'), '/work/shared/corpora/typeorm'].filter(Boolean);
  return candidates.find((dir) => existsSync(path.join(dir, 'src')) && existsSync(path.join(dir, 'package.json')));
}

function npmInstall(root, log) {
  log(`  npm install --no-audit --no-fund in ${root} ...`);
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`npm install failed in ${root}: ${(result.stderr || result.stdout || result.error?.message || '').trim().split('\n').slice(-3).join(' | ')}`);
}

/** Prepares a real corpus `name` under `root` unless its stamp says it is ready; returns true if it knows the name. */
export function prepareRealCorpus(name, root, { repo, log }) {
  const stamp = path.join(root, '.bench-stamp');
  if (name === 'typeorm') {
    const source = typeormSource(repo);
    if (!source) throw new Error('the shared typeorm corpus was not found (set LOOPGUARD_TYPEORM_CORPUS to its folder)');
    const wanted = `typeorm 1 ${source}`;
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return true;
    log(`preparing typeorm from ${source} ...`);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(path.dirname(root), { recursive: true });
    cpSync(source, root, { recursive: true, filter: (file) => !file.includes(`${path.sep}node_modules`) });
    mkdirSync(path.join(root, '.git'), { recursive: true }); // the workspace root for the server and the CLI
    npmInstall(root, log);
    writeFileSync(stamp, wanted);
    return true;
  }
  if (name === 'effect') {
    const wanted = `effect 1 ${EFFECT_VERSION}`;
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return true;
    log(`preparing effect ${EFFECT_VERSION} from the npm registry ...`);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(path.join(root, '.git'), { recursive: true });
    // effect has no runtime dependencies; its src/ imports itself ("effect/...", resolved to the
    // installed package's declarations) and node:* (hence @types/node).
    writeFileSync(path.join(root, 'package.json'), `${JSON.stringify({ name: 'effect-bench-copy', private: true, type: 'module', dependencies: { effect: EFFECT_VERSION, '@types/node': TYPES_NODE_VERSION } }, null, 2)}\n`);
    npmInstall(root, log);
    cpSync(path.join(root, 'node_modules/effect/src'), path.join(root, 'src'), { recursive: true });
    // effect's sources import with .ts extensions; the options are those of its own build, minus emit.
    const config = {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        moduleDetection: 'force',
        strict: true,
        exactOptionalPropertyTypes: true,
        noImplicitReturns: false,
        noUnusedLocals: true,
        noFallthroughCasesInSwitch: true,
        allowImportingTsExtensions: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
      },
      include: ['src/**/*.ts'],
    };
    writeFileSync(path.join(root, 'tsconfig.json'), `${JSON.stringify(config, null, 2)}\n`);
    writeFileSync(stamp, wanted);
    return true;
  }
  return false;
}
