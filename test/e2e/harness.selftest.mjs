// Proves test/e2e/harness.mjs against a throwaway extension built here (no
// Loop Guard code involved): install from .vsix, activation, squiggles in the
// DOM, hover, Ctrl+. quick fix, Problems panel, F1 commands, live settings,
// screenshots, teardown.   node --test test/e2e/harness.selftest.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, ROOT } from './harness.mjs';

const EXT_JS = String.raw`
const vscode = require('vscode');
exports.activate = (context) => {
  const coll = vscode.languages.createDiagnosticCollection('selftest');
  const status = vscode.languages.createLanguageStatusItem('selftest.status', { language: 'typescript' });
  status.text = 'Selftest ready';
  const enabled = () => vscode.workspace.getConfiguration('selftest').get('enabled', true);
  const lint = (doc) => {
    if (doc.languageId !== 'typescript') return;
    const out = [];
    if (enabled()) {
      for (let i = 0; i < doc.lineCount; i++) {
        const m = /\bBAD\b/.exec(doc.lineAt(i).text);
        if (!m) continue;
        const d = new vscode.Diagnostic(new vscode.Range(i, m.index, i, m.index + 3), 'BAD is not allowed here', vscode.DiagnosticSeverity.Warning);
        d.source = 'selftest';
        d.code = 'no-bad';
        out.push(d);
      }
    }
    coll.set(doc.uri, out);
  };
  context.subscriptions.push(
    coll, status,
    vscode.workspace.onDidOpenTextDocument(lint),
    vscode.workspace.onDidChangeTextDocument((e) => lint(e.document)),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('selftest')) vscode.workspace.textDocuments.forEach(lint); }),
    vscode.commands.registerCommand('selftest.hello', () => vscode.window.showInformationMessage('Hello from selftest')),
    vscode.languages.registerHoverProvider('typescript', {
      provideHover(doc, pos) {
        const d = coll.get(doc.uri)?.find((x) => x.range.contains(pos));
        if (!d) return;
        const md = new vscode.MarkdownString('Selftest says: ' + d.message + ' [Learn why](command:selftest.hello)');
        md.isTrusted = true;
        return new vscode.Hover(md, d.range);
      },
    }),
    vscode.languages.registerCodeActionsProvider('typescript', {
      provideCodeActions(doc, range, ctx) {
        return ctx.diagnostics.filter((d) => d.source === 'selftest').map((d) => {
          const a = new vscode.CodeAction('Replace BAD with GOOD', vscode.CodeActionKind.QuickFix);
          a.edit = new vscode.WorkspaceEdit();
          a.edit.replace(doc.uri, d.range, 'GOOD');
          a.diagnostics = [d];
          a.isPreferred = true;
          return a;
        });
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
  vscode.workspace.textDocuments.forEach(lint);
};
exports.deactivate = () => {};
`;

const PKG = {
  name: 'e2e-selftest',
  displayName: 'E2E Selftest',
  publisher: 'loopguard-e2e',
  version: '0.0.1',
  license: 'MIT',
  engines: { vscode: '^1.80.0' },
  main: './extension.js',
  activationEvents: ['onLanguage:typescript'],
  contributes: {
    commands: [{ command: 'selftest.hello', title: 'Selftest: Say Hello' }],
    configuration: { properties: { 'selftest.enabled': { type: 'boolean', default: true } } },
  },
};

const SAMPLE = `export async function load(): Promise<number> {
  return 1;
}

const a = BAD;
const b = 2;
export const c = BAD + b;
`;

let tmp, s;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-selftest-'));
  const ext = path.join(tmp, 'ext');
  fs.mkdirSync(ext);
  fs.writeFileSync(path.join(ext, 'package.json'), JSON.stringify(PKG, null, 2));
  fs.writeFileSync(path.join(ext, 'extension.js'), EXT_JS);
  const vsix = path.join(tmp, 'e2e-selftest.vsix');
  const r = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'vsce'),
    ['package', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: ext, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  assert.equal(r.status, 0, `vsce package failed:\n${r.stdout}\n${r.stderr}`);
  const ws = path.join(tmp, 'ws');
  fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'src', 'sample.ts'), SAMPLE);
  fs.writeFileSync(path.join(ws, 'src', 'other.js'), 'const BAD = 1; // not linted: js\n');
  const t0 = Date.now();
  s = await launch({ vsix, workspace: ws, name: 'selftest' });
  console.log(`# selftest: code-server + chromium + workbench up in ${s.startupMs} ms (install included: ${Date.now() - t0} ms)`);
});

