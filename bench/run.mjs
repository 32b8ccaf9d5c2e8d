// `npm run bench`: every part of the benchmark suite, one after the other, then ONE table of
// figures and goals, and bench/results.json with the machine they came from. Each part is its
// own script (usable alone) that runs mcpscope and its baseline interleaved in the same process
// tree and writes bench/results/<part>.json; their output goes to bench/results/<part>.log.
//
// Usage: node bench/run.mjs [--only cli,startup,proxy,payload,ui,footprint,tap] [--quick]
//   --quick   fewer rounds and smaller floods: a smoke test of the suite, not figures to quote.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { bin, root } from './lib.mjs';

const argAt = process.argv.indexOf('--only');
const quick = process.argv.includes('--quick');
const ALL = ['cli', 'startup', 'proxy', 'payload', 'ui', 'footprint', 'tap'];
const only = argAt === -1 ? ALL : process.argv[argAt + 1].split(',').map((s) => s.trim());
const unknown = only.filter((part) => !ALL.includes(part));
if (unknown.length > 0) {
  console.error(`bench: unknown part ${unknown.join(', ')}; the parts are ${ALL.join(', ')}`);
  process.exit(2);
}
if (!existsSync(bin)) {
  console.error('bench: apps/proxy/dist is missing: run `npm run build` (npm run bench does)');
  process.exit(2);
}

const PARTS = {
  cli: {
    script: 'apps/proxy/bench/cli-oneshot.mjs',
    args: quick ? ['--rounds', '3'] : ['--rounds', '15'],
    result: 'apps/proxy/bench/results/cli-oneshot.json',
  },
  startup: {
    script: 'bench/proxy-startup.mjs',
    args: ['--rounds', quick ? '3' : '15'],
    result: 'bench/results/startup.json',
  },
  proxy: {
    script: 'bench/proxy-latency.mjs',
    args: quick
      ? ['--calls', '300', '--total', '4000', '--flood', '20000', '--memory', '100000']
      : ['--rounds', '3'],
    result: 'bench/results/proxy.json',
  },
  payload: {
    script: 'bench/large-payload.mjs',
    args: ['--rounds', quick ? '1' : '5'],
    result: 'bench/results/payload.json',
  },
  ui: {
    script: 'bench/ui-scale.mjs',
    args: quick ? ['--entries', '10000', '--repeat', '1'] : ['--repeat', '5'],
    result: 'bench/results/ui.json',
  },
  footprint: { script: 'bench/footprint.mjs', args: [], result: 'bench/results/footprint.json' },
  tap: {
    script: 'bench/tap-overhead.mjs',
    args: quick ? ['--calls', '300', '--rounds', '1'] : ['--rounds', '3'],
    result: 'bench/results/tap.json',
  },
};

