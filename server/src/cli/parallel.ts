// The CLI's analysis of several tsconfig projects in parallel worker threads. A workspace with two
// or more projects among the files to analyse gets one worker per project, up to the core count
// (os.availableParallelism()); each worker builds its own Engine (its own programs and checker)
// over its projects' files, and sends back each file's report as it is done. The main thread
// takes the reports in file order, so the output is the same as one thread's, byte for byte.
// A single project stays in-process: a worker would only add the cost of loading the bundle again.
//
// The main thread blocks on the reports (Atomics.wait + receiveMessageOnPort), so that the CLI's
// main() stays synchronous. LOOPGUARD_WORKERS=<n> caps the threads (1: everything in-process).
import * as os from 'node:os';
import { MessageChannel, MessagePort, Worker, isMainThread, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { plainOutcome } from '../engine/baseline';
import { Engine, FileReport } from '../engine/engine';
import { withInjectedFaults, withInjectedPythonFaults } from '../engine/host/faultInjection';
import type { LoopGuardSettings } from '../engine/settings';
import { projectWideReads } from '../engine/analysis/projectReads';
import { PYTHON_RULES, RULES } from '../rules';
import { isPythonFile, preparePython } from '../engine/python/parser';

const WORKER_KIND = 'loopguard-cli-worker';

/** What a worker needs to build the same Engine as the main thread. */
export interface WorkerEngineOptions {
  settings: LoopGuardSettings;
  project: string | undefined;
  root: string;
}

interface WorkerData {
  kind: typeof WORKER_KIND;
  engine: WorkerEngineOptions;
  files: string[];
  port: MessagePort;
  signal: Int32Array;
}

/** One analysed file, as a worker sends it. */
export interface WorkerFileResult {
  report: FileReport;
  /** What the engine logged while analysing the file (the CLI's notes), in order. */
  logged: string[];
  /** The analysis asked a question about the whole program (see projectReads.ts; for --cache). */
  projectWide: boolean;
}

type WorkerMessage =
  | { type: 'file'; result: WorkerFileResult }
  | { type: 'done'; programsCreated: number }
  | { type: 'failed'; message: string };

/** How many analysis threads to use for this many projects: 0 or 1 means in-process. */
export function workerCount(projects: number): number {
  const forced = Number(process.env.LOOPGUARD_WORKERS);
  const cores = Number.isInteger(forced) && forced > 0 ? forced : (os.availableParallelism?.() ?? os.cpus().length);
  return projects < 2 || cores < 2 ? 0 : Math.min(projects, cores);
}

/** Splits files into at most `count` groups of whole projects, the largest projects first onto the least loaded group; file order kept inside groups. */
export function partition(files: readonly string[], projectOf: (file: string) => string, count: number): string[][] {
  const byProject = new Map<string, string[]>();
  for (const file of files) {
    const key = projectOf(file);
    const list = byProject.get(key);
    if (list) list.push(file);
    else byProject.set(key, [file]);
  }
  const groups: string[][] = Array.from({ length: Math.min(count, byProject.size) }, () => []);
  const projects = [...byProject.values()].sort((a, b) => b.length - a.length);
  for (const project of projects) {
    const smallest = groups.reduce((best, group) => (group.length < best.length ? group : best));
    smallest.push(...project);
  }
  const order = new Map(files.map((file, index) => [file, index]));
  for (const group of groups) group.sort((a, b) => order.get(a)! - order.get(b)!);
  return groups.filter((group) => group.length > 0);
}

/**
 * Workers analysing the files of several projects. `take(file)` returns a file's result (waiting
 * for it), or undefined when the file is not theirs or its worker failed: the caller then analyses
 * it in-process, so nothing is lost.
 */
export class ParallelAnalysis {
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly workers: { worker: Worker; port: MessagePort; files: Set<string>; finished: boolean; failed: boolean }[] = [];
  private readonly results = new Map<string, WorkerFileResult>();
  private programs = 0;
  readonly notes: string[] = [];

  constructor(groups: string[][], engine: WorkerEngineOptions, entry: string) {
    for (const files of groups) {
      const { port1, port2 } = new MessageChannel();
      const data: WorkerData = { kind: WORKER_KIND, engine, files, port: port2, signal: this.signal };
      // The bundle's own file is the worker's script: cli.ts runs runCliWorker() when it starts as one.
      const worker = new Worker(entry, { workerData: data, transferList: [port2], stdout: false, stderr: false });
      this.workers.push({ worker, port: port1, files: new Set(files), finished: false, failed: false });
    }
  }

  get workerCount(): number {
    return this.workers.length;
  }

  /** Programs the workers built (for the test stats), once they are done. */
  get programsCreated(): number {
    return this.programs;
  }

  take(file: string): WorkerFileResult | undefined {
    const owner = this.workers.find((entry) => entry.files.has(file));
    if (!owner) return undefined;
    for (;;) {
      const result = this.results.get(file);
      if (result) {
        this.results.delete(file);
        return result;
      }
      if (owner.failed || owner.finished) return undefined;
      const seen = Atomics.load(this.signal, 0);
      if (!this.drain()) Atomics.wait(this.signal, 0, seen, 1000);
    }
  }

  /** Waits for the workers to finish (for their counts) and stops them. */
  close(): void {
    while (this.workers.some((entry) => !entry.finished && !entry.failed)) {
      const seen = Atomics.load(this.signal, 0);
      if (!this.drain()) Atomics.wait(this.signal, 0, seen, 1000);
    }
    for (const entry of this.workers) void entry.worker.terminate();
  }

  /** Stops the workers now (the run ended early: a rule failed). */
  abort(): void {
    for (const entry of this.workers) {
      entry.failed = true;
      void entry.worker.terminate();
    }
  }

  private drain(): boolean {
    let any = false;
    for (const entry of this.workers) {
      for (let received = receiveMessageOnPort(entry.port); received; received = receiveMessageOnPort(entry.port)) {
        any = true;
        const message = received.message as WorkerMessage;
        if (message.type === 'file') this.results.set(message.result.report.fileName, message.result);
        else if (message.type === 'done') {
          entry.finished = true;
          this.programs += message.programsCreated;
        } else {
          entry.failed = true;
          this.notes.push(`a worker thread failed (${message.message}); its files were analysed in the main thread.`);
        }
      }
    }
    return any;
  }
}

/** True in a thread started by ParallelAnalysis. */
export function isCliWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerData> | undefined)?.kind === WORKER_KIND;
}

