// Faults: a throwing rule costs only its own results on that file (logged once, with file and
// rule); a long editing session does not grow the server's heap.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { engineModule } from '../helpers/engine.mjs';
import { LspClient } from '../helpers/lspClient.mjs';
import { blockingSnippet, makeWorkspace } from './workspace.mjs';

const { Engine, RULES, ts } = engineModule;
const workspace = makeWorkspace({ 'boom.ts': `${blockingSnippet()}export const b = Promise.resolve(1); b.then(() => 1);\n`, 'calm.ts': blockingSnippet() });
after(() => workspace.dispose());

const throwingRule = (when) => ({
  id: 'throws',
  concept: '',
  defaultSeverity: 'warning',
  description: 'fails on purpose',
  messages: { found: 'found a call' },
  create(context) {
    if (when === 'create' && context.sourceFile.fileName.endsWith('boom.ts')) throw new Error('create exploded');
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        if (context.sourceFile.fileName.endsWith('boom.ts')) throw new TypeError('visit exploded');
        context.report({ node, messageId: 'found' });
      },
    };
  },
});

for (const when of ['visit', 'create']) {
  test(`a rule that throws in ${when} loses only its results on that file, logged once with file and rule`, () => {
    const logs = [];
    const engine = new Engine({ rules: [...RULES, throwingRule(when)], root: workspace.root, log: (message) => logs.push(message) });
    const boomFile = workspace.file('boom.ts');
    const healthy = new Engine({ rules: RULES, root: workspace.root }).analyzeFile(boomFile);
    for (let run = 0; run < 3; run++) {
      const boom = engine.analyzeFile(boomFile);
      assert.deepEqual(
        boom.findings.map((finding) => finding.ruleId),
        healthy.findings.map((finding) => finding.ruleId),
        'the other rules still report on the failing file',
      );
      assert.equal(boom.notes.length, 1);
      assert.match(boom.notes[0], new RegExp(`rule throws failed on .*boom\\.ts: ${when} exploded`));
    }
    const calm = engine.analyzeFile(workspace.file('calm.ts'));
    assert.ok(calm.findings.some((finding) => finding.ruleId === 'throws'), 'the throwing rule still works on other files');
    const failures = logs.filter((message) => message.includes('rule throws failed'));
    assert.equal(failures.length, 1, `logged once per file and rule, got ${failures.length}`);
    assert.match(failures[0], /boom\.ts/);
  });
}

test('10,000 edits leave the heap within 20% of where it was after the first 1,000', { timeout: 900_000 }, async () => {
  const client = new LspClient({ workspace: workspace.root, serverArgs: ['--expose-gc'] });
  try {
    await client.initialize();
    const file = workspace.file('session.ts');
    const base = blockingSnippet();
    await client.open(file, base);
    await client.diagnostics(file);
    const heap = async () => (await client.connection.sendRequest('loopguard/heapUsed')).heapUsed;
    const edits = Number(process.env.LOOPGUARD_MEMORY_EDITS ?? 10_000);
    let afterFirstThousand;
    for (let i = 1; i <= edits; i++) {
      // Type a character at the end of line 0, ask for diagnostics every 10th edit (as VS Code's
      // debounced pull would), and delete the typed text every 50 edits so the file stays small.
      if (i % 50 === 0) await client.change(file, base);
      else await client.edit(file, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, i % 7 === 0 ? '\n' : 'x');
      if (i % 10 === 0) await client.diagnostics(file);
      if (i === Math.min(1000, edits / 10)) afterFirstThousand = await heap();
    }
    await client.diagnostics(file);
    const final = await heap();
    const growth = (final - afterFirstThousand) / afterFirstThousand;
    assert.ok(growth < 0.2, `heap grew ${(growth * 100).toFixed(1)}%: ${(afterFirstThousand / 1e6).toFixed(1)} MB -> ${(final / 1e6).toFixed(1)} MB`);
    assert.equal(client.process.exitCode, null);
  } finally {
    await client.stop();
  }
});
