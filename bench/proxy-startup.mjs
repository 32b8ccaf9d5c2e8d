// Time from `mcpscope ui` to HTTP 200 on its page, the CPU time it used by then (which a loaded
// machine barely changes) and its RSS when ready, side by side with a
// bare Node HTTP server started the same way (the floor), interleaved so both see the same
// machine load. Usage: node bench/proxy-startup.mjs [--rounds N]
// Writes bench/results/startup.json.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { bin, cpuMs, root, rssMiB, stats, stop } from './lib.mjs';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 10) || 10;

const FLOOR = `const s=require('http').createServer((q,r)=>r.end('ok'));s.listen(0,'127.0.0.1',()=>console.log('open http://127.0.0.1:'+s.address().port+'/?token=x'))`;

function get(url, cookie) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    req.end();
  });
}

async function once(kind) {
  const t0 = performance.now();
  const args = kind === 'mcpscope' ? [bin, 'ui', '--port', '0'] : ['-e', FLOOR];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, MCPSCOPE_CONFIG_DIR: '/tmp/mcpscope-bench-config' },
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /http:\/\/\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
  // The page trades the token for a cookie with a redirect; follow it like a browser.
  let res = await get(url);
  if (res.statusCode === 302) {
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    res = await get(new URL(res.headers.location, url).href, cookie);
  }
  const readyMs = performance.now() - t0;
  if (res.statusCode !== 200) throw new Error(`${kind}: HTTP ${res.statusCode}`);
  const rss = rssMiB(child.pid);
  const cpu = cpuMs(child.pid);
  await stop(child);
  return { readyMs, rss, cpu };
}

const results = { mcpscope: [], floor: [] };
await once('mcpscope'); // warm the file cache
for (let i = 0; i < rounds; i++) {
  for (const kind of ['mcpscope', 'floor']) results[kind].push(await once(kind));
}
const row = (kind) => {
  const t = stats(results[kind].map((r) => r.readyMs));
  const m = stats(results[kind].map((r) => r.rss));
  const c = stats(results[kind].map((r) => r.cpu));
  return `${kind.padEnd(10)} ready median ${t.median.toFixed(0).padStart(5)} ms  p90 ${t.p90.toFixed(0).padStart(5)} ms  CPU used ${c.median.toFixed(0).padStart(4)} ms  RSS median ${m.median.toFixed(1).padStart(6)} MiB`;
};
console.log(
  `proxy start-up, ${rounds} interleaved rounds, load ${(await import('node:os')).loadavg()[0].toFixed(2)}`,
);
console.log(row('mcpscope'));
console.log(row('floor'));
const ready = stats(results.mcpscope.map((r) => r.readyMs)).median;
const rss = stats(results.mcpscope.map((r) => r.rss)).median;
const floor = stats(results.floor.map((r) => r.readyMs)).median;
console.log(
  `mcpscope / bare node http server: ${(ready / floor).toFixed(2)}x; above the floor: ${(ready - floor).toFixed(0)} ms`,
);
const floorRss = stats(results.floor.map((r) => r.rss)).median;
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(
  `${root}bench/results/startup.json`,
  JSON.stringify(
    {
      rounds,
      mcpscope: {
        readyMs: ready,
        rssMiB: rss,
        cpuMs: stats(results.mcpscope.map((r) => r.cpu)).median,
      },
      floor: {
        readyMs: floor,
        rssMiB: floorRss,
        cpuMs: stats(results.floor.map((r) => r.cpu)).median,
      },
      runs: results,
    },
    null,
    2,
  ) + '\n',
);
console.log(
  `goals: ready ≤ 250 ms: ${ready <= 250 ? 'met' : 'NOT met'} (${ready.toFixed(0)} ms); RSS ≤ 80 MiB: ${rss <= 80 ? 'met' : 'NOT met'} (${rss.toFixed(1)} MiB)`,
);
