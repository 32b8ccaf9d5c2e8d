// Cost of the proxy in the path of every message, measured side by side with a minimal direct
// stdio client in the same run (interleaved, since this machine is shared and noisy):
//   1. hot latency: sequential `tools/call echo` through the proxy's WebSocket vs direct stdio;
//   2. throughput: 32 requests in flight, proxy vs direct, checking every id is answered once;
//   3. notification flood: FLOOD_COUNT notifications delivered to an attached WebSocket client,
//      checking seq is contiguous and none is lost (direct stdio read as the baseline);
//   4. proxy memory: peak and final RSS of a fresh proxy while 1,000,000 notifications flow
//      through one session, once with a client attached and once with none.
// Latency and throughput also run through bench/fixtures/bare-relay.mjs, a do-nothing Node
// WebSocket-to-stdio relay: the floor that any proxy written in Node pays for the extra hop.
// Prints one table with the goal verdicts and writes bench/results/proxy.json.
//
// Usage: node bench/proxy-latency.mjs [--calls 2000] [--total 20000] [--flood 200000]
//                                     [--memory 1000000] [--rounds 2] [--only latency,throughput,flood,memory]
//                                     [--cpu-prof DIR]   (profiles the proxy processes into DIR)
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { DirectClient, fixture, ProxyClient, serverConfig } from './clients.mjs';
import { cpuMs, root, rssMiB, startProxy, stop } from './lib.mjs';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
}
const CALLS = Number(option('calls', 2000));
const WARMUP = 200;
const TOTAL = Number(option('total', 20_000));
const IN_FLIGHT = 32;
const FLOOD = Number(option('flood', 200_000));
const MEMORY_FLOOD = Number(option('memory', 1_000_000));
const ROUNDS = Number(option('rounds', 2));
const cpuProfDir = option('cpu-prof', undefined);
const proxyNodeArgs = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
const only = new Set(
  String(option('only', 'latency,throughput,flood,memory'))
    .split(',')
    .map((s) => s.trim()),
);

/** Quantile of a sorted list (nearest rank below). */
const at = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: at(sorted, 0.5), p99: at(sorted, 0.99), n: sorted.length };
}
const median = (values) => summary(values).median;

/** Starts the bare relay (the floor of any Node WS-to-stdio proxy) in front of the fixture. */
async function startRelay() {
  const child = spawn(process.execPath, [`${root}bench/fixtures/bare-relay.mjs`], {
    env: {
      ...process.env,
      FLOOD_COUNT: '0',
      RELAY_COMMAND: JSON.stringify([process.execPath, fixture]),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /port (\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`bare relay exited with ${code}`)));
  });
  const client = await ProxyClient.openUrl(`ws://127.0.0.1:${port}/`);
  return { child, client };
}

// ---------------------------------------------------------------------------------------------
// The parts.

/** Order of the sides in round `i`: rotated, so none always runs first. */
const rotate = (names, i) => names.map((_, k) => names[(i + k) % names.length]);

/**
 * 1. Sequential calls, one per side in turn (order rotated each round). `sides` maps a name
 * (proxy, direct, relay) to a function making one echo call.
 */
async function latency(sides) {
  const names = Object.keys(sides);
  for (let i = 0; i < WARMUP; i++) for (const name of names) await sides[name](`w${i}`);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < CALLS; i++) {
    for (const name of rotate(names, i)) {
      const t0 = performance.now();
      await sides[name](`call ${i}`);
      times[name].push(performance.now() - t0);
    }
  }
  const result = { calls: CALLS, warmup: WARMUP };
  for (const name of names) result[name] = summary(times[name]);
  result.addedMedianMs = result.proxy.median - result.direct.median;
  result.addedP99Ms = result.proxy.p99 - result.direct.p99;
  return result;
}

