// The baseline: `loopguard-suppressions.json`, the findings a team accepted when it adopted Loop
// Guard (written by `loopguard --suppress-all`). Later runs, and the editor, report only findings
// beyond it. The nearest file walking up from an analysed file (up to the repository root, the
// folder holding `.git`) applies to it. Layout, sorted and diff-friendly:
//
//   { "version": 1,
//     "files": { "<path relative to the suppressions file, '/'-separated>":
//                { "<rule id>": { "<key>": <count> } } } }
//
// A key is the enclosing named scope (`Class.method`, `<top level>`) and the finding's text with
// whitespace normalised, so it survives edits above the finding; the count covers equal findings.
// (jsonc-parser's ESM build: its default UMD build cannot be bundled by esbuild.)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ParseError, Node as JsonNode, findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import { ts } from './compiler';
import { Finding, LineMap } from './findings';
import { UNUSED_SUPPRESSION_RULE } from './suppressions';
import { NearestFile } from './host/nearestFile';

export const SUPPRESSIONS_FILE = 'loopguard-suppressions.json';
export const SUPPRESSIONS_VERSION = 1;
/** Longest finding text kept in a key (normalised); longer texts are cut and end with "…". */
const MAX_KEY_TEXT = 80;

/** rule id -> key -> count */
export type RuleCounts = Map<string, Map<string, number>>;

export interface SuppressionsFile {
  /** Absolute path of the suppressions file. */
  path: string;
  text: string;
  /** Entry path (relative to the file's folder, '/'-separated) -> counts. */
  files: Map<string, RuleCounts>;
}

export interface SuppressionsError {
  path: string;
  /** 1-based. */
  line: number;
  column: number;
  message: string;
}

/** What the baseline did to one analysed file. */
export interface BaselineOutcome {
  /** The suppressions file that applies to the analysed file, if any. */
  suppressionsFile?: string;
  /** Every finding of the file before the baseline, as (rule, key), in document order. */
  found: { ruleId: string; key: string }[];
  /** How many findings the baseline suppressed. */
  suppressed: number;
  /**
   * Entries whose count is larger than what the file still has: hint findings located in the
   * suppressions file (fileName = the suppressions file, offsets into its text).
   */
  stale: Finding[];
  /** Rules whose entries were judged (enabled and did not fail): entries of other rules are kept as they are. */
  judged: string[];
  /** The suppressions file could not be read: the file was analysed without a baseline. */
  error?: SuppressionsError;
}

type FoundKeys = BaselineOutcome['found'];

/**
 * A BaselineOutcome whose keys are computed when first read: only the CLI's baseline commands read
 * them when no suppressions file applies, and the editor analyses on every keystroke (a key walks
 * the tree from the root and normalises the finding's text: ~0.7 ms per edit of a 2,000-line module).
 * A class, with the getter on its prototype: a getter written in an object literal is a new closure
 * per outcome, and V8 keeps it in the object's map, which lives in the old generation; that closure
 * holds the analysed tree and text, so each edit's whole analysis was promoted (76 MB over 120 edits,
 * measured with the sampling heap profiler), as a dead old object keeps what it points to alive
 * through the young generation's collections.
 */
class LazyOutcome implements BaselineOutcome {
  suppressionsFile?: string;
  suppressed = 0;
  stale: Finding[] = [];
  judged: string[] = [];
  error?: SuppressionsError;
  private keys: FoundKeys | undefined;

  constructor(private readonly computeKeys: () => FoundKeys) {}

  get found(): FoundKeys {
    return (this.keys ??= this.computeKeys());
  }

  /** As a plain outcome (the CLI's cache stores it as JSON, its worker threads post it). */
  toJSON(): BaselineOutcome {
    const { suppressionsFile, found, suppressed, stale, judged, error } = this;
    return { ...(suppressionsFile === undefined ? {} : { suppressionsFile }), found, suppressed, stale, judged, ...(error ? { error } : {}) };
  }
}

/** A baseline outcome as plain data, its keys computed: what can be posted to another thread (a structured clone keeps no getter). */
export function plainOutcome(outcome: BaselineOutcome): BaselineOutcome {
  return outcome instanceof LazyOutcome ? outcome.toJSON() : outcome;
}

// ---------------------------------------------------------------- keys

