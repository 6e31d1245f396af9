// The editor loop of bench/run.mjs on real code: the language server over stdio (pull
// diagnostics), the largest files of a corpus and an ~800-line file of the same project, five
// kinds of edit each (bench/real-edits.mjs), plus first diagnostics in a cold server and the
// server's memory after 200 edits.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as TS_EDITS from './real-edits.mjs';
import { applyEdit, editPositions, lspRange } from './real-edits.mjs';

/** Files known to be the ones the issue names; other corpora get theirs computed. */
const KNOWN = {
  typeorm: { large: ['src/query-builder/SelectQueryBuilder.ts', 'src/driver/postgres/PostgresQueryRunner.ts'], mid: 'src/repository/Repository.ts' },
};

function listTs(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) listTs(file, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(file);
  }
  return out;
}

/**
 * The two largest files of `root/src` and a comparison file: among the others of 600–1,000 lines,
 * the one with the most edit kinds, nearest 800 lines; else the third largest (relative paths).
 */
export function pickFiles(name, root) {
  const known = KNOWN[name];
  if (known && [...known.large, known.mid].every((file) => statSync(path.join(root, file), { throwIfNoEntry: false }))) return known;
  const files = listTs(path.join(root, 'src')).map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length }));
  files.sort((a, b) => b.lines - a.lines);
  const large = files.slice(0, 2);
  const near = files.filter((f) => !large.includes(f) && f.lines >= 600 && f.lines <= 1000);
  const scored = near.map((f) => ({ ...f, kinds: Object.keys(editPositions(f.file, readFileSync(f.file, 'utf8')).positions).length }));
  scored.sort((a, b) => b.kinds - a.kinds || Math.abs(a.lines - 800) - Math.abs(b.lines - 800));
  const mid = scored[0] ?? files.find((f) => !large.includes(f));
  return { large: large.map((f) => path.relative(root, f.file)), mid: mid && path.relative(root, mid.file) };
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
export const pct = (values) => (values.length ? { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values), n: values.length } : undefined);

/** CPU time (user+sys, ms) a process has used so far, from /proc (Linux); undefined elsewhere. */
export function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

