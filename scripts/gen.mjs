// The one generator: writes every file derived from the rule registry and the settings table
// (both read from the built engine, dist/engine.js):
//   - syntaxes/loopguard-directives.injection.tmLanguage.json: the known rule ids;
//   - docs/rules/<id>.md: one page per rule id, from its definition (description, docs: what, why,
//     not reported, examples, severity, reference; options; messages); a Python rule with a
//     TypeScript rule's id adds a "Python" section to that page, a Python-only id has its own page;
//   - README.md: the rule table, the Python rule table and the settings table (between
//     <!-- rules:start/end -->, <!-- python-rules:start/end --> and <!-- settings:start/end -->);
//   - docs/concepts/<slug>.md: each page's "Rules that point here" list (the text before the list
//     is kept);
//   - package.json: contributes.configuration (the settings VS Code holds: not the rule options,
//     which live in loopguard.json);
//   - loopguard.schema.json: the JSON Schema of loopguard.json.
// `npm run gen` writes them; `node scripts/gen.mjs --check` (run by npm test, test/gen.test.mjs)
// lists the stale ones and exits 1. The render functions are pure, (rules, settings table, current
// file text) -> new text, so a test can run them on a scratch registry.
import { existsSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIX_COMMAND = 'npm run gen';

export const GRAMMAR_FILE = 'syntaxes/loopguard-directives.injection.tmLanguage.json';

/** Rows of the README rule table for findings the engine itself makes (not registered rules). */
export const ENGINE_RULE_ROWS = [
  { id: 'unused-suppression', defaultSeverity: 'hint', summary: 'a `loopguard-ignore-*` directive that suppresses nothing (removed by fix-all)', concepts: {} },
];

/** `Tasks and futures: promises` -> `tasks and futures`, as the README's prose names a page. */
function shortTitle(title) {
  const head = title.split(':')[0];
  return head[0].toLowerCase() + head.slice(1);
}

function conceptSlugs(rule) {
  return Object.keys(rule.concepts ?? {});
}

/** Checks what the renderers rely on; throws with every problem found. */
export function validateRules(rules, concepts) {
  const problems = [];
  for (const original of rules) {
    const rule = original.language === 'python' ? { ...original, id: `${original.id} (Python)` } : original;
    const docs = rule.docs;
    if (!docs) problems.push(`${rule.id}: no docs (what, why, notReported, examples: see RuleDocs in server/src/engine/rule.ts)`);
    else {
      for (const key of ['what', 'why']) if (typeof docs[key] !== 'string' || !docs[key].trim()) problems.push(`${rule.id}: docs.${key} is empty`);
      if (!Array.isArray(docs.notReported)) problems.push(`${rule.id}: docs.notReported must be a list`);
      if (!Array.isArray(docs.examples) || docs.examples.length === 0) problems.push(`${rule.id}: docs.examples needs at least one { invalid, valid } pair`);
    }
    const slugs = conceptSlugs(rule);
    if (slugs.length === 0) problems.push(`${rule.id}: no concepts (list the concept pages it points to, primary first)`);
    else if (slugs[0] !== rule.concept) problems.push(`${rule.id}: concepts must start with its primary concept "${rule.concept}", not "${slugs[0]}"`);
    for (const slug of [...slugs, ...Object.keys(rule.background ?? {})]) {
      if (!(slug in concepts)) problems.push(`${rule.id}: unknown concept page "${slug}"`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

/** A snippet of the docs as a fenced block (fences longer than any backtick run inside). */
function codeBlock(code, language = 'ts') {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${code.replace(/\n+$/, '')}\n${fence}`;
}

const isPython = (rule) => rule.language === 'python';
/** The fence language of a rule's examples, and how a comment starts in it. */
const codeLanguage = (rule) => (isPython(rule) ? 'python' : 'ts');
const commentStart = (rule) => (isPython(rule) ? '#' : '//');
/** Where a rule is defined, for the page's "generated from" note. */
const sourceOf = (rule) => `server/src/rules/${isPython(rule) ? 'python/' : ''}${rule.id}.ts`;

function renderExamples(rule) {
  const language = codeLanguage(rule);
  const examples = rule.docs.examples.map((example) => {
    const where = example.file ? ` (in \`${example.file}\`)` : '';
    return `❌ Reported${where}:\n\n${codeBlock(example.invalid, language)}\n\n✅ Not reported${where}:\n\n${codeBlock(example.valid, language)}`;
  });
  const fixtures = isPython(rule) ? '`invalid.py` marks each report with carets, `valid.py` must stay silent' : '`invalid.*` marks each report with carets, `valid.*` must stay silent';
  const more = `More cases: the rule's fixtures, \`test/fixtures/rules/${rule.id}/\` (${fixtures}).`;
  return [...examples, more].join('\n\n');
}

/** The sections every rule's documentation has, at the given heading level (`##`, or `###` inside a page's Python section). */
function renderRuleSections(rule, level) {
  const { docs } = rule;
  const messages = Object.values(rule.messages)
    .map((message) => `- ${message.replace(/\{(\w+)\}/g, '<$1>')}`)
    .join('\n');
  const options = Object.entries(rule.options ?? {});
  const optionList = options.length
    ? `Set in \`loopguard.json\`, at the top level or as \`"rules": { "${rule.id}": ["warning", { ... }] }\`:\n\n${options
        .map(([key, spec]) => `- \`${key}\` (default \`${JSON.stringify(spec.default)}\`): ${spec.description}`)
        .join('\n')}`
    : '';
  const section = (title, body) => (body ? `\n${level} ${title}\n\n${body}\n` : '');
  return `${section('What it finds', docs.what)}${section('Why it matters', docs.why)}${section(
    'Deliberately not reported',
    docs.notReported.map((item) => `- ${item}`).join('\n'),
  )}${section('Examples', renderExamples(rule))}${section('Options', optionList)}${section('Messages', messages)}${section('Severity and risk', docs.severity)}${section('Reference behaviour', docs.reference)}`;
}

/** A TypeScript rule's page gets its Python twin (the same id) as a section of its own. */
function renderPythonSection(python, rule, concepts) {
  const link = (slug) => `[${concepts[slug] ?? slug}](../concepts/${slug}.md)`;
  const concept = python.concept === rule.concept ? '' : `\n- Concept: ${link(python.concept)}`;
  return `
## Python

${python.description}

- Default severity: **${python.defaultSeverity}** (the same \`${rule.id}\` setting as for JavaScript and TypeScript)${concept}
- In fix-all (\`source.fixAll.loopguard\`): ${python.fixAllSafe ?? 'no fix of this rule runs in fix-all.'}
${renderRuleSections(python, '###')}`;
}

/**
 * The page of a rule id: `rule` is the TypeScript rule (and `python` its Python twin, if any), or
 * the Python rule of a Python-only id.
 */
export function renderRulePage(rule, concepts, python) {
  const link = (slug) => `[${concepts[slug] ?? slug}](../concepts/${slug}.md)`;
  const seeAlso = conceptSlugs(rule).filter((slug) => slug !== rule.concept);
  const languages = isPython(rule) ? 'Python' : python ? 'JavaScript and TypeScript; Python (see [Python](#python))' : 'JavaScript and TypeScript';
  const suppressions = [rule, ...(python ? [python] : [])]
    .map((each) => `\`\`\`${codeLanguage(each)}\n${commentStart(each)} loopguard-ignore-next-line ${rule.id} -- <why this is fine here>\n\`\`\``)
    .join('\n\n');
  const sources = [rule, ...(python ? [python] : [])].map(sourceOf).join(' and ');
  return `# \`${rule.id}\`

${rule.description}

- Default severity: **${rule.defaultSeverity}** (change it with \`loopguard.rules\` or \`--rule ${rule.id}=<severity>\`)
- Concept: ${link(rule.concept)}${seeAlso.length > 0 ? `; see also ${seeAlso.map(link).join(', ')}` : ''}
- In fix-all (\`source.fixAll.loopguard\`): ${rule.fixAllSafe ?? 'no fix of this rule runs in fix-all.'}
- Languages: ${languages}
${renderRuleSections(rule, '##')}${python ? renderPythonSection(python, rule, concepts) : ''}
## Suppressing

${suppressions}

<!-- Generated by scripts/gen.mjs from ${sources}; do not edit by hand. -->
`;
}

/** The grammar with its known-rule alternation set to the registry's ids. */
export function renderGrammar(rules, current) {
  const grammar = JSON.parse(current);
  const old = grammar.repository['known-rule'].match;
  const alternation = rules.map((rule) => rule.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const next = `(?<![\\w-])(?:${alternation})(?![\\w-])`;
  const oldJson = JSON.stringify(old);
  if (!current.includes(oldJson)) throw new Error(`${GRAMMAR_FILE}: cannot find the known-rule match ${oldJson}`);
  return current.replace(oldJson, () => JSON.stringify(next));
}

function replaceBetween(text, name, body, file) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file}: missing the ${start} ... ${end} markers`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

export function renderRuleTable(rules, concepts, engineRows = ENGINE_RULE_ROWS) {
  const rows = [...rules, ...engineRows].map((rule) => {
    const links = conceptSlugs(rule)
      .map((slug) => `[${shortTitle(concepts[slug] ?? slug)}](docs/concepts/${slug}.md)`)
      .join(', ');
    return `| \`${rule.id}\` | ${rule.defaultSeverity} | ${rule.summary ?? rule.description} | ${links}${links ? ' ' : ''}|`;
  });
  return ['| id | default | what it finds | concept |', '|---|---|---|---|', ...rows].join('\n');
}

