// The editor experience as users live it (issue 3): the packaged .vsix
// installed into a real VS Code (code-server) and driven in Chromium, on the
// sample projects samples/service and samples/py-service (issue 13). Run through test/e2e/run.mjs (installs what
// it needs first), or directly once set up:
//   node --test test/e2e/editor.e2e.mjs        (E2E_VSIX=path to test another .vsix)
//
// Expectations come from the project itself, not from numbers copied here:
// every `// seeded: <rule>` comment in the samples marks a mistake, and the
// CLI's JSON report (dist/cli.js, built with the .vsix) gives the messages and
// concept pages; the suite checks that the editor shows exactly those.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CACHE, launch, ROOT } from './harness.mjs';

const VSIX = path.resolve(process.env.E2E_VSIX || path.join(ROOT, 'loopguard-0.1.0.vsix'));
const SAMPLES = path.join(ROOT, 'samples', 'service');
// The sample is copied (the suite edits it) under the repo, like samples/ itself,
// so TypeScript finds the repo's @types/node as it does for the CLI.
const WORKSPACES = path.join(CACHE, 'workspaces');
const FIRST_ANALYSIS_TIMEOUT = 180_000; // server start + first TypeScript program on 2 busy cores
const TIMEOUT = 60_000;

// ---------------------------------------------------------------- expectations

/** [{line, rule}] of the `// seeded: <rule>` comments of a sample file. */
function seeded(rel) {
  return fs
    .readFileSync(path.join(SAMPLES, rel), 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      const m = text.match(/\/\/ seeded: ([a-z-]+)/);
      return m ? [{ line: i + 1, rule: m[1] }] : [];
    });
}

let cliFindings;
/** The CLI's findings for a sample file (1-based lines), the editor must show the same. */
function cli(rel) {
  if (!cliFindings) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'samples/service', '--format', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.ok(r.stdout, `dist/cli.js gave no JSON report (exit ${r.status}): ${r.stderr}`);
    cliFindings = JSON.parse(r.stdout);
  }
  return cliFindings.filter((f) => f.file === `samples/service/${rel}`);
}

/** Every finding the CLI reports for the sample. */
function cliAll() {
  cli('');
  return cliFindings;
}

function expectedFor(rel) {
  const seeds = seeded(rel);
  const found = cli(rel);
  // the samples and the CLI agree: one finding per seeded comment, same rule
  assert.deepEqual(
    found.map((f) => `${f.line}:${f.ruleId}`),
    seeds.map((s) => `${s.line}:${s.rule}`),
    `CLI findings for ${rel} do not match its "// seeded:" comments`,
  );
  return found;
}

