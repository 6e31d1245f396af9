#!/usr/bin/env node
// How long the server keeps its event loop to itself during "Scan Workspace" (issue 5: "the
// server never blocks its own event loop for long"). Starts the server over stdio, starts a scan
// of the corpus, and while it runs sends a cheap request (loopguard/heapUsed) every 20 ms; the
// response latency of each is the gap the user would feel on a hover or a code action.
//
//   node bench/scan-gap.mjs --server dist/server.js --root bench/corpora/gen-1000 [--interval 20]
//
// Prints one JSON line: {files, analysed, problems, scanMs, requests, worstGapMs, p95GapMs,
// medianGapMs, firstReportMs, worstGapAfterFirstReportMs}. firstReportMs is when the first file
// was done: it includes building the project's TypeScript program, which happens in one piece.
import path from 'node:path';
import { LspClient } from '../test/helpers/lspClient.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : fallback;
};
const server = path.resolve(option('server', 'dist/server.js'));
const root = path.resolve(option('root', '.'));
const interval = Number(option('interval', '20'));

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : 0;
};
const round = (ms) => Math.round(ms * 10) / 10;

const client = new LspClient({ server, workspace: root });
try {
  await client.initialize();
  const started = performance.now();
  const startedWall = Date.now();
  let running = true;
  const samples = []; // {sentAt, latency}
  const inFlight = new Set();
  const scan = client.scanWorkspace().finally(() => (running = false));
  const timer = setInterval(() => {
    if (!running) return;
    const sentAt = performance.now();
    const request = client.connection.sendRequest('loopguard/heapUsed').then(
      () => samples.push({ sentAt: sentAt - started, latency: performance.now() - sentAt }),
      () => undefined,
    );
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  }, interval);
  const result = await scan;
  const scanMs = performance.now() - started;
  clearInterval(timer);
  await Promise.all([...inFlight]);
  const token = client.progressTokens[0];
  const firstReport = client.progress.find((entry) => entry.token === token && entry.kind === 'report');
  // Progress entries carry the Date.now() of their arrival.
  const firstReportMs = firstReport ? firstReport.at - startedWall : undefined;
  const latencies = samples.map((sample) => sample.latency);
  const afterFirst = firstReportMs === undefined ? latencies : samples.filter((sample) => sample.sentAt >= firstReportMs).map((sample) => sample.latency);
  process.stdout.write(
    `${JSON.stringify({
      files: result.files,
      analysed: result.analysed,
      problems: result.problems,
      scanMs: Math.round(scanMs),
      requests: samples.length,
      worstGapMs: round(Math.max(0, ...latencies)),
      p95GapMs: round(percentile(latencies, 95)),
      medianGapMs: round(percentile(latencies, 50)),
      firstReportMs: firstReportMs === undefined ? undefined : Math.round(firstReportMs),
      worstGapAfterFirstReportMs: round(Math.max(0, ...afterFirst)),
    })}\n`,
  );
} finally {
  await client.stop();
}
