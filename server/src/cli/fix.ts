// `loopguard --fix`, `--fix-dry-run` and `--fix-type suggestion`: fixes applied in passes to a
// fixed point, in memory (the engine's overlays), then written atomically or shown as a diff.
//
// - Which fixes: by default the safe ones (`kind: 'safe'`, the editor's fix-all set); with
//   `--fix-type suggestion` and one `--only <rule>`, that rule's preferred fix (else its first one),
//   which may change behaviour. The "Ignore ... on this line" fix (`Fix.ignore`) is never applied.
// - One pass: each pending file is analysed and one fix per finding is chosen, skipping fixes that
//   overlap one already chosen (`chooseFixes`, the non-overlap logic of fix-all); the next pass
//   re-analyses the files that changed and picks up the rest. At most MAX_PASSES passes.
// - Nothing is written until every pass is done. A file whose bytes on disk differ from what was
//   read at the start of the run is left alone (a note names it); the others are written to a
//   temporary file in the same folder, with the original's mode, then renamed over it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { Engine, RuleFailure } from '../engine/engine';
import { Finding, Fix, LineMap, TextEdit, applyEdits, chooseFixes } from '../engine/findings';
import { displayPath } from './paths';

export const MAX_PASSES = 10;

export type FixType = 'safe' | 'suggestion';

export interface FixRequest {
  type: FixType;
  /** Only these rules' findings are fixed (`--only`); every rule's when undefined. */
  rules?: readonly string[];
  maxPasses?: number;
}

export interface AppliedFix {
  ruleId: string;
  title: string;
  /** 1-based line of the finding in the fixed text. */
  line: number;
}

export interface FileFix {
  fileName: string;
  before: string;
  after: string;
  applied: AppliedFix[];
}

export interface FixRun {
  /** Files with at least one fix applied (in memory), in the order they were listed. */
  files: FileFix[];
  /** Passes that applied fixes. */
  passes: number;
  /** More fixes were available after the last allowed pass. */
  capReached: boolean;
  /** Files left alone, with why (they changed on disk during the run, or cannot be written back). */
  skipped: { fileName: string; reason: string }[];
  ruleFailures: RuleFailure[];
  notes: string[];
}

/** A file as read from disk at the start of the run: its bytes, and how to turn text back into bytes. */
interface Snapshot {
  bytes: Buffer;
  text: string;
  encoding: 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';
}

interface Applied {
  fileName: string;
  ruleId: string;
  title: string;
  /** Offset of the finding, kept up to date as later passes edit the file. */
  offset: number;
}

/**
 * Computes the fixes for `files` and leaves the fixed texts as overlays in `engine` (so a later
 * analysis reports what remains). Reads the files but writes nothing: see `writeFixes`.
 */
export function computeFixes(engine: Engine, files: readonly string[], request: FixRequest): FixRun & { snapshots: Map<string, Snapshot> } {
  const maxPasses = request.maxPasses ?? MAX_PASSES;
  const snapshots = new Map<string, Snapshot>();
  const skipped: FixRun['skipped'] = [];
  const skip = (fileName: string, reason: string) => {
    if (skipped.some((entry) => entry.fileName === fileName)) return;
    skipped.push({ fileName, reason });
  };
  for (const file of files) {
    const snapshot = readSnapshot(file);
    if ('error' in snapshot) skip(file, snapshot.error);
    else snapshots.set(file, snapshot);
  }
  const fixable = (fileName: string) => snapshots.has(fileName) && !skipped.some((entry) => entry.fileName === fileName);
  const current = new Map<string, string>();
  const applied: Applied[] = [];
  const ruleFailures: RuleFailure[] = [];
  const notes: string[] = [];
  const pick = pickerFor(request);

  let pending = files.filter(fixable);
  let passes = 0;
  let capReached = false;
  while (pending.length > 0) {
    // After the last allowed pass, the files are analysed once more only to tell whether fixes remain.
    const last = passes === maxPasses;
    const changed = new Set<string>();
    // Files with a fix that edits a file not analysed yet (its current text is not known): tried again next pass.
    const deferred = new Set<string>();
    for (const file of pending) {
      if (!fixable(file)) continue;
      const report = engine.analyzeFile(file);
      notes.push(...report.notes);
      for (const failure of report.ruleFailures ?? []) {
        if (!ruleFailures.some((known) => known.fileName === failure.fileName && known.ruleId === failure.ruleId)) ruleFailures.push(failure);
      }
      if (!current.has(file)) {
        // The text the engine analysed must be the text read from disk, or the edits would be for another text.
        if (report.text !== snapshots.get(file)!.text) {
          skip(file, 'it changed on disk while loopguard was reading it');
          continue;
        }
        current.set(file, report.text);
      }
      const chosen = chooseFixes(report.findings, (finding) => {
        const fix = pick(finding);
        // Every edited file must be one of this run's, read at the start and analysed (offsets are into its current text).
        if (!fix || !fix.edits.every((edit) => fixable(edit.fileName))) return undefined;
        if (fix.edits.every((edit) => current.has(edit.fileName))) return fix;
        deferred.add(file);
        return undefined;
      });
      if (chosen.length === 0) continue;
      if (last) {
        capReached = true;
        break;
      }
      const byFile = new Map<string, TextEdit[]>();
      for (const { fix } of chosen) for (const edit of fix.edits) byFile.set(edit.fileName, [...(byFile.get(edit.fileName) ?? []), edit]);
      for (const [fileName, edits] of byFile) {
        const text = applyEdits(current.get(fileName)!, edits);
        for (const entry of applied) if (entry.fileName === fileName) entry.offset = mapOffset(entry.offset, edits);
        current.set(fileName, text);
        engine.host.setOverlay(fileName, text);
        changed.add(fileName);
      }
      for (const { finding, fix } of chosen) applied.push({ fileName: finding.fileName, ruleId: finding.ruleId, title: fix.title, offset: mapOffset(finding.start, byFile.get(finding.fileName) ?? []) });
    }
    if (last) break;
    if (changed.size > 0) passes++;
    pending = files.filter((file) => changed.has(file) || deferred.has(file));
  }

  const result: FileFix[] = [];
  for (const file of files) {
    const after = current.get(file);
    const before = snapshots.get(file)?.text;
    if (after === undefined || before === undefined || after === before) continue;
    const lines = new LineMap(after);
    const fileApplied = applied
      .filter((entry) => entry.fileName === file)
      .map((entry) => ({ ruleId: entry.ruleId, title: entry.title, line: lines.positionAt(entry.offset).line + 1 }))
      .sort((a, b) => a.line - b.line);
    result.push({ fileName: file, before, after, applied: fileApplied });
  }
  return { files: result, passes, capReached, skipped, ruleFailures, notes, snapshots };
}