/** Keeps IN_FLIGHT calls outstanding until `total` were answered; returns calls/s. */
async function pipelined(call, total) {
  const answered = new Uint8Array(total);
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < total) {
      const i = next++;
      await call(`t${i}`);
      answered[i]++;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const seconds = (performance.now() - t0) / 1000;
  const lost = answered.reduce((n, count) => n + (count === 1 ? 0 : 1), 0);
  if (lost > 0) throw new Error(`${lost} calls not answered exactly once`);
  return total / seconds;
}

/** 2. Throughput, in ROUNDS * 2 slices per side, rotating the order of the sides. */
async function throughput(sides) {
  const names = Object.keys(sides);
  const slices = ROUNDS * 2;
  const perSlice = Math.ceil(TOTAL / slices);
  const rates = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) await pipelined(sides[name], 2000); // warm up
  for (let s = 0; s < slices; s++) {
    for (const name of rotate(names, s)) rates[name].push(await pipelined(sides[name], perSlice));
  }
  const result = { inFlight: IN_FLIGHT, callsPerSide: perSlice * slices, slices, lost: 0 };
  for (const name of names) result[name] = { callsPerSec: median(rates[name]), rates: rates[name] };
  return result;
}

/** Checks a flood's entries as they arrive; resolves with the rate once all notifications came. */
function floodWatcher(count) {
  const seen = new Uint8Array(count);
  let notifications = 0;
  let entries = 0;
  let lastSeq;
  let gaps = 0;
  let duplicates = 0;
  let t0;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const onEntries = (list) => {
    for (const entry of list) {
      entries++;
      if (lastSeq !== undefined && entry.seq !== lastSeq + 1) gaps++;
      lastSeq = entry.seq;
      if (entry.kind !== 'notification' || entry.msg?.method !== 'notifications/message') continue;
      const i = Number(/^event (\d+) /.exec(entry.msg.params.data)[1]);
      t0 ??= performance.now();
      if (seen[i]) duplicates++;
      seen[i] = 1;
      if (++notifications === count) done();
    }
  };
  const result = async () => {
    await finished;
    const seconds = (performance.now() - t0) / 1000;
    const missing = count - seen.reduce((n, v) => n + v, 0);
    return { notifications, entries, gaps, duplicates, missing, perSec: count / seconds, seconds };
  };
  return { onEntries, result };
}

/** 3. Notification flood to an attached client, alternating with a direct stdio read. */
async function flood(proxy) {
  const runs = { proxy: [], direct: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const side of r % 2 === 0 ? ['proxy', 'direct'] : ['direct', 'proxy']) {
      const watch = floodWatcher(FLOOD);
      if (side === 'proxy') {
        let sessionId;
        const early = [];
        proxy.onTraffic = (id, entries) => {
          if (sessionId === undefined) early.push([id, entries]);
          else if (id === sessionId) watch.onEntries(entries);
        };
        // The connect reply can come after the first traffic of the new session.
        const connected = proxy.command({ type: 'connect', config: serverConfig(FLOOD) });
        ({ sessionId } = await connected);
        for (const [id, entries] of early) if (id === sessionId) watch.onEntries(entries);
        runs.proxy.push(await watch.result());
        proxy.onTraffic = () => {};
        await proxy.remove(sessionId);
      } else {
        const direct = new DirectClient(FLOOD);
        let seq = 0;
        direct.onNotification = (msg) =>
          watch.onEntries([{ seq: seq++, kind: 'notification', msg }]);
        await direct.initialize();
        runs.direct.push(await watch.result());
        await direct.close();
      }
    }
  }
  const lost = runs.proxy.reduce((n, r) => n + r.missing + r.gaps + r.duplicates, 0);
  return {
    notifications: FLOOD,
    rounds: ROUNDS,
    proxyPerSec: median(runs.proxy.map((r) => r.perSec)),
    directPerSec: median(runs.direct.map((r) => r.perSec)),
    lost,
    proxyRuns: runs.proxy,
    directRuns: runs.direct,
  };
}

