// The syntax tree the Python analysis reads is a copy of tree-sitter's (server/src/engine/python/
// syntaxTree.ts), and after an edit it is not copied again: one statement is re-parsed alone and put
// in place, or tree-sitter re-parses incrementally and the copy moves the unchanged subtrees over.
// Whatever the path, the tree after every edit must be the tree a whole parse of the new text gives:
// these tests make long chains of random edits (typing, deleting, new lines, brackets and quotes
// left open, indentation) in real Python files and compare every node after each one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { engineModule, repoRoot } from './helpers/engine.mjs';
import { generatedPythonProject } from './helpers/generatedPython.mjs';

const { preparePython, parsePython, reparsePython, reparseStats, syntaxTreeStats } = engineModule;
const require = createRequire(import.meta.url);

/** Every node of both trees, in pre-order, with what the analysis reads of it. */
function shape(tree) {
  const rows = [];
  const stack = [{ node: tree.rootNode, field: null, depth: 0 }];
  while (stack.length > 0) {
    const { node, field, depth } = stack.pop();
    rows.push(`${depth} ${field ?? '-'} ${node.type}${node.isNamed ? '' : '!'}${node.isMissing ? '?' : ''} ${node.startIndex}-${node.endIndex}`);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], field: node.children[i].fieldName, depth: depth + 1 });
  }
  return rows;
}

/** Nodes whose cached facts (text, parent, tree, index) must agree with the tree they are in. */
function checkLinks(tree, text) {
  const stack = [tree.rootNode];
  while (stack.length > 0) {
    const node = stack.pop();
    assert.equal(node.tree, tree);
    assert.equal(node.text, text.slice(node.startIndex, node.endIndex));
    node.children.forEach((child, i) => {
      assert.equal(child.parent, node);
      assert.equal(child.indexInParent, i);
      stack.push(child);
    });
  }
}

/** The first node where two trees differ, with a few rows around it (a whole-array diff of 20,000 rows would not finish). */
function assertSameShape(actual, expected, where) {
  const [a, b] = [shape(actual), shape(expected)];
  const first = a.findIndex((row, i) => row !== b[i]);
  if (first === -1 && a.length === b.length) return;
  const at = first === -1 ? Math.min(a.length, b.length) : first;
  assert.fail(`${where}: the tree differs from a whole parse at row ${at}:\n  got      ${a.slice(Math.max(0, at - 3), at + 3).join('\n           ')}\n  expected ${b.slice(Math.max(0, at - 3), at + 3).join('\n           ')}`);
}

function random(seed) {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    state = (state ^ (state >>> 13)) >>> 0;
    return state % n;
  };
}

const PIECES = ['x', 'value', ' ', '(', ')', '[', ']', ':', ',', '"', "'", '"""', '#', '\\', '\n', '\n    ', '\n        x = 1', 'await ', 'async ', '\t', 'def ', 'if x:\n        pass\n', 'lambda: 0', 'f"{a}"', '\n\n', 'return', '@decorator\n'];

/**
 * Random edits from a valid text, as an editor sends them: a word typed letter by letter at a line
 * start (kept), a line duplicated (kept), and pieces inserted, ranges and lines deleted, each undone
 * by the next edit (a syntax error comes and goes; the text stays close to valid code).
 */
function* edits(original, next, count) {
  let base = original;
  for (let i = 0; i < count; i++) {
    const lineStarts = [0];
    for (let at = base.indexOf('\n'); at !== -1; at = base.indexOf('\n', at + 1)) lineStarts.push(at + 1);
    const k = next(lineStarts.length - 1);
    const [line, lineEnd] = [lineStarts[k], lineStarts[k + 1]];
    const at = next(base.length + 1);
    const kind = next(5);
    if (kind === 0) {
      const indent = /^[ \t]*/.exec(base.slice(line))[0];
      const word = `${indent}value_${i} = compute(${i})\n`;
      for (let typed = 1; typed < word.length; typed += 1 + next(4)) yield base.slice(0, line) + word.slice(0, typed) + base.slice(line);
      yield (base = base.slice(0, line) + word + base.slice(line));
    } else if (kind === 1) {
      yield (base = base.slice(0, line) + base.slice(line, lineEnd) + base.slice(line));
    } else {
      if (kind === 2) yield base.slice(0, at) + PIECES[next(PIECES.length)] + base.slice(at);
      else if (kind === 3) yield base.slice(0, at) + base.slice(at + 1 + next(30));
      else yield base.slice(0, line) + base.slice(lineEnd);
      yield base;
    }
  }
}

