/* global document, window -- page.evaluate bodies run in the browser */
// Opening a recording in the UI: a 100,000-entry recording (a realistic mix of tools/call
// round trips with progress and log notifications after a real-shaped handshake) served by
// `mcpscope view FILE` and opened in Debian's chromium. Prints the time to a usable session,
// the JS heap (sampled during the load, and after GC), and scrubber latencies, side by side
// with a baseline: the same text split and JSON.parse'd line by line in the same page, which
// is the floor any reader of this format pays. Usage: node bench/recording-open.mjs [--entries N]
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { launchChromium } from './browser.mjs';
import { recording } from './fixtures/big-recording.mjs';
import { bin, stop } from './lib.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const total = arg('--entries', 100_000);

const dir = mkdtempSync(join(tmpdir(), 'mcpscope-bench-recording-'));
const file = join(dir, 'big.jsonl');
writeFileSync(file, recording(total));
const bytes = statSync(file).size;

const child = spawn(process.execPath, [bin, 'view', file, '--port', '0'], {
  env: { ...process.env, MCPSCOPE_CONFIG_DIR: dir, MCPSCOPE_DATA_DIR: dir },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    const found = /http:\/\/\S+/.exec(out)?.[0];
    if (found) resolve(found);
  });
  child.on('exit', (code) => reject(new Error(`mcpscope view exited with ${code}: ${out}`)));
});

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapNow = async () =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')
      ?.value ?? 0) /
    1024 /
    1024;
  // Sampled while loading; a sample waits for the page's main thread, so a peak inside one
  // long parse task can be missed: the figure is a lower bound of the true peak.
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await heapNow().catch(() => 0));
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  // Every main-thread task over 50 ms (the browser's long-task threshold) while opening.
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const task of list.getEntries()) window.__longTasks.push(task.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const position = page.getByTestId('timeline-position');
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid=timeline-position]')?.textContent === `${n} / ${n}`,
    total,
    { timeout: 300_000, polling: 50 },
  );
  await page.getByRole('button', { name: /^Traffic/ }).click();
  await page.waitForFunction(
    (n) =>
      document.querySelector('[data-testid=log-count]')?.textContent ===
        `${n.toLocaleString('en-US')} entries` ||
      document.querySelector('[data-testid=log-count]')?.textContent === `${n} entries`,
    total,
    { timeout: 300_000, polling: 50 },
  );
  const openMs = Date.now() - t0;
  const longTasks = await page.evaluate(() => window.__longTasks.slice());
  sampling = false;
  await sampler;
  peak = Math.max(peak, await heapNow());
  await cdp.send('HeapProfiler.collectGarbage');
  const settled = await heapNow();
  // Cross-check from inside the page (Chromium's performance.memory, precise with the flag).
  const pageHeap = await page.evaluate(
    () => (performance.memory?.usedJSHeapSize ?? 0) / 1024 / 1024,
  );

  // Baseline in the same page: fetch the same file, split it and JSON.parse every line.
  const baselineMs = await page.evaluate(async () => {
    const start = performance.now();
    const text = await (await fetch('/api/view-file')).text();
    let n = 0;
    for (const line of text.split('\n')) if (line !== '') n += JSON.parse(line) ? 1 : 0;
    return n > 0 ? performance.now() - start : -1;
  });

  const timed = async (action, expected) => {
    const start = Date.now();
    await action();
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid=timeline-position]')?.textContent === want,
      expected,
      { polling: 'raf' },
    );
    return Date.now() - start;
  };
  const toStart = await timed(
    () => page.getByRole('button', { name: 'Jump to start' }).click(),
    `1 / ${total}`,
  );
  const step = await timed(
    () => page.getByRole('button', { name: 'Next entry' }).click(),
    `2 / ${total}`,
  );
  const toEnd = await timed(
    () => page.getByRole('button', { name: 'Jump to end' }).click(),
    `${total} / ${total}`,
  );
  const back = await timed(
    () => page.getByRole('button', { name: 'Previous entry' }).click(),
    `${total - 1} / ${total}`,
  );
  void position;

  const row = (label, value, note = '') =>
    console.log(`${label.padEnd(40)} ${value.padStart(10)}   ${note}`);
  console.log(
    `Opening a recording of ${total.toLocaleString('en-US')} entries (${(bytes / 1024 / 1024).toFixed(1)} MB) with mcpscope view`,
  );
  row(
    'open: page load to log showing all',
    `${(openMs / 1000).toFixed(2)} s`,
    `baseline split+JSON.parse: ${(baselineMs / 1000).toFixed(2)} s, ratio ${(openMs / baselineMs).toFixed(1)}x`,
  );
  row(
    'open: longest main-thread task',
    `${Math.round(Math.max(0, ...longTasks))} ms`,
    `${longTasks.filter((d) => d > 100).length} tasks over 100 ms, ${longTasks.length} over 50 ms: ${longTasks
      .filter((d) => d > 100)
      .map((d) => Math.round(d))
      .join(', ')}`,
  );
  row(
    'JS heap, peak seen while opening',
    `${peak.toFixed(0)} MB`,
    `${(peak / (bytes / 1024 / 1024)).toFixed(1)}x the file`,
  );
  row(
    'JS heap after GC',
    `${settled.toFixed(0)} MB`,
    `page's performance.memory: ${pageHeap.toFixed(0)} MB`,
  );
  row('timeline: jump to start', `${toStart} ms`, 'reset to one entry');
  row('timeline: next entry', `${step} ms`);
  row('timeline: jump to end', `${toEnd} ms`, `appends ${total - 2} entries`);
  row('timeline: previous entry (at the end)', `${back} ms`, `resets to ${total - 1} entries`);
} finally {
  await browser.close();
  await stop(child);
  rmSync(dir, { recursive: true, force: true });
}
