// Checks the concept guide in docs/concepts/:
//  - all twelve pages exist, with a title and the required sections in order (the Python side,
//    "In Python (asyncio)", has its examples run by concept-python-examples.test.mjs);
//  - each page links exactly the rules that point to it (rule -> concept mapping);
//  - every ```ts block type-checks under `strict` with @types/node (zero diagnostics);
//  - no page shares a run of 12+ words with the asyncio source guide (copy check).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project, ts } from 'ts-morph';
import { engineModule } from './helpers/engine.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const conceptsDir = path.join(repo, 'docs', 'concepts');
// CI clones the repo next to a copy of shared/, so the guide sits at ../shared from the repo root.
const guidePath = process.env.LOOPGUARD_ASYNCIO_GUIDE
  ?? path.resolve(repo, '..', 'shared', 'guide', 'asyncio-guide.md');

const SLUGS = [
  'coroutines', 'event-loop', 'tasks-and-futures', 'synchronization-primitives', 'await',
  'concurrency-vs-parallelism', 'network-io', 'file-io', 'fan-out', 'avoiding-blocking-calls',
  'error-handling', 'testing-async-code',
];

// The registry's rules; each lists the concept pages it links to (first entry is the primary page).
// A rule's link: its page; a Python rule with a TypeScript twin's id links that page's Python section.
const TS_IDS = new Set(engineModule.RULES.map((rule) => rule.id));
const LINKS = [
  ...engineModule.RULES.map((rule) => ({ key: rule.id, concepts: Object.keys(rule.concepts) })),
  ...engineModule.PYTHON_RULES.map((rule) => ({ key: TS_IDS.has(rule.id) ? `${rule.id}#python` : rule.id, concepts: Object.keys(rule.concepts) })),
];
const RULES = LINKS.map((link) => link.key);
const RULE_TO_CONCEPTS = Object.fromEntries(LINKS.map((link) => [link.key, link.concepts]));
/** `id.md` or `id.md#python` for a link key. */
const linkTarget = (key) => key.replace(/^([a-z-]+)(#python)?$/, (_, id, anchor) => `${id}.md${anchor ?? ''}`);
// These pages list every rule as background reading.
const BACKGROUND_PAGES = new Set(engineModule.BACKGROUND_CONCEPTS);

const SECTIONS = [
  'In asyncio terms',
  'In JavaScript/TypeScript',
  'The pitfall',
  'Before / after',
  'In Python (asyncio)',
  'Rules that point here',
];

const COPY_RUN = 12;

function readPage(slug) {
  return readFileSync(path.join(conceptsDir, `${slug}.md`), 'utf8');
}

/** Splits a page into its `## ` sections (fenced code is kept inside the section). */
function sections(markdown) {
  const out = new Map();
  let current = null;
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const m = !inFence && /^## (.+?)\s*$/.exec(line);
    if (m) {
      current = m[1];
      out.set(current, []);
    } else if (current !== null) {
      out.get(current).push(line);
    }
  }
  return out;
}

/** Returns the ```ts blocks of a page with the line number where each starts. */
function tsBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^```ts\s*$/.test(lines[i])) {
      const start = i + 1;
      let j = start;
      while (j < lines.length && !/^```\s*$/.test(lines[j])) j++;
      assert.ok(j < lines.length, `unterminated \`\`\`ts fence opened at line ${i + 1}`);
      blocks.push({ line: start + 1, code: lines.slice(start, j).join('\n') + '\n' });
      i = j;
    }
  }
  return blocks;
}

function words(text) {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^a-z0-9']+/g, ' ')
    .split(' ')
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

function runs(list, n) {
  const out = [];
  for (let i = 0; i + n <= list.length; i++) out.push(list.slice(i, i + n).join(' '));
  return out;
}

// ---- TypeScript checking ----------------------------------------------------------------

// One ts-morph Project holds the (shared, parsed once) lib and @types/node files; each block is
// added as a virtual source file that is never written to disk, checked in a fresh ts.Program,
// then removed again. `.mts` makes every block an ES module independent of package.json.
let project;
let blockCounter = 0;

function makeProject() {
  return new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts'],
      types: ['node'],
      typeRoots: [path.join(repo, 'node_modules', '@types')],
      skipLibCheck: true,
      noEmit: true,
    },
  });
}

