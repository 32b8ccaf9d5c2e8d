#!/usr/bin/env node
// One-shot CLI latency: `mcpscope --cli --method tools/list` against server-everything over
// stdio, side by side with the least the SDK can do (bench/bare-sdk-client.mjs), `node -e 0` as
// the floor and the official inspector's CLI, which is installed at bench time into
// node_modules/.cache/bench-peers (bench/peers.mjs; --no-peers skips that, a failed install is
// a note).
//
//   npm run bench:cli                                        (build, then this with defaults)
//   node apps/proxy/bench/cli-oneshot.mjs [--rounds 15] [--warmup 1] [--timeout 30000] [--no-peers]
//
// The commands run interleaved (A, B, C, A, B, C, …) so that a noisy shared machine slows them
// all alike. Each sample is the wall time from spawn to the child's exit, the time to its first
// byte on stdout, and the "exit lag" from that first byte to exit (the goal: the CLI ends within
// ~50 ms of printing its result). Warm-up rounds are run the same way, checked and not counted.
// The table goes to stdout; every sample and the machine's facts go to
// apps/proxy/bench/results/cli-oneshot.json.
//
// Plain Node ESM, no dependencies. Every child runs in its own process group and is waited for
// (exit and the close of its pipes); anything left alive in the group afterwards (an orphaned
// server) is reported and killed. A child that exits non-zero aborts the bench.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInspector } from '../../../bench/peers.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROXY_DIR = dirname(BENCH_DIR);
const ROOT = dirname(dirname(PROXY_DIR));
const BIN = join(PROXY_DIR, 'dist', 'bin.js');
const BARE_CLIENT = join(BENCH_DIR, 'bare-sdk-client.mjs');
const RESULTS_FILE = join(BENCH_DIR, 'results', 'cli-oneshot.json');
const EXIT_LAG_GOAL_MS = 50;

/** A failure the user can act on: printed as a message, not a stack trace. */
class BenchError extends Error {}

// ---------------------------------------------------------------- arguments

const USAGE = `usage: node apps/proxy/bench/cli-oneshot.mjs [--rounds N] [--warmup N] [--timeout MS] [--no-peers]

  --rounds N     measured rounds, each running every command once (default 15)
  --warmup N     unmeasured rounds first; the first one checks every output (default 1, min 1)
  --timeout MS   kill a run that takes longer and abort (default 30000)
  --no-peers     do not install the official inspector to compare with`;

function parseArgs(argv) {
  const options = { rounds: 15, warmup: 1, timeout: 30_000, peers: true };
  const names = { '--rounds': 'rounds', '--warmup': 'warmup', '--timeout': 'timeout' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-peers') {
      options.peers = false;
      continue;
    }
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const key = names[flag];
    if (key === undefined) throw new BenchError(`unknown argument "${arg}"\n${USAGE}`);
    const text = inline ?? argv[++i];
    const value = Number(text);
    if (text === undefined || !Number.isInteger(value) || value < 1) {
      throw new BenchError(
        `${flag} needs an integer ≥ 1, got ${text === undefined ? 'nothing' : `"${text}"`}`,
      );
    }
    options[key] = value;
  }
  return options;
}

// ---------------------------------------------------------------- what to run

/** A path relative to the repo root when it is inside it, else absolute. */
function shortPath(path) {
  const rel = relative(ROOT, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

const requireFromProxy = createRequire(join(PROXY_DIR, 'package.json'));

/** The nearest package.json above `file` whose name is `name`. */
function packageRoot(file, name) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, 'utf8')).name === name) return dir;
      } catch {
        // not a readable manifest; keep walking
      }
    }
  }
  throw new BenchError(`cannot find the package root of ${name} above ${file}`);
}