function conceptHeading(slug) {
  const md = fs.readFileSync(path.join(ROOT, 'docs', 'concepts', `${slug}.md`), 'utf8');
  // as rendered: without Markdown's inline marks
  return md.match(/^#\s+(.+)$/m)?.[1].replace(/[`*_]/g, '').trim();
}

const byRule = (list, rule) => {
  const f = list.find((x) => x.ruleId === rule);
  assert.ok(f, `no ${rule} finding in the samples`);
  return f;
};

// ---------------------------------------------------------------- suite

describe('Loop Guard in VS Code (TypeScript first)', { concurrency: false }, () => {
  const USERS = 'src/routes/users.ts';
  const SERVER = 'src/server.ts';
  let s;
  let users;

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` first`);
    users = expectedFor(USERS);
    s = await launch({ vsix: VSIX, workspace: SAMPLES, workspaceParent: WORKSPACES, name: 'editor-ts' });
    console.log(`# code-server + Chromium + workbench up in ${s.startupMs} ms`);
  });
  after(async () => {
    await s?.close();
  });

  test('1. activates on opening a .ts file; its language status items are shown (running; the loopguard.json in force)', async () => {
    await s.openFile(USERS);
    const status = await s.languageStatus({ contains: ['Loop Guard', 'running'], timeout: FIRST_ANALYSIS_TIMEOUT });
    assert.match(status, /Loop Guard\s*\n\s*running/);
    await s.closeOverlays();
    // The second item names the configuration in force: the sample's loopguard.json.
    const config = await s.languageStatus({ contains: ['loopguard.json'], timeout: TIMEOUT });
    assert.match(config, /loopguard\.json/);
    await s.closeOverlays();
  });

  test('2. squiggles on the seeded lines; Problems panel lists them with source loopguard and rule ids', async () => {
    const lines = users.map((f) => f.line);
    const sq = await s.waitForSquiggles({ lines, timeout: FIRST_ANALYSIS_TIMEOUT });
    for (const f of users) {
      const want = f.severity;
      assert.ok(
        sq.some((q) => q.line === f.line && q.severity === want),
        `line ${f.line} (${f.ruleId}) should have a ${want} squiggle; painted: ${JSON.stringify(sq)}`,
      );
    }
    const rows = (await s.readProblemsPanel({ count: users.length, source: 'loopguard', timeout: TIMEOUT })).filter(
      (r) => r.file === 'users.ts',
    );
    assert.deepEqual(
      rows.map((r) => ({ line: r.line, col: r.col, code: r.code, source: r.source, severity: r.severity, message: r.message })),
      users.map((f) => ({ line: f.line, col: f.column, code: f.ruleId, source: 'loopguard', severity: f.severity, message: f.message })),
    );
    await s.screenshot('squiggles');
  });

  test('3. hovering a squiggle shows the message and the concept link', async () => {
    const f = byRule(users, 'blocking-call');
    const text = await s.hover(f.line, { contains: [f.message, f.ruleId] });
    assert.ok(text.includes('loopguard'), `hover should name the source: ${text}`);
    const links = await s.hoverLinks();
    const link = links.find((l) => l.text === f.ruleId);
    assert.ok(link, `hover should link the rule id to its concept page; links: ${JSON.stringify(links)}`);
    assert.match(link.href, new RegExp(`/docs/concepts/${f.concept}\\.md$`));
    await s.screenshot('hover');
    await s.closeOverlays();
  });

  test('4. Ctrl+. lists our fixes; "Add await" and the readFileSync rewrite edit the text and clear the squiggle', async () => {
    const floating = byRule(users, 'floating-promise');
    const before13 = await s.lineText(floating.line);
    const labels = await s.openQuickFix(floating.line, { contains: ['Add await', 'Learn: '], timeout: TIMEOUT });
    assert.ok(labels.includes('Add await'), JSON.stringify(labels));
    await s.screenshot('quick-fix');
    await s.applyQuickFix('Add await');
    const wantLine = before13.replace(/^(\s*)/, '$1await ');
    await s.waitFor(
      'Add await applied',
      async () => {
        const t = await s.lineText(floating.line);
        return { ok: t === wantLine, value: t };
      },
      { expected: `line ${floating.line} to read ${JSON.stringify(wantLine)}`, observed: (t) => JSON.stringify(t) },
    );
    await s.waitForSquiggles({
      lines: users.filter((f) => f !== floating).map((f) => f.line),
      timeout: TIMEOUT,
    });

    const blocking = byRule(users, 'blocking-call');
    const beforeText = await s.lineText(blocking.line);
    assert.match(beforeText, /fs\.readFileSync\(/);
    await s.openQuickFix(blocking.line, { contains: 'Use fs/promises readFile with await', timeout: TIMEOUT });
    await s.applyQuickFix('Use fs/promises readFile with await');
    const wantBlocking = beforeText.replace('fs.readFileSync(', 'await fs.promises.readFile(');
    await s.waitFor(
      'readFileSync rewrite applied',
      async () => {
        const t = await s.lineText(blocking.line);
        return { ok: t === wantBlocking, value: t };
      },
      { expected: `line ${blocking.line} to read ${JSON.stringify(wantBlocking)}`, observed: (t) => JSON.stringify(t) },
    );
    const rest = users.filter((f) => f !== floating && f !== blocking);
    await s.waitForSquiggles({ lines: rest.map((f) => f.line), timeout: TIMEOUT });
    const rows = await s.readProblemsPanel({ count: rest.length, source: 'loopguard', timeout: TIMEOUT });
    assert.deepEqual(
      rows.map((r) => r.code),
      rest.map((f) => f.ruleId),
    );
  });

  test('5. "Learn" opens the concept page', async () => {
    const f = byRule(users, 'missing-await');
    const heading = conceptHeading(f.concept);
    assert.ok(heading, `docs/concepts/${f.concept}.md has no # heading`);
    const labels = await s.openQuickFix(f.line, { contains: 'Learn: ', timeout: TIMEOUT });
    const learn = labels.find((l) => l.startsWith('Learn: '));
    await s.applyQuickFix(learn);
    await s.waitForActiveTab(new RegExp(`Preview ${f.concept}\\.md`), { timeout: TIMEOUT });
    const text = await s.webviewText({ contains: heading, timeout: TIMEOUT });
    assert.ok(text.includes(heading));
    if (await s.panelVisible()) await s.press('Mod+J'); // the whole page for the screenshot
    await s.screenshot('concept-page');
    await s.executeCommand('View: Close Editor');
    await s.openFile(USERS);
  });

  test('6. editing away a mistake clears its squiggle; introducing one adds it', async () => {
    const f = byRule(users, 'await-non-promise');
    const text = await s.lineText(f.line);
    await s.setLineText(f.line, text.replace('await ', ''));
    const remaining = users.filter((x) => x.ruleId === 'missing-await' || x.ruleId === 'await-in-loop').map((x) => x.line);
    await s.waitForSquiggles({ lines: remaining, timeout: TIMEOUT });
    // a new blocking call on the next line (inside the same async function)
    const next = f.line + 1;
    const old = await s.lineText(next);
    assert.match(old, /response\.end\(String\(count\)\);/);
    await s.setLineText(next, "  response.end(fs.readFileSync('/tmp/count.txt', 'utf8') + String(count));");
    await s.waitForSquiggles({ lines: [...remaining, next].sort((a, b) => a - b), timeout: TIMEOUT });
    const rows = await s.readProblemsPanel({ count: remaining.length + 1, source: 'loopguard', timeout: TIMEOUT });
    const added = rows.find((r) => r.line === next);
    assert.equal(added?.code, 'blocking-call', JSON.stringify(rows));
    await s.save();
  });

  test('7. turning a rule off in loopguard.rules takes effect without reloading', async () => {
    const server = expectedFor(SERVER);
    await s.openFile(SERVER);
    await s.waitForSquiggles({ lines: server.map((f) => f.line), timeout: TIMEOUT });
    await s.page.evaluate(() => (window.__loopguardE2eNoReload = true));
    await s.updateSettings({ 'loopguard.rules': { 'blocking-call': 'off' } });
    await s.waitForSquiggles({ lines: server.filter((f) => f.ruleId !== 'blocking-call').map((f) => f.line), timeout: TIMEOUT });
    await s.updateSettings({ 'loopguard.rules': {} });
    await s.waitForSquiggles({ lines: server.map((f) => f.line), timeout: TIMEOUT });
    assert.equal(await s.page.evaluate(() => window.__loopguardE2eNoReload), true, 'the window reloaded');
  });

  test('8. a killed server is restarted: the language status says so once, and an edit gets squiggles again', async () => {
    const server = expectedFor(SERVER);
    await s.waitForSquiggles({ lines: server.map((f) => f.line), timeout: TIMEOUT });
    const before = s.extensionProcesses('dist/server.js');
    assert.equal(before.length, 1, `one Loop Guard server process under code-server, found ${JSON.stringify(before)}`);
    process.kill(before[0], 'SIGKILL');
    await s.waitFor(
      'a new server process',
      async () => {
        const now = s.extensionProcesses('dist/server.js');
        return { ok: now.length === 1 && now[0] !== before[0], value: now };
      },
      { timeout: TIMEOUT, expected: `a new dist/server.js process (the killed one was ${before[0]})`, observed: (p) => JSON.stringify(p) },
    );
    const status = await s.languageStatus({ contains: ['Loop Guard', 'restarted after the server stopped unexpectedly (1/5)'], timeout: TIMEOUT });
    assert.match(status, /running/);
    assert.equal((status.match(/restarted after/g) ?? []).length, 1, `said once: ${status}`);
    await s.closeOverlays();
    assert.equal(await s.page.evaluate(() => !!document.querySelector('.monaco-dialog-box')), false, 'no modal dialog');
    // The restarted server analyses edits: a new blocking call in the request handler.
    const line = server.find((f) => f.ruleId === 'blocking-call').line + 1;
    assert.match(await s.lineText(line), /response\.end\(stats\);/);
    await s.setLineText(line, "    response.end(readFileSync('/proc/uptime', 'utf8'));");
    await s.waitForSquiggles({ lines: [...server.map((f) => f.line), line].sort((a, b) => a - b), timeout: FIRST_ANALYSIS_TIMEOUT });
  });
});

