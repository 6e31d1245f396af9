// changedSpan: the one span where two texts differ, as the incremental parsers (TypeScript's and
// tree-sitter's) are told. Checked against the plain definition (common prefix, then common suffix
// of what is left) on edge cases and on random edits.
import test from 'node:test';
import assert from 'node:assert/strict';
import { engineModule } from './helpers/engine.mjs';

const { changedSpan } = engineModule;

/** The definition, one code unit at a time. */
function expectedSpan(before, after) {
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { start: prefix, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

test('changedSpan on edge cases: equal, empty, growing runs of one character, surrogate pairs', () => {
  const cases = [
    ['', ''],
    ['abc', 'abc'],
    ['', 'abc'],
    ['abc', ''],
    ['aaa', 'aaaa'],
    ['aaaa', 'aa'],
    ['abcabc', 'abc'],
    ['x = 1\n', 'x = 12\n'],
    ['a😀b', 'a😁b'],
    ['prefix only', 'prefix only and more'],
    ['and more suffix only', 'suffix only'],
  ];
  for (const [before, after] of cases) assert.deepEqual(changedSpan(before, after), expectedSpan(before, after), JSON.stringify([before, after]));
});

test('changedSpan equals the definition on random edits of a long text', () => {
  let seed = 7;
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const alphabet = 'ab \n_=()';
  const word = (length) => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
  let text = word(5000);
  for (let i = 0; i < 300; i++) {
    const start = random(text.length + 1);
    const end = Math.min(text.length, start + random(40));
    const next = text.slice(0, start) + word(random(40)) + text.slice(end);
    assert.deepEqual(changedSpan(text, next), expectedSpan(text, next));
    text = next;
  }
});
