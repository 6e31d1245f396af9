// Editor e2e harness: a real VS Code (code-server, VS Code for the web) with a
// .vsix installed, driven through Debian's Chromium by playwright-core, and
// asserted on what is on screen (DOM), the way a user sees it.
//
//   const s = await launch({ vsix, workspace: 'samples', name: 'editor' });
//   try { await s.openFile('service/a.ts'); await s.waitForSquiggles({ lines: [3] }); }
//   finally { await s.close(); }
//
// Needs `node scripts/e2e-setup.mjs` first (Node 24, code-server, chromium,
// playwright-core under .cache/e2e/). Every wait polls with a bounded timeout;
// there are no fixed sleeps. A failed wait throws an E2EError whose message
// says what was expected, what was on screen, and the path of a screenshot.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = path.join(ROOT, '.cache', 'e2e');
export const RESULTS = path.join(ROOT, 'test-results');
const NODE24 = path.join(CACHE, 'node24', 'bin', 'node');
const CODE_SERVER_ENTRY = path.join(CACHE, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

export const DEFAULT_TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 30_000);
const SQUIGGLE_CLASSES = ['squiggly-error', 'squiggly-warning', 'squiggly-info', 'squiggly-hint'];
const isMac = false; // code-server runs in Linux Chromium here: Ctrl is the modifier.
const MOD = isMac ? 'Meta' : 'Control';

// Settings that keep the workbench quiet and deterministic: no welcome page,
// tours, trust prompt, recommendations, AI/chat side bar, update checks.
export const BASE_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'workbench.editor.enablePreview': false,
  'workbench.editor.useModal': 'off', // settings.json etc. open as normal editors
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'npm.autoDetect': 'off',
  'typescript.tsc.autoDetect': 'off',
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 200,
  'editor.hover.sticky': true,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.parameterHints.enabled': false,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.wordWrap': 'off',
  'editor.scrollBeyondLastLine': false,
  'editor.inlineSuggest.enabled': false,
  'editor.lightbulb.enabled': 'on',
  // Only the extension under test paints squiggles: the built-in TS/JS
  // checker would add its own (and costs CPU on 2 cores).
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'typescript.suggestionActions.enabled': false,
  'javascript.suggestionActions.enabled': false,
  'typescript.surveys.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
  'window.commandCenter': false,
  'notifications.doNotDisturb': false,
};

export class E2EError extends Error {
  constructor(what, expected, onScreen, shot) {
    super(
      `${what}\n  expected:  ${expected}\n  on screen: ${onScreen.replace(/\n/g, '\n             ')}\n  screenshot: ${shot ?? '(none)'}`,
    );
    this.name = 'E2EError';
  }
}

// ---------------------------------------------------------------- processes

const liveGroups = new Set(); // pids of process-group leaders we started
const liveBrowsers = new Set();
const liveTmp = new Set();

function descendants(pid) {
  // pid -> children map from /proc, so nothing that code-server spawned
  // (extension hosts, language servers, ptys) survives teardown even if it
  // moved to another process group.
  const kids = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch {}
  }
  const out = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    for (const c of kids.get(p) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

function killTree(pid, signal = 'SIGKILL') {
  const all = [pid, ...descendants(pid)];
  try {
    process.kill(-pid, signal);
  } catch {}
  for (const p of all) {
    try {
      process.kill(p, signal);
    } catch {}
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function emergencyCleanup() {
  for (const pid of liveGroups) killTree(pid, 'SIGKILL');
  liveGroups.clear();
  for (const dir of liveTmp) {
    if (!process.env.E2E_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
  }
}
process.once('exit', emergencyCleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    for (const b of liveBrowsers) b.close().catch(() => {});
    emergencyCleanup();
    process.exit(128 + (os.constants.signals[sig] ?? 1));
  });
}

// ---------------------------------------------------------------- helpers

export async function poll(fn, { timeout = DEFAULT_TIMEOUT, interval = 150 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last && last.ok) return { ok: true, value: last.value, last };
    if (Date.now() >= end) return { ok: false, value: last?.value, last };
    await new Promise((r) => setTimeout(r, interval));
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
  });
}

function loadPlaywright() {
  const req = createRequire(path.join(CACHE, 'package.json'));
  try {
    return req('playwright-core');
  } catch {
    // a root devDependency works too
    return createRequire(path.join(ROOT, 'package.json'))('playwright-core');
  }
}

const tail = (file, n = 30) => {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
};