/** The worker's side: analyse the files in order, posting each report as soon as it is done. */
export async function runCliWorker(): Promise<void> {
  const data = workerData as WorkerData;
  const post = (message: WorkerMessage): void => {
    data.port.postMessage(message);
    Atomics.add(data.signal, 0, 1);
    Atomics.notify(data.signal, 0);
  };
  try {
    // The main thread checked that the parser loads before it started the workers.
    if (data.files.some(isPythonFile)) await preparePython();
    let logged: string[] = [];
    const engine = new Engine({
      rules: withInjectedFaults(RULES),
      pythonRules: withInjectedPythonFaults(PYTHON_RULES),
      settings: data.engine.settings,
      project: data.engine.project,
      root: data.engine.root,
      unitCache: false,
      log: (message, detail) => logged.push(process.env.LOOPGUARD_DEBUG && detail ? `${message}\n${detail}` : message),
    });
    engine.host.addRootFiles(data.files.filter((file) => !isPythonFile(file)));
    // The main thread's engine logged the same while it listed the files.
    logged = [];
    for (const file of data.files) {
      const begun = projectWideReads();
      const report = engine.analyzeFile(file);
      const posted = report.baseline ? { ...report, baseline: plainOutcome(report.baseline) } : report;
      post({ type: 'file', result: { report: posted, logged, projectWide: projectWideReads() !== begun } });
      logged = [];
    }
    post({ type: 'done', programsCreated: engine.host.stats.programsCreated });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
  data.port.close();
}
