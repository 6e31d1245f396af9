// Python edits answered from what the engine kept (issue 13's 50 ms target): the syntax tree with
// one statement re-parsed (syntaxTree.ts), the scopes and the shared node walk outside it (names.ts,
// treeNodes.ts), the call summaries of the calls that stand (eventLoop.ts `reusableCalls`: those whose
// names and attributes mean what they meant), the resolutions of qualified names (resolutions.ts),
// the call graph's per-module edges (callGraphIndex.ts) and one line table per module text for fix
// edits (python/fixes.ts). Exactness: after random edits of the bench's kinds (bench/python-edits.mjs)
// and edits that change the call graph, in the generated 2,000-line module and in a module it
// imports, a long-lived engine's findings, scopes and node walk equal a fresh engine's on the same
// texts. Work is counted (calls summarised, modules whose edges are indexed, line tables built, tree
// walks), never timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { comparableFindings, createEngine, engineModule } from './helpers/engine.mjs';
import { generatedPythonProject } from './helpers/generatedPython.mjs';
import { EDIT_KINDS, editPositions, editsFor } from '../bench/python-edits.mjs';
import { mulberry32 } from './robustness/fuzzer.mjs';

/** Offset just after the first line of `text` matching `pattern` (a def's header: the body's first line goes there). */
function afterLine(text, pattern) {
  const match = pattern.exec(text);
  assert.ok(match, `no line matching ${pattern}`);
  return text.indexOf('\n', match.index) + 1;
}

/** The module file a `from X import name` of big_service.py names, and the async def it imports (to turn sync). */
function importedAsyncDef(root, bigText, files) {
  for (const match of bigText.matchAll(/^from (app\.[\w.]+) import (\w+)$/gm)) {
    const file = path.join(root, 'src', ...match[1].split('.')) + '.py';
    if (!files.includes(file)) continue;
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf(`async def ${match[2]}(`);
    if (at >= 0) return { file, text, at };
  }
  return undefined;
}