/** Type-checks one snippet; returns readable diagnostics (empty when it compiles). */
function checkSnippet(code, label = 'snippet') {
  project ??= makeProject();
  const fileName = path.join(conceptsDir, '__virtual__', `block-${++blockCounter}.mts`);
  const sourceFile = project.createSourceFile(fileName, code, { overwrite: true });
  try {
    const program = project.getProgram().compilerObject;
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(sourceFile.getFilePath()));
    return diagnostics.map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (d.file && d.start !== undefined) {
        const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
        const where = d.file.fileName === sourceFile.getFilePath() ? label : d.file.fileName;
        return `${where} (block line ${line + 1}:${character + 1}) TS${d.code}: ${text}`;
      }
      return `${label} TS${d.code}: ${text}`;
    });
  } finally {
    project.removeSourceFile(sourceFile);
  }
}

// ---- tests ------------------------------------------------------------------------------

describe('concept pages: structure', () => {
  test('index.md lists all twelve pages, one line each', () => {
    const index = readFileSync(path.join(conceptsDir, 'index.md'), 'utf8');
    assert.match(index, /^# .+/m, 'index.md needs a title');
    for (const slug of SLUGS) {
      const lines = index.split('\n').filter((l) => l.includes(`](./${slug}.md)`));
      assert.equal(lines.length, 1, `index.md should link ./${slug}.md on exactly one line`);
      assert.match(lines[0], /^- \[.+\]\(\.\/[a-z-]+\.md\)\s*[:\u2014-]\s*\S/, `index line for ${slug} needs a short description`);
    }
  });

  for (const slug of SLUGS) {
    test(`${slug}.md has a title and the required sections`, () => {
      const file = path.join(conceptsDir, `${slug}.md`);
      assert.ok(existsSync(file), `missing docs/concepts/${slug}.md`);
      const md = readPage(slug);
      assert.match(md.split('\n')[0], /^# \S/, 'first line must be a "# " title');
      const secs = sections(md);
      assert.deepEqual([...secs.keys()], SECTIONS, 'sections must be exactly these, in this order');

      const asyncio = secs.get('In asyncio terms').filter((l) => l.trim() !== '');
      assert.equal(asyncio.length, 1, '"In asyncio terms" is a single line');

      for (const name of ['In JavaScript/TypeScript', 'The pitfall', 'In Python (asyncio)']) {
        const body = secs.get(name).join(' ').trim();
        assert.ok(words(body).length >= 40, `"${name}" is too thin (${words(body).length} words)`);
      }

      const beforeAfter = secs.get('Before / after').join('\n');
      assert.ok(tsBlocks(beforeAfter).length >= 2, '"Before / after" needs at least two ```ts blocks');
      assert.match(beforeAfter, /\*\*Before\*\*/, '"Before / after" labels the before example');
      assert.match(beforeAfter, /\*\*After\*\*/, '"Before / after" labels the after example');

      const lineCount = md.trimEnd().split('\n').length;
      // Both languages: the JS/TS side and the Python side (its examples run in concept-python-examples.test.mjs).
      assert.ok(lineCount >= 50 && lineCount <= 200, `page length ${lineCount} lines is outside 50..200`);
    });

    test(`${slug}.md links the rules that point to it`, () => {
      const rulesSection = sections(readPage(slug)).get('Rules that point here').join('\n');
      const linked = [...rulesSection.matchAll(/\]\(\.\.\/rules\/([a-z-]+)\.md(#python)?\)/g)].map((m) => m[1] + (m[2] ?? ''));
      assert.ok(linked.length > 0, 'no rule links (expected [`id`](../rules/<id>.md))');
      for (const id of linked) assert.ok(RULES.includes(id), `unknown rule id ${id}`);
      assert.equal(new Set(linked).size, linked.length, 'a rule is linked twice');
      const expected = RULES.filter((id) => RULE_TO_CONCEPTS[id].includes(slug));
      if (BACKGROUND_PAGES.has(slug)) {
        assert.deepEqual([...linked].sort(), [...RULES].sort(), 'a background page links every rule');
      } else {
        assert.deepEqual([...linked].sort(), [...expected].sort(), 'linked rules must match the rule -> concept mapping');
      }
    });
  }

  test("a Python finding's link opens its page at the Python section, by the anchor GitHub derives from the heading", () => {
    // GitHub's (and VS Code's Markdown preview's) heading slug: lower case, punctuation dropped, spaces to '-'.
    const slug = (heading) => heading.toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-');
    assert.ok(SECTIONS.includes(engineModule.PYTHON_SECTION_HEADING), 'the heading is one of the required sections');
    for (const page of SLUGS) {
      assert.ok(engineModule.conceptUrl(page, 'svc/handlers.py').endsWith(`/${page}.md#${slug(engineModule.PYTHON_SECTION_HEADING)}`));
      assert.ok(engineModule.conceptUrl(page, 'src/handlers.ts').endsWith(`/${page}.md`), 'a JS/TS finding opens the top of the page');
    }
    assert.equal(engineModule.findingConceptUrl({ concept: 'file-io', fileName: '/p/app.py' }), engineModule.conceptUrl('file-io', 'app.py'));
  });

  test('every rule is linked from its concept pages', () => {
    for (const [id, slugs] of Object.entries(RULE_TO_CONCEPTS)) {
      for (const slug of slugs) {
        assert.ok(readPage(slug).includes(`](../rules/${linkTarget(id)})`), `${slug}.md should link ${id}`);
      }
    }
  });
});

describe('concept pages: TypeScript examples compile (strict, @types/node)', () => {
  before(() => {
    project = makeProject();
  });

  // Guards against a checker that silently accepts everything (e.g. if @types/node stopped loading).
  test('checker self-test: good snippet passes, broken snippets fail', () => {
    assert.deepEqual(
      checkSnippet("import { readFile } from 'node:fs/promises';\nexport const n: Promise<string> = readFile('x', 'utf8');\n", 'good'),
      [],
    );
    assert.ok(checkSnippet("export const n: number = 'one';\n", 'bad-type').length > 0, 'type error not reported');
    assert.ok(checkSnippet("export function f(x) { return x; }\n", 'bad-strict').length > 0, 'implicit any not reported (strict off?)');
    assert.ok(checkSnippet("import { nope } from 'node:fs';\nexport { nope };\n", 'bad-import').length > 0, '@types/node not checked');
    assert.ok(checkSnippet("export const x = ;\n", 'bad-syntax').length > 0, 'syntax error not reported');
  });

  for (const slug of SLUGS) {
    const file = path.join(conceptsDir, `${slug}.md`);
    const blocks = existsSync(file) ? tsBlocks(readFileSync(file, 'utf8')) : [];
    test(`${slug}.md has ts blocks to check`, () => {
      assert.ok(blocks.length >= 2, `expected at least two \`\`\`ts blocks, found ${blocks.length}`);
    });
    blocks.forEach((block, i) => {
      test(`${slug}.md ts block ${i + 1} (line ${block.line}) compiles`, () => {
        const diagnostics = checkSnippet(block.code, `${slug}.md:${block.line}`);
        assert.deepEqual(diagnostics, [], `\n${diagnostics.join('\n')}`);
      });
    });
  }
});

// The guide is shared, read-only material beside the repo (as CI lays it out); a clone without it
// skips the copy check with the reason instead of failing.
const guideMissing = existsSync(guidePath) ? false : `source guide not found at ${guidePath} (set LOOPGUARD_ASYNCIO_GUIDE)`;
describe('concept pages: no copying from the asyncio guide', { skip: guideMissing }, () => {
  test(`no page or index shares a ${COPY_RUN}-word run with the source guide`, (t) => {
    assert.ok(existsSync(guidePath), `source guide not found at ${guidePath} (set LOOPGUARD_ASYNCIO_GUIDE)`);
    const source = new Set(runs(words(readFileSync(guidePath, 'utf8')), COPY_RUN));
    assert.ok(source.size > 100, 'source guide looks empty');
    const offences = [];
    for (const name of [...SLUGS, 'index']) {
      const pageRuns = runs(words(readFileSync(path.join(conceptsDir, `${name}.md`), 'utf8')), COPY_RUN);
      for (const run of pageRuns) if (source.has(run)) offences.push(`${name}.md: "${run}"`);
    }
    assert.deepEqual(offences, []);
    t.diagnostic(`compared against ${source.size} ${COPY_RUN}-word runs`);
  });

  test('copy check self-test: a copied sentence is caught', () => {
    const source = new Set(runs(words(readFileSync(guidePath, 'utf8')), COPY_RUN));
    const copied = 'Intro. Concurrency involves managing multiple tasks, while parallelism involves executing multiple tasks simultaneously using multiple CPU cores.';
    assert.ok(runs(words(copied), COPY_RUN).some((r) => source.has(r)));
  });
});
