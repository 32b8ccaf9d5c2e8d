#!/usr/bin/env node
// Reads a 1 GB recording with mcpscope's streaming reader and shows that memory stays flat:
// resident memory at each tenth of the file, and the peak, beside the file size.
//
//   node apps/proxy/bench/reader.mjs [--mb 1024] [--keep]
//
// The recording is generated in the system temp dir from a real recording's lines (an echo
// call and its response, with 1 KiB messages), renumbered, and deleted afterwards unless
// --keep is given. The reader is run from source through tsx (bench/scan-recording.ts).

import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const at = process.argv.indexOf('--mb');
const megabytes = at < 0 ? 1024 : Number(process.argv[at + 1]);
if (!Number.isFinite(megabytes) || megabytes <= 0) {
  console.error('--mb needs a positive number');
  process.exit(2);
}
const target = megabytes * 2 ** 20;
const file = join(tmpdir(), `mcpscope-reader-bench-${process.pid}.jsonl`);

const header = {
  format: 'mcpscope-recording',
  version: 1,
  createdAt: new Date().toISOString(),
  target: { transport: 'stdio', command: 'node', args: ['server.js'], env: {} },
  client: { name: 'mcpscope', version: '0.1.0' },
};
const message = 'x'.repeat(1024);
const started = performance.now();
const fd = openSync(file, 'w');
writeSync(fd, JSON.stringify(header) + '\n');
let written = 0;
let seq = 0;
let chunk = '';
while (written < target) {
  const id = seq;
  const request = {
    seq: seq++,
    t: seq,
    dir: 'c2s',
    kind: 'request',
    msg: {
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'echo', arguments: { message } },
    },
  };
  const response = {
    seq: seq++,
    t: seq,
    dir: 's2c',
    kind: 'response',
    msg: { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: `Echo: ${message}` }] } },
    pairSeq: request.seq,
    durationMs: 1,
  };
  const lines = JSON.stringify(request) + '\n' + JSON.stringify(response) + '\n';
  chunk += lines;
  written += lines.length;
  if (chunk.length > 4 * 2 ** 20) {
    writeSync(fd, chunk);
    chunk = '';
  }
}
writeSync(fd, chunk);
closeSync(fd);
const size = statSync(file).size;
console.error(
  `generated ${(size / 2 ** 20).toFixed(0)} MiB (${seq} entries) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

try {
  const scan = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(BENCH_DIR, 'scan-recording.ts'), file],
    {
      encoding: 'utf8',
      cwd: BENCH_DIR,
    },
  );
  if (scan.status !== 0) throw new Error(`scan failed: ${scan.stderr}`);
  const result = JSON.parse(scan.stdout);
  if (result.entries !== seq) throw new Error(`read ${result.entries} entries of ${seq}`);
  console.log(
    `read ${result.entries} entries, ${(size / 2 ** 20).toFixed(0)} MiB, in ${(result.ms / 1000).toFixed(1)} s (${(size / 2 ** 20 / (result.ms / 1000)).toFixed(0)} MiB/s)`,
  );
  console.log(
    `resident memory at each tenth: ${result.rssAt.map((r) => r.rssMiB.toFixed(0)).join(' ')} MiB`,
  );
  console.log(
    `peak resident memory: ${result.maxRssMiB.toFixed(0)} MiB for a ${(size / 2 ** 20).toFixed(0)} MiB file`,
  );
} finally {
  if (!process.argv.includes('--keep')) rmSync(file, { force: true });
}
