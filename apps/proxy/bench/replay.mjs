#!/usr/bin/env node
// `mcpscope replay` of a recording of N echo calls against the real server-everything over
// stdio, side by side with the same N calls made directly by a bare SDK client
// (bench/bare-sdk-echo.mjs). Prints wall time and CPU time per request and peak memory (of the
// client process; the server's are not counted) of each, and their ratios. On a shared, loaded
// machine the wall time moves with the load; the CPU time much less.
//
//   node apps/proxy/bench/replay.mjs [--requests 10000] [--rounds 3]
//
// Needs a build (apps/proxy/dist). The recording is made once per N by
// bench/record-echo-calls.ts (mcpscope's own Session and RecordingWriter, via tsx) and kept in
// apps/proxy/bench/results/. Runs alternate (replay, baseline, replay, …) so that a noisy
// shared machine slows both alike; the table shows the median of the rounds.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROXY_DIR = dirname(BENCH_DIR);
const BIN = join(PROXY_DIR, 'dist', 'bin.js');
const RESULTS = join(BENCH_DIR, 'results');
const PEAK_RSS = join(BENCH_DIR, 'peak-rss.mjs');
const EVERYTHING = join(
  dirname(
    createRequire(join(PROXY_DIR, 'package.json')).resolve(
      '@modelcontextprotocol/server-everything/package.json',
    ),
  ),
  'dist',
  'index.js',
);

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} needs an integer ≥ 1`);
    process.exit(2);
  }
  return value;
}

const requests = option('--requests', 10_000);
const rounds = option('--rounds', 3);
if (!existsSync(BIN)) {
  console.error(
    'apps/proxy/dist/bin.js is missing: build first (node scripts/bootstrap.mjs build)',
  );
  process.exit(2);
}

/** Runs `node ARGS…` to completion; resolves with wall ms, CPU ms, peak RSS (MiB) and stdout. */
function run(args, { check = true } = {}) {
  const rssFile = join(RESULTS, `peak-rss-${process.pid}.json`);
  rmSync(rssFile, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', PEAK_RSS, ...args], {
    env: { ...process.env, PEAK_RSS_FILE: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (check && code !== 0) {
        reject(new Error(`node ${args.join(' ')} exited ${code}\n${stderr.slice(-2000)}`));
        return;
      }
      const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
      rmSync(rssFile, { force: true });
      resolve({ ms, cpu: usage.cpuMicros / 1000, rss: usage.maxRssKiB / 1024, stdout, code });
    });
  });
}

mkdirSync(RESULTS, { recursive: true });
const recording = join(RESULTS, `echo-${requests}.jsonl`);
if (!existsSync(recording)) {
  process.stderr.write(`recording ${requests} echo calls against server-everything… `);
  const made = await run([
    '--import',
    'tsx',
    join(BENCH_DIR, 'record-echo-calls.ts'),
    String(requests),
    recording,
  ]);
  process.stderr.write(`${(made.ms / 1000).toFixed(1)} s\n`);
}
const size = statSync(recording).size;

const replay = [];
const baseline = [];
for (let round = 0; round < rounds; round++) {
  process.stderr.write(`round ${round + 1}/${rounds}\n`);
  const r = await run([BIN, 'replay', recording, '--format', 'json']);
  const report = JSON.parse(r.stdout);
  if (report.summary.same !== requests + 2) {
    throw new Error(
      `the replay did not find every response the same: ${JSON.stringify(report.summary)}`,
    );
  }
  replay.push(r);
  baseline.push(
    await run([
      join(BENCH_DIR, 'bare-sdk-echo.mjs'),
      String(requests),
      process.execPath,
      EVERYTHING,
      'stdio',
    ]),
  );
}

const median = (list, key) => {
  const sorted = list.map((x) => x[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const row = (name, list) => {
  const ms = median(list, 'ms');
  const rss = median(list, 'rss');
  const cpu = median(list, 'cpu');
  return { name, ms, rss, perRequest: ms / (requests + 2), cpuPerRequest: cpu / (requests + 2) };
};
const rows = [row('mcpscope replay', replay), row('bare SDK client', baseline)];
console.log(
  `\n${requests} echo calls + initialize + tools/list against server-everything (stdio); recording ${(size / 1e6).toFixed(1)} MB; median of ${rounds}`,
);
console.log('                    wall (s)   wall/request (ms)   CPU/request (ms)   peak RSS (MiB)');
for (const r of rows) {
  console.log(
    `${r.name.padEnd(20)}${(r.ms / 1000).toFixed(2).padStart(8)}${r.perRequest.toFixed(3).padStart(20)}${r.cpuPerRequest.toFixed(3).padStart(19)}${r.rss.toFixed(0).padStart(17)}`,
  );
}
const ratio = (key) => (rows[0][key] / rows[1][key]).toFixed(2);
console.log(
  `replay / baseline:  ${ratio('ms')}x wall time, ${ratio('cpuPerRequest')}x CPU, ${ratio('rss')}x memory`,
);