after(async () => {
  await s?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('extension activates on a .ts file and paints its squiggles', async () => {
  await s.openFile('src/sample.ts');
  const sq = await s.waitForSquiggles({ lines: [5, 7], severity: 'warning', timeout: 60_000 });
  assert.equal(sq.length, 2);
  await s.screenshot('selftest-squiggles');
});

test('language status item is shown', async () => {
  const t = await s.languageStatus({ contains: 'Selftest ready' });
  assert.match(t, /Selftest ready/);
  await s.closeOverlays();
});

test('hover shows the message and the link', async () => {
  const text = await s.hover(5, { contains: ['BAD is not allowed here', 'Learn why'] });
  assert.match(text, /Selftest says/);
  const links = await s.hoverLinks();
  assert.ok(links.some((l) => l.text === 'Learn why'), JSON.stringify(links));
});

test('problems panel lists both markers with source and code', async () => {
  const rows = await s.readProblemsPanel({ count: 2, source: 'selftest' });
  assert.deepEqual(
    rows.map((r) => [r.line, r.code, r.severity]),
    [
      [5, 'no-bad', 'warning'],
      [7, 'no-bad', 'warning'],
    ],
  );
  assert.ok(rows.every((r) => r.message === 'BAD is not allowed here'), JSON.stringify(rows));
  await s.screenshot('selftest-problems');
});

test('Ctrl+. lists the fix, applying it edits the text and clears the squiggle', async () => {
  const labels = await s.openQuickFix(5, { contains: 'Replace BAD with GOOD' });
  assert.ok(labels.includes('Replace BAD with GOOD'), JSON.stringify(labels));
  await s.screenshot('selftest-quick-fix');
  await s.applyQuickFix('Replace BAD with GOOD');
  await s.waitFor('line 5 rewritten', async () => {
    const t = await s.lineText(5);
    return { ok: t === 'const a = GOOD;', value: t };
  }, { expected: 'line 5 to read "const a = GOOD;"', observed: (t) => JSON.stringify(t) });
  await s.waitForSquiggles({ lines: [7] });
});

test('typing a mistake adds a squiggle, removing it clears it', async () => {
  await s.gotoLine(6, 11);
  await s.type('BAD + ');
  await s.waitForSquiggles({ lines: [6, 7] });
  await s.setLineText(6, 'const b = 2;');
  await s.waitForSquiggles({ lines: [7] });
});

test('a settings change takes effect without reload', async () => {
  await s.updateSettings({ 'selftest.enabled': false });
  await s.waitForSquiggles({ count: 0 });
  await s.updateSettings({ 'selftest.enabled': true });
  await s.waitForSquiggles({ lines: [7] });
});

test('F1 runs a command (its notification appears)', async () => {
  await s.executeCommand('Selftest: Say Hello');
  await s.waitFor(
    'notification',
    async () => {
      const t = await s.page.evaluate(() =>
        [...document.querySelectorAll('.notification-toast')].map((n) => n.innerText).join('|'),
      );
      return { ok: t.includes('Hello from selftest'), value: t };
    },
    { expected: 'a notification "Hello from selftest"' },
  );
});

test('a failed wait reports expected / on screen / screenshot', async () => {
  const err = await s.waitForSquiggles({ lines: [1], timeout: 500 }).catch((e) => e);
  assert.equal(err.name, 'E2EError');
  assert.match(err.message, /expected: {2}squiggles on exactly lines \[1\]/);
  assert.match(err.message, /on screen: .*sample\.ts/);
  assert.match(err.message, /squiggles \(line:severity\): 7:warning/);
  assert.match(err.message, /screenshot: test-results\/FAIL-selftest-squiggles-\d+\.png/);
  const shot = err.message.match(/screenshot: (\S+)/)[1];
  assert.ok(fs.existsSync(path.resolve(ROOT, shot)));
  fs.rmSync(path.resolve(ROOT, shot));
});