describe('Loop Guard in VS Code (JavaScript first)', { concurrency: false }, () => {
  const CLEANUP = 'src/jobs/cleanup.js';
  let s;
  before(async () => {
    s = await launch({ vsix: VSIX, workspace: SAMPLES, workspaceParent: WORKSPACES, name: 'editor-js' });
  });
  after(async () => {
    await s?.close();
  });

  test('1. activates on opening a .js file; squiggles and the language status item are shown', async () => {
    const expected = expectedFor(CLEANUP);
    await s.openFile(CLEANUP);
    await s.languageStatus({ contains: ['Loop Guard', 'running'], timeout: FIRST_ANALYSIS_TIMEOUT });
    await s.closeOverlays();
    await s.waitForSquiggles({ lines: expected.map((f) => f.line), timeout: FIRST_ANALYSIS_TIMEOUT });
    const rows = await s.readProblemsPanel({ count: expected.length, source: 'loopguard', timeout: TIMEOUT });
    assert.deepEqual(
      rows.map((r) => `${r.line}:${r.code}`),
      expected.map((f) => `${f.line}:${f.ruleId}`),
    );
    await s.screenshot('squiggles-js');
  });

  test('2. "Loop Guard: Scan Workspace" lists the problems of files that are not open; opening one adds no duplicates', async () => {
    const findings = cliAll();
    const shown = findings.filter((f) => f.severity !== 'hint'); // the status bar counts errors, warnings and infos
    const files = new Set(findings.map((f) => f.file));
    await s.executeCommand('Loop Guard: Scan Workspace');
    await s.notification({ contains: [`Loop Guard: ${findings.length} problems in ${files.size} of`], timeout: FIRST_ANALYSIS_TIMEOUT });
    await s.screenshot('scan-workspace');
    await s.waitForProblemCount(shown.length, { timeout: TIMEOUT });
    const rows = await s.readProblemsPanel({ source: 'loopguard', timeout: TIMEOUT });
    assert.ok(rows.some((r) => r.file !== 'cleanup.js'), `the Problems panel lists files that are not open: ${JSON.stringify(rows.map((r) => r.file))}`);
    // Opening a scanned file: its pull diagnostics replace the published ones (same count, no duplicates).
    const AUTH = 'src/auth.ts';
    await s.openFile(AUTH);
    await s.waitForSquiggles({ lines: expectedFor(AUTH).map((f) => f.line), timeout: FIRST_ANALYSIS_TIMEOUT });
    await s.waitForProblemCount(shown.length, { timeout: TIMEOUT });
  });
});