/** The key of a finding: enclosing named scope and normalised text, e.g. `Repo.load: fs.readFileSync(file)`. */
export function findingKey(sourceFile: ts.SourceFile, start: number, end: number): string {
  const chain = nodesAround(sourceFile, start, end);
  // A finding on a callee stands for the call: its arguments tell equal callees apart.
  const exact = [...chain].reverse().find((node) => node.getStart(sourceFile) === start && node.end === end);
  const call = exact?.parent;
  if (call && (ts.isCallExpression(call) || ts.isNewExpression(call)) && call.expression === exact) end = call.end;
  const names = chain.map(scopeName).filter((name): name is string => name !== undefined);
  return `${names.length > 0 ? names.join('.') : '<top level>'}: ${normaliseText(sourceFile.text.slice(start, end))}`;
}

/** Whitespace removed except between two word characters, trailing commas dropped, cut at MAX_KEY_TEXT. */
export function normaliseText(text: string): string {
  let normalised = text
    .replace(/\s+/g, ' ')
    .replace(/ ?([^\w$ ]) ?/g, '$1')
    .replace(/,([)\]}])/g, '$1')
    .trim();
  if (normalised.length > MAX_KEY_TEXT) normalised = `${normalised.slice(0, MAX_KEY_TEXT - 1)}…`;
  return normalised;
}

/** The nodes that hold [start, end), outermost first (their named functions, classes and namespaces make the scope). */
function nodesAround(sourceFile: ts.SourceFile, start: number, end: number): ts.Node[] {
  // Descends only into the child that holds the range: a loop, so deep nesting cannot overflow.
  const chain: ts.Node[] = [];
  let node: ts.Node | undefined = sourceFile;
  while (node) {
    chain.push(node);
    node = ts.forEachChild(node, (child) => (child.pos <= start && end <= child.end && child.kind !== ts.SyntaxKind.EndOfFileToken ? child : undefined));
  }
  return chain;
}

function scopeName(node: ts.Node): string | undefined {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
    return `${ts.isGetAccessorDeclaration(node) ? 'get' : 'set'} ${nameText(node.name) ?? ''}`.trim();
  }
  if (ts.isMethodDeclaration(node) || ts.isModuleDeclaration(node)) return nameText(node.name);
  if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) {
    return nameText(node.name) ?? (node.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : undefined);
  }
  if (ts.isClassExpression(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isObjectLiteralExpression(node)) {
    if ((ts.isClassExpression(node) || ts.isFunctionExpression(node)) && node.name) return node.name.text;
    // An anonymous function, class or object takes the name it is given: `const load = async () => ...`.
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return nameText(parent.name);
    if (ts.isExportAssignment(parent)) return 'default';
  }
  return undefined;
}

function nameText(name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return `[${normaliseText(name.expression.getText())}]`;
  return undefined;
}

// ---------------------------------------------------------------- reading and writing

/** Reads and checks a suppressions file. */
export function parseSuppressions(filePath: string, text: string): SuppressionsFile | SuppressionsError {
  const lines = new LineMap(text);
  const errorAt = (offset: number, message: string): SuppressionsError => {
    const { line, character } = lines.positionAt(offset);
    return { path: filePath, line: line + 1, column: character + 1, message };
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const first = errors[0];
    const what = first.error === 9 /* InvalidCommentToken */ ? 'comments are not allowed (the file is rewritten by loopguard)' : words(printParseErrorCode(first.error));
    return errorAt(first.offset, `not valid JSON: ${what}`);
  }
  if (!root || root.type !== 'object') return errorAt(root?.offset ?? 0, 'expected an object { "version": 1, "files": { ... } }');
  const version = findNodeAtLocation(root, ['version']);
  if (!version || version.value !== SUPPRESSIONS_VERSION) {
    return errorAt(
      version?.offset ?? root.offset,
      version ? `version ${JSON.stringify(version.value)} is not supported (this Loop Guard reads version ${SUPPRESSIONS_VERSION}; upgrade Loop Guard or rewrite the file with loopguard --suppress-all)` : `"version": ${SUPPRESSIONS_VERSION} is missing`,
    );
  }
  const filesNode = findNodeAtLocation(root, ['files']);
  const files = new Map<string, RuleCounts>();
  if (!filesNode) return { path: filePath, text, files };
  if (filesNode.type !== 'object') return errorAt(filesNode.offset, '"files" must be an object: file path -> rule id -> key -> count');
  for (const fileEntry of filesNode.children ?? []) {
    const [fileKey, rulesNode] = fileEntry.children ?? [];
    if (rulesNode?.type !== 'object') return errorAt(rulesNode?.offset ?? fileEntry.offset, `the entry of ${JSON.stringify(fileKey?.value)} must be an object: rule id -> key -> count`);
    const rules: RuleCounts = new Map();
    for (const ruleEntry of rulesNode.children ?? []) {
      const [ruleKey, keysNode] = ruleEntry.children ?? [];
      if (keysNode?.type !== 'object') return errorAt(keysNode?.offset ?? ruleEntry.offset, `the entry of rule ${JSON.stringify(ruleKey?.value)} must be an object: key -> count`);
      const counts = new Map<string, number>();
      for (const keyEntry of keysNode.children ?? []) {
        const [keyNode, countNode] = keyEntry.children ?? [];
        if (countNode?.type !== 'number' || !Number.isSafeInteger(countNode.value) || countNode.value < 1) {
          return errorAt(countNode?.offset ?? keyEntry.offset, `the count of ${JSON.stringify(keyNode?.value)} must be a whole number of 1 or more`);
        }
        counts.set(String(keyNode.value), countNode.value as number);
      }
      rules.set(String(ruleKey.value), counts);
    }
    files.set(String(fileKey.value), rules);
  }
  return { path: filePath, text, files };
}