/** Resolves once session `sessionId` has at least `count` entries and stopped growing. */
async function waitForLastSeq(url, token, sessionId, count) {
  let previous = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const watcher = await ProxyClient.open(url, token);
    const lastSeq = watcher.sessions.find((s) => s.id === sessionId)?.lastSeq ?? -1;
    await watcher.close();
    if (lastSeq >= count && lastSeq === previous) return lastSeq;
    previous = lastSeq;
  }
}

/**
 * 4. Peak and final RSS of a fresh proxy while MEMORY_FLOOD notifications go through one
 * session, with a client attached that receives (and checks) every entry, or with no client
 * (the socket that connected closes at once; entries are only recorded).
 */
async function memory(attached) {
  const { child, url, token } = await startProxy([], {}, proxyNodeArgs);
  try {
    const client = await ProxyClient.open(url, token);
    const atStart = rssMiB(child.pid);
    let peak = atStart;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(child.pid))), 50);
    const watch = floodWatcher(MEMORY_FLOOD);
    let sessionId;
    const early = [];
    client.onTraffic = (id, entries) => {
      if (sessionId === undefined) early.push([id, entries]);
      else if (id === sessionId) watch.onEntries(entries);
    };
    const t0 = performance.now();
    ({ sessionId } = await client.command({ type: 'connect', config: serverConfig(MEMORY_FLOOD) }));
    let lost = null;
    let perSec;
    if (attached) {
      for (const [id, entries] of early) if (id === sessionId) watch.onEntries(entries);
      const run = await watch.result();
      lost = run.missing + run.gaps + run.duplicates;
      perSec = run.perSec;
      await client.close();
    } else {
      await client.close();
      await waitForLastSeq(url, token, sessionId, MEMORY_FLOOD);
      perSec = MEMORY_FLOOD / ((performance.now() - t0) / 1000);
    }
    // Let the proxy settle (GC, buffers drained), still sampling, then take the final figure.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    clearInterval(sampler);
    const after = rssMiB(child.pid);
    peak = Math.max(peak, after);
    return {
      entries: MEMORY_FLOOD,
      clientAttached: attached,
      rssAtStartMiB: atStart,
      peakRssMiB: peak,
      rssAfterMiB: after,
      perSec,
      lost,
    };
  } finally {
    await stop(child);
  }
}

// ---------------------------------------------------------------------------------------------

const results = { startedAt: new Date().toISOString(), loadAvgAtStart: loadavg()[0] };
const { child, url, token } = await startProxy([], {}, proxyNodeArgs);
let direct;
let relay;
try {
  const proxy = await ProxyClient.open(url, token);
  if (only.has('latency') || only.has('throughput')) {
    const sessionId = await proxy.connect(0);
    direct = new DirectClient(0);
    await direct.initialize();
    relay = await startRelay();
    const sides = {
      proxy: (text) => proxy.echo(sessionId, text),
      direct: (text) => direct.echo(text),
      relay: (text) => relay.client.echo('relay', text),
    };
    // CPU time of the proxy and of the relay per call: the cost of the hop itself, which
    // (unlike wall time) a loaded machine barely changes. Both serve only their own side.
    const cpu = async (part, run) => {
      const before = { proxy: cpuMs(child.pid), relay: cpuMs(relay.child.pid) };
      const result = await run();
      const calls = part === 'latency' ? CALLS + WARMUP : result.callsPerSide + 2000;
      result.cpuUsPerCall = {
        proxy: ((cpuMs(child.pid) - before.proxy) / calls) * 1000,
        relay: ((cpuMs(relay.child.pid) - before.relay) / calls) * 1000,
      };
      return result;
    };
    if (only.has('latency')) results.latency = await cpu('latency', () => latency(sides));
    if (only.has('throughput'))
      results.throughput = await cpu('throughput', () => throughput(sides));
    await proxy.remove(sessionId);
  }
  if (only.has('flood')) results.flood = await flood(proxy);
  await proxy.close();
} finally {
  if (direct) await direct.close();
  if (relay) await stop(relay.child);
  await stop(child);
}
if (only.has('memory')) {
  results.memory = await memory(true);
  results.memoryDetached = await memory(false);
}
results.loadAvgAtEnd = loadavg()[0];

