import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Page } from '@playwright/test';

import { fromEnv } from '../fixtures/env.js';
import { inflateRecording, mcpscope, startSseEverything } from '../fixtures/export.js';
import { expect, screenshot, test } from '../fixtures/test.js';

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
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    return { problems };
  }

  test('the HTML report opens from file://, searches, expands JSON, and runs nothing it shows', async ({
    page,
  }, testInfo) => {
    const { problems } = await openReport(page, file('http.html'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('mcpscope report: http.jsonl');
    // The handshake summary.
    await expect(page.getByText('Everything Reference Server')).toBeVisible();
    await expect(page.getByText(/offered 2025-11-25, agreed 2025-11-25/)).toBeVisible();
    const count = page.getByTestId('entry-count');
    await expect(count).toHaveText(/^\d+ entries$/);

    const search = page.getByRole('searchbox', { name: 'Search entries' });
    await search.fill('tools/call');
    await expect(count).toHaveText(/^\d+ of \d+ entries$/);
    const options = page.getByRole('listbox', { name: 'Entries' }).getByRole('option');
    // The request, its response, and the HTTP exchange whose body carried it.
    await options.filter({ hasText: 'request' }).filter({ hasText: 'tools/call' }).click();
    const detail = page.getByRole('region', { name: 'Entry detail' });
    await expect(detail.getByRole('heading', { name: /^Response after [\d.]+ ms/ })).toBeVisible();
    // The payload is on screen as text (a JSON string), and did nothing.
    await expect(
      detail.getByText(JSON.stringify(`Echo: ${PAYLOAD}`), { exact: true }),
    ).toBeVisible();
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

    // Collapsible JSON: collapse the request's params, then expand everything.
    const request = detail.getByRole('tree', { name: /^JSON of entry \d+$/ }).first();
    const params = request.locator('summary').filter({ hasText: /^params:/ });
    const name = request.getByRole('treeitem', { name: 'name: "echo"', exact: true });
    await expect(name).toBeVisible();
    await params.click();
    await expect(name).toBeHidden();
    await detail.getByRole('button', { name: 'Expand all' }).click();
    await expect(name).toBeVisible();
    // The third request of the session (after the server/discover probe and initialize).
    await expect(request.getByRole('treeitem', { name: /^progressToken: \d+$/ })).toBeVisible();
    await screenshot(page, testInfo, 'detail');

    // Filters, and a search that finds nothing.
    await search.fill('');
    await page.getByRole('button', { name: 'HTTP & lifecycle' }).click();
    await expect(options.first()).toContainText(/lifecycle|http/);
    await options.filter({ hasText: 'POST' }).first().click();
    await detail.getByText(/^Request headers \(\d+\)$/).click();
    await expect(detail.getByRole('row', { name: /^authorization|^accept/ }).first()).toBeVisible();
    await screenshot(page, testInfo, 'http');
    await search.fill('no such text anywhere');
    await expect(page.getByText('Nothing matches the search and filter.')).toBeVisible();
    await expect(count).toHaveText(/^0 of \d+ entries$/);
    expect(problems).toEqual([]);
  });

  test('a report of a recording with no entries opens', async ({ page }) => {
    const [header] = readFileSync(file('http.jsonl'), 'utf8').split('\n');
    writeFileSync(file('empty.jsonl'), `${header}\n`);
    await mcpscope('export', file('empty.jsonl'), '--html', file('empty.html'));
    const { problems } = await openReport(page, file('empty.html'));
    await expect(page.getByTestId('entry-count')).toHaveText('0 entries');
    await expect(page.getByText('none in this recording')).toBeVisible();
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
    const count = page.getByTestId('entry-count');
    await expect(count).toHaveText('100000 entries');
    const openMs = Date.now() - started;
    // Virtualised: only the rows in view (and a few more) are in the DOM.
    const options = page.getByRole('listbox', { name: 'Entries' }).getByRole('option');
    expect(await options.count()).toBeLessThan(120);
    const list = page.getByRole('listbox', { name: 'Entries' });
    await list.focus();
    await page.keyboard.press('End');
    await expect(options.filter({ hasText: '99999' }).first()).toBeVisible();
    const searchStarted = Date.now();
    await page.getByRole('searchbox', { name: 'Search entries' }).fill('Echo: ');
    await expect(count).toHaveText(/^\d+ of 100000 entries$/);
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