function slug(s) {
  return String(s).replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

// ---------------------------------------------------------------- launch

/**
 * Starts code-server with its own user-data and extensions dirs, installs the
 * given .vsix files, opens `workspace` (a folder, copied to a temp dir unless
 * copyWorkspace is false) in headless Chromium, and waits for the workbench.
 */
export async function launch({
  vsix = [],
  workspace,
  copyWorkspace = true,
  workspaceParent = null, // where the copy goes (default: the session's temp dir)
  settings = {},
  name = 'e2e',
  viewport = { width: 1400, height: 900 },
  timeout = 90_000,
} = {}) {
  for (const [f, what] of [
    [NODE24, 'Node 24'],
    [CODE_SERVER_ENTRY, 'code-server'],
    [CHROMIUM, 'chromium'],
  ]) {
    if (!fs.existsSync(f)) throw new Error(`${what} missing at ${f}: run \`node scripts/e2e-setup.mjs\` first`);
  }
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `loopguard-e2e-${slug(name)}-`));
  liveTmp.add(tmp);
  const userData = path.join(tmp, 'user-data');
  const extDir = path.join(tmp, 'extensions');
  const xdg = path.join(tmp, 'xdg');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extDir, { recursive: true });
  fs.mkdirSync(xdg, { recursive: true });
  const settingsFile = path.join(userData, 'User', 'settings.json');
  const allSettings = { ...BASE_SETTINGS, ...settings };
  fs.writeFileSync(settingsFile, JSON.stringify(allSettings, null, 2));

  let folder = null;
  if (workspace) {
    if (copyWorkspace) {
      const parent = workspaceParent ? path.join(workspaceParent, path.basename(tmp)) : path.join(tmp, 'workspace');
      if (workspaceParent) liveTmp.add(parent);
      folder = path.join(parent, path.basename(path.resolve(workspace)));
      fs.cpSync(path.resolve(workspace), folder, { recursive: true });
    } else folder = path.resolve(workspace);
  }

  const env = {
    ...process.env,
    PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
    XDG_CONFIG_HOME: xdg,
    XDG_DATA_HOME: xdg,
    XDG_CACHE_HOME: xdg,
    HOME: process.env.HOME,
    // No extension gallery: the workbench would otherwise query open-vsx for
    // updates of the built-in extensions (no network here, and none wanted).
    EXTENSIONS_GALLERY: '{}',
  };
  delete env.NODE_OPTIONS;
  delete env.VSCODE_IPC_HOOK_CLI;
  const baseArgs = [
    CODE_SERVER_ENTRY,
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extDir,
    '--config',
    path.join(tmp, 'config.yaml'),
  ];

  for (const v of [].concat(vsix)) {
    const r = spawnSync(NODE24, [...baseArgs, '--install-extension', path.resolve(v), '--force'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const out = `${r.stdout}\n${r.stderr}`;
    if (r.status !== 0 || !/successfully installed|already installed/i.test(out)) {
      throw new Error(`installing ${v} into code-server failed (exit ${r.status}):\n${out.trim()}`);
    }
  }

  const port = await freePort();
  const logFile = path.join(tmp, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(
    NODE24,
    [
      ...baseArgs,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env, detached: true, stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  liveGroups.add(child.pid);
  let exited = null;
  child.on('exit', (code, sig) => (exited = `exit ${code ?? sig}`));

  const session = new Session({ tmp, workspaceCopy: copyWorkspace && folder ? path.dirname(folder) : null, userData, extDir, settingsFile, settings: allSettings, folder, port, child, logFile, name });
  try {
    const base = `http://127.0.0.1:${port}`;
    const up = await poll(async () => ({ ok: exited === null && (await httpStatus(`${base}/healthz`)) === 200 }), {
      timeout: 60_000,
      interval: 250,
    });
    if (!up.ok) {
      throw new Error(`code-server did not come up on ${base} (${exited ?? 'still running'}); log tail:\n${tail(logFile)}`);
    }
    const { chromium } = loadPlaywright();
    session.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    liveBrowsers.add(session.browser);
    const context = await session.browser.newContext({ viewport, deviceScaleFactor: 1 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base }).catch(() => {});
    session.page = await context.newPage();
    session.page.on('console', (m) => {
      if (m.type() === 'error') session.consoleErrors.push(m.text());
    });
    session.url = folder ? `${base}/?folder=${encodeURIComponent(folder)}` : base;
    await session.page.goto(session.url, { waitUntil: 'domcontentloaded', timeout });
    await session.waitFor(
      'the workbench to load',
      async () => {
        const s = await session.page.evaluate(() => ({
          wb: !!document.querySelector('.monaco-workbench .part.statusbar'),
          files: document.querySelectorAll('.explorer-folders-view .monaco-list-row').length,
        }));
        return { ok: s.wb && (!folder || s.files > 0), value: s };
      },
      { timeout, expected: `VS Code workbench with a status bar${folder ? ' and the folder listed in the Explorer' : ''}` },
    );
    session.startupMs = Date.now() - t0;
    return session;
  } catch (err) {
    await session.close({ failed: true }).catch(() => {});
    throw err;
  }
}

// ---------------------------------------------------------------- session

export class Session {
  constructor(o) {
    Object.assign(this, o);
    this.consoleErrors = [];
    this.browser = null;
    this.page = null;
    this.closed = false;
    this.shotCount = 0;
  }

  // ---- assertions plumbing

  async screenshot(name) {
    fs.mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `${slug(name)}.png`);
    if (!this.page) return null;
    try {
      await this.page.screenshot({ path: file, timeout: 10_000 });
      return file;
    } catch {
      return null;
    }
  }

  /** A short text description of what is on screen, for failure messages. */
  async describeScreen() {
    if (!this.page) return '(no page)';
    try {
      const d = await this.page.evaluate((SQ) => {
        const vis = (el) => !!el && el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden';
        const txt = (el) => (el?.innerText ?? '').replace(/\s+/g, ' ').trim();
        const tab = document.querySelector('.editor-group-container.active .tab.active');
        const notes = [...document.querySelectorAll('.notification-toast .notification-list-item-message')].map(txt);
        const hovers = [...document.querySelectorAll('.monaco-hover')].filter(vis).map(txt).filter(Boolean);
        const qi = document.querySelector('.quick-input-widget');
        const aw = document.querySelector('.action-widget');
        const dialog = document.querySelector('.monaco-dialog-box');
        const squiggles = [];
        const ed = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
        if (ed) {
          const top2line = new Map();
          for (const m of ed.querySelectorAll('.margin-view-overlays > div')) {
            const n = m.querySelector('.line-numbers');
            if (n) top2line.set(m.style.top, Number(n.textContent));
          }
          for (const l of ed.querySelectorAll('.view-overlays > div')) {
            for (const c of l.children) {
              const cls = SQ.find((k) => c.classList.contains(k));
              if (cls) squiggles.push(`${top2line.get(l.style.top) ?? '?'}:${cls.replace('squiggly-', '')}`);
            }
          }
        }
        return {
          title: document.title,
          tab: tab ? tab.getAttribute('aria-label') || txt(tab) : null,
          squiggles,
          notifications: notes,
          hovers,
          quickInput: vis(qi) ? txt(qi).slice(0, 300) : null,
          actionWidget: vis(aw) ? txt(aw).slice(0, 300) : null,
          dialog: vis(dialog) ? txt(dialog).slice(0, 300) : null,
          status: txt(document.querySelector('.part.statusbar')).slice(0, 300),
        };
      }, SQUIGGLE_CLASSES);
      const lines = [
        `page "${d.title}"; active editor: ${d.tab ?? 'none'}`,
        `squiggles (line:severity): ${d.squiggles.length ? d.squiggles.join(', ') : 'none'}`,
      ];
      if (d.hovers.length) lines.push(`hover: ${d.hovers.join(' | ').slice(0, 300)}`);
      if (d.quickInput) lines.push(`quick input: ${d.quickInput}`);
      if (d.actionWidget) lines.push(`action menu: ${d.actionWidget}`);
      if (d.dialog) lines.push(`dialog: ${d.dialog}`);
      if (d.notifications.length) lines.push(`notifications: ${d.notifications.join(' | ').slice(0, 300)}`);
      lines.push(`status bar: ${d.status}`);
      return lines.join('\n');
    } catch (e) {
      return `(could not read the page: ${e.message})`;
    }
  }

  async fail(what, expected, extra = '') {
    const shot = await this.screenshot(`FAIL-${this.name}-${what}-${++this.shotCount}`);
    const screen = (await this.describeScreen()) + (extra ? `\n${extra}` : '');
    const rel = shot && path.relative(process.cwd(), shot);
    return new E2EError(`E2E: ${what}`, expected, screen, shot ? (rel.startsWith('..') ? shot : rel) : null);
  }

  /** Polls fn (returning {ok, value}) until ok or timeout; then throws E2EError. */
  async waitFor(what, fn, { timeout = DEFAULT_TIMEOUT, interval = 150, expected = what, observed } = {}) {
    const t0 = Date.now();
    const r = await poll(
      async () => {
        try {
          return await fn();
        } catch (e) {
          return { ok: false, value: undefined, error: e };
        }
      },
      { timeout, interval },
    );
    if (process.env.E2E_DEBUG) console.error(`[e2e] ${r.ok ? 'ok  ' : 'FAIL'} ${what} (${Date.now() - t0} ms)`);
    if (r.ok) return r.value;
    let extra = r.last?.error ? `last error: ${r.last.error.message.split('\n')[0]}` : '';
    if (observed) extra += `${extra ? '\n' : ''}last observed: ${observed(r.last?.value)}`;
    throw await this.fail(what, expected, extra);
  }

  // ---- keyboard / quick input

  async press(keys) {
    await this.page.keyboard.press(keys.replace(/\bMod\b/g, MOD));
  }

  async quickInputRows() {
    return this.page.evaluate(() => {
      const w = document.querySelector('.quick-input-widget');
      if (!w || w.style.display === 'none' || w.offsetParent === null) return null;
      return [...w.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => ({
        label: (r.querySelector('.label-name, .monaco-highlighted-label')?.textContent ?? r.textContent).trim(),
        text: r.innerText.replace(/\s+/g, ' ').trim(),
        aria: r.getAttribute('aria-label') ?? '',
        focused: r.classList.contains('focused'),
      }));
    });
  }

  async closeOverlays() {
    // Escape closes quick input, hovers, action menu, suggest.
    for (let i = 0; i < 2; i++) await this.page.keyboard.press('Escape');
  }

  /**
   * Opens a quick input with `opener` keys, types `text`, waits for a row that
   * `match` accepts, selects it with the keyboard (so the same code path as a
   * user) and waits for the quick input to close.
   */
  async pickFromQuickInput(what, opener, text, match, { timeout = DEFAULT_TIMEOUT } = {}) {
    await this.closeOverlays();
    await this.press(opener);
    await this.waitFor(`${what}: quick input opens`, async () => ({ ok: (await this.quickInputRows()) !== null }), {
      timeout,
      expected: `quick input to open after ${opener}`,
    });
    const prefix = await this.page.evaluate(() => document.querySelector('.quick-input-widget input')?.value ?? '');
    // one input event (not a key per char): the command list re-filters per
    // event, which is slow on a busy 2-core machine
    await this.page.keyboard.insertText(text);
    let tries = 0;
    const idx = await this.waitFor(
      `${what}: a matching row`,
      async () => {
        // Right after start-up the file index may answer "0 Results" and not
        // refresh: type the query again every ~3 s, as a user would.
        if (++tries % 20 === 0) {
          await this.press('Mod+A');
          await this.page.keyboard.insertText(prefix + text);
        }
        const rows = await this.quickInputRows();
        const i = rows ? rows.findIndex(match) : -1;
        return { ok: i >= 0, value: i >= 0 ? i : rows };
      },
      {
        timeout,
        expected: `a quick input row matching "${text}"`,
        observed: (rows) => (Array.isArray(rows) ? rows.map((r) => r.text).slice(0, 8).join(' | ') || 'no rows' : 'none'),
      },
    );
    // move the focus to the row: rows are focused in order from the first.
    for (;;) {
      const rows = await this.quickInputRows();
      if (!rows) break;
      const f = rows.findIndex((r) => r.focused);
      const target = rows.findIndex(match);
      if (f === target || target < 0) break;
      await this.page.keyboard.press(f < target ? 'ArrowDown' : 'ArrowUp');
    }
    await this.page.keyboard.press('Enter');
    await this.waitFor(`${what}: quick input closes`, async () => ({ ok: (await this.quickInputRows()) === null }), {
      timeout: 10_000,
      expected: 'the quick input to close after Enter',
    });
    return idx;
  }

  /** Runs a command by its title through F1 (the Command Palette). */
  async executeCommand(title, { timeout } = {}) {
    const want = title.toLowerCase();
    await this.pickFromQuickInput(
      `command "${title}"`,
      'F1',
      title,
      (r) => r.label.toLowerCase() === want || r.aria.toLowerCase().startsWith(want) || r.text.toLowerCase().startsWith(want),
      { timeout },
    );
  }

  // ---- editor

  /** Opens a workspace file (path relative to the opened folder) via Quick Open. */
  async openFile(relPath, { timeout } = {}) {
    const base = path.posix.basename(relPath);
    const dir = path.posix.dirname(relPath);
    await this.pickFromQuickInput(
      `open ${relPath}`,
      'Mod+P',
      relPath,
      (r) =>
        r.label === base &&
        (dir === '.' || r.text.includes(dir) || r.aria.includes(dir)),
      { timeout },
    );
    await this.waitFor(
      `editor for ${relPath}`,
      async () => {
        const s = await this.page.evaluate((b) => {
          const tab = document.querySelector('.editor-group-container.active .tab.active');
          const ed = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
          return {
            tab: tab?.getAttribute('aria-label') ?? tab?.textContent ?? '',
            lines: ed ? ed.querySelectorAll('.view-line').length : 0,
            b,
          };
        }, base);
        return { ok: s.tab.includes(base) && s.lines > 0, value: s };
      },
      { timeout, expected: `an active editor tab for ${base} with its text rendered` },
    );
    this.currentFile = relPath;
    await this.focusEditor();
  }

  async focusEditor() {
    await this.page.evaluate(() => {
      const ta = document.querySelector(
        '.editor-group-container.active .editor-instance .monaco-editor textarea.inputarea, .editor-group-container.active .editor-instance .monaco-editor .native-edit-context',
      );
      ta?.focus();
    });
  }

  /** Visible lines of the active editor: [{line, text, top, squiggles: [{cls, rect}]}]. */
  async editorState() {
    return this.page.evaluate((SQ) => {
      const ed = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
      if (!ed) return null;
      const top2line = new Map();
      for (const m of ed.querySelectorAll('.margin-view-overlays > div')) {
        const n = m.querySelector('.line-numbers');
        if (n) top2line.set(m.style.top, Number(n.textContent));
      }
      const lines = new Map();
      const get = (n) => {
        if (!lines.has(n)) lines.set(n, { line: n, text: null, squiggles: [] });
        return lines.get(n);
      };
      for (const v of ed.querySelectorAll('.view-lines > .view-line')) {
        const n = top2line.get(v.style.top);
        if (n) get(n).text = v.textContent.replace(/\u00a0/g, ' ');
      }
      for (const l of ed.querySelectorAll('.view-overlays > div')) {
        const n = top2line.get(l.style.top);
        if (!n) continue;
        for (const c of l.children) {
          const cls = SQ.find((k) => c.classList.contains(k));
          if (!cls) continue;
          const r = c.getBoundingClientRect();
          get(n).squiggles.push({ severity: cls.replace('squiggly-', ''), x: r.x, y: r.y, w: r.width, h: r.height });
        }
      }
      return [...lines.values()].sort((a, b) => a.line - b.line);
    }, SQUIGGLE_CLASSES);
  }

  /** [{line, severity}] for every squiggle currently painted in the active editor. */
  async squiggles() {
    const st = (await this.editorState()) ?? [];
    return st.flatMap((l) => l.squiggles.map((s) => ({ line: l.line, severity: s.severity })));
  }

  /** Which lines of the active editor are on screen: {first, last, whole}. */
  async editorView() {
    return this.page.evaluate(() => {
      const ed = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
      if (!ed) return null;
      const nums = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].map((n) => Number(n.textContent)).filter(Boolean);
      const bar = ed.querySelector('.scrollbar.vertical');
      const slider = bar?.querySelector('.slider');
      const barH = bar ? parseFloat(bar.style.height) : 0;
      const sliderH = slider ? parseFloat(slider.style.height) : 0;
      const whole = !slider || !barH || sliderH >= barH - 1;
      return { first: Math.min(...nums), last: Math.max(...nums), whole };
    });
  }

  async panelVisible() {
    return this.page.evaluate(() => {
      const p = document.querySelector('.part.panel');
      return !!p && p.offsetParent !== null && p.getBoundingClientRect().height > 0;
    });
  }

  /**
   * Waits until the painted squiggles match: `count` (number of squiggles),
   * `lines` (exact sorted set of lines with a squiggle), `includes` (lines that
   * must have one), `excludes` (lines that must not), `severity` filter.
   * Squiggles are read from the DOM, so only lines on screen count: when the
   * file does not fit, the bottom panel is hidden (Ctrl+J) first; `lines` and
   * `count` then need the whole file on screen, `includes`/`excludes` only theirs.
   */
  async waitForSquiggles({ count, lines, includes, excludes, severity, timeout } = {}) {
    const want = [];
    if (count !== undefined) want.push(`${count} squiggle(s)`);
    if (lines) want.push(`squiggles on exactly lines [${lines.join(', ')}]`);
    if (includes) want.push(`squiggles on lines [${includes.join(', ')}]`);
    if (excludes) want.push(`no squiggle on lines [${excludes.join(', ')}]`);
    if (severity) want.push(`severity ${severity}`);
    const expected = `${want.join(', ') || 'any squiggle'} in ${this.currentFile ?? 'the active editor'}`;
    const named = [...(lines ?? []), ...(includes ?? []), ...(excludes ?? [])];
    let hidPanel = false;
    return this.waitFor(
      'squiggles',
      async () => {
        const view = await this.editorView();
        const onScreen = (l) => view && l >= view.first && l <= view.last;
        const fits = view && (view.whole || ((lines === undefined && count === undefined) && named.every(onScreen)));
        if (!fits && !hidPanel && (await this.panelVisible())) {
          hidPanel = true;
          await this.press('Mod+J');
        }
        let sq = await this.squiggles();
        if (severity) sq = sq.filter((s) => s.severity === severity);
        const ls = [...new Set(sq.map((s) => s.line))].sort((a, b) => a - b);
        let ok = !!fits && (count === undefined && !lines && !includes && !excludes ? sq.length > 0 : true);
        if (count !== undefined && sq.length !== count) ok = false;
        if (lines && ls.join(',') !== [...lines].sort((a, b) => a - b).join(',')) ok = false;
        if (includes && !includes.every((l) => ls.includes(l))) ok = false;
        if (excludes && excludes.some((l) => ls.includes(l))) ok = false;
        return { ok, value: { sq, view } };
      },
      {
        timeout,
        expected,
        observed: (v) =>
          v?.view ? `lines ${v.view.first}-${v.view.last} on screen${v.view.whole ? ' (the whole file)' : ' (not the whole file)'}` : 'no editor',
      },
    ).then((v) => v.sq);
  }

  /** Makes `line` of the active editor render: hides the bottom panel, then scrolls (Ctrl+G) if needed. */
  async revealLine(line) {
    const rendered = async () => ((await this.editorState()) ?? []).some((l) => l.line === line);
    if (await rendered()) return;
    if (await this.panelVisible()) {
      await this.press('Mod+J');
      const r = await poll(async () => ({ ok: await rendered() }), { timeout: 3000 });
      if (r.ok) return;
    }
    await this.gotoLine(line, 1);
  }

  /** Text of a line of the active editor (revealed first if off screen). */
  async lineText(line) {
    let st = (await this.editorState()) ?? [];
    if (!st.some((l) => l.line === line)) {
      await this.revealLine(line);
      st = (await this.editorState()) ?? [];
    }
    return st.find((l) => l.line === line)?.text ?? null;
  }

  async editorText() {
    const st = (await this.editorState()) ?? [];
    return st.map((l) => l.text ?? '').join('\n');
  }

  /** Moves the cursor to line:col via "Go to Line/Column" (Ctrl+G). */
  async gotoLine(line, col = 1) {
    await this.closeOverlays();
    await this.press('Mod+G');
    await this.waitFor('go to line input', async () => ({ ok: (await this.quickInputRows()) !== null }), {
      expected: 'the Go to Line quick input',
    });
    await this.page.keyboard.type(`${line}:${col}`);
    await this.page.keyboard.press('Enter');
    await this.waitFor('go to line closes', async () => ({ ok: (await this.quickInputRows()) === null }), {
      expected: 'the Go to Line input to close',
    });
    await this.waitFor(
      `cursor at ${line}:${col}`,
      async () => {
        const t = await this.page.evaluate(
          () => document.querySelector('#status\\.editor\\.selection, [id="status.editor.selection"]')?.textContent ?? '',
        );
        return { ok: new RegExp(`Ln ${line}, Col ${col}\\b`).test(t), value: t };
      },
      { expected: `status bar "Ln ${line}, Col ${col}"`, observed: (t) => t },
    );
  }

  /** Replaces the whole text of `line` by typing, as a user would. */
  async setLineText(line, text) {
    await this.gotoLine(line, 1); // column 1 (Home would stop at the indentation)
    await this.press('Shift+End');
    if (text === '') await this.press('Delete');
    else await this.page.keyboard.type(text);
    await this.waitFor(
      `line ${line} edited`,
      async () => {
        const t = await this.lineText(line);
        return { ok: t === text, value: t };
      },
      { expected: `line ${line} to read ${JSON.stringify(text)}`, observed: (t) => JSON.stringify(t) },
    );
  }

  /** Types text at the cursor (use gotoLine first). */
  async type(text) {
    await this.page.keyboard.type(text);
  }

  async save() {
    await this.press('Mod+S');
    await this.waitFor(
      'file saved',
      async () => {
        const dirty = await this.page.evaluate(() => !!document.querySelector('.editor-group-container.active .tab.active.dirty'));
        return { ok: !dirty };
      },
      { expected: 'the active tab to lose its unsaved (dirty) mark' },
    );
  }

  async squiggleOn(line, timeout) {
    await this.revealLine(line);
    return this.waitFor(
      `a squiggle on line ${line}`,
      async () => {
        const st = (await this.editorState()) ?? [];
        const l = st.find((x) => x.line === line);
        return { ok: !!l?.squiggles.length, value: l?.squiggles[0] };
      },
      { timeout, expected: `a squiggle painted on line ${line}` },
    );
  }

  /** Hovers the (first) squiggle on `line` and returns the hover text. */
  async hover(line, { contains, timeout } = {}) {
    await this.closeOverlays();
    // A single mouse move is not enough: a repaint or a late-arriving
    // diagnostic can dismiss the hover before it renders, and the editor
    // only re-shows it on a new mouse move. So every few seconds without a
    // hover, move off the squiggle and back onto it (re-reading its position).
    let lastHover = 0;
    const hoverOnce = async () => {
      const sq = await this.squiggleOn(line, timeout);
      const x = sq.x + Math.min(sq.w / 2, 20);
      const y = sq.y + sq.h / 2; // the decoration spans the line height
      await this.page.mouse.move(5, 5);
      await this.page.mouse.move(x, y, { steps: 3 });
      lastHover = Date.now();
    };
    await hoverOnce();
    const want = [].concat(contains ?? []);
    return this.waitFor(
      `hover on line ${line}`,
      async () => {
        if (Date.now() - lastHover > 3000) await hoverOnce();
        const t = await this.page.evaluate(() =>
          [...document.querySelectorAll('.monaco-editor .monaco-hover')]
            .filter((el) => el.offsetParent !== null && !el.classList.contains('hidden'))
            .map((el) => el.innerText.trim())
            .filter(Boolean)
            .join('\n'),
        );
        return { ok: !!t && want.every((w) => t.includes(w)), value: t };
      },
      {
        timeout,
        expected: `a hover on line ${line}${want.length ? ` containing ${want.map((w) => JSON.stringify(w)).join(', ')}` : ''}`,
        observed: (t) => JSON.stringify(t ?? ''),
      },
    );
  }

  /** Links in the visible hover: [{text, href}]. */
  async hoverLinks() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.monaco-editor .monaco-hover a')]
        .filter((a) => a.offsetParent !== null)
        .map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('data-href') || a.getAttribute('href') || '' })),
    );
  }

  async actionMenuItems() {
    return this.page.evaluate(() => {
      const w = document.querySelector('.action-widget');
      if (!w || w.offsetParent === null) return null;
      return [...w.querySelectorAll('.monaco-list-row.action')]
        .map((r) => ({
          label: (r.querySelector('.title')?.textContent ?? r.textContent).trim(),
          disabled: r.classList.contains('option-disabled') || r.getAttribute('aria-disabled') === 'true',
          focused: r.classList.contains('focused'),
        }));
    });
  }

  /**
   * Puts the cursor on the squiggle of `line` and presses Ctrl+. ; returns the
   * labels of the code action menu (waits until `contains` labels show).
   */
  async openQuickFix(line, { contains, timeout } = {}) {
    await this.closeOverlays();
    const sq = await this.squiggleOn(line, timeout);
    await this.page.mouse.click(sq.x + Math.min(2, sq.w / 2), sq.y + sq.h / 2);
    await this.page.mouse.move(5, 5);
    const want = [].concat(contains ?? []);
    // the first Ctrl+. may come before the server answered; re-press if the
    // menu shows nothing useful yet.
    let pressed = 0;
    return this.waitFor(
      `quick fix menu on line ${line}`,
      async () => {
        let items = await this.actionMenuItems();
        if (!items && pressed++ % 10 === 0) {
          await this.press('Mod+Period');
          items = await this.actionMenuItems();
        }
        const labels = (items ?? []).map((i) => i.label);
        return { ok: !!items && want.every((w) => labels.some((l) => l.includes(w))), value: labels };
      },
      {
        timeout,
        interval: 200,
        expected: `the Ctrl+. menu on line ${line}${want.length ? ` listing ${want.map((w) => JSON.stringify(w)).join(', ')}` : ''}`,
        observed: (l) => (l ? JSON.stringify(l) : 'no menu'),
      },
    );
  }

  /** Selects the action whose label includes `label` in the open Ctrl+. menu. */
  async applyQuickFix(label, { timeout } = {}) {
    const items = await this.actionMenuItems();
    const target = items?.findIndex((i) => i.label.includes(label)) ?? -1;
    if (target < 0) throw await this.fail(`apply quick fix "${label}"`, `an entry "${label}" in the Ctrl+. menu`);
    for (let guard = 0; guard < 50; guard++) {
      const cur = await this.actionMenuItems();
      const f = cur?.findIndex((i) => i.focused) ?? -1;
      if (f === target) break;
      await this.page.keyboard.press(f < target ? 'ArrowDown' : 'ArrowUp');
    }
    await this.page.keyboard.press('Enter');
    await this.waitFor('action menu closes', async () => ({ ok: (await this.actionMenuItems()) === null }), {
      timeout,
      expected: 'the Ctrl+. menu to close after choosing an action',
    });
  }

  /** Tab labels of the active editor group: [{label, active, dirty}]. */
  async tabs() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.editor-group-container.active .tab')].map((t) => ({
        label: t.getAttribute('aria-label') ?? t.textContent.trim(),
        active: t.classList.contains('active'),
        dirty: t.classList.contains('dirty'),
      })),
    );
  }

  /** Waits for the active tab's label to match `re`. */
  async waitForActiveTab(re, { timeout } = {}) {
    return this.waitFor(
      `active tab ${re}`,
      async () => {
        const t = (await this.tabs()).find((x) => x.active)?.label ?? '';
        return { ok: re.test(t), value: t };
      },
      { timeout, expected: `the active editor tab to match ${re}`, observed: (t) => JSON.stringify(t) },
    );
  }

  /**
   * Text of the webviews on screen (Markdown preview, extension webviews),
   * read from their frames; waits until one contains every `contains` string.
   */
  async webviewText({ contains, timeout } = {}) {
    const want = [].concat(contains ?? []);
    return this.waitFor(
      'webview content',
      async () => {
        const texts = [];
        for (const f of this.page.frames()) {
          if (f === this.page.mainFrame() || !/webview/.test(f.url())) continue;
          try {
            const t = await f.evaluate(() => document.body?.innerText ?? '');
            if (t.trim()) texts.push(t);
          } catch {}
        }
        const hit = texts.find((t) => want.every((w) => t.includes(w)));
        return { ok: hit !== undefined && (want.length > 0 || !!hit), value: hit ?? texts.join('\n---\n') };
      },
      {
        timeout,
        interval: 300,
        expected: `a webview showing ${want.map((w) => JSON.stringify(w)).join(', ') || 'text'}`,
        observed: (t) => JSON.stringify((t ?? '').slice(0, 300)),
      },
    );
  }

  // ---- status bar

  /**
   * Opens the language status hover (the {} item next to the language mode in
   * the status bar) and returns its text; waits until it contains `contains`.
   */
  async languageStatus({ contains, timeout } = {}) {
    const want = [].concat(contains ?? []);
    let clicks = 0;
    const text = await this.waitFor(
      'language status hover',
      async () => {
        const read = () =>
          this.page.evaluate(() =>
            [...document.querySelectorAll('.workbench-hover')]
              .filter((e) => e.offsetParent !== null)
              .map((e) => e.innerText.trim())
              .join('\n'),
          );
        let t = await read();
        if (!want.every((w) => t.includes(w)) && clicks++ % 10 === 0) {
          await this.closeOverlays();
          await this.page.click('[id="status.languageStatus"]', { timeout: 5000 });
          t = await read();
        }
        return { ok: !!t && want.every((w) => t.includes(w)), value: t };
      },
      {
        timeout,
        interval: 300,
        expected: `the language status hover${want.length ? ` listing ${want.map((w) => JSON.stringify(w)).join(', ')}` : ''}`,
        observed: (t) => JSON.stringify(t ?? ''),
      },
    );
    return text;
  }

  // ---- problems panel

  /**
   * Opens the Problems panel (Ctrl+Shift+M) and returns its markers:
   * [{file, message, source, code, line, col, severity}]. With `count`, waits
   * until that many markers (optionally of `source`) are listed.
   */
  async readProblemsPanel({ count, source, timeout } = {}) {
    await this.closeOverlays();
    const open = await this.page.evaluate(() => {
      const p = document.querySelector('.markers-panel');
      return !!p && p.offsetParent !== null;
    });
    if (!open) await this.press('Mod+Shift+M');
    const read = () =>
      this.page.evaluate(() => {
        const panel = document.querySelector('.markers-panel');
        if (!panel || panel.offsetParent === null) return null;
        const out = [];
        let file = null;
        const q = (row, sel) => row.querySelector(sel)?.textContent.trim() ?? null;
        for (const row of panel.querySelectorAll('.monaco-list-row')) {
          const t = row.innerText.replace(/\s+/g, ' ').trim();
          const aria = row.getAttribute('aria-label') ?? '';
          if (!row.querySelector('.marker-message-details-container, .marker-message')) {
            if (row.querySelector('.label-name')) file = row.querySelector('.label-name').textContent.trim();
            continue; // a file row (or a related-information row)
          }
          const ln = (q(row, '.marker-line') ?? '').match(/Ln (\d+), Col (\d+)/);
          const icon = row.querySelector('.marker-icon');
          out.push({
            file,
            message: q(row, '.marker-message'),
            source: q(row, '.marker-source'),
            code: q(row, '.marker-code'),
            line: ln ? Number(ln[1]) : null,
            col: ln ? Number(ln[2]) : null,
            severity: icon ? (icon.className.match(/\b(error|warning|info)\b/)?.[1] ?? null) : null,
            text: t,
            aria,
          });
        }
        return out;
      });
    return this.waitFor(
      'problems panel',
      async () => {
        let rows = await read();
        if (rows && source) rows = rows.filter((r) => r.source === source);
        return { ok: !!rows && (count === undefined || rows.length === count), value: rows };
      },
      {
        timeout,
        expected: `the Problems panel open${count !== undefined ? ` listing ${count} problem(s)${source ? ` from ${source}` : ''}` : ''}`,
        observed: (rows) => (rows ? rows.map((r) => r.text).join(' | ') || 'empty' : 'panel not open'),
      },
    );
  }

  // ---- settings

  /**
   * Changes user settings the way a user does: "Preferences: Open User
   * Settings (JSON)", edit, save, close; then returns to the previous editor.
   * (Writing the file from outside is picked up too, but only after the file
   * watcher notices, ~25 s in code-server.) `undefined` values are removed.
   */
  async updateSettings(patch) {
    const next = { ...this.settings, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
    const back = this.currentFile;
    await this.executeCommand('Preferences: Open User Settings (JSON)');
    await this.waitFor(
      'settings.json editor',
      async () => {
        const tab = await this.page.evaluate(
          () => document.querySelector('.editor-group-container.active .tab.active')?.getAttribute('aria-label') ?? '',
        );
        return { ok: /settings\.json/.test(tab), value: tab };
      },
      { expected: 'the user settings.json open in an editor', observed: (t) => t },
    );
    let presses = 0;
    await this.waitFor(
      'settings.json all selected',
      async () => {
        if (presses++ % 5 === 0) {
          await this.focusEditor();
          await this.press('Mod+A');
        }
        const t = await this.page.evaluate(
          () => document.querySelector('[id="status.editor.selection"]')?.textContent ?? '',
        );
        return { ok: /selected/.test(t), value: t };
      },
      { expected: 'Ctrl+A to select the whole settings.json (status bar "… selected")', observed: (t) => t },
    );
    await this.press('Delete');
    await this.waitFor(
      'settings.json emptied',
      async () => {
        const t = await this.editorText();
        return { ok: t.trim() === '', value: t };
      },
      { expected: 'an empty settings.json after Ctrl+A, Delete', observed: (t) => JSON.stringify(t).slice(0, 200) },
    );
    await this.page.keyboard.insertText(JSON.stringify(next, null, 2) + '\n');
    await this.save();
    await this.waitFor(
      'settings.json written',
      async () => {
        let onDisk = null;
        try {
          onDisk = JSON.parse(fs.readFileSync(this.settingsFile, 'utf8'));
        } catch {}
        return { ok: JSON.stringify(onDisk) === JSON.stringify(next), value: onDisk };
      },
      { expected: `settings.json on disk to equal ${JSON.stringify(patch)} merged`, observed: (v) => JSON.stringify(v) },
    );
    this.settings = next;
    await this.executeCommand('View: Close Editor');
    this.currentFile = null;
    if (back) await this.openFile(back);
  }

  workspaceFile(rel) {
    return path.join(this.folder, rel);
  }

  // ---- processes, status bar counts, notifications

  /**
   * Pids of the processes started under this code-server whose command line runs `script`
   * from the installed extensions (e.g. 'dist/server.js': the Loop Guard language server).
   */
  extensionProcesses(script) {
    if (!this.child?.pid) return [];
    return descendants(this.child.pid).filter((pid) => {
      try {
        const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv.some((arg) => arg.startsWith(this.extDir) && arg.endsWith(script));
      } catch {
        return false; // gone meanwhile
      }
    });
  }

  /** The status bar's problem counts (errors, warnings, infos as shown): {text, total}. */
  async problemCounts() {
    const text = await this.page.evaluate(() => document.querySelector('[id="status.problems"]')?.textContent?.trim() ?? null);
    const numbers = (text ?? '').match(/\d+/g) ?? [];
    return { text, total: numbers.reduce((sum, n) => sum + Number(n), 0) };
  }

  /** Waits until the status bar counts `total` problems (errors + warnings + infos). */
  async waitForProblemCount(total, { timeout } = {}) {
    return this.waitFor(
      `status bar problem count ${total}`,
      async () => {
        const counts = await this.problemCounts();
        return { ok: counts.total === total, value: counts };
      },
      { timeout, expected: `the status bar to count ${total} problems`, observed: (c) => JSON.stringify(c) },
    );
  }

  /** Texts of the notification toasts on screen; waits until one contains every `contains` string. */
  async notification({ contains, timeout } = {}) {
    const want = [].concat(contains ?? []);
    return this.waitFor(
      'notification',
      async () => {
        const texts = await this.page.evaluate(() =>
          [...document.querySelectorAll('.notification-toast .notification-list-item-message')].map((el) => el.textContent.trim()),
        );
        const hit = texts.find((t) => want.every((w) => t.includes(w)));
        return { ok: hit !== undefined, value: hit ?? texts };
      },
      { timeout, expected: `a notification containing ${want.map((w) => JSON.stringify(w)).join(', ')}`, observed: (t) => JSON.stringify(t) },
    );
  }

  // ---- teardown

  async close({ failed = false } = {}) {
    if (this.closed) return;
    this.closed = true;
    if (failed && this.logFile) {
      const dst = path.join(RESULTS, `${slug(this.name)}-code-server.log`);
      try {
        fs.mkdirSync(RESULTS, { recursive: true });
        fs.copyFileSync(this.logFile, dst);
      } catch {}
    }
    if (this.browser) {
      liveBrowsers.delete(this.browser);
      await Promise.race([this.browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
    }
    if (this.child?.pid) {
      const pid = this.child.pid;
      const tree = [pid, ...descendants(pid)];
      killTree(pid, 'SIGTERM');
      const gone = await poll(async () => ({ ok: tree.every((p) => !alive(p)) }), { timeout: 5000, interval: 100 });
      if (!gone.ok) for (const p of tree) try { process.kill(p, 'SIGKILL'); } catch {}
      liveGroups.delete(pid);
    }
    if (this.tmp && !process.env.E2E_KEEP_TMP) {
      for (const dir of [this.tmp, this.workspaceCopy]) {
        if (!dir) continue;
        fs.rmSync(dir, { recursive: true, force: true });
        liveTmp.delete(dir);
      }
    }
  }
}
