// 6. Large payload: one tools/call whose result is 20 MB of text, end to end to a client that
// speaks the wire protocol as the browser does, side by side with the same call made directly
// over stdio. Each round starts a fresh proxy (so its peak RSS, VmHWM, is this call's) and runs
// both sides, alternating which goes first. The server is bench/fixtures/flood-server.mjs.
//
// Usage: node bench/large-payload.mjs [--mb 20] [--rounds 3]
// Writes bench/results/payload.json.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { root, startProxy, stats, stop } from './lib.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const MB = arg('mb', 20);
const ROUNDS = arg('rounds', 3);
const bytes = MB * 1_000_000;

const peakMiB = (pid) =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** Runs bench/fixtures/payload-client.mjs and returns what it printed. */
function client(...args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${root}bench/fixtures/payload-client.mjs`, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`payload client exited ${code}`)),
    );
  });
}

async function direct() {
  const { ms, peakRssMiB } = await client('direct', String(bytes));
  return { ms, clientPeakMiB: peakRssMiB };
}

async function proxy() {
  const { child, url, token } = await startProxy();
  try {
    const wsUrl = `ws://${new URL(url).host}/ws?token=${encodeURIComponent(token)}`;
    const { ms, peakRssMiB, socketBytes } = await client('proxy', String(bytes), wsUrl);
    return { ms, clientPeakMiB: peakRssMiB, proxyPeakMiB: peakMiB(child.pid), socketBytes };
  } finally {
    await stop(child);
  }
}

const runs = { direct: [], proxy: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const side of r % 2 === 0 ? ['proxy', 'direct'] : ['direct', 'proxy']) {
    runs[side].push(side === 'proxy' ? await proxy() : await direct());
  }
}
const med = (list, key) => stats(list.map((r) => r[key])).median;
const result = {
  bytes,
  rounds: ROUNDS,
  proxy: {
    ms: med(runs.proxy, 'ms'),
    clientPeakMiB: med(runs.proxy, 'clientPeakMiB'),
    proxyPeakMiB: med(runs.proxy, 'proxyPeakMiB'),
    socketBytes: med(runs.proxy, 'socketBytes'),
  },
  direct: { ms: med(runs.direct, 'ms'), clientPeakMiB: med(runs.direct, 'clientPeakMiB') },
  runs,
};
console.log(`large payload: one tools/call with a ${MB} MB result, median of ${ROUNDS} rounds`);
console.log(
  `  through mcpscope: ${result.proxy.ms.toFixed(0)} ms; peak RSS client ${result.proxy.clientPeakMiB.toFixed(0)} MiB, proxy ${result.proxy.proxyPeakMiB.toFixed(0)} MiB`,
);
console.log(
  `  direct stdio:     ${result.direct.ms.toFixed(0)} ms; peak RSS client ${result.direct.clientPeakMiB.toFixed(0)} MiB`,
);
console.log(`  mcpscope / direct: ${(result.proxy.ms / result.direct.ms).toFixed(2)}x`);
const payloadMiB = bytes / 1024 / 1024;
console.log(
  `  proxy peak RSS / payload: ${(result.proxy.proxyPeakMiB / payloadMiB).toFixed(2)}x (goal ≤ 2x); socket bytes / payload: ${(result.proxy.socketBytes / bytes).toFixed(2)}x (goal ≤ 1.1x)`,
);
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(`${root}bench/results/payload.json`, JSON.stringify(result, null, 2) + '\n');
