// Shared plumbing of the CLI tests: temp projects, and the CLI run as a user runs it.
// Every run must finish, and never print a stack trace or an internal error, whatever the input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './engine.mjs';

// LOOPGUARD_CLI runs the tests against another build (e.g. a deliberately broken one).
export const cliPath = process.env.LOOPGUARD_CLI ?? path.join(repoRoot, 'dist/cli.js');

/** CI variables the CLI reads (GITHUB_ACTIONS makes github the default format): unset unless a test sets them. */
const CI_VARIABLES = ['GITHUB_ACTIONS', 'GITHUB_WORKSPACE', 'CI_PROJECT_DIR'];

const tempRoots = [];
process.on('exit', () => {
  for (const root of tempRoots) fs.rmSync(root, { recursive: true, force: true });
});

/**
 * A project in a temp folder (removed when the test process exits) holding `files` (path -> text).
 * `git`: a `.git` folder makes it a repository root (the lookup of loopguard.json and baselines stops
 * there); `nodeModules`: node_modules links to the repository's (so @types/node resolves).
 */
export function tempProject(prefix, files = {}, { git = false, nodeModules = false } = {}) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `loopguard-${prefix}-`)));
  tempRoots.push(root);
  if (git) fs.mkdirSync(path.join(root, '.git'));
  if (nodeModules) fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  writeFiles(root, files);
  return root;
}

export function writeFiles(root, files) {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
}

/** Runs `loopguard <args>` in `cwd`; the timeout turns a hang into a failure (generous: a busy 2-core machine). */
export function runCli(args, { cwd, env = {}, uid, gid } = {}) {
  const environment = { ...process.env, ...env };
  for (const name of CI_VARIABLES) if (!(name in env)) delete environment[name];
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', timeout: 300_000, env: environment, uid, gid });
  assert.equal(result.error, undefined, `loopguard ${args.join(' ')} did not finish: ${result.error}`);
  assert.equal(result.signal, null, `loopguard ${args.join(' ')} was killed by ${result.signal}`);
  assert.doesNotMatch(result.stderr, /internal error|^\s+at .+:\d+:\d+\)?$/m, `stderr of loopguard ${args.join(' ')}:\n${result.stderr}`);
  return result;
}

/** runCli with `--format json`, the findings parsed. */
export function runCliJson(args, options) {
  const result = runCli([...args, '--format', 'json'], options);
  let findings;
  assert.doesNotThrow(() => (findings = JSON.parse(result.stdout)), `not JSON:\n${result.stdout}\n${result.stderr}`);
  return { ...result, findings };
}

/** `file:line rule` of each finding, sorted: what most CLI tests compare. */
export const findingKeys = (findings) => findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort();