// ---------------------------------------------------------------------------------------------
// Report.

const ms = (v) => `${v.toFixed(3)} ms`;
const rate = (v) => `${Math.round(v).toLocaleString('en-US')}/s`;
const verdict = (ok) => (ok ? 'met' : 'NOT met');
const rows = [];
if (results.latency) {
  const l = results.latency;
  rows.push(
    [
      `latency median (${l.calls} seq.)`,
      ms(l.proxy.median),
      ms(l.direct.median),
      ms(l.relay.median),
      `+${ms(l.addedMedianMs)}`,
      `≤ +0.25 ms: ${verdict(l.addedMedianMs <= 0.25)}`,
    ],
    [`latency p99`, ms(l.proxy.p99), ms(l.direct.p99), ms(l.relay.p99), `+${ms(l.addedP99Ms)}`, ''],
    [
      'CPU per sequential call',
      `${l.cpuUsPerCall.proxy.toFixed(0)} µs`,
      '',
      `${l.cpuUsPerCall.relay.toFixed(0)} µs`,
      '',
      '',
    ],
  );
}
if (results.throughput) {
  const t = results.throughput;
  rows.push([
    `throughput (${t.inFlight} in flight)`,
    rate(t.proxy.callsPerSec),
    rate(t.direct.callsPerSec),
    rate(t.relay.callsPerSec),
    `${(t.proxy.callsPerSec / t.direct.callsPerSec).toFixed(2)}x, lost ${t.lost}`,
    `≥ 15,000/s: ${verdict(t.proxy.callsPerSec >= 15_000)}`,
  ]);
  rows.push([
    'CPU per pipelined call',
    `${t.cpuUsPerCall.proxy.toFixed(0)} µs`,
    '',
    `${t.cpuUsPerCall.relay.toFixed(0)} µs`,
    '',
    '',
  ]);
}
if (results.flood) {
  const f = results.flood;
  rows.push([
    `flood ${f.notifications.toLocaleString('en-US')} notif.`,
    rate(f.proxyPerSec),
    rate(f.directPerSec),
    '',
    `${(f.proxyPerSec / f.directPerSec).toFixed(2)}x, lost ${f.lost}`,
    `none lost: ${verdict(f.lost === 0)}`,
  ]);
}
for (const m of [results.memory, results.memoryDetached]) {
  if (m === undefined) continue;
  const how = m.clientAttached ? `client attached, lost ${m.lost}` : 'no client';
  rows.push([
    `proxy RSS, ${m.entries.toLocaleString('en-US')} entries`,
    `peak ${m.peakRssMiB.toFixed(0)} MiB`,
    '',
    '',
    `after ${m.rssAfterMiB.toFixed(0)} MiB, ${how}`,
    `≤ 300 MiB: ${verdict(m.peakRssMiB <= 300 && !m.lost)}`,
  ]);
}
const header = ['measure', 'proxy', 'direct stdio', 'bare relay', 'proxy vs direct', 'goal'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(
  `proxy cost, interleaved with direct stdio and a bare Node WS relay, load ${results.loadAvgAtStart.toFixed(2)} → ${results.loadAvgAtEnd.toFixed(2)}`,
);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));

mkdirSync(`${root}bench/results`, { recursive: true });
// Formatted like the rest of the repository, so `prettier --check .` passes with results present.
const { format } = await import('prettier');
writeFileSync(
  `${root}bench/results/proxy.json`,
  await format(JSON.stringify(results), { parser: 'json' }),
);
console.log(`written to bench/results/proxy.json`);
