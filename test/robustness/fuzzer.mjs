// Seeded protocol fuzzer: drives the real server over stdio with interleaved open/change/close,
// diagnostics, code-action and cancelled requests on real and mutated files, then checks that
// (1) the server is alive and answered every request, (2) code actions carry the version they were
// computed for, and stale ones carry no edits, and (3) the final diagnostics equal what a fresh
// server reports for the same final texts. Every run is reproducible from its seed.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '../helpers/engine.mjs';
import { LspClient, applyLspEdits } from '../helpers/lspClient.mjs';

const require = createRequire(import.meta.url);
const { CancellationTokenSource } = require('vscode-languageserver-protocol/node');

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  'await ', 'async ', '(', ')', '{', '}', ';', '`${', '"', "'", '/*', '*/', '\n', '\r\n', '\r', '😀', '\u{1D4B3}', '\uFEFF',
  'fs.readFileSync("/x")', 'Promise.resolve(1)', 'new Promise(() => {})', '.then(() => 1)', 'for (const x of xs) ',
  '// loopguard-ignore-next-line blocking-call -- reason\n', '// loopguard-ignore-line\n', 'export ', 'return ', 'function f() {', '=> ',
];

/** A workspace with the sample service and the rule fixtures (real cross-file imports), node_modules linked in. */
export function makeFuzzWorkspace() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loopguard-fuzz-'));
  cpSync(path.join(repoRoot, 'samples/service'), path.join(root, 'service'), { recursive: true });
  cpSync(path.join(repoRoot, 'test/fixtures/rules'), path.join(root, 'rules'), { recursive: true });
  writeFileSync(path.join(root, 'rules/tsconfig.json'), readFileSync(path.join(repoRoot, 'test/fixtures/tsconfig.json')));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const files = readdirSync(root, { recursive: true })
    .map((name) => String(name))
    .filter((name) => /\.(?:[cm]?[jt]s|[jt]sx)$/.test(name) && !name.endsWith('.d.ts') && !name.startsWith('node_modules'))
    .sort()
    .map((name) => path.join(root, name));
  return { root, files, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

const comparable = (items) =>
  items.map((item) => JSON.stringify([item.range, item.code, item.severity, item.message])).sort();

/**
 * @param {{ seed: number, steps: number, timeBudgetMs?: number, log?: (line: string) => void }} options
 * @returns the run's figures; throws an Error naming the seed and step on any failure.
 */
export async function fuzz({ seed, steps, timeBudgetMs = Infinity, log = () => {}, requestTimeoutMs = 120_000 }) {
  const random = mulberry32(seed);
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const workspace = makeFuzzWorkspace();
  const client = new LspClient({ workspace: workspace.root });
  const open = new Map(); // fileName -> current text
  const pending = new Set();
  const figures = { seed, steps: 0, opens: 0, changes: 0, closes: 0, diagnostics: 0, codeActions: 0, applied: 0, staleRefused: 0, cancelled: 0, checkedFiles: 0 };
  let step = 0;
  const fail = (message) => {
    throw new Error(`fuzz seed ${seed}, step ${step}: ${message}\nserver stderr:\n${client.stderr.slice(-2000)}`);
  };
  // Every request must settle (a result or an error such as RequestCancelled) within the timeout.
  const track = (label, promise) => {
    let timer;
    const settled = Promise.race([
      promise.then((value) => ({ value }), (error) => ({ error })),
      new Promise((resolve) => (timer = setTimeout(() => resolve({ timeout: true }), requestTimeoutMs))),
    ]).then((outcome) => {
      clearTimeout(timer);
      pending.delete(settled);
      if (outcome.timeout) fail(`${label} was never answered`);
      return outcome;
    });
    pending.add(settled);
    return settled;
  };
  const mutate = (text) => {
    const at = int(text.length + 1);
    switch (int(5)) {
      case 0: return text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
      case 1: return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + int(40)));
      case 2: return text.slice(0, at);
      case 3: { const from = int(text.length + 1); return text.slice(0, at) + text.slice(from, from + int(80)) + text.slice(at); }
      default: return text;
    }
  };
  /** A random LSP range inside `text` (line/UTF-16 character), possibly splitting a surrogate pair or CRLF. */
  const randomRange = (text) => {
    const lines = text.split('\n');
    const position = () => { const line = int(lines.length); return { line, character: int(lines[line].length + 1) }; };
    const [a, b] = [position(), position()].sort((x, y) => x.line - y.line || x.character - y.character);
    return { start: a, end: b };
  };

  const started = Date.now();
  try {
    await client.initialize();
    for (step = 0; step < steps && Date.now() - started < timeBudgetMs; step++) {
      figures.steps++;
      const openFiles = [...open.keys()];
      const action = openFiles.length === 0 ? 0 : int(10);
      if (action === 0 || (action === 1 && openFiles.length < 6)) {
        const file = pick(workspace.files);
        if (open.has(file)) continue;
        const text = random() < 0.3 ? mutate(readFileSync(file, 'utf8')) : readFileSync(file, 'utf8');
        open.set(file, text);
        figures.opens++;
        await client.open(file, text);
      } else if (action <= 4) {
        const file = pick(openFiles);
        figures.changes++;
        if (random() < 0.5) {
          const text = mutate(open.get(file));
          open.set(file, text);
          await client.change(file, text);
        } else {
          const range = randomRange(open.get(file));
          const insert = random() < 0.5 ? pick(SNIPPETS) : '';
          // Mirror the server's incremental update with the same document implementation it uses.
          const { TextDocument } = require('vscode-languageserver-textdocument');
          const document = TextDocument.create('file:///x', 'typescript', 1, open.get(file));
          const text = TextDocument.applyEdits(document, [{ range, newText: insert }]);
          open.set(file, text);
          await client.edit(file, range, insert);
        }
      } else if (action === 5) {
        const file = pick(openFiles);
        open.delete(file);
        figures.closes++;
        await client.close(file);
      } else if (action <= 7) {
        const file = pick(openFiles);
        figures.diagnostics++;
        if (random() < 0.3) {
          const source = new CancellationTokenSource();
          const request = track(`cancelled diagnostics for ${file}`, client.diagnostics(file, source.token));
          source.cancel();
          figures.cancelled++;
          if (random() < 0.5) await request;
        } else {
          const outcome = await track(`diagnostics for ${file}`, client.diagnostics(file));
          if (outcome.error) fail(`diagnostics for ${file} failed: ${outcome.error.message}`);
        }
      } else {
        // Code actions for the current diagnostics; then either apply one (when still current) or
        // edit first and check that the now-stale action is refused.
        const file = pick(openFiles);
        const version = client.versions.get(file);
        const diagnosticsOutcome = await track(`diagnostics for ${file}`, client.diagnostics(file));
        if (diagnosticsOutcome.error) fail(`diagnostics failed: ${diagnosticsOutcome.error.message}`);
        const items = diagnosticsOutcome.value;
        if (items.length === 0) continue;
        const diagnostic = pick(items);
        const stale = random() < 0.4;
        if (stale) {
          const text = `${open.get(file)}\n`;
          open.set(file, text);
          await client.change(file, text);
        }
        figures.codeActions++;
        const only = random() < 0.2 ? ['source.fixAll'] : undefined;
        const outcome = await track(`code actions for ${file}`, client.codeActions(file, diagnostic.range, [diagnostic], only));
        if (outcome.error) fail(`code actions failed: ${outcome.error.message}`);
        const current = client.versions.get(file);
        for (const codeAction of outcome.value ?? []) {
          for (const change of codeAction.edit?.documentChanges ?? []) {
            if (change.textDocument.version !== current) fail(`code action "${codeAction.title}" carries version ${change.textDocument.version}, the document is at ${current}`);
          }
        }
        const quickFixes = (outcome.value ?? []).filter((candidate) => candidate.edit && candidate.kind === 'quickfix');
        if (stale && version !== current && quickFixes.length > 0) fail(`a diagnostic from version ${version} got edits at version ${current}`);
        if (stale) figures.staleRefused++;
        const chosen = outcome.value?.filter((candidate) => candidate.edit)?.[int(8)];
        if (chosen && !stale) {
          const [change] = chosen.edit.documentChanges;
          // VS Code applies only when the versions match; it does, so apply as the editor would.
          const text = applyLspEdits(open.get(file).replace(/\r\n?/g, '\n') === open.get(file) ? open.get(file) : open.get(file), change.edits);
          open.set(file, text);
          figures.applied++;
          await client.change(file, text);
        }
      }
      if (client.process.exitCode !== null) fail(`the server exited with ${client.process.exitCode}`);
    }
    await Promise.all([...pending]);
    // The end state must be what a fresh server computes from the same texts.
    const finalDiagnostics = new Map();
    for (const file of open.keys()) {
      const outcome = await track(`final diagnostics for ${file}`, client.diagnostics(file));
      if (outcome.error) fail(`final diagnostics failed: ${outcome.error.message}`);
      finalDiagnostics.set(file, outcome.value);
    }
    if (client.process.exitCode !== null) fail(`the server exited with ${client.process.exitCode}`);
    const fresh = new LspClient({ workspace: workspace.root });
    try {
      await fresh.initialize();
      for (const [file, text] of open) await fresh.open(file, text);
      for (const [file, items] of finalDiagnostics) {
        const expected = comparable(await fresh.diagnostics(file));
        const actual = comparable(items);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          fail(`final diagnostics of ${path.relative(workspace.root, file)} differ from a fresh server's:\n  got      ${actual.join('\n           ')}\n  expected ${expected.join('\n           ')}`);
        }
        figures.checkedFiles++;
      }
    } finally {
      await fresh.stop();
    }
    figures.ms = Date.now() - started;
    log(JSON.stringify(figures));
    return figures;
  } finally {
    await client.stop();
    workspace.dispose();
  }
}
