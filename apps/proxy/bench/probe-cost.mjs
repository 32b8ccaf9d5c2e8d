#!/usr/bin/env node
// What the 2026-07-28 probe costs against a legacy server: `mcpscope --cli --method tools/list`
// against server-everything with `--protocol-version auto` (server/discover first, then the
// fallback to initialize) and with `--protocol-version legacy` (initialize only), over stdio
// and over Streamable HTTP; and the wall time of one multi-round call (book-trip on the
// dual-era fixture: three input_required rounds) with the rounds it took.
//
//   node apps/proxy/bench/probe-cost.mjs [--rounds 10]
//
// Build first (node scripts/bootstrap.mjs build). The commands run interleaved, one of each per
// round, so that a noisy shared machine slows them alike; one warm-up round is checked and not
// counted. Each sample is the wall time from spawn to the child's exit (pipes closed). Plain
// Node ESM, no dependencies; the HTTP server it starts is stopped at the end.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROXY_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
const BIN = join(PROXY_DIR, 'dist', 'bin.js');
const DUAL = join(PROXY_DIR, 'test', 'fixtures', 'modern', 'dual-era.mjs');
const EVERYTHING = join(
  dirname(
    createRequire(join(PROXY_DIR, 'package.json')).resolve(
      '@modelcontextprotocol/server-everything/package.json',
    ),
  ),
  'dist',
  'index.js',
);

function parseArgs(argv) {
  let rounds = 10;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') rounds = Number(argv[++i]);
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node apps/proxy/bench/probe-cost.mjs [--rounds N]   (default 10)');
      process.exit(0);
    } else {
      console.error(`probe-cost: unknown argument ${argv[i]}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error('probe-cost: --rounds must be a positive integer');
    process.exit(2);
  }
  return { rounds };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startEverythingHttp() {
  const port = await freePort();
  const child = spawn(process.execPath, [EVERYTHING, 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`server-everything did not start:\n${seen}`)),
      20_000,
    );
    const onData = (chunk) => {
      seen += chunk;
      if (/(?:listening|running) on port \d+/i.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server-everything exited (${code}):\n${seen}`)));
  });
  return { url: `http://127.0.0.1:${port}/mcp`, child };
}

/** Runs `node BIN ARGS…`; resolves with its wall time and stdout, rejects on a non-zero exit. */
function timeRun(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`mcpscope ${args.join(' ')} exited ${code}:\n${stderr}`));
      else resolve({ ms, stdout });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const { rounds } = parseArgs(process.argv.slice(2));
if (!existsSync(BIN)) {
  console.error(`probe-cost: ${BIN} is missing: run node scripts/bootstrap.mjs build first`);
  process.exit(2);
}

const http = await startEverythingHttp();
const list = ['--cli', '--method', 'tools/list'];
const cases = [
  {
    name: 'stdio auto',
    args: [...list, '--protocol-version', 'auto', process.execPath, EVERYTHING, 'stdio'],
  },
  {
    name: 'stdio legacy',
    args: [...list, '--protocol-version', 'legacy', process.execPath, EVERYTHING, 'stdio'],
  },
  { name: 'http auto', args: [...list, '--protocol-version', 'auto', http.url] },
  { name: 'http legacy', args: [...list, '--protocol-version', 'legacy', http.url] },
  {
    name: 'book-trip (MRTR, auto, stdio)',
    args: [
      '--cli',
      '--tool-name',
      'book-trip',
      '--tool-arg',
      'destination=Oslo',
      '--elicitation',
      'accept',
      '--elicitation-content',
      '{"name":"Ada","nights":3}',
      '--sampling-response',
      'Fjords',
      '--root',
      '/tmp',
      process.execPath,
      DUAL,
    ],
  },
];
const samples = new Map(cases.map((c) => [c.name, []]));
let bookTripRounds;
try {
  for (let round = 0; round <= rounds; round++) {
    for (const c of cases) {
      const { ms, stdout } = await timeRun(c.args);
      if (c.name.startsWith('book-trip')) {
        const result = JSON.parse(stdout);
        bookTripRounds = result.structuredContent?.rounds;
        if (!String(result.content?.[0]?.text).startsWith('booked Ada'))
          throw new Error(`book-trip did not book: ${stdout}`);
      } else if (!Array.isArray(JSON.parse(stdout).tools)) {
        throw new Error(`${c.name}: no tools in ${stdout.slice(0, 200)}`);
      }
      if (round > 0) samples.get(c.name).push(ms); // round 0 is the warm-up
    }
  }
} finally {
  http.child.kill('SIGTERM');
}

const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
console.log(`mcpscope --cli, ${rounds} interleaved rounds (+1 warm-up), wall time spawn→exit`);
console.log(
  `${'case'.padEnd(32)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)}`,
);
for (const [name, xs] of samples) {
  console.log(
    `${name.padEnd(32)} ${fmt(median(xs))} ${fmt(Math.min(...xs))} ${fmt(Math.max(...xs))}`,
  );
}
for (const transport of ['stdio', 'http']) {
  const auto = median(samples.get(`${transport} auto`));
  const legacy = median(samples.get(`${transport} legacy`));
  console.log(
    `probe cost over ${transport}: auto/legacy = ${(auto / legacy).toFixed(2)} (${(auto - legacy).toFixed(0)} ms per call)`,
  );
}
console.log(
  `book-trip took ${bookTripRounds} rounds (input_required ×${(bookTripRounds ?? 1) - 1})`,
);
