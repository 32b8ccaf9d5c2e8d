/* global document, window, requestAnimationFrame -- page.evaluate bodies run in the browser */
// Opening the HTML report of `mcpscope export --html` from file:// in Debian's chromium: a
// 100,000-entry recording (bench/fixtures/big-recording.mjs), exported by this build and, side
// by side, by another one (`--baseline-bin PATH`, e.g. main's apps/proxy/dist/bin.js, whose
// report was a separate page). Prints the report's size and, over several fresh pages, the
// median time from navigation to a usable report and the longest main-thread task.
// Usage: node bench/report-open.mjs [--entries N] [--runs N] [--baseline-bin PATH]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './browser.mjs';
import { recording } from './fixtures/big-recording.mjs';
import { bin, stats } from './lib.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const total = Number(arg('--entries', 100_000));
const runs = Number(arg('--runs', 5));
const baselineBin = arg('--baseline-bin', undefined);

const dir = mkdtempSync(join(tmpdir(), 'mcpscope-bench-report-'));
const source = join(dir, 'big.jsonl');
writeFileSync(source, recording(total));
const empty = join(dir, 'empty.jsonl');
writeFileSync(empty, `${recording(0).split('\n')[0]}\n`);

/** Exports `file` with the CLI at `cli`; returns the report's path. */
function exportHtml(cli, file, name) {
  const out = join(dir, name);
  const run = spawnSync(process.execPath, [cli, 'export', file, '--html', out], {
    encoding: 'utf8',
    env: { ...process.env, MCPSCOPE_CONFIG_DIR: dir, MCPSCOPE_DATA_DIR: dir },
  });
  if (run.status !== 0) throw new Error(`export with ${cli} failed: ${run.stderr}`);
  return out;
}

/**
 * Time from navigation to a usable report: this app's report shows the session with its
 * timeline at the last entry; the old report page showed its list with the entry count.
 */
async function openOnce(browser, path) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const task of list.getEntries()) window.__longTasks.push(task.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const started = Date.now();
  await page.goto(pathToFileURL(path).href);
  await page.waitForFunction(
    (n) =>
      document.querySelector('[data-testid=timeline-position]')?.textContent === `${n} / ${n}` ||
      document.querySelector('[data-testid=entry-count]')?.textContent === `${n} entries`,
    total,
    { timeout: 300_000, polling: 'raf' },
  );
  const ms = Date.now() - started;
  // Let the frame after "usable" finish, so its task is counted too.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)));
  await page.close();
  return { ms, longest };
}

const builds = [['this build', bin]];
if (baselineBin !== undefined) builds.push(['baseline', baselineBin]);
const browser = await launchChromium();
try {
  const row = (label, ...cells) =>
    console.log(`${label.padEnd(34)} ${cells.map((c) => c.padStart(22)).join(' ')}`);
  const results = [];
  for (const [label, cli] of builds) {
    const big = exportHtml(cli, source, `${label.replace(/\W/g, '-')}-big.html`);
    const none = exportHtml(cli, empty, `${label.replace(/\W/g, '-')}-empty.html`);
    const times = [];
    const longest = [];
    for (let i = 0; i < runs; i++) {
      const once = await openOnce(browser, big);
      times.push(once.ms);
      longest.push(once.longest);
    }
    results.push({
      label,
      bigBytes: statSync(big).size,
      emptyBytes: statSync(none).size,
      open: stats(times),
      longest: stats(longest),
    });
  }
  const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
  console.log(
    `HTML report of a recording of ${total.toLocaleString('en-US')} entries (${mb(statSync(source).size)}), opened from file://, ${runs} runs, medians`,
  );
  row('', ...results.map((r) => r.label));
  row('report size, empty recording', ...results.map((r) => mb(r.emptyBytes)));
  row(`report size, ${total} entries`, ...results.map((r) => mb(r.bigBytes)));
  row(
    'open: navigation to usable',
    ...results.map((r) => `${(r.open.median / 1000).toFixed(2)} s`),
  );
  row('open: fastest run', ...results.map((r) => `${(r.open.min / 1000).toFixed(2)} s`));
  row('longest main-thread task', ...results.map((r) => `${Math.round(r.longest.median)} ms`));
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