function pickerFor(request: FixRequest): (finding: Finding) => Fix | undefined {
  const wanted = (finding: Finding) => !request.rules || request.rules.includes(finding.ruleId);
  if (request.type === 'safe') return (finding) => (wanted(finding) ? finding.fixes.find((fix) => fix.kind === 'safe' && !fix.ignore) : undefined);
  return (finding) => {
    if (!wanted(finding)) return undefined;
    const fixes = finding.fixes.filter((fix) => !fix.ignore);
    return fixes.find((fix) => fix.preferred) ?? fixes[0];
  };
}

/** Where an offset lands after non-overlapping edits (an offset inside a replaced range goes to its start). */
function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const edit of edits) {
    if (edit.end <= offset && !(edit.start === edit.end && edit.start === offset)) delta += edit.newText.length - (edit.end - edit.start);
    else if (edit.start < offset && offset < edit.end) return edit.start + delta;
  }
  return offset + delta;
}

/**
 * Writes the fixed files, each atomically and only if its bytes on disk are still those read at
 * the start of the run. Returns the files written, the files left alone (with why) and the
 * files that could not be written.
 */
export function writeFixes(run: FixRun & { snapshots: Map<string, Snapshot> }): { written: FileFix[]; skipped: FixRun['skipped']; errors: { fileName: string; reason: string }[] } {
  testHookEditDuringRun();
  const written: FileFix[] = [];
  const skipped: FixRun['skipped'] = [];
  const errors: { fileName: string; reason: string }[] = [];
  for (const file of run.files) {
    const snapshot = run.snapshots.get(file.fileName)!;
    let target: string;
    let onDisk: Buffer;
    try {
      target = fs.realpathSync(file.fileName); // a symlink keeps pointing at the fixed file
      onDisk = fs.readFileSync(target);
    } catch (error) {
      errors.push({ fileName: file.fileName, reason: `cannot read it again before writing (${(error as Error).message})` });
      continue;
    }
    if (!onDisk.equals(snapshot.bytes)) {
      skipped.push({ fileName: file.fileName, reason: 'it changed on disk during the run' });
      continue;
    }
    const problem = writeAtomically(target, encode(file.after, snapshot.encoding));
    if (problem) errors.push({ fileName: file.fileName, reason: problem });
    else written.push(file);
  }
  return { written, skipped, errors };
}

/** Temporary file in the same folder (so the rename stays on one file system), same mode, then rename. */
function writeAtomically(target: string, bytes: Buffer): string | undefined {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.loopguard-${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    const stat = fs.statSync(target);
    const mode = stat.mode & 0o7777;
    fs.writeFileSync(temp, bytes, { mode, flag: 'wx' });
    fs.chmodSync(temp, mode); // the umask may have cleared bits of `mode`
    try {
      fs.chownSync(temp, stat.uid, stat.gid);
    } catch {
      // Only the owner's group or root may change these; a file we own keeps ours.
    }
    fs.renameSync(temp, target);
    return undefined;
  } catch (error) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // never created
    }
    return `cannot write it (${(error as Error).message})`;
  }
}