function pythonFiles() {
  const asyncioDir = path.dirname(execFileSync('python3', ['-c', 'import asyncio; print(asyncio.__file__)'], { encoding: 'utf8' }).trim());
  const samples = path.join(repoRoot, 'samples/py-service');
  const listed = (directory) => readdirSync(directory, { recursive: true }).filter((file) => file.endsWith('.py')).map((file) => path.join(directory, file));
  return [...['base_events.py', 'tasks.py', 'locks.py', 'streams.py'].map((file) => path.join(asyncioDir, file)), ...listed(samples)];
}

test('after every edit of a chain, the re-used tree is the tree a whole parse gives (real files, random edits)', async (t) => {
  await preparePython();
  const files = [generatedPythonProject(t, 40).big, ...pythonFiles()];
  const before = reparseStats.statements;
  let editsChecked = 0;
  for (const [index, file] of files.entries()) {
    const original = readFileSync(file, 'utf8');
    const next = random(index + 1);
    let parse = reparsePython(original);
    const count = file.includes('py-service') ? 8 : 30;
    for (const text of edits(original, next, count)) {
      parse = reparsePython(text, parse);
      const whole = parsePython(text);
      assertSameShape(parse.tree, whole, `${path.basename(file)}, edit ${editsChecked + 1}`);
      assert.equal(parse.tree.rootNode.hasError, whole.rootNode.hasError);
      editsChecked++;
    }
    checkLinks(parse.tree, parse.text);
    parse.parsed?.delete();
  }
  const statements = reparseStats.statements - before;
  assert.ok(editsChecked > 500, `${editsChecked} edits checked`);
  // Both paths ran: statements re-parsed alone, and whole incremental re-parses.
  assert.ok(statements > editsChecked / 10 && statements < editsChecked, `${statements} of ${editsChecked} edits re-parsed one statement`);
});

test('a line typed in a method body re-parses and copies that method alone, keeping only the previous tree alive', async () => {
  await preparePython();
  const text = 'class A:\n    def f(self):\n        x = 1\n        return x\n\n    def g(self):\n        pass\n';
  const first = reparsePython(text);
  const before = reparseStats.statements;
  const copiedBefore = syntaxTreeStats.nodesCopied;
  const typed = text.replace('        x = 1', '        y = 2\n        x = 1');
  const second = reparsePython(typed, first);
  assert.equal(reparseStats.statements, before + 1, 'the method alone');
  const method = second.tree.rootNode.descendantsOfType('function_definition')[0];
  assert.equal(syntaxTreeStats.nodesCopied - copiedBefore, shape({ rootNode: method }).length, 'only the method is copied');
  assertSameShape(second.tree, parsePython(typed), 'a line typed in a body');
  const retyped = typed.replace('y = 2', 'y = 3');
  const again = reparsePython(retyped, second);
  assert.equal(reparseStats.statements, before + 2, 'the statement alone');
  assert.equal(again.tree.previous, second.tree);
  // Each tree keeps only its predecessor: not every text since the file was opened.
  assert.equal(second.tree.previous, undefined, 'the chain of trees is cut');
  // A line added before a statement that starts the same way (`x = 1` → `x2 = 0\n        x = 1`):
  // the edit falls inside `x = 1`, which re-parses into two statements; the method around it is
  // re-parsed alone instead.
  const added = retyped.replace('        x = 1', '        x2 = 0\n        x = 1');
  const copiedBeforeAdded = syntaxTreeStats.nodesCopied;
  const fourth = reparsePython(added, again);
  assert.equal(reparseStats.statements, before + 3, 'the method around the statement');
  const addedMethod = fourth.tree.rootNode.descendantsOfType('function_definition')[0];
  assert.equal(syntaxTreeStats.nodesCopied - copiedBeforeAdded, shape({ rootNode: addedMethod }).length, 'only the method is copied');
  assertSameShape(fourth.tree, parsePython(added), 'a line added before a statement');
  const rest = retyped;
  // Re-indenting f's last line changes the indentation its body ends at: the tree still equals a
  // whole parse's (the random chains found the case where a line after f then joins it).
  const reindented = rest.replace('        return x', '         return x');
  const third = reparsePython(reindented, fourth);
  assertSameShape(third.tree, parsePython(reindented), 'a re-indented last line');
  // A statement re-parsed alone hands tree-sitter's tree on: only the last parse owns one.
  third.parsed?.delete();
});

