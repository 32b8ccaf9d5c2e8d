#!/usr/bin/env node
// What a reaper costs per server started (see packages/engine/src/transports/reaper.ts): the shell mcpscope
// uses, side by side with the alternative it rejected, a Node watchdog script, and with
// `/bin/true` as the floor of any spawn. Interleaved rounds (A, B, C, A, B, C, …) so a noisy
// shared machine slows them alike. For each: the wall time of the synchronous spawn() call
// (what the proxy's event loop pays), the time to the 'spawn' event, and the resident memory
// of the waiting process and the CPU time it took to get there (from /proc, Linux only).
//
//   node apps/proxy/bench/reaper-cost.mjs [--rounds 20]
//
// Every process started is killed and waited for before the next round.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 20;

const SHELL_SCRIPT = 'trap \'\' INT TERM HUP\nread -r _\nkill -TERM -"$1" 2>/dev/null || exit 0';
const NODE_SCRIPT =
  "process.on('SIGINT',()=>{});process.stdin.resume();process.stdin.on('end',()=>{try{process.kill(-Number(process.argv[1]),'SIGTERM')}catch{}process.exit(0)})";

const candidates = [
  { name: 'sh reaper (used)', argv: ['/bin/sh', '-c', SHELL_SCRIPT, 'reaper', '999999'] },
  { name: 'node watchdog', argv: [process.execPath, '-e', NODE_SCRIPT, '999999'] },
  { name: 'floor: /bin/sleep', argv: ['/bin/sleep', '30'] },
];

/** CPU time (user + system) the process used so far, in ms; clock ticks are 100 Hz on Linux. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function rssKb(pid) {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? NaN : Number(match[1]);
  } catch {
    return NaN;
  }
}

async function once(argv) {
  const t0 = performance.now();
  const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'ignore', 'ignore'] });
  const syncMs = performance.now() - t0;
  await new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const spawnedMs = performance.now() - t0;
  // Let it reach its blocking read (a Node watchdog needs its runtime loaded first).
  await new Promise((resolve) => setTimeout(resolve, 300));
  const kb = rssKb(child.pid);
  const cpu = cpuMs(child.pid);
  const exited = new Promise((resolve) => child.once('close', resolve));
  child.kill('SIGKILL');
  await exited;
  return { syncMs, spawnedMs, kb, cpu };
}

const samples = new Map(candidates.map((c) => [c.name, []]));
for (let round = 0; round < rounds + 1; round++) {
  for (const candidate of candidates) {
    const sample = await once(candidate.argv);
    if (round > 0) samples.get(candidate.name).push(sample);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
console.log(`reaper cost, median of ${rounds} rounds (after 1 warm-up)`);
console.log(
  'candidate'.padEnd(22),
  'spawn() ms'.padStart(11),
  'to spawned ms'.padStart(14),
  'RSS MB'.padStart(8),
  'CPU ms'.padStart(8),
);
const floor = median(samples.get(candidates[2].name).map((s) => s.spawnedMs));
for (const [name, list] of samples) {
  const spawned = median(list.map((s) => s.spawnedMs));
  console.log(
    name.padEnd(22),
    median(list.map((s) => s.syncMs))
      .toFixed(2)
      .padStart(11),
    `${spawned.toFixed(2)} (${(spawned / floor).toFixed(1)}x)`.padStart(14),
    (median(list.map((s) => s.kb)) / 1024).toFixed(1).padStart(8),
    median(list.map((s) => s.cpu))
      .toFixed(0)
      .padStart(8),
  );
}
