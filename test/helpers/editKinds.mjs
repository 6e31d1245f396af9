// The kinds of edit a user makes in a TypeScript file with a large class (issue 12): each
// `edit(text, run)` returns the file with the run-th variant of that edit made at the first place
// of its kind (so that successive runs differ from each other). Used by test/unit-cache-kinds.test.mjs
// and scripts/unit-cache-edits.mjs.

const MEMBER_MODIFIERS = '(?:(?:public|protected|private|static|override|readonly) )*';
/** A method with a declared return type; `async` or not. */
const method = (async) => new RegExp(`^([ \\t]+)${MEMBER_MODIFIERS}${async ? 'async ' : '(?!async )'}\\w+(?:<[^>\\n]*>)?\\([^\\n]*\\): [^\\n]+ \\{\\r?\\n`, 'm');

function insertAfterMatch(text, pattern, insert, what) {
  const match = pattern.exec(text);
  if (!match) throw new Error(`no ${what} in the file`);
  const at = match.index + match[0].length;
  return text.slice(0, at) + insert(match) + text.slice(at);
}

function insertBeforeMatch(text, pattern, insert, what) {
  const match = pattern.exec(text);
  if (!match) throw new Error(`no ${what} in the file`);
  return text.slice(0, match.index) + insert(match) + text.slice(match.index);
}

export const EDIT_KINDS = [
  {
    name: 'async body',
    edit: (text, run) => insertAfterMatch(text, method(true), (m) => `${m[1]}    const probe${run} = ${run}\n`, 'async method with a declared return type'),
  },
  {
    name: 'sync body',
    edit: (text, run) => insertAfterMatch(text, method(false), (m) => `${m[1]}    const probe${run} = ${run}\n`, 'sync method with a declared return type'),
  },
  {
    name: 'new class member',
    edit: (text, run) => {
      const end = text.lastIndexOf('\n}');
      if (end < 0) throw new Error('no class ending at column 0');
      return `${text.slice(0, end)}\n\n    probe${run}(): number {\n        return ${run}\n    }${text.slice(end)}`;
    },
  },
  {
    name: 'import line',
    edit: (text, run) => {
      const pattern = /^import (type )?\{ (\w+)/m;
      if (!pattern.test(text)) throw new Error('no named import in the file');
      return text.replace(pattern, (_, type, name) => `import ${type ?? ''}{ ${name} as Probe${run}, ${name}`);
    },
  },
  {
    name: 'end of file',
    edit: (text, run) => `${text}\nexport const probe${run} = ${run}\n`,
  },
  {
    name: 'comment in class',
    edit: (text, run) => insertBeforeMatch(text, method(false), (m) => `${m[1]}// note ${run}\n`, 'sync method with a declared return type'),
  },
  {
    name: 'whitespace at end',
    edit: (text, run) => text + '\n'.repeat(run),
  },
];
