// A rule that fails on a file is never silent in the editor: the server tells the client
// (loopguard/ruleFailures) the text its language status item shows as a warning ("rule X failed
// on <file>: see Output"), logs it to the Output, and clears the warning once no file has a
// failing rule. Open documents (pull diagnostics) and Scan Workspace (worker) both report. The
// fault is injected with LOOPGUARD_TEST_FAIL_RULE (server/src/engine/host/faultInjection.ts):
// here blocking-call throws on every file whose text contains BOOM.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './helpers/lspClient.mjs';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-failure-'));
const calm = path.join(root, 'calm.js');
const open = path.join(root, 'open.js');
const closed = path.join(root, 'sub/closed.js');
const text = "const fs = require('fs');\nasync function handler() { return fs.readFileSync('x'); }\nmodule.exports = { handler };\n";
const faulty = `// BOOM\n${text}`;
fs.mkdirSync(path.dirname(closed), { recursive: true });
fs.writeFileSync(calm, text);
fs.writeFileSync(open, faulty);
fs.writeFileSync(closed, faulty);
after(() => fs.rmSync(root, { recursive: true, force: true }));

async function until(what, check, timeoutMs = 120_000) {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a failing rule on an open file, then on a scanned file: the status warning names them; fixed or deleted, it clears', { timeout: 300_000 }, async () => {
  process.env.LOOPGUARD_TEST_FAIL_RULE = 'blocking-call:BOOM';
  const client = new LspClient({ workspace: root });
  delete process.env.LOOPGUARD_TEST_FAIL_RULE;
  const notices = [];
  client.connection.onNotification('loopguard/ruleFailures', (params) => notices.push(params));
  try {
    await client.initialize();
    await client.open(calm, text, 'javascript');
    assert.ok((await client.diagnostics(calm)).some((diagnostic) => diagnostic.code === 'blocking-call'), 'control: the rule works on other files');
    assert.equal(notices.length, 0, 'no failure, no notice');

    await client.open(open, faulty, 'javascript');
    await client.diagnostics(open);
    const first = await until('the failure notice', () => notices[0]);
    assert.equal(first.message, 'rule blocking-call failed on open.js: see Output');
    assert.deepEqual(first.files, [{ fileName: open, ruleIds: ['blocking-call'] }]);
    assert.ok(client.logs.some((line) => /blocking-call failed on .*open\.js/.test(line)), 'the Output has the failure');

    await client.scanWorkspace();
    const both = await until('the scanned file in a notice', () => notices.find((notice) => notice.files.length === 2));
    assert.equal(both.message, 'rules failed on open.js and 1 more file: see Output');

    await client.change(open, text);
    await client.diagnostics(open);
    const one = await until('the fixed file to leave the notice', () => notices.find((notice) => notice.files.length === 1 && notice.files[0].fileName === closed));
    assert.equal(one.message, `rule blocking-call failed on ${path.join('sub', 'closed.js')}: see Output`);

    fs.rmSync(closed);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(closed).toString(), type: 3 }] });
    const cleared = await until('the warning to clear', () => notices.find((notice) => notice.files.length === 0));
    assert.equal(cleared.message, undefined);
  } finally {
    await client.stop();
  }
});
