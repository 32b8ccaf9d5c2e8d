// Small helpers shared by the benchmark scripts.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
/** The built CLI; MCPSCOPE_BENCH_BIN points the benches at another build (A/B comparisons). */
export const bin = process.env.MCPSCOPE_BENCH_BIN ?? `${root}apps/proxy/dist/bin.js`;

/** Median, p90 and min of a list of numbers. */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), min: sorted[0], n: sorted.length };
}

/** Resident set size of a process, in MiB, from /proc. */
export function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc: unlike wall time it
 * barely changes with the load of a shared machine. Resolution: one clock tick (10 ms).
 */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Starts `mcpscope ui` (with Node flags `nodeArgs`) and resolves with its URL once it printed one. */
export function startProxy(args = [], env = {}, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, bin, 'ui', '--port', '0', ...args], {
    env: {
      ...process.env,
      MCPSCOPE_CONFIG_DIR: '/tmp/mcpscope-bench-config',
      MCPSCOPE_DATA_DIR: '/tmp/mcpscope-bench-data',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /http:\/\/\S+/.exec(out)?.[0];
      if (url) resolve({ child, url, token: new URL(url).searchParams.get('token') });
    });
    child.on('exit', (code) => reject(new Error(`mcpscope ui exited with ${code}: ${out}`)));
  });
}

/** Stops a child and waits for it. */
export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await done;
  clearTimeout(timer);
}