const loadavg = () => {
  const [m1, m5, m15] = os.loadavg().map((v) => Math.round(v * 100) / 100);
  return { '1m': m1, '5m': m5, '15m': m15 };
};
const git = (...args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout.trim();

/** Runs one part with its output in bench/results/<part>.log; resolves with its exit code. */
function runPart(name) {
  const part = PARTS[name];
  const log = `${root}bench/results/${name}.log`;
  const out = createWriteStream(log);
  const child = spawn(process.execPath, [`${root}${part.script}`, ...part.args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

mkdirSync(`${root}bench/results`, { recursive: true });
const cpus = os.cpus();
const report = {
  startedAt: new Date().toISOString(),
  machine: {
    cpuModel: cpus[0]?.model ?? null,
    cores: cpus.length,
    totalMemMiB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadavgStart: loadavg(),
  },
  commit: git('rev-parse', 'HEAD'),
  quick,
  parts: {},
  failed: [],
};
for (const name of only) {
  const t0 = performance.now();
  process.stderr.write(`bench: ${name} (${PARTS[name].script}) … `);
  const code = await runPart(name);
  const seconds = ((performance.now() - t0) / 1000).toFixed(0);
  if (code === 0 && existsSync(`${root}${PARTS[name].result}`)) {
    report.parts[name] = JSON.parse(readFileSync(`${root}${PARTS[name].result}`, 'utf8'));
    process.stderr.write(`${seconds} s, load ${os.loadavg()[0].toFixed(2)}\n`);
  } else {
    report.failed.push(name);
    process.stderr.write(`FAILED (exit ${code}); see bench/results/${name}.log\n`);
  }
}
report.machine.loadavgEnd = loadavg();
report.finishedAt = new Date().toISOString();

// ---------------------------------------------------------------------------------------------
// The table: measure, mcpscope, baseline, mcpscope against the baseline, goal, verdict.

const rows = [];
const row = (measure, ours, base, versus, goal, ok) =>
  rows.push({ measure, mcpscope: ours, baseline: base, versus, goal, verdict: ok });
const ms = (v, digits = 0) => `${v.toFixed(digits)} ms`;
const x = (a, b) => `${(a / b).toFixed(2)}x`;
const rate = (v) => `${Math.round(v).toLocaleString('en-US')}/s`;
const mib = (v) => `${v.toFixed(0)} MiB`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const { cli, startup, proxy, payload, ui, footprint, tap } = report.parts;

if (cli) {
  const c = cli.commands;
  const bare = c['bare-sdk'].wallMs.median;
  const ours = c.mcpscope.wallMs.median;
  row(
    '1 CLI tools/list (stdio)',
    ms(ours),
    `bare SDK ${ms(bare)}`,
    x(ours, bare),
    '≤ 1.00x bare',
    ours <= bare,
  );
  row('', '', `node -e 0 ${ms(c['node-floor'].wallMs.median)}`, '', '', null);
  if (c.inspector) {
    const ins = c.inspector.wallMs.median;
    row('', '', `inspector ${ms(ins)} (${x(ins, bare)} bare)`, x(ours, ins), '', null);
  } else row('', '', 'inspector: not measured (see cli.log)', '', '', null);
}
if (proxy?.latency) {
  const l = proxy.latency;
  row(
    `2 added latency, median (${l.calls} echo)`,
    ms(l.proxy.median, 3),
    `direct ${ms(l.direct.median, 3)}, relay ${ms(l.relay.median, 3)}`,
    `+${ms(l.addedMedianMs, 3)}`,
    '≤ +0.25 ms',
    l.addedMedianMs <= 0.25,
  );
  row(
    '  p99',
    ms(l.proxy.p99, 3),
    `direct ${ms(l.direct.p99, 3)}, relay ${ms(l.relay.p99, 3)}`,
    `+${ms(l.addedP99Ms, 3)}`,
    '',
    null,
  );
  if (l.cpuUsPerCall) {
    const c = l.cpuUsPerCall;
    const v = `relay ${c.relay.toFixed(0)} µs`;
    row('  CPU per call, sequential', `${c.proxy.toFixed(0)} µs`, v, x(c.proxy, c.relay), '', null);
  }
}
if (proxy?.throughput) {
  const t = proxy.throughput;
  row(
    `3 throughput, ${t.inFlight} in flight`,
    rate(t.proxy.callsPerSec),
    `direct ${rate(t.direct.callsPerSec)}, relay ${rate(t.relay.callsPerSec)}`,
    x(t.proxy.callsPerSec, t.direct.callsPerSec),
    '≥ 15,000/s, none lost',
    t.proxy.callsPerSec >= 15_000 && t.lost === 0,
  );
  if (t.cpuUsPerCall) {
    const c = t.cpuUsPerCall;
    const v = `relay ${c.relay.toFixed(0)} µs`;
    row('  CPU per call, pipelined', `${c.proxy.toFixed(0)} µs`, v, x(c.proxy, c.relay), '', null);
  }
}
if (proxy?.flood) {
  const f = proxy.flood;
  row(
    `  flood, ${f.notifications.toLocaleString('en-US')} notifications`,
    rate(f.proxyPerSec),
    `direct ${rate(f.directPerSec)}`,
    x(f.proxyPerSec, f.directPerSec),
    'none lost',
    f.lost === 0,
  );
}
if (ui) {
  row(`4 UI ${ui.total}: first render`, ms(ui.firstRenderMs), '', '', '', null);
  row('  method filter', ms(ui.filter.ms), '', '', '≤ 150 ms', ui.filter.ms <= 150);
  row('  full-text search', ms(ui.search.ms), '', '', '≤ 150 ms', ui.search.ms <= 150);
  row(
    '  longest task, scrolling',
    ms(ui.longestScrollTaskMs),
    '',
    '',
    '≤ 100 ms',
    ui.longestScrollTaskMs <= 100,
  );
  row('  JS heap', `${ui.heapMB.toFixed(0)} MB`, '', '', '≤ 300 MB', ui.heapMB <= 300);
}
for (const m of [proxy?.memory, proxy?.memoryDetached]) {
  if (m === undefined) continue;
  row(
    `5 proxy RSS, ${m.entries.toLocaleString('en-US')} entries`,
    `peak ${mib(m.peakRssMiB)}`,
    `after ${mib(m.rssAfterMiB)}`,
    m.clientAttached ? `client attached, lost ${m.lost}` : 'no client',
    '≤ 300 MiB',
    m.peakRssMiB <= 300 && !m.lost,
  );
}
if (payload) {
  const p = payload;
  row(
    `6 ${p.bytes / 1e6} MB tool result, time`,
    ms(p.proxy.ms),
    `direct ${ms(p.direct.ms)}`,
    x(p.proxy.ms, p.direct.ms),
    '',
    null,
  );
  row(
    '  peak RSS',
    `proxy ${mib(p.proxy.proxyPeakMiB)}, client ${mib(p.proxy.clientPeakMiB)}`,
    `direct client ${mib(p.direct.clientPeakMiB)}`,
    '',
    '',
    null,
  );
}
if (startup) {
  const s = startup;
  row(
    '7 `mcpscope ui` to HTTP 200',
    ms(s.mcpscope.readyMs),
    `node http ${ms(s.floor.readyMs)}`,
    x(s.mcpscope.readyMs, s.floor.readyMs),
    '≤ 250 ms',
    s.mcpscope.readyMs <= 250,
  );
  if (s.mcpscope.cpuMs !== undefined) {
    const [ours, base] = [s.mcpscope.cpuMs, s.floor.cpuMs];
    row('  CPU used by then', ms(ours), `node http ${ms(base)}`, x(ours, base), '', null);
  }
  row(
    '  RSS at ready',
    mib(s.mcpscope.rssMiB),
    `node http ${mib(s.floor.rssMiB)}`,
    '',
    '≤ 80 MiB',
    s.mcpscope.rssMiB <= 80,
  );
}
if (footprint) {
  const f = footprint.mcpscope;
  const i = footprint.inspector;
  row(
    '  installed size',
    mb(f.installed.diskBytes),
    i ? `inspector ${mb(i.installed.diskBytes)}` : '',
    i ? x(f.installed.diskBytes, i.installed.diskBytes) : '',
    '≤ 60 MB',
    f.installed.diskBytes <= 60e6,
  );
  row(
    '  runtime packages',
    String(f.runtimePackages),
    i ? `inspector ${i.runtimePackages}` : '',
    '',
    'no build tools',
    null,
  );
}
if (tap) {
  row(
    `8 tap: host round trip, added (${tap.calls} echo)`,
    `+${ms(tap.addedMs.tap, 3)}`,
    `byte relay +${ms(tap.addedMs.relay, 3)} (direct ${ms(tap.direct.median, 3)})`,
    `${tap.ratioToRelay.tap.toFixed(2)}x`,
    '≤ 1.20x relay',
    tap.ratioToRelay.tap <= 1.2,
  );
  row(
    '  with the UI attached',
    `+${ms(tap.addedMs.tapUi, 3)}`,
    `byte relay +${ms(tap.addedMs.relay, 3)}`,
    `${tap.ratioToRelay.tapUi.toFixed(2)}x`,
    '',
    null,
  );
}
report.table = rows;

const header = {
  measure: 'measure',
  mcpscope: 'mcpscope',
  baseline: 'baseline',
  versus: 'vs baseline',
  goal: 'goal',
};
const cols = Object.keys(header);
const widths = cols.map((c) => Math.max(header[c].length, ...rows.map((r) => r[c].length)));
const line = (cells) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
console.log(
  `\nmcpscope benchmarks: ${report.machine.cores} × ${report.machine.cpuModel}, node ${report.machine.node}, ` +
    `load ${report.machine.loadavgStart['1m']} → ${report.machine.loadavgEnd['1m']}${quick ? ' (--quick: not figures to quote)' : ''}`,
);
console.log(line([...cols.map((c) => header[c]), 'verdict']));
console.log(line([...widths.map((w) => '-'.repeat(w)), '-------']));
for (const r of rows) {
  const verdict = r.verdict === null ? '' : r.verdict ? 'met' : 'NOT met';
  console.log(line([...cols.map((c) => r[c]), verdict]).trimEnd());
}
if (report.failed.length > 0) console.log(`failed parts: ${report.failed.join(', ')}`);

// Formatted like the rest of the repository, so `prettier --check .` passes with it present.
const prettier = await import('prettier');
const resultsFile = `${root}bench/results.json`;
const prettierOptions = (await prettier.resolveConfig(resultsFile)) ?? {};
writeFileSync(
  resultsFile,
  await prettier.format(JSON.stringify(report), { ...prettierOptions, filepath: resultsFile }),
);
console.log('written to bench/results.json (part logs in bench/results/)');
process.exitCode = report.failed.length > 0 ? 1 : 0;