const PLACES = { file: '`loopguard.json`', editor: 'VS Code', both: 'both' };

export function renderSettingsTable(settingsTable) {
  const value = (entry) => (typeof entry.default === 'string' ? entry.default : JSON.stringify(entry.default));
  const name = (entry) => (entry.where === 'file' ? entry.key : entry.name);
  const rows = settingsTable.map((entry) => `| \`${name(entry)}\` | ${PLACES[entry.where]} | \`${value(entry)}\` | ${entry.summary} |`);
  return ['| setting | where | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** The Python rules, one row each (an id shared with a JavaScript/TypeScript rule links to that rule's page). */
export function renderPythonRuleTable(pythonRules, concepts) {
  if (pythonRules.length === 0) return '_No Python rule is registered yet._';
  return renderRuleTable(pythonRules, concepts, []);
}

export function renderReadme(rules, settingsTable, concepts, current, pythonRules = []) {
  const withRules = replaceBetween(current, 'rules', renderRuleTable(rules, concepts), 'README.md');
  const withPython = replaceBetween(withRules, 'python-rules', renderPythonRuleTable(pythonRules, concepts), 'README.md');
  return replaceBetween(withPython, 'settings', renderSettingsTable(settingsTable), 'README.md');
}

/** Each id once, the first definition kept (the TypeScript rule before its Python twin). */
export function uniqueRules(rules) {
  const seen = new Set();
  return rules.filter((rule) => !seen.has(rule.id) && seen.add(rule.id));
}

/** The rules a concept page lists, with their line: those pointing to it (primary ones first), or all on background pages. */
export function backlinks(slug, rules, backgroundPages, pythonRules = []) {
  const all = [...rules, ...pythonRules];
  const entry = (rule, text) => ({ id: rule.id, text, ...(isPython(rule) ? { python: true, twin: rules.some((other) => other.id === rule.id) } : {}) });
  if (backgroundPages.includes(slug)) {
    return all.map((rule) => entry(rule, rule.background?.[slug] ?? rule.concepts[rule.concept]));
  }
  const pointing = all.filter((rule) => slug in (rule.concepts ?? {}));
  const primary = pointing.filter((rule) => rule.concept === slug);
  const others = pointing.filter((rule) => rule.concept !== slug);
  return [...primary, ...others].map((rule) => entry(rule, rule.concepts[slug]));
}

const RULES_SECTION = '## Rules that point here';

/** The page with its "Rules that point here" list regenerated; the text between the heading and the list is kept. */
export function renderConceptPage(slug, rules, backgroundPages, current, pythonRules = []) {
  const lines = current.split('\n');
  const heading = lines.indexOf(RULES_SECTION);
  if (heading < 0) throw new Error(`docs/concepts/${slug}.md: no "${RULES_SECTION}" section`);
  let end = lines.findIndex((line, index) => index > heading && line.startsWith('## '));
  if (end < 0) end = lines.length;
  const section = lines.slice(heading + 1, end);
  let listStart = section.findIndex((line) => line.startsWith('- '));
  if (listStart < 0) listStart = section.length;
  let listEnd = listStart;
  while (listEnd < section.length && (section[listEnd].startsWith('- ') || section[listEnd].startsWith('  '))) listEnd++;
  const prefix = section.slice(0, listStart);
  if (prefix.length === 0 || prefix[prefix.length - 1] !== '') prefix.push('');
  const items = backlinks(slug, rules, backgroundPages, pythonRules).map(({ id, text, python, twin }) =>
    python ? `- [\`${id}\`](../rules/${id}.md${twin ? '#python' : ''}) (Python): ${text}` : `- [\`${id}\`](../rules/${id}.md): ${text}`,
  );
  const suffix = section.slice(listEnd);
  return [...lines.slice(0, heading + 1), ...prefix, ...items, ...suffix, ...lines.slice(end)].join('\n');
}

export function renderPackageJson(configurationProperties, current) {
  const manifest = JSON.parse(current);
  manifest.contributes.configuration = { ...manifest.contributes.configuration, properties: configurationProperties };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Every generated file: [{ file (relative to the repo root), content }]. `read(file)` gives the
 * current text of a file whose generated part is embedded in hand-written text.
 */
export function generate({ rules, pythonRules = [], settingsTable, configurationProperties, configSchema, concepts, backgroundPages }, read) {
  validateRules([...rules, ...pythonRules], concepts);
  const outputs = [{ file: GRAMMAR_FILE, content: renderGrammar(uniqueRules([...rules, ...pythonRules]), read(GRAMMAR_FILE)) }];
  const twinOf = (rule) => pythonRules.find((python) => python.id === rule.id);
  for (const rule of rules) outputs.push({ file: `docs/rules/${rule.id}.md`, content: renderRulePage(rule, concepts, twinOf(rule)) });
  for (const rule of pythonRules) {
    if (!rules.some((other) => other.id === rule.id)) outputs.push({ file: `docs/rules/${rule.id}.md`, content: renderRulePage(rule, concepts) });
  }
  outputs.push({ file: 'README.md', content: renderReadme(rules, settingsTable, concepts, read('README.md'), pythonRules) });
  for (const slug of Object.keys(concepts)) {
    const file = `docs/concepts/${slug}.md`;
    outputs.push({ file, content: renderConceptPage(slug, rules, backgroundPages, read(file), pythonRules) });
  }
  outputs.push({ file: 'package.json', content: renderPackageJson(configurationProperties, read('package.json')) });
  if (configSchema) outputs.push({ file: configSchema.file, content: `${JSON.stringify(configSchema.schema, null, 2)}\n` });
  return outputs;
}

/** The inputs from the built engine (run `npm run build` first). */
export function engineInputs(engine = createRequire(import.meta.url)(path.join(root, 'dist/engine.js'))) {
  return {
    rules: engine.RULES,
    pythonRules: engine.PYTHON_RULES ?? [],
    settingsTable: engine.SETTINGS_TABLE,
    configurationProperties: engine.configurationProperties(engine.SETTINGS_TABLE),
    configSchema: { file: engine.CONFIG_SCHEMA_FILE, schema: engine.configSchema(uniqueRules([...engine.RULES, ...(engine.PYTHON_RULES ?? [])]), engine.SETTINGS_TABLE) },
    concepts: engine.CONCEPTS,
    backgroundPages: engine.BACKGROUND_CONCEPTS,
  };
}

function main() {
  const check = process.argv.includes('--check');
  const read = (file) => readFileSync(path.join(root, file), 'utf8');
  const inputs = engineInputs();
  const outputs = generate(inputs, read);
  const registered = new Set([...inputs.rules, ...inputs.pythonRules].map((rule) => `${rule.id}.md`));
  const obsolete = readdirSync(path.join(root, 'docs/rules'))
    .filter((name) => name.endsWith('.md') && !registered.has(name))
    .map((name) => `docs/rules/${name}`);
  const stale = outputs.filter(({ file, content }) => !existsSync(path.join(root, file)) || read(file) !== content);
  if (check) {
    if (stale.length === 0 && obsolete.length === 0) return 0;
    for (const { file } of stale) console.error(`stale: ${file}`);
    for (const file of obsolete) console.error(`not a registered rule: ${file}`);
    console.error(`These files are generated from the rule registry and the settings table; run \`${FIX_COMMAND}\` and commit the result.`);
    return 1;
  }
  for (const { file, content } of stale) {
    writeFileSync(path.join(root, file), content);
    console.log(`wrote ${file}`);
  }
  for (const file of obsolete) {
    unlinkSync(path.join(root, file));
    console.log(`deleted ${file}`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) process.exitCode = main();
