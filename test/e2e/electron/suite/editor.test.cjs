// Runs inside the VS Code extension host (mocha, bdd): Loop Guard's
// diagnostics and code actions on the sample project, asserted through the
// VS Code API. Expectations come from the "// seeded: <rule>" comments.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const folder = () => vscode.workspace.workspaceFolders[0].uri;
const fileUri = (rel) => vscode.Uri.joinPath(folder(), rel);

function seeded(text) {
  return text.split('\n').flatMap((line, i) => {
    const m = line.match(/\/\/ seeded: ([a-z-]+)/);
    return m ? [{ line: i + 1, rule: m[1] }] : [];
  });
}

async function waitFor(what, fn, timeout = 120_000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last.ok) return last.value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last?.value)}`);
}

const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'loopguard');
const key = (d) => `${d.range.start.line + 1}:${typeof d.code === 'object' ? d.code.value : d.code}`;

async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function diagnosticsMatch(uri, expected) {
  const want = expected.map((e) => `${e.line}:${e.rule}`).join(',');
  return waitFor(`loopguard diagnostics ${want}`, async () => {
    const got = ours(uri);
    return { ok: got.map(key).join(',') === want, value: got.map(key) };
  });
}

async function actionsAt(doc, diagnostic) {
  return vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

describe('Loop Guard in the extension host', () => {
  before(async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'loopguard');
    assert.ok(ext, 'Loop Guard is not loaded');
  });

  for (const rel of ['src/routes/users.ts', 'src/jobs/cleanup.js']) {
    it(`reports the seeded mistakes of ${rel}`, async () => {
      const doc = await open(rel);
      await diagnosticsMatch(doc.uri, seeded(doc.getText()));
      const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'loopguard');
      assert.ok(ext.isActive, 'the extension should be active after opening the file');
    });
  }

  it('offers "Add await" and "Learn", and the fix edits the text and clears the diagnostic', async () => {
    const doc = await open('src/routes/users.ts');
    const expected = seeded(doc.getText());
    await diagnosticsMatch(doc.uri, expected);
    const floating = ours(doc.uri).find((d) => key(d).endsWith(':floating-promise'));
    const actions = await actionsAt(doc, floating);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Add await'), JSON.stringify(titles));
    assert.ok(titles.some((t) => t.startsWith('Learn: ')), JSON.stringify(titles));
    const line = floating.range.start.line;
    const before = doc.lineAt(line).text;
    assert.ok(await vscode.workspace.applyEdit(actions.find((a) => a.title === 'Add await').edit));
    assert.equal(doc.lineAt(line).text, before.replace(/^(\s*)/, '$1await '));
    await diagnosticsMatch(
      doc.uri,
      expected.filter((e) => e.rule !== 'floating-promise'),
    );
  });

  it('rewrites readFileSync to fs.promises.readFile with await', async () => {
    const doc = await open('src/routes/users.ts');
    const blocking = await waitFor('blocking-call diagnostic', async () => {
      const d = ours(doc.uri).find((x) => key(x).endsWith(':blocking-call'));
      return { ok: !!d, value: d };
    });
    const actions = await actionsAt(doc, blocking);
    const fix = actions.find((a) => a.title === 'Use fs/promises readFile with await');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const line = blocking.range.start.line;
    const before = doc.lineAt(line).text;
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(line).text, before.replace('fs.readFileSync(', 'await fs.promises.readFile('));
    await waitFor('blocking-call cleared', async () => ({ ok: !ours(doc.uri).some((x) => key(x).endsWith(':blocking-call')) }));
  });

  it('"Learn" runs loopguard.learn with the concept page', async () => {
    const doc = await open('src/routes/users.ts');
    const d = await waitFor('missing-await diagnostic', async () => {
      const x = ours(doc.uri).find((y) => key(y).endsWith(':missing-await'));
      return { ok: !!x, value: x };
    });
    const learn = (await actionsAt(doc, d)).find((a) => a.title.startsWith('Learn: '));
    assert.equal(learn.command.command, 'loopguard.learn');
    const page = vscode.Uri.parse(learn.command.arguments[0]);
    assert.ok(fs.existsSync(page.fsPath), page.fsPath);
    await vscode.commands.executeCommand(learn.command.command, ...learn.command.arguments);
  });

  it('turning a rule off in loopguard.rules takes effect without reloading', async () => {
    const doc = await open('src/server.ts');
    const expected = seeded(doc.getText());
    await diagnosticsMatch(doc.uri, expected);
    const config = vscode.workspace.getConfiguration('loopguard');
    await config.update('rules', { 'blocking-call': 'off' }, vscode.ConfigurationTarget.Global);
    try {
      await diagnosticsMatch(doc.uri, expected.filter((e) => e.rule !== 'blocking-call'));
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticsMatch(doc.uri, expected);
  });
});
