/* global document, window, HTMLInputElement, requestAnimationFrame -- page.evaluate bodies run in the browser */
// The UI at scale: a session of 100,000 traffic entries (a stdio server floods
// notifications/message through the real proxy), loaded into Debian's chromium. Prints time
// to first render (and the longest main-thread task during that reload), filter and search latency, the longest main-thread task while scrolling,
// and the JS heap. Filter and search are timed `--repeat` times each (median reported).
// Usage: node bench/ui-scale.mjs [--entries N] [--repeat 3]     Writes bench/results/ui.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { launchChromium } from './browser.mjs';
import { root, startProxy, stats, stop } from './lib.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const entries = arg('--entries', 100_000);
const repeat = arg('--repeat', 3);

const { child, url } = await startProxy(
  ['--', process.execPath, `${root}bench/fixtures/flood-server.mjs`],
  { FLOOD_COUNT: String(entries) },
);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  // Let the flood reach the proxy first, so the page loads a finished session of `entries`.
  const waitStart = Date.now();
  await page.goto(url);
  await page.getByRole('button', { name: /Traffic/ }).click();
  const count = page.getByTestId('log-count');
  await page.waitForFunction(
    (n) =>
      Number(
        /^(\d+)/.exec(document.querySelector('[data-testid=log-count]')?.textContent ?? '')?.[1] ??
          0,
      ) >= n,
    entries,
    { timeout: 180_000, polling: 200 },
  );
  const flooded = Date.now() - waitStart;

  // First render: a fresh page load of the finished session, until the list shows it all.
  // Main-thread tasks over 50 ms during it are collected from the page's first script on.
  await page.addInitScript(() => {
    window.__reloadTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__reloadTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const t0 = Date.now();
  await page.reload();
  await page.getByRole('button', { name: /Traffic/ }).click();
  await page.waitForFunction(
    (n) =>
      Number(
        /^(\d+)/.exec(document.querySelector('[data-testid=log-count]')?.textContent ?? '')?.[1] ??
          0,
      ) >= n,
    entries,
    { timeout: 180_000, polling: 50 },
  );
  await page.locator('[role=row]').first().waitFor();
  const firstRender = Date.now() - t0;
  const reloadTasks = await page.evaluate(() => window.__reloadTasks ?? []);
  const reloadLongest = Math.max(0, ...reloadTasks);
  const total = await count.textContent();

  /** Sets an input as a user would and times until the count changes and a frame is painted. */
  const timeInput = (selector, value) =>
    page.evaluate(
      async ([sel, val]) => {
        const input = document.querySelector(sel);
        const counter = document.querySelector('[data-testid=log-count]');
        const before = counter.textContent;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        const t = performance.now();
        setter.call(input, val);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((resolve) => {
          const tick = () =>
            counter.textContent !== before ? resolve() : requestAnimationFrame(tick);
          tick();
        });
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return { ms: performance.now() - t, shown: counter.textContent };
      },
      [selector, value],
    );
  await page.waitForTimeout(3000);
  /** Median of `repeat` timings of (set, clear); `shown` is from the first run. */
  const timePair = async (selector, value) => {
    const set = [];
    const clear = [];
    for (let i = 0; i < repeat; i++) {
      set.push(await timeInput(selector, value));
      clear.push(await timeInput(selector, ''));
    }
    const median = (list) => stats(list.map((r) => r.ms)).median;
    return [
      { ms: median(set), shown: set[0].shown, runs: set.map((r) => r.ms) },
      { ms: median(clear), runs: clear.map((r) => r.ms) },
    ];
  };
  const [filter, filterClear] = await timePair('[aria-label="Filter by method"]', 'initialize');
  const [search, searchClear] = await timePair('#log-search', `event ${Math.floor(entries / 2)} `);

  // Longest main-thread task while scrolling through the list.
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const grid = page.getByRole('grid', { name: 'Traffic' });
  await grid.hover();
  await page.getByRole('button', { name: 'Follow new entries' }).click();
  for (let i = 0; i < 60; i++) {
    await page.mouse.wheel(0, i % 20 === 19 ? -30_000 : 4000);
    await page.waitForTimeout(16);
  }
  await page.evaluate(() => {
    document.querySelector('[role=grid][aria-label=Traffic]').scrollTop = 0;
  });
  await page.waitForTimeout(200);
  const longest = await page.evaluate(() => window.__longest);

  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;

  const line = (label, value, goal) =>
    console.log(`${label.padEnd(34)} ${value.padStart(10)}   ${goal}`);
  console.log(`UI at scale: ${total} (flood reached the page in ${(flooded / 1000).toFixed(1)} s)`);
  line(
    'reload to a usable log',
    `${firstRender} ms`,
    `goal ≤ 1500 ms: ${firstRender <= 1500 ? 'met' : 'NOT met'}`,
  );
  line(
    'longest main-thread task in reload',
    `${reloadLongest.toFixed(0)} ms`,
    `goal ≤ 100 ms: ${reloadLongest <= 100 ? 'met' : 'NOT met'}  (${reloadTasks.filter((d) => d > 100).length} tasks over 100 ms)`,
  );
  line(
    'method filter (→ initialize)',
    `${filter.ms.toFixed(0)} ms`,
    `goal ≤ 150 ms: ${filter.ms <= 150 ? 'met' : 'NOT met'}  (${filter.shown})`,
  );
  line(
    'clear method filter',
    `${filterClear.ms.toFixed(0)} ms`,
    `goal ≤ 150 ms: ${filterClear.ms <= 150 ? 'met' : 'NOT met'}`,
  );
  line(
    'full-text search (incl. 30 ms debounce)',
    `${search.ms.toFixed(0)} ms`,
    `goal ≤ 150 ms: ${search.ms <= 150 ? 'met' : 'NOT met'}  (${search.shown})`,
  );
  line(
    'clear search',
    `${searchClear.ms.toFixed(0)} ms`,
    `goal ≤ 150 ms: ${searchClear.ms <= 150 ? 'met' : 'NOT met'}`,
  );
  line(
    'longest task while scrolling',
    `${longest.toFixed(0)} ms`,
    `goal ≤ 100 ms: ${longest <= 100 ? 'met' : 'NOT met'}`,
  );
  line(
    'JS heap after GC',
    `${heap.toFixed(0)} MB`,
    `goal ≤ 300 MB: ${heap <= 300 ? 'met' : 'NOT met'}`,
  );
  mkdirSync(`${root}bench/results`, { recursive: true });
  writeFileSync(
    `${root}bench/results/ui.json`,
    JSON.stringify(
      {
        entries,
        total,
        repeat,
        floodedMs: flooded,
        firstRenderMs: firstRender,
        reloadLongestTaskMs: reloadLongest,
        reloadTasksOver100Ms: reloadTasks.filter((d) => d > 100).length,
        filter,
        filterClear,
        search,
        searchClear,
        longestScrollTaskMs: longest,
        heapMB: heap,
      },
      null,
      2,
    ) + '\n',
  );
} finally {
  await browser.close();
  await stop(child);
}