/** Decodes a file as the compiler does (a byte order mark is not text; UTF-16 by its mark). */
function readSnapshot(fileName: string): Snapshot | { error: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(fileName);
  } catch (error) {
    return { error: `it cannot be read (${(error as Error).message})` };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { bytes, text: bytes.subarray(3).toString('utf8'), encoding: 'utf8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { bytes, text: bytes.subarray(2).toString('utf16le'), encoding: 'utf16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { bytes, text: Buffer.from(bytes.subarray(2)).swap16().toString('utf16le'), encoding: 'utf16be' };
  return { bytes, text: bytes.toString('utf8'), encoding: 'utf8' };
}

function encode(text: string, encoding: Snapshot['encoding']): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

/**
 * Test hook: LOOPGUARD_TEST_EDIT_DURING_FIX=<path> appends a line to that file after the fixes
 * are computed and before any is written, as an editor saving during the run would, so the tests
 * can check that such a file is left alone. Unset, nothing happens.
 */
function testHookEditDuringRun(): void {
  const file = process.env.LOOPGUARD_TEST_EDIT_DURING_FIX;
  if (file) fs.appendFileSync(file, '// edited during the run\n');
}

/** A unified diff of every fixed file (paths relative to `cwd`, a/ and b/ prefixes, as git prints them). */
export function formatDiff(files: readonly FileFix[], cwd: string): string {
  return files
    .map((file) => {
      const name = displayPath(file.fileName, cwd);
      return createTwoFilesPatch(`a/${name}`, `b/${name}`, file.before, file.after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
    })
    .join('');
}

/** What --fix changed: per file, each fix by line, rule and title. */
export function formatFixSummary(files: readonly FileFix[], cwd: string, dryRun: boolean, passes = 1): string {
  const count = files.reduce((sum, file) => sum + file.applied.length, 0);
  if (count === 0) return dryRun ? 'No fixes to apply.\n\n' : 'No fixes applied.\n\n';
  const inPasses = passes > 1 ? ` (${passes} passes: some fixes applied only once others had been)` : '';
  const out = [`${dryRun ? 'Would fix' : 'Fixed'} ${count} problem${count === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}${inPasses}:`];
  for (const file of files) {
    out.push(`  ${displayPath(file.fileName, cwd)}`);
    for (const fix of file.applied) out.push(`    ${String(fix.line).padStart(4)}  ${fix.ruleId}  ${fix.title}`);
  }
  return `${out.join('\n')}\n\n`;
}

export interface CliFixOutcome {
  /** Rules failed while fixing and the run must stop (without --continue-on-error): nothing was written. */
  ruleFailures: RuleFailure[];
  notes: string[];
  /** Files that could not be written (exit 2). */
  errors: number;
}

/**
 * The CLI's --fix / --fix-dry-run: computes the fixes, writes them (or prints the diff), prints
 * what changed through `print` and notes/errors on standard error. The engine keeps the fixed
 * texts of the files written (or, for a dry run, that would be) so the report that follows shows
 * what remains.
 */
export function runCliFix(
  engine: Engine,
  files: readonly string[],
  request: FixRequest & { dryRun: boolean; continueOnError: boolean },
  cwd: string,
  print: (text: string) => void,
): CliFixOutcome {
  const run = computeFixes(engine, files, request);
  const notes = [...run.notes];
  if (run.ruleFailures.length > 0 && !request.continueOnError) return { ruleFailures: run.ruleFailures, notes, errors: 0 };
  // What --fix did not do is printed whatever --quiet says: the user asked for it.
  const warn = (text: string) => process.stderr.write(`loopguard: note: ${text}\n`);
  for (const { fileName, reason } of run.skipped) warn(`${displayPath(fileName, cwd)}: not fixed: ${reason}.`);
  if (run.capReached) {
    warn(`stopped fixing after ${run.passes} passes with fixes still to apply (each pass re-analyses the changed files); run loopguard --fix again to apply the rest.`);
  }
  if (request.dryRun) {
    print(run.files.length > 0 ? formatDiff(run.files, cwd) + '\n' : '');
    print(formatFixSummary(run.files, cwd, true, run.passes));
    return { ruleFailures: [], notes, errors: 0 };
  }
  const { written, skipped, errors } = writeFixes(run);
  for (const file of [...skipped, ...errors]) engine.host.removeOverlay(file.fileName); // report what is on disk
  for (const { fileName } of skipped) warn(`${displayPath(fileName, cwd)}: left alone: it changed on disk during the run, so its fixes were not written. Run loopguard --fix again.`);
  for (const { fileName, reason } of errors) process.stderr.write(`loopguard: error: ${displayPath(fileName, cwd)}: fixes not written: ${reason}.\n`);
  print(formatFixSummary(written, cwd, false, run.passes));
  return { ruleFailures: [], notes, errors: errors.length };
}