test('a tree re-parsed incrementally keeps its predecessor (and the scope nodes it made anew, paired with the old ones) until the next tree is made', async () => {
  await preparePython();
  const text = 'def f():\n    return 1\n\n\nclass A:\n    def g(self):\n        pass\n';
  const first = reparsePython(text);
  // A new top-level statement: no statement holds the edit, so tree-sitter re-parses incrementally.
  const second = reparsePython(`${text}\nx = 1\n`, first);
  assert.equal(second.tree.previous, first.tree);
  assert.equal(second.tree.counterparts.get(second.tree.rootNode), first.tree.rootNode, 'the new module node is paired with the old one');
  assert.ok(!second.tree.isNew(second.tree.rootNode.descendantsOfType('class_definition')[0]), 'the class, untouched, is moved over');
  const third = reparsePython(`${text}\nx = 1\ny = 2\n`, second);
  assert.equal(third.tree.previous, second.tree);
  assert.equal(second.tree.previous, undefined, 'the chain of trees is cut');
  assert.equal(second.tree.counterparts.size, 0, 'and so are the pairs that reach into the older tree');
  third.parsed?.delete();
});

test('the copy answers what web-tree-sitter answers (types, fields, named children, descendants, positions)', async () => {
  await preparePython();
  const { Parser, Language } = require('web-tree-sitter');
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
  const text = readFileSync(pythonFiles()[1], 'utf8');
  const real = parser.parse(text);
  const copy = parsePython(text);
  const realCalls = real.rootNode.descendantsOfType(['call', 'await', 'lambda', 'module']);
  const copyCalls = copy.rootNode.descendantsOfType(['call', 'await', 'lambda', 'module']);
  assert.deepEqual(copyCalls.map((n) => [n.type, n.isNamed, n.startIndex, n.endIndex]), realCalls.map((n) => [n.type, n.isNamed, n.startIndex, n.endIndex]));
  for (let i = 0; i < realCalls.length; i += 7) {
    const [a, b] = [realCalls[i], copyCalls[i]];
    assert.equal(b.text, a.text);
    assert.deepEqual(b.startPosition, a.startPosition);
    assert.deepEqual(b.endPosition, a.endPosition);
    assert.equal(b.childForFieldName('function')?.text, a.childForFieldName('function')?.text);
    assert.deepEqual(b.namedChildren.map((n) => n.type), a.namedChildren.map((n) => n.type));
    assert.equal(b.parent?.type, a.parent?.type);
    assert.equal(b.nextNamedSibling?.startIndex, a.nextNamedSibling?.startIndex);
    assert.equal(b.firstNamedChild?.startIndex, a.firstNamedChild?.startIndex);
  }
  for (let offset = 0; offset < text.length; offset += 97) {
    const [a, b] = [real.rootNode.descendantForIndex(offset, offset + 3), copy.rootNode.descendantForIndex(offset, offset + 3)];
    assert.deepEqual([b.type, b.startIndex, b.endIndex], [a.type, a.startIndex, a.endIndex], `descendantForIndex(${offset})`);
  }
  real.delete();
});