function readVersion(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

function resolveServer() {
  let manifest;
  try {
    manifest = requireFromProxy.resolve('@modelcontextprotocol/server-everything/package.json');
  } catch {
    throw new BenchError(
      '@modelcontextprotocol/server-everything is not installed in apps/proxy (a devDependency): run `pnpm install`',
    );
  }
  const dir = dirname(manifest);
  const entry = join(dir, 'dist', 'index.js');
  if (!existsSync(entry))
    throw new BenchError(`server-everything has no dist/index.js at ${entry}`);
  return { entry, version: readVersion(dir) };
}

function resolveSdk() {
  // The bare client imports the SDK by bare specifier from apps/proxy/bench, and dist/bin.js
  // from apps/proxy/dist: both resolve through apps/proxy/node_modules, i.e. this copy.
  let entry;
  try {
    entry = fileURLToPath(import.meta.resolve('@modelcontextprotocol/client'));
  } catch {
    throw new BenchError(
      '@modelcontextprotocol/client does not resolve from apps/proxy: run `pnpm install`',
    );
  }
  const dir = packageRoot(entry, '@modelcontextprotocol/client');
  return { dir, version: readVersion(dir) };
}

/** The official inspector: a copy Node would find, else the one bench/peers.mjs installs. */
function resolveInspector(install) {
  const globalRoot = join(dirname(dirname(process.execPath)), 'lib', 'node_modules');
  const bases = [
    join(PROXY_DIR, 'package.json'),
    join(ROOT, 'package.json'),
    join(globalRoot, 'noop.js'),
  ];
  const searched = [PROXY_DIR, ROOT, globalRoot];
  for (const base of bases) {
    try {
      const manifest = createRequire(base).resolve('@modelcontextprotocol/inspector/package.json');
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      const bin =
        typeof pkg.bin === 'string'
          ? pkg.bin
          : (pkg.bin?.['mcp-inspector'] ?? Object.values(pkg.bin ?? {})[0]);
      if (bin === undefined) continue;
      return { found: true, entry: join(dirname(manifest), bin), version: pkg.version };
    } catch {
      // not here
    }
  }
  const peer = ensureInspector({ install });
  if (peer.found) return peer;
  return {
    found: false,
    note: `${peer.note} (also looked from ${searched.map(shortPath).join(', ')})`,
  };
}

function commands(server, inspector) {
  const target = ['node', server.entry, 'stdio'];
  const list = [
    {
      id: 'mcpscope',
      label: 'mcpscope --cli',
      args: [BIN, '--cli', '--method', 'tools/list', ...target],
      expectTools: true,
    },
    {
      id: 'bare-sdk',
      label: 'bare SDK client',
      args: [BARE_CLIENT, ...target],
      expectTools: true,
    },
    { id: 'node-floor', label: 'node -e 0', args: ['-e', '0'], expectTools: false },
  ];
  if (inspector.found) {
    list.push({
      id: 'inspector',
      label: `inspector --cli ${inspector.version}`,
      args: [inspector.entry, '--cli', ...target, '--method', 'tools/list'],
      expectTools: true,
    });
  }
  return list;
}

// ---------------------------------------------------------------- running

const ns = () => process.hrtime.bigint();
const ms = (from, to) => Number(to - from) / 1e6;

let current; // the child running now, for SIGINT
let interrupted = false;

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: nothing left in the group
  }
}

/**
 * Runs one command to completion: spawn, exit, and the close of its stdout/stderr (which waits
 * for anything that inherited them). Resolves with the timings; rejects on a spawn error, a
 * non-zero exit, a signal or a timeout.
 */
function runOnce(command, { capture, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const stdout = [];
    let stderr = '';
    let firstByte;
    let exitAt;
    let exitCode;
    let exitSignal;
    let timedOut = false;
    let spawnError;

    const start = ns();
    const child = spawn(process.execPath, command.args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: orphans can be found and killed
    });
    current = child;

    child.stdout.on('data', (chunk) => {
      firstByte ??= ns();
      if (capture) stdout.push(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-8000);
    });
    child.on('exit', (code, signal) => {
      exitAt = ns();
      exitCode = code;
      exitSignal = signal;
    });
    child.on('error', (error) => {
      spawnError = error;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGKILL');
    }, timeoutMs);

    child.on('close', () => {
      const closedAt = ns();
      clearTimeout(timer);
      current = undefined;
      // Anything still alive in the group outlived its parent and closed its pipes: an orphan.
      const orphaned = child.pid !== undefined && killGroup(child.pid, 0);
      if (orphaned) killGroup(child.pid, 'SIGKILL');

      const tail = stderr.trim() ? `\n--- stderr (tail) ---\n${stderr.trim()}` : '';
      if (spawnError)
        return reject(new BenchError(`${command.label}: could not start: ${spawnError.message}`));
      if (interrupted) return reject(new BenchError('interrupted'));
      if (timedOut)
        return reject(
          new BenchError(`${command.label}: no exit within ${timeoutMs} ms; killed${tail}`),
        );
      if (exitCode !== 0) {
        const how = exitSignal ? `was killed by ${exitSignal}` : `exited with code ${exitCode}`;
        return reject(
          new BenchError(
            `${command.label} ${how}\n  command: node ${command.args.join(' ')}${tail}`,
          ),
        );
      }
      resolve({
        wallMs: ms(start, exitAt ?? closedAt),
        ttfbMs: firstByte === undefined ? null : ms(start, firstByte),
        exitLagMs: firstByte === undefined ? null : ms(firstByte, exitAt ?? closedAt),
        closeAfterExitMs: exitAt === undefined ? null : ms(exitAt, closedAt),
        orphaned,
        stdout: capture ? Buffer.concat(stdout).toString('utf8') : undefined,
      });
    });
  });
}