test('random edits of the bench kinds and of the call graph: a long-lived engine finds what a fresh one finds', async (t) => {
  await engineModule.preparePython();
  const { root, files, big } = generatedPythonProject(t, 40);
  const bigBase = readFileSync(big, 'utf8');
  const { positions, importSpecifier } = editPositions(big, bigBase);
  // Insertions into big_service.py at offsets of its original text (non-overlapping), toggled at random.
  const bigEdits = [];
  for (const [kind] of EDIT_KINDS) {
    if (positions[kind] === undefined) continue;
    const [edit] = editsFor(kind, positions[kind], 1, importSpecifier);
    bigEdits.push({ name: kind, offset: edit.offset, insert: edit.insert });
  }
  // A blocking call in a sync method the async ones reach; a new blocking helper and a call of it from an async method; a dropped coroutine.
  bigEdits.push({ name: 'blocking in a reached sync method', offset: afterLine(bigBase, /^ {4}def compute_3\(/m), insert: '        time.sleep(0.01)\n' });
  bigEdits.push({ name: 'new blocking helper', offset: bigBase.indexOf('\nclass BigService'), insert: '\n\ndef _new_helper() -> None:\n    time.sleep(1)\n\n' });
  bigEdits.push({ name: 'call of the new helper', offset: afterLine(bigBase, /^ {4}async def load_2\(/m), insert: '        _new_helper()\n' });
  bigEdits.push({ name: 'dropped coroutine', offset: afterLine(bigBase, /^ {4}async def load_4\(/m), insert: '        self.load_1(1)\n' });
  // Edits inside one method that change what calls elsewhere mean (a statement re-parsed alone must
  // not leave the other calls' summaries as they were): an instance attribute assigned (read by
  // another method), a local name rebound before its call in the same method, a module name rebound
  // through `global`.
  bigEdits.push({ name: 'instance attribute assigned', offset: afterLine(bigBase, /^ {4}def __init__\(/m), insert: '        self.http = requests.Session()\n' });
  bigEdits.push({ name: 'instance attribute used', offset: afterLine(bigBase, /^ {4}async def load_2\(/m), insert: '        self.http.get("u")\n' });
  bigEdits.push({ name: 'local name rebound', offset: afterLine(bigBase, /^ {4}async def load_1\(/m), insert: '        fetch_u7_0 = time.sleep\n' });
  bigEdits.push({ name: 'module name rebound', offset: afterLine(bigBase, /^ {4}def compute_0\(/m), insert: '        global requests\n        requests = None\n' });
  const imported = importedAsyncDef(root, bigBase, files);
  assert.ok(imported, 'big_service.py imports an async def of the project');

  const engine = createEngine({ root });
  const active = new Set();
  let importedSync = false;
  const texts = () => {
    let text = bigBase;
    for (const edit of [...bigEdits].filter((e) => active.has(e.name)).sort((a, b) => b.offset - a.offset)) text = text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset);
    // Made sync with a blocking call in its body: big_service's async methods that call it now reach
    // it (their module's call edges must be indexed again though big_service did not change).
    const bodyAt = imported.text.indexOf('\n', imported.at) + 1;
    const other = importedSync ? imported.text.slice(0, imported.at) + imported.text.slice(imported.at + 'async '.length, bodyAt) + '    open("x").close()\n' + imported.text.slice(bodyAt) : imported.text;
    return { text, other };
  };
  const random = mulberry32(13);
  // Every module analysed once, as an editor that opened the project would have.
  for (const file of files) engine.analyzeFile(file);
  for (let step = 0; step < 30; step++) {
    // The imported def is toggled every sixth step (at random, seed 13 never drew it in 30 steps).
    const choice = step % 6 === 2 ? bigEdits.length : Math.floor(random() * bigEdits.length);
    if (choice === bigEdits.length) importedSync = !importedSync;
    else if (active.has(bigEdits[choice].name)) active.delete(bigEdits[choice].name);
    else active.add(bigEdits[choice].name);
    const { text, other } = texts();
    engine.host.setOverlay(big, text);
    engine.host.setOverlay(imported.file, other);
    const fresh = createEngine({ root });
    fresh.host.setOverlay(big, text);
    fresh.host.setOverlay(imported.file, other);
    const what = `step ${step}: ${[...active].join(', ')}${importedSync ? ', imported def made sync' : ''}`;
    // Every fifth step, every module: the modules whose call edges read a changed one (the call graph is updated for what changed).
    for (const file of step % 5 === 4 ? files : [big, imported.file]) {
      const kept = engine.analyzeFile(file);
      assert.ok(kept.findings.length > 0 || file !== big, what);
      assert.equal(comparableFindings(kept), comparableFindings(fresh.analyzeFile(file)), `${path.basename(file)} after ${what}`);
    }
  }
});

test('a body edit re-indexes the call edges of the edited module and its importers only; fix edits share one line table, and the summaries, scopes and rules one tree walk, per text', async (t) => {
  await engineModule.preparePython();
  const { root, files, big } = generatedPythonProject(t, 40);
  const engine = createEngine({ root });
  for (const file of files) engine.analyzeFile(file);
  const eventLoop = engine.pythonEventLoop;
  const base = readFileSync(big, 'utf8');
  const { positions, importSpecifier } = editPositions(big, base);
  const [insert] = editsFor('async-body', positions['async-body'], 1, importSpecifier);
  const importers = files.filter((file) => /big_service/.test(readFileSync(file, 'utf8'))).length;

  const indexedBefore = eventLoop.modulesIndexed;
  const resolvedBefore = eventLoop.resolutions.resolved;
  const tablesBefore = engineModule.lineTableStats.built;
  const walksBefore = engineModule.treeWalkStats.walks;
  const statementWalksBefore = engineModule.treeWalkStats.statementWalks;
  engine.host.setOverlay(big, base.slice(0, insert.offset) + insert.insert + base.slice(insert.offset));
  const report = engine.analyzeFile(big);
  const fixEdits = report.findings.flatMap((finding) => finding.fixes.filter((fix) => !fix.ignore).flatMap((fix) => fix.edits)).filter((edit) => edit.fileName === big);
  assert.ok(fixEdits.length > 10, `big_service.py has many fix edits (${fixEdits.length})`);
  assert.equal(eventLoop.modulesIndexed - indexedBefore, 1 + importers, `the edited module${importers ? ` and its ${importers} importers` : ''}, not all ${files.length}`);
  assert.equal(engineModule.lineTableStats.built - tablesBefore, 1, 'one line table for the new text, whatever the number of fix edits');
  // The names big_service.py calls resolve through modules the edit did not change: kept, not resolved again.
  assert.ok(resolvedBefore > 50, `the project's names were resolved at the open (${resolvedBefore})`);
  assert.ok(eventLoop.resolutions.resolved - resolvedBefore <= 2, `names resolved again after the edit: ${eventLoop.resolutions.resolved - resolvedBefore}`);
  // A statement re-parsed alone: the walk is the previous tree's with the statement's nodes replaced.
  assert.equal(engineModule.treeWalkStats.walks - walksBefore, 0, 'no whole-tree walk');
  assert.equal(engineModule.treeWalkStats.statementWalks - statementWalksBefore, 1, 'one walk of the statement for the call summaries, the scopes and the rules');

  // Nothing changed: nothing indexed, no line table built.
  engine.analyzeFile(big);
  assert.equal(eventLoop.modulesIndexed - indexedBefore, 1 + importers);
  assert.equal(engineModule.lineTableStats.built - tablesBefore, 1);
  assert.equal(engineModule.treeWalkStats.walks - walksBefore, 0);
  assert.equal(engineModule.treeWalkStats.statementWalks - statementWalksBefore, 1);
});

test('an edit summarises again only the calls it can change: those of the edited method, and those written with a name or attribute it binds differently', async (t) => {
  await engineModule.preparePython();
  const { root, files, big } = generatedPythonProject(t, 40);
  const engine = createEngine({ root });
  const base = readFileSync(big, 'utf8');
  // Open in the editor from the start (its parse is kept for the edits), then the project analysed.
  engine.host.setOverlay(big, base);
  for (const file of files) engine.analyzeFile(file);
  const insertAfter = (text, pattern, insert) => {
    const at = afterLine(text, pattern);
    return text.slice(0, at) + insert + text.slice(at);
  };
  const used = insertAfter(base, /^ {4}async def load_2\(/m, '        self.http.get("u")\n');
  const calls = (text) => (text.match(/\w\(/g) ?? []).length;
  // Calls whose text names `name`: what an edit binding `name` differently summarises again, at most (with the edited method's own).
  // A method's text: its def line to the next def of the class.
  const methodText = (text, name) => text.slice(text.search(new RegExp(`^ {4}(?:async )?def ${name}\\(`, 'm'))).split(/\n(?= {4}(?:async )?def )/)[0];
  const naming = (text, name) => (text.match(new RegExp(`^(?=.*\\b${name}\\b).*\\w\\(.*$`, 'gm')) ?? []).length;
  const steps = [
    // `names`: what the edit binds differently, the edited method's name among them (its def is new; its callers name it); `method`: the method edited.
    { name: 'a call typed in a method', text: used, names: ['load_2'], method: 'load_2' },
    { name: 'the attribute assigned in __init__', text: insertAfter(used, /^ {4}def __init__\(/m, '        self.http = requests.Session()\n'), names: ['http', '__init__'], method: '__init__' },
    { name: 'the assignment removed', text: used, names: ['http', '__init__'], method: '__init__' },
    { name: 'a module name bound through global', text: insertAfter(used, /^ {4}def compute_0\(/m, '        global requests\n        requests = None\n'), names: ['requests', 'compute_0'], method: 'compute_0' },
    { name: 'back', text: used, names: ['requests', 'compute_0'], method: 'compute_0' },
    { name: 'a local name rebound', text: insertAfter(used, /^ {4}async def load_1\(/m, '        fetch_u7_0 = time.sleep\n'), names: ['fetch_u7_0', 'load_1'], method: 'load_1' },
  ];
  for (const step of steps) {
    engine.host.setOverlay(big, step.text);
    const before = engineModule.summaryStats.callsSummarised;
    const kept = engine.analyzeFile(big);
    const summarised = engineModule.summaryStats.callsSummarised - before;
    const fresh = createEngine({ root });
    fresh.host.setOverlay(big, step.text);
    assert.equal(comparableFindings(kept), comparableFindings(fresh.analyzeFile(big)), step.name);
    const bound = calls(methodText(step.text, step.method)) + step.names.reduce((sum, name) => sum + naming(step.text, name), 0);
    assert.ok(summarised > 0 && summarised <= bound, `${step.name}: at most the edited method's calls and those naming ${step.names.join(', ')} (whole words) summarised again: ${bound}, not all ${calls(step.text)} (${summarised})`);
  }
});

/** A name table's scopes as text: each scope node with its bindings (kind and the node bound), `global` and `nonlocal` names. */
function scopesText(names) {
  const at = (node) => (node ? `${node.type}@${node.startIndex}` : '-');
  const bound = (binding) => `${binding.kind}:${at(binding.node ?? binding.value ?? binding.type)}:${binding.name ?? ''}:${binding.module ?? ''}`;
  return [...names.allScopes().values()]
    .map((scope) => `${at(scope.node)} ${[...scope.bindings].map(([name, binding]) => `${name}=${bound(binding)}`).sort().join(' ')} global:${[...scope.global].sort()} nonlocal:${[...scope.nonlocal].sort()}`)
    .sort()
    .join('\n');
}

const WALKED_TYPES = ['call', 'function_definition', 'class_definition', 'assignment', 'await', 'lambda', 'list_comprehension', 'for_statement', 'import_from_statement', 'with_statement', 'try_statement', 'if_statement'];

test('after a statement re-parsed alone, the scopes and the node walk taken over from the previous tree (the scope around the statement collected again, the statement walked) are those of a whole collection', async (t) => {
  await engineModule.preparePython();
  const { root, big } = generatedPythonProject(t, 10);
  const base = readFileSync(big, 'utf8');
  const edits = [
    ['a local bound in a method', /^ {4}async def load_1\(/m, '        extra = time.sleep\n'],
    ['a method added to the class', /^ {4}def compute_0\(/m, '        pass\n\n    def added(self, x):\n        y = [z for z in x]\n        return y\n'],
    ['a nested def with a nonlocal', /^ {4}async def load_2\(/m, '        counter = 0\n        def bump():\n            nonlocal counter\n            counter += 1\n'],
    ['a global declared', /^ {4}def __init__\(/m, '        global requests\n'],
    ['a lambda and a walrus', /^ {4}def compute_3\(/m, '        f = lambda q: (w := q)\n'],
  ].map(([name, pattern, insert]) => ({ name, offset: afterLine(base, pattern), insert }));
  const engine = createEngine({ root });
  engine.host.setOverlay(big, base);
  const kept = () => engine.pythonProject.moduleOf(big, engine.host.textOf(big));
  kept().names.allScopes();
  engineModule.namedNodesOfTypes(kept().tree, WALKED_TYPES);
  const random = mulberry32(7);
  const active = new Set();
  const statements = engineModule.reparseStats.statements;
  const statementWalks = engineModule.treeWalkStats.statementWalks;
  for (let step = 0; step < 24; step++) {
    const edit = edits[Math.floor(random() * edits.length)];
    if (active.has(edit)) active.delete(edit);
    else active.add(edit);
    let text = base;
    for (const e of [...active].sort((a, b) => b.offset - a.offset)) text = text.slice(0, e.offset) + e.insert + text.slice(e.offset);
    engine.host.setOverlay(big, text);
    const fresh = createEngine({ root });
    const what = `step ${step}: ${[...active].map((e) => e.name).join(', ')}`;
    const freshModule = fresh.pythonProject.moduleOf(big, text);
    assert.equal(scopesText(kept().names), scopesText(freshModule.names), what);
    // The shared node walk, taken over from the previous tree's: the whole walk's nodes.
    const walked = (module) => engineModule.namedNodesOfTypes(module.tree, WALKED_TYPES).map((node) => `${node.type}@${node.startIndex}-${node.endIndex}`).join(' ');
    assert.equal(walked(kept()), walked(freshModule), `${what}: the node walk`);
  }
  assert.ok(engineModule.reparseStats.statements - statements > 12, 'most edits re-parsed one statement alone');
  assert.ok(engineModule.treeWalkStats.statementWalks - statementWalks > 12, 'and took the node walk over');
});