export function isSuppressionsError(value: SuppressionsFile | SuppressionsError): value is SuppressionsError {
  return 'message' in value;
}

/** The file's text: sorted keys, 2-space indentation, a trailing newline; empty rules and files are dropped. */
export function serializeSuppressions(files: Map<string, RuleCounts>): string {
  const sortedObject = <T>(entries: Iterable<[string, T]>, value: (item: T) => unknown) => {
    const result: Record<string, unknown> = {};
    for (const [key, item] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const converted = value(item);
      if (converted !== undefined) result[key] = converted;
    }
    return Object.keys(result).length > 0 ? result : undefined;
  };
  const out = sortedObject(files, (rules) => sortedObject(rules, (counts) => sortedObject([...counts].filter(([, count]) => count > 0), (count) => count)));
  return `${JSON.stringify({ version: SUPPRESSIONS_VERSION, files: out ?? {} }, null, 2)}\n`;
}

/** Writes the file atomically (a temporary file renamed over it). */
export function writeSuppressions(filePath: string, files: Map<string, RuleCounts>): void {
  const temporary = `${filePath}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, serializeSuppressions(files));
  try {
    fs.renameSync(temporary, filePath);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** The entry path of an analysed file in a suppressions file: relative to its folder, '/'-separated. */
export function entryPath(suppressionsFile: string, fileName: string): string {
  return path.relative(path.dirname(suppressionsFile), fileName).split(path.sep).join('/');
}

/** Offsets of an entry's key in the suppressions file's text (the file's own entry when the key is gone). */
export function entryRange(file: SuppressionsFile, entry: string, ruleId?: string, key?: string): { start: number; end: number } {
  const root = parseTree(file.text);
  const property: (string | number)[] = ['files', entry, ...(ruleId ? [ruleId] : []), ...(key !== undefined ? [key] : [])];
  let node: JsonNode | undefined;
  while (property.length > 0 && !(node = root && findNodeAtLocation(root, property))) property.pop();
  // The node is the value; its parent is the property, whose first child is the key.
  const keyNode = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  return keyNode ? { start: keyNode.offset, end: keyNode.offset + keyNode.length } : { start: 0, end: 0 };
}

/** A hint finding on the suppressions file for an entry that matches fewer findings than its count. */
export function staleFinding(file: SuppressionsFile, entry: string, ruleId: string, key: string | undefined, unmatched: number, count: number): Finding {
  const { start, end } = entryRange(file, entry, ruleId, key);
  const left = count - unmatched;
  const message =
    key === undefined
      ? `The suppressions of ${entry} suppress nothing: the file no longer exists. Run loopguard --prune-suppressions to drop them.`
      : left === 0
        ? `This suppression (${ruleId} in ${entry}) suppresses nothing: that problem is gone. Run loopguard --prune-suppressions to drop it.`
        : `This suppression (${ruleId} in ${entry}) counts ${count} problems but ${left} ${left === 1 ? 'is' : 'are'} left. Run loopguard --prune-suppressions to lower its count.`;
  return {
    ruleId: UNUSED_SUPPRESSION_RULE,
    severity: 'hint',
    message,
    concept: '',
    fileName: file.path,
    start,
    end,
    fixes: [],
    unnecessary: true,
  };
}

// ---------------------------------------------------------------- lookup and application

/**
 * Finds and caches suppressions files. The nearest `loopguard-suppressions.json` walking up from a
 * file's folder applies to it; the walk stops at the repository root (a folder holding `.git`) or
 * the file system root. Cached until `changed` is called (the server's file watcher).
 */
export class Baselines {
  private readonly nearest = new NearestFile(SUPPRESSIONS_FILE);
  private readonly loaded = new Map<string, SuppressionsFile | SuppressionsError>();

  constructor(private readonly log: (message: string) => void = () => {}) {}

  /** The suppressions file that applies to a file, if any. */
  fileFor(fileName: string): string | undefined {
    return this.nearest.above(fileName);
  }

  /** The parsed file, or why it cannot be used (logged once per load). */
  load(filePath: string): SuppressionsFile | SuppressionsError {
    const cached = this.loaded.get(filePath);
    if (cached) return cached;
    let result: SuppressionsFile | SuppressionsError;
    try {
      result = parseSuppressions(filePath, fs.readFileSync(filePath, 'utf8'));
    } catch (error) {
      result = { path: filePath, line: 1, column: 1, message: `cannot be read (${error instanceof Error ? error.message : String(error)})` };
    }
    if (isSuppressionsError(result)) this.log(`${describeError(result)}; findings are reported without this baseline until it is fixed.`);
    this.loaded.set(filePath, result);
    return result;
  }

  /** A suppressions file was created, changed or deleted: look everything up again. */
  changed(): void {
    this.nearest.clear();
    this.loaded.clear();
  }

  /**
   * Drops the findings the baseline covers: per rule and key, up to the entry's count, in document
   * order (later equal findings are the ones reported). `isJudged` says whether a rule's entries
   * can be stale (it ran and did not fail). `keyOf` is the language's key (findingKey for JS/TS,
   * python/baselineKey.ts for Python).
   */
  apply(fileName: string, findings: Finding[], keyOf: (finding: Finding) => string, isJudged: (ruleId: string) => boolean): { findings: Finding[]; outcome: BaselineOutcome } {
    const outcome = new LazyOutcome(() => findings.map((finding) => ({ ruleId: finding.ruleId, key: keyOf(finding) })));
    const judgedRules = new Set<string>();
    const suppressionsFile = this.fileFor(fileName);
    if (!suppressionsFile) return { findings, outcome };
    const found = outcome.found;
    outcome.suppressionsFile = suppressionsFile;
    const loaded = this.load(suppressionsFile);
    if (isSuppressionsError(loaded)) {
      outcome.error = loaded;
      return { findings, outcome };
    }
    const entry = entryPath(suppressionsFile, fileName);
    const counts = loaded.files.get(entry);
    const used = new Map<string, number>();
    const kept = findings.filter((finding, index) => {
      const allowed = counts?.get(finding.ruleId)?.get(found[index].key) ?? 0;
      const id = `${finding.ruleId}\u0000${found[index].key}`;
      const usedSoFar = used.get(id) ?? 0;
      if (usedSoFar >= allowed) return true;
      used.set(id, usedSoFar + 1);
      outcome.suppressed++;
      return false;
    });
    for (const { ruleId } of found) judgedRules.add(ruleId);
    for (const [ruleId, keys] of counts ?? []) {
      if (!isJudged(ruleId)) continue;
      judgedRules.add(ruleId);
      for (const [key, count] of keys) {
        const usedCount = used.get(`${ruleId}\u0000${key}`) ?? 0;
        if (usedCount < count) outcome.stale.push(staleFinding(loaded, entry, ruleId, key, count - usedCount, count));
      }
    }
    outcome.judged = [...judgedRules].sort();
    return { findings: kept, outcome };
  }
}

/** `CloseBraceExpected` -> `close brace expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function describeError(error: SuppressionsError): string {
  return `${error.path}:${error.line}:${error.column}: ${error.message}`;
}