/** The output must be a tools/list result with tools in it. Returns how many. */
function checkTools(command, stdout) {
  let parsed;
  try {
    parsed = JSON.parse(stdout);
  } catch (error) {
    throw new BenchError(
      `${command.label}: stdout is not JSON (${error.message}); it starts: ${JSON.stringify(stdout.slice(0, 200))}`,
    );
  }
  if (!Array.isArray(parsed?.tools) || parsed.tools.length === 0) {
    throw new BenchError(
      `${command.label}: the output has no non-empty "tools" array; it starts: ${JSON.stringify(stdout.slice(0, 200))}`,
    );
  }
  return { tools: parsed.tools.length, bytes: Buffer.byteLength(stdout) };
}

// ---------------------------------------------------------------- statistics

/** Linear-interpolated quantile of a sorted array. */
function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function summarize(samples, key) {
  const values = samples.map((s) => s[key]).filter((v) => v !== null);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v) => Math.round(v * 10) / 10;
  return {
    median: round(quantile(sorted, 0.5)),
    p90: round(quantile(sorted, 0.9)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  };
}

// ---------------------------------------------------------------- machine

function gitFacts() {
  const git = (...args) => {
    const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const status = git('status', '--porcelain', '--', 'apps/proxy/src', 'packages');
  return {
    commit: git('rev-parse', 'HEAD'),
    proxySourcesDirty: status === null ? null : status.length > 0,
  };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    availableParallelism: os.availableParallelism?.() ?? null,
    cpuModel: cpus[0]?.model ?? null,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemMiB: Math.round(os.totalmem() / 2 ** 20),
  };
}

/** The 1, 5 and 15 minute load averages (an object, not an array, so the JSON stays Prettier-clean). */
function loadavg() {
  const [m1, m5, m15] = os.loadavg().map((v) => Math.round(v * 100) / 100);
  return { '1m': m1, '5m': m5, '15m': m15 };
}
const showLoad = (l) => `${l['1m']} ${l['5m']} ${l['15m']}`;

// ---------------------------------------------------------------- report

