import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Page } from '@playwright/test';

import { fromEnv } from '../fixtures/env.js';
import { inflateRecording, mcpscope, startSseEverything } from '../fixtures/export.js';
import { EVERYTHING_TITLE, expect, screenshot, test } from '../fixtures/test.js';
import { resultContent, selectTool, showPanel } from '../fixtures/ui.js';

// `mcpscope export` output opened in Debian's chromium: the HTML report from file://, and
// the HAR consumed by chromium through Playwright's routeFromHAR. The recordings come from
// the real server-everything over Streamable HTTP (global setup's) and SSE (started here).

/** Server-controlled text that would run if the report ever used it as markup. */
const PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

interface HarFile {
  log: {
    entries: {
      request: { method: string; url: string; postData?: { text?: string } };
      response: { content: { text?: string } };
    }[];
  };
}

// Made in beforeAll: Playwright loads spec files in more than one process.
let dir = '';
const file = (name: string): string => join(dir, name);

test.describe('mcpscope export', () => {
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcpscope-e2e-export-'));
    const sse = await startSseEverything();
    try {
      await Promise.all([
        mcpscope(
          '--record',
          file('http.jsonl'),
          '--method',
          'tools/call',
          '--tool-name',
          'echo',
          '--tool-arg',
          `message=${PAYLOAD}`,
          fromEnv('httpTarget'),
        ),
        mcpscope('--record', file('sse.jsonl'), '--method', 'tools/list', sse.url),
      ]);
    } finally {
      await sse.close();
    }
    await mcpscope(
      'export',
      file('http.jsonl'),
      '--html',
      file('http.html'),
      '--har',
      file('http.har'),
    );
    await mcpscope('export', file('sse.jsonl'), '--har', file('sse.har'));
  });

  test.afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a report and collects what would mean it is broken: errors, network, dialogs. */
  async function openReport(page: Page, path: string): Promise<{ problems: string[] }> {
    const problems: string[] = [];
    page.on('console', (m) => {
      // A CSP refusal (a style, a script, an image, a request) is logged as an error.
      if (m.type() === 'error' || m.type() === 'warning')
        problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) problems.push(`network request: ${r.url()}`);
    });
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(pathToFileURL(path).href);
    // The app, with the recording open as its one session: a tab marked as a recording.
    await expect(
      page.getByRole('navigation', { name: 'Sessions' }).getByText('recording'),
    ).toBeVisible();
    return { problems };
  }

  test('the HTML report is the app: it opens from file://, shows the session, searches, and runs nothing it shows', async ({
    page,
  }, testInfo) => {
    const { problems } = await openReport(page, file('http.html'));
    await expect(page.getByTestId('report-badge')).toHaveText(/^Report of http\.jsonl · mcpscope /);
    // Read-only, and no way to a live connection: no connect page, no close, no new one.
    await expect(page.getByRole('button', { name: /New connection/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Close / })).toHaveCount(0);
    // The handshake, on the Overview as for a live session.
    await expect(page.getByText(EVERYTHING_TITLE).first()).toBeVisible();
    await screenshot(page, testInfo, 'overview');

    await showPanel(page, 'Traffic');
    const count = page.getByTestId('log-count');
    await expect(count).toHaveText(/^\d+ entries$/);
    const search = page.getByRole('searchbox', { name: 'Search traffic' });
    await search.fill('tools/call');
    await expect(count).toHaveText(/^\d+ of \d+$/);
    const rows = page.getByRole('grid', { name: 'Traffic' }).getByRole('row');
    await rows
      .filter({ has: page.getByText('request', { exact: true }) })
      .filter({ has: page.getByText(/^tools\/call\b/) })
      .first()
      .click();
    const detail = page.getByLabel('Entry detail');
    await expect(detail.getByText('Response', { exact: true })).toBeVisible();
    // The payload is on screen as text (in the request's arguments), and did nothing.
    await expect(detail).toContainText('<script>window.__xss=2</script>');
    await screenshot(page, testInfo, 'traffic');
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

    // The recorded call in the Tools panel, its result rendered as content blocks.
    const tool = await selectTool(page, 'echo');
    // Read-only: a note where a live page has the form, and no Send.
    await expect(tool.getByText(/^A report is read-only/)).toBeVisible();
    await expect(tool.getByRole('button', { name: 'Send', exact: true })).toHaveCount(0);
    await expect(resultContent(tool.getByLabel('Call', { exact: true }))).toContainText(
      `Echo: ${PAYLOAD}`,
    );
    await screenshot(page, testInfo, 'tools');
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

    await showPanel(page, 'Traffic');
    await search.fill('no such text anywhere');
    await expect(count).toHaveText(/^0 of \d+$/);
    await expect(page.getByText('Nothing matches the filters.')).toBeVisible();
    await page.emulateMedia({ colorScheme: 'dark' });
    await search.fill('');
    await screenshot(page, testInfo, 'traffic dark');
    expect(problems).toEqual([]);
  });

  test('a report of a recording with no entries opens', async ({ page }, testInfo) => {
    const [header] = readFileSync(file('http.jsonl'), 'utf8').split('\n');
    writeFileSync(file('empty.jsonl'), `${header}\n`);
    await mcpscope('export', file('empty.jsonl'), '--html', file('empty.html'));
    const { problems } = await openReport(page, file('empty.html'));
    await expect(page.getByTestId('timeline-position')).toHaveText('0 / 0');
    await showPanel(page, 'Traffic');
    await expect(page.getByTestId('log-count')).toHaveText('0 entries');
    await screenshot(page, testInfo);
    expect(problems).toEqual([]);
  });

  test('a 100,000-entry report opens, scrolls to the end and searches', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    inflateRecording(file('http.jsonl'), file('big.jsonl'), 100_000);
    await mcpscope('export', file('big.jsonl'), '--html', file('big.html'));
    const started = Date.now();
    const { problems } = await openReport(page, file('big.html'));
    await expect(page.getByTestId('timeline-position')).toHaveText('100000 / 100000');
    await showPanel(page, 'Traffic');
    const count = page.getByTestId('log-count');
    await expect(count).toHaveText(/^100,?000 entries$/);
    const openMs = Date.now() - started;
    // Virtualised: only the rows in view (and a few more) are in the DOM.
    const rows = page.getByRole('grid', { name: 'Traffic' }).getByRole('row');
    expect(await rows.count()).toBeLessThan(120);
    const searchStarted = Date.now();
    await page.getByRole('searchbox', { name: 'Search traffic' }).fill('Echo: ');
    await expect(count).toHaveText(/^[\d,]+ of 100,?000$/);
    const searchMs = Date.now() - searchStarted;
    await screenshot(page, testInfo, 'big');
    testInfo.annotations.push({
      type: 'figures',
      description: `100k entries: open ${openMs} ms, first search ${searchMs} ms`,
    });
    console.log(`export.spec: 100k-entry report: open ${openMs} ms, first search ${searchMs} ms`);
    expect(problems).toEqual([]);
  });

  test('chromium serves recorded responses from the HAR (routeFromHAR)', async ({ page }) => {
    const target = new URL(fromEnv('httpTarget'));
    const har = JSON.parse(readFileSync(file('http.har'), 'utf8')) as HarFile;
    const call = har.log.entries.find((e) => e.request.postData?.text?.includes('"tools/call"'));
    expect(call, 'the HAR has the tools/call POST').toBeDefined();
    // A page on the recorded origin, so the fetch below is same-origin like the client's was.
    await page.route(`${target.origin}/blank`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
    );
    await page.routeFromHAR(file('http.har'), { url: /\/mcp$/, notFound: 'abort' });
    await page.goto(`${target.origin}/blank`);
    const body = await page.evaluate(
      async ({ url, text }) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
          },
          body: text,
        });
        return `${response.status} ${response.headers.get('content-type')}\n${await response.text()}`;
      },
      { url: target.href, text: call!.request.postData!.text! },
    );
    expect(body).toMatch(/^200 text\/event-stream/);
    expect(body).toContain(JSON.stringify(`Echo: ${PAYLOAD}`).slice(1, -1));
  });

  test('chromium replays the SSE transport stream from its HAR', async ({ page }) => {
    const har = JSON.parse(readFileSync(file('sse.har'), 'utf8')) as HarFile;
    const stream = har.log.entries.find((e) => e.request.method === 'GET')!;
    const url = new URL(stream.request.url);
    await page.route(`${url.origin}/blank`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
    );
    await page.routeFromHAR(file('sse.har'), { url: /\/sse$/, notFound: 'abort' });
    await page.goto(`${url.origin}/blank`);
    const text = await page.evaluate(async (u) => (await fetch(u)).text(), url.href);
    expect(text).toMatch(/^event: endpoint\ndata: \/message\?sessionId=/);
    expect(text).toContain('"serverInfo"');
  });
});