// ---------------------------------------------------------------- Python (issue 13)

// The Python sample's expectations come from the engine (dist/engine.js, built with the .vsix) over
// the registry's Python rules, checked against the sample's `# seeded: <rule>` comments; the editor
// must show the same and apply the first fix offered. Skipped, with the reason, while no registered
// Python rule reports anything in the file or offers a fix there.
const PY_SAMPLE = path.join(ROOT, 'samples', 'py-service');
const PY_HANDLERS = 'src/py_service/handlers.py';

async function pythonExpectations(rel) {
  const engine = createRequire(import.meta.url)(path.join(ROOT, 'dist', 'engine.js'));
  await engine.preparePython();
  const analyser = new engine.Engine({ rules: engine.RULES, pythonRules: engine.PYTHON_RULES, root: PY_SAMPLE });
  const report = analyser.analyzeFile(path.join(PY_SAMPLE, rel));
  const lineOf = (offset) => report.text.slice(0, offset).split('\n').length;
  const findings = report.findings.map((f) => ({ ...f, line: lineOf(f.start) }));
  const seeds = new Set(
    report.text.split('\n').flatMap((text, i) => {
      const m = text.match(/# seeded: ([a-z-]+)/);
      return m ? [`${i + 1}:${m[1]}`] : [];
    }),
  );
  for (const f of findings) assert.ok(seeds.has(`${f.line}:${f.ruleId}`), `${rel}:${f.line} ${f.ruleId} is not a seeded mistake`);
  const fixable = findings.find((f) => f.fixes.length > 0);
  let fix;
  if (fixable) {
    const [first] = fixable.fixes;
    const edits = first.edits.filter((e) => e.fileName === report.fileName || !e.range);
    const fixed = engine.applyEdits(report.text, edits);
    // the finding's line after the fix: lines added or removed above it shift it
    const shift = edits
      .filter((e) => e.end <= fixable.start)
      .reduce((n, e) => n + (e.newText.split('\n').length - 1) - (report.text.slice(e.start, e.end).split('\n').length - 1), 0);
    fix = { finding: fixable, title: first.title, line: fixable.line + shift, text: fixed.split('\n')[fixable.line + shift - 1], lineCountChange: fixed.split('\n').length - report.text.split('\n').length };
  }
  return { findings, fix, registered: engine.PYTHON_RULES.map((r) => r.id) };
}

const python = await pythonExpectations(PY_HANDLERS).catch((error) => ({ error }));
/** Findings in the Problems panel's order: by severity (errors first), then by line. */
const SEVERITY_RANK = { error: 0, warning: 1, info: 2, hint: 3 };
const inPanelOrder = (findings) => [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line);
const pythonSkip = python.error
  ? `the Python expectations could not be computed (${python.error.message})`
  : python.findings.length === 0
    ? `no registered Python rule reports anything in ${PY_HANDLERS} yet (PYTHON_RULES: ${python.registered.join(', ') || 'none'})`
    : !python.fix
      ? `no registered Python rule offers a fix in ${PY_HANDLERS} yet`
      : false;

describe('Loop Guard in VS Code (Python first)', { concurrency: false, skip: pythonSkip }, () => {
  let s;
  before(async () => {
    s = await launch({ vsix: VSIX, workspace: PY_SAMPLE, workspaceParent: WORKSPACES, name: 'editor-py' });
  });
  after(async () => {
    await s?.close();
  });

  test('1. activates on opening a .py file; the language status item is shown; squiggles and Problems rows on the seeded lines', async () => {
    await s.openFile(PY_HANDLERS);
    const status = await s.languageStatus({ contains: ['Loop Guard', 'running'], timeout: FIRST_ANALYSIS_TIMEOUT });
    assert.match(status, /Loop Guard\s*\n\s*running/);
    await s.closeOverlays();
    // The file is longer than the editor shows: each finding's line is revealed and checked; the
    // Problems panel below checks that there is nothing else.
    for (const line of [...new Set(python.findings.map((f) => f.line))]) {
      await s.revealLine(line);
      await s.waitForSquiggles({ includes: [line], timeout: FIRST_ANALYSIS_TIMEOUT });
    }
    const rows = (await s.readProblemsPanel({ count: python.findings.length, source: 'loopguard', timeout: TIMEOUT })).filter((r) => r.file === 'handlers.py');
    assert.deepEqual(
      rows.map((r) => `${r.line}:${r.code}:${r.message}`),
      inPanelOrder(python.findings).map((f) => `${f.line}:${f.ruleId}:${f.message}`),
    );
    await s.screenshot('squiggles-py');
  });

  test(`2. Ctrl+. on a Python finding lists its fix and Learn; applying the fix edits the line and clears its squiggle`, async () => {
    const { finding, title, line, text } = python.fix;
    const labels = await s.openQuickFix(finding.line, { contains: [title, 'Learn: '], timeout: TIMEOUT });
    assert.ok(labels.includes(title), JSON.stringify(labels));
    await s.screenshot('quick-fix-py');
    await s.applyQuickFix(title);
    await s.waitFor(
      `"${title}" applied`,
      async () => {
        const t = await s.lineText(line);
        return { ok: t === text, value: t };
      },
      { expected: `line ${line} to read ${JSON.stringify(text)}`, observed: (t) => JSON.stringify(t) },
    );
    await s.waitForSquiggles({ excludes: [line], timeout: TIMEOUT });
    const rest = python.findings.filter((f) => f !== finding && !(f.line === finding.line && f.ruleId === finding.ruleId));
    const shifted = (f) => (f.line > finding.line ? f.line + python.fix.lineCountChange : f.line);
    const rows = (await s.readProblemsPanel({ count: rest.length, source: 'loopguard', timeout: TIMEOUT })).filter((r) => r.file === 'handlers.py');
    assert.deepEqual(
      rows.map((r) => `${r.line}:${r.code}`),
      inPanelOrder(rest).map((f) => `${shifted(f)}:${f.ruleId}`),
    );
  });

  test('3. "Learn" on a Python finding opens its concept page (the link carries #in-python-asyncio)', async () => {
    // A finding the fix of test 2 left in place, on its line after that fix.
    const f = python.findings.find((finding) => finding.ruleId !== python.fix.finding.ruleId);
    const line = f.line > python.fix.finding.line ? f.line + python.fix.lineCountChange : f.line;
    const labels = await s.openQuickFix(line, { contains: 'Learn: ', timeout: TIMEOUT });
    await s.applyQuickFix(labels.find((l) => l.startsWith('Learn: ')));
    await s.waitForActiveTab(new RegExp(`Preview ${f.concept}\\.md`), { timeout: TIMEOUT });
    const text = await s.webviewText({ contains: 'In Python (asyncio)', timeout: TIMEOUT });
    assert.ok(text.includes('In Python (asyncio)'));
    await s.screenshot('concept-page-py');
    await s.executeCommand('View: Close Editor');
  });
});