function pad(text, width, right) {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

function printTable(rows) {
  const header = [
    'command',
    'n',
    'median ms',
    'p90 ms',
    'min ms',
    'ttfb med',
    'exit lag med',
    'vs bare',
  ];
  const right = [false, true, true, true, true, true, true, true];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => pad(c, widths[i], right[i])).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

const fmt = (v) => (v === null || v === undefined ? '—' : v.toFixed(1));

// ---------------------------------------------------------------- main

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(BIN)) {
    throw new BenchError(
      `${relative(ROOT, BIN)} is missing: build first (npm run bench:cli builds, or: cd apps/proxy && node build.mjs)`,
    );
  }
  const server = resolveServer();
  const sdk = resolveSdk();
  const inspector = resolveInspector(options.peers);
  const list = commands(server, inspector);

  const startedAt = new Date();
  const loadStart = loadavg();
  const info = machine();
  console.log(
    `cli-oneshot: ${info.cpus} cpus, node ${info.node}, load ${showLoad(loadStart)}; ` +
      `${options.warmup} warm-up + ${options.rounds} measured rounds of ${list.map((c) => c.id).join(', ')}`,
  );
  console.log(
    `  server-everything ${server.version}, sdk ${sdk.version} (${relative(ROOT, sdk.dir)})`,
  );
  if (!inspector.found) console.log(`  note: ${inspector.note}`);

  const samples = Object.fromEntries(list.map((c) => [c.id, []]));
  const checked = {};
  const extras = { orphans: [], slowClose: [] };
  const total = options.warmup + options.rounds;
  for (let round = 0; round < total; round++) {
    const warm = round < options.warmup;
    for (const command of list) {
      const check = round === 0 && command.expectTools;
      const result = await runOnce(command, { capture: check, timeoutMs: options.timeout });
      if (check) checked[command.id] = checkTools(command, result.stdout);
      if (command.expectTools && result.ttfbMs === null)
        throw new BenchError(`${command.label} printed nothing on stdout`);
      if (result.orphaned) extras.orphans.push({ id: command.id, round });
      if (result.closeAfterExitMs !== null && result.closeAfterExitMs > 20) {
        extras.slowClose.push({ id: command.id, round, ms: Math.round(result.closeAfterExitMs) });
      }
      if (!warm) {
        const { stdout: _unused, ...sample } = result;
        samples[command.id].push({ round: round - options.warmup + 1, ...sample });
      }
    }
    process.stderr.write(warm ? 'w' : '.');
  }
  process.stderr.write('\n');
  const loadEnd = loadavg();

  const stats = Object.fromEntries(
    list.map((c) => [
      c.id,
      {
        label: c.label,
        command: `node ${c.args.map((a) => (a.startsWith(ROOT) ? shortPath(a) : a)).join(' ')}`,
        n: samples[c.id].length,
        wallMs: summarize(samples[c.id], 'wallMs'),
        ttfbMs: summarize(samples[c.id], 'ttfbMs'),
        exitLagMs: summarize(samples[c.id], 'exitLagMs'),
        ...(checked[c.id] && { output: checked[c.id] }),
      },
    ]),
  );
  const bareMedian = stats['bare-sdk'].wallMs.median;
  const floorMedian = stats['node-floor'].wallMs.median;
  const ratio = Math.round((stats['mcpscope'].wallMs.median / bareMedian) * 1000) / 1000;
  const overFloor =
    Math.round(
      ((stats['mcpscope'].wallMs.median - floorMedian) / (bareMedian - floorMedian)) * 1000,
    ) / 1000;

  console.log('');
  printTable(
    list.map((c) => {
      const s = stats[c.id];
      return [
        c.label,
        s.n,
        fmt(s.wallMs.median),
        fmt(s.wallMs.p90),
        fmt(s.wallMs.min),
        fmt(s.ttfbMs?.median),
        fmt(s.exitLagMs?.median),
        (s.wallMs.median / bareMedian).toFixed(2),
      ];
    }),
  );
  const lag = stats['mcpscope'].exitLagMs.median;
  console.log('');
  console.log(
    `mcpscope / bare SDK, median wall: ${ratio.toFixed(2)} (goal ≤ 1.00: ${ratio <= 1 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `  above the node floor: ${overFloor.toFixed(2)} (mcpscope ${fmt(stats['mcpscope'].wallMs.median - floorMedian)} ms vs bare ${fmt(bareMedian - floorMedian)} ms)`,
  );
  console.log(
    `mcpscope exit lag, median: ${fmt(lag)} ms (goal ≤ ${EXIT_LAG_GOAL_MS} ms: ${lag <= EXIT_LAG_GOAL_MS ? 'met' : 'NOT met'})`,
  );
  const tools = ['mcpscope', 'bare-sdk', 'inspector']
    .filter((id) => checked[id])
    .map((id) => `${id} ${checked[id].tools} tools/${checked[id].bytes} B`);
  console.log(`outputs checked: ${tools.join(', ')}`);
  if (extras.orphans.length > 0)
    console.log(
      `warning: processes outlived their parent and were killed: ${JSON.stringify(extras.orphans)}`,
    );
  if (extras.slowClose.length > 0)
    console.log(
      `note: pipes closed > 20 ms after exit (something inherited them): ${JSON.stringify(extras.slowClose)}`,
    );
  console.log(`load average: start ${showLoad(loadStart)}, end ${showLoad(loadEnd)}`);

  const report = {
    bench: 'cli-oneshot',
    method: 'tools/list',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options,
    machine: { ...info, loadavgStart: loadStart, loadavgEnd: loadEnd },
    git: gitFacts(),
    versions: {
      sdk: sdk.version,
      serverEverything: server.version,
      inspector: inspector.found ? inspector.version : null,
    },
    build: {
      bin: relative(ROOT, BIN),
      bytes: statSync(BIN).size,
      mtime: statSync(BIN).mtime.toISOString(),
    },
    notes: [
      'wallMs: spawn to exit; ttfbMs: spawn to first stdout byte; exitLagMs: first stdout byte to exit; all observed in the parent with process.hrtime.bigint().',
      'Commands run round-robin in the listed order; warm-up rounds are not counted; quantiles are linearly interpolated.',
      ...(inspector.found ? [] : [inspector.note]),
    ],
    summary: {
      ratioMcpscopeToBareMedian: ratio,
      ratioAboveFloor: overFloor,
      mcpscopeExitLagMedianMs: lag,
      exitLagGoalMs: EXIT_LAG_GOAL_MS,
      goalRatioMet: ratio <= 1,
      goalExitLagMet: lag <= EXIT_LAG_GOAL_MS,
    },
    commands: stats,
    anomalies: extras,
    samples,
  };
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + '\n');
  console.log(`wrote ${relative(ROOT, RESULTS_FILE)}`);
}

process.on('SIGINT', () => {
  interrupted = true;
  if (current?.pid !== undefined) killGroup(current.pid, 'SIGTERM');
  else process.exit(130);
});

try {
  await main();
} catch (error) {
  if (error instanceof BenchError) {
    console.error(`\ncli-oneshot: FAILED: ${error.message}`);
    process.exitCode = interrupted ? 130 : 1;
  } else {
    throw error;
  }
}
