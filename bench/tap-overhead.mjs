// What `mcpscope tap` adds to a host's round trip over stdio, side by side with the same host
// talking to the server directly and through a bare Node byte relay (bench/fixtures/
// byte-relay.mjs, the floor of any shim written in Node), interleaved in rounds because this
// machine is shared and noisy. The host is a raw NDJSON client (no SDK: its own cost would
// hide the shim's); the server is bench/fixtures/flood-server.mjs answering `echo`.
//   direct      host → server
//   relay       host → byte relay → server
//   tap         host → mcpscope tap (recording, no UI running) → server
//   tap+ui      host → mcpscope tap (recording, fed to a running mcpscope ui) → server
// Added latency = median(variant) − median(direct). Goal: tap ≤ 1.2× the relay's added
// latency, and no more with the UI attached than without.
// Prints a table and writes bench/results/tap.json.
//
// Usage: node bench/tap-overhead.mjs [--calls 2000] [--rounds 3]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bin, root, startProxy, stop } from './lib.mjs';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
}
const CALLS = Number(option('calls', 2000));
const ROUNDS = Number(option('rounds', 3));
const WARMUP = 200;
const server = [process.execPath, `${root}bench/fixtures/flood-server.mjs`];
const dataDir = mkdtempSync(join(tmpdir(), 'mcpscope-bench-tap-'));
const env = { ...process.env, FLOOD_COUNT: '0', MCPSCOPE_DATA_DIR: dataDir };

const VARIANTS = {
  direct: () => server,
  relay: () => [process.execPath, `${root}bench/fixtures/byte-relay.mjs`, ...server],
  tap: () => [process.execPath, bin, 'tap', '--no-ui', '--', ...server],
  'tap+ui': () => [process.execPath, bin, 'tap', '--', ...server],
};

/** A host: one child, sequential requests, each timed from write to the answer's line. */
async function host(argv) {
  const child = spawn(argv[0], argv.slice(1), { env, stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = '';
  let waiting;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const msg = JSON.parse(line);
      if (msg.id !== undefined && waiting?.id === msg.id) waiting.resolve(performance.now());
    }
  });
  let nextId = 1;
  const call = (method, params) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting = { id, resolve };
      const t0 = performance.now();
      child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
      waiting.resolve = (t1) => resolve(t1 - t0);
    });
  await call('initialize', {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'bench-host', version: '1' },
  });
  child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
  return {
    child,
    async run(n) {
      const times = [];
      for (let i = 0; i < n; i++)
        times.push(await call('tools/call', { name: 'echo', arguments: { text: `call ${i}` } }));
      return times;
    },
    async close() {
      child.stdin.end();
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

const at = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: at(sorted, 0.5), p99: at(sorted, 0.99), n: sorted.length };
};

const ui = await startProxy([], { MCPSCOPE_DATA_DIR: dataDir });
// The tap finds the UI by its runtime file, written right after the URL.
const runDir = join(dataDir, 'run');
for (let i = 0; i < 200 && !(existsSync(runDir) && readdirSync(runDir).length > 0); i++)
  await new Promise((r) => setTimeout(r, 20));
const samples = Object.fromEntries(Object.keys(VARIANTS).map((v) => [v, []]));
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, argv] of Object.entries(VARIANTS)) {
      const h = await host(argv());
      if (name === 'tap+ui') await new Promise((r) => setTimeout(r, 1500)); // attached by now
      await h.run(WARMUP);
      samples[name].push(...(await h.run(CALLS)));
      await h.close();
    }
  }
} finally {
  await stop(ui.child);
}
rmSync(dataDir, { recursive: true, force: true });

const result = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summary(v)]));
const added = (name) => result[name].median - result.direct.median;
const report = {
  calls: CALLS,
  rounds: ROUNDS,
  loadavg: loadavg(),
  ...result,
  addedMs: { relay: added('relay'), tap: added('tap'), tapUi: added('tap+ui') },
  ratioToRelay: { tap: added('tap') / added('relay'), tapUi: added('tap+ui') / added('relay') },
};
report.goalMet = report.ratioToRelay.tap <= 1.2;
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(`${root}bench/results/tap.json`, JSON.stringify(report, null, 2) + '\n');

const f = (v) => `${v.toFixed(3)} ms`;
console.log(`tap overhead: ${CALLS} sequential echo calls × ${ROUNDS} rounds per variant`);
console.log('variant   median      p99         added (median)  × relay');
for (const name of Object.keys(VARIANTS)) {
  const r = result[name];
  const a = name === 'direct' ? '' : `+${f(added(name))}`;
  const x =
    name === 'direct' || name === 'relay' ? '' : `${(added(name) / added('relay')).toFixed(2)}x`;
  console.log(
    `${name.padEnd(9)} ${f(r.median).padEnd(11)} ${f(r.p99).padEnd(11)} ${a.padEnd(15)} ${x}`,
  );
}
console.log(
  `goal: tap ≤ 1.2× the relay's added latency: ${report.goalMet ? 'met' : 'NOT met'}; with the UI attached: ${report.ratioToRelay.tapUi.toFixed(2)}x`,
);