function vmHwmKb(pid) {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

/** The language server over stdio as an edit session (see editLoop). */
function lspSession(client) {
  return {
    async open(file, text) {
      if (file.endsWith('.py')) await client.open(file, text, 'python');
      else await client.open(file, text);
      return client.diagnostics(file);
    },
    async change(file, range, insert) {
      await client.edit(file, range, insert);
      return client.diagnostics(file);
    },
    cpuMs: () => processCpuMs(client.process.pid),
    async memory() {
      const heap = await client.connection.sendRequest('loopguard/heapUsed').catch(() => undefined);
      return { vmHwmKb: vmHwmKb(client.process.pid), heapUsed: heap?.heapUsed };
    },
  };
}

/**
 * The edit loop over an open session: opens each target, one unmeasured edit pair, then
 * `editsPerKind` edits of each kind `edits` knows (bench/real-edits.mjs for TS, bench/python-edits.mjs
 * for Python), each timed from the change to the edited file's diagnostics; memory after
 * `memoryEdits` edits. `session`: { open(file, text) → diagnostics, change(file, range, insert, newText)
 * → diagnostics, cpuMs() → CPU used so far, memory() → { vmHwmKb, heapUsed } } (lspSession, or the
 * engine in-process: bench/python.mjs). `startedAt`: when the session started (performance.now()).
 */
export async function editLoop({ session, name, root, targets, edits, editsPerKind, memoryEdits = 200, startedAt, log }) {
  const firstOpen = [];
  const firstSpawn = [];
  const firstCpu = []; // the session's CPU time (user+sys) from its start to the first diagnostics
  const results = [];
  let memory;
  let memoryEnd;
  let editCount = 0;
  const sampleMemory = async () => ({ edits: editCount, ...(await session.memory()) });
  const texts = new Map();
  for (const [index, target] of targets.entries()) {
    const file = path.join(root, target.file);
    let text = readFileSync(file, 'utf8');
    const openedAt = performance.now();
    const first = await session.open(file, text);
    const firstMs = performance.now() - openedAt;
    if (index === 0) {
      firstOpen.push(firstMs);
      firstSpawn.push(performance.now() - startedAt);
      firstCpu.push(session.cpuMs());
    }
    log(`  [${name}] ${target.file}: first diagnostics ${Math.round(firstMs)} ms after didOpen${index === 0 ? ' (cold server)' : ''}, ${first.length} diagnostics`);
    const { positions, importSpecifier, lines } = edits.editPositions(file, text);
    const entry = { file: target.file, role: target.role, lines, firstMs, diagnostics: first.length, kinds: {} };
    results.push(entry);
    const run = async (edit, measured) => {
      const range = lspRange(text, edit);
      const next = applyEdit(text, edit);
      const cpu0 = session.cpuMs();
      const t0 = performance.now();
      await session.change(file, range, edit.insert, next);
      text = next;
      const ms = performance.now() - t0;
      const cpu = session.cpuMs() - cpu0;
      editCount++;
      if (editCount === memoryEdits) memory = await sampleMemory();
      return measured ? { ms, cpu } : undefined;
    };
    // One unmeasured pair first (the first edit after opening builds what an open does not).
    for (const edit of edits.editsFor('eof', text.length, 2)) await run(edit, false);
    for (const [kind] of edits.EDIT_KINDS) {
      if (positions[kind] === undefined) continue;
      const times = [];
      const cpus = [];
      for (const edit of edits.editsFor(kind, positions[kind], editsPerKind, importSpecifier)) {
        const sample = await run(edit, !edit.unmeasured);
        if (sample) {
          times.push(sample.ms);
          if (!Number.isNaN(sample.cpu)) cpus.push(sample.cpu);
        }
      }
      const line = lspRange(text, { offset: positions[kind], remove: 0 }).start.line + 1;
      entry.kinds[kind] = { ...pct(times), cpuPerEditMs: cpus.length ? cpus.reduce((a, b) => a + b, 0) / cpus.length : undefined, line };
      log(`  [${name}] ${target.file} ${kind} (line ${line}): p50 ${Math.round(entry.kinds[kind].p50)} ms, p95 ${Math.round(entry.kinds[kind].p95)} ms, max ${Math.round(entry.kinds[kind].max)} ms`);
    }
    texts.set(file, text);
  }
  // Fewer than `memoryEdits` edits so far (--quick): top up with unmeasured end-of-file edits on
  // the last (smallest) file, where an edit is cheapest.
  if (!memory) {
    const file = path.join(root, targets.at(-1).file);
    let text = texts.get(file);
    while (editCount < memoryEdits) {
      for (const edit of edits.editsFor('eof', text.length, 2)) {
        const next = applyEdit(text, edit);
        await session.change(file, lspRange(text, edit), edit.insert, next);
        text = next;
        editCount++;
      }
    }
    memory = await sampleMemory();
  }
  memoryEnd = await sampleMemory();
  log(`  [${name}] after ${memory.edits} edits: VmHWM ${Math.round(memory.vmHwmKb / 1024)} MB, live heap ${Math.round((memory.heapUsed ?? 0) / 1048576)} MB; after ${memoryEnd.edits}: ${Math.round((memoryEnd.heapUsed ?? 0) / 1048576)} MB`);
  return { files: results, firstOpen, firstSpawn, firstCpu, memory, memoryEnd };
}

/**
 * Runs the loop through the language server. Returns { files: [{ file, lines, role, firstMs, kinds: { kind: { p50, p95, max, n, cpuPerEditMs, line } } }],
 * firstOpen (cold, SelectQueryBuilder or the largest file), memory: { edits, vmHwmKb, heapUsed }, memoryEnd }.
 * `targets` ([{ file, role }], default: pickFiles) and `edits` (default: bench/real-edits.mjs) let other languages use the same loop.
 */
export async function realEditorRuns({ name, root, repo, server, serverArgs = [], editsPerKind, coldRuns, memoryEdits = 200, log, targets, edits = TS_EDITS }) {
  const { LspClient } = await import(pathToFileURL(path.join(repo, 'test/helpers/lspClient.mjs')).href);
  if (!targets) {
    const picked = pickFiles(name, root);
    targets = [...picked.large.map((file) => ({ file, role: 'largest' })), ...(picked.mid ? [{ file: picked.mid, role: '~800 lines' }] : [])];
  }
  const args = ['--expose-gc', ...serverArgs]; // --expose-gc: loopguard/heapUsed collects before measuring
  const startedAt = performance.now();
  const client = new LspClient({ workspace: root, serverArgs: args, server });
  let loop;
  try {
    await client.initialize();
    loop = await editLoop({ session: lspSession(client), name, root, targets, edits, editsPerKind, memoryEdits, startedAt, log });
  } finally {
    await client.stop();
  }
  const { files: results, firstOpen, firstSpawn, firstCpu, memory, memoryEnd } = loop;
  // More cold servers, for the spread of first diagnostics.
  for (let run = 1; run < coldRuns; run++) {
    const cold = new LspClient({ workspace: root, serverArgs: args, server });
    try {
      const t = performance.now();
      await cold.initialize();
      const file = path.join(root, targets[0].file);
      const openedAt = performance.now();
      await cold.open(file, readFileSync(file, 'utf8'));
      await cold.diagnostics(file);
      firstOpen.push(performance.now() - openedAt);
      firstSpawn.push(performance.now() - t);
      firstCpu.push(processCpuMs(cold.process.pid));
      log(`  [${name}] cold server ${run + 1}/${coldRuns}: first diagnostics ${Math.round(firstOpen.at(-1))} ms after didOpen`);
    } finally {
      await cold.stop();
    }
  }
  return { files: results, firstOpen, firstSpawn, firstCpu: firstCpu.filter((v) => v !== undefined), firstFile: targets[0].file, memory, memoryEnd };
}
