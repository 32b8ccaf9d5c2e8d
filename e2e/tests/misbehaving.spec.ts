import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { Page } from '@playwright/test';

import { stop } from '../fixtures/processes.js';
import { ROOT } from '../fixtures/servers.js';
import { closeAllSessions, expect, openApp, screenshot, test } from '../fixtures/test.js';
import { selectTool, send, showPanel } from '../fixtures/ui.js';

/**
 * A few of the misbehaving servers of apps/proxy/test/fixtures in the real browser: what a
 * user sees when a server crashes mid-call, writes garbage on stdout, answers with an HTML
 * error page, or drops its response stream and resumes it. Every case of the list is tried
 * over the socket in apps/proxy/test/integration/misbehaving-ui.test.ts; here, the screens.
 */
const FIXTURES = join(ROOT, 'apps/proxy/test/fixtures');

/** Connects a stdio command through the Connect form, as a user types it. */
async function connectCommand(page: Page, fixture: string): Promise<void> {
  await openApp(page);
  const demo = page.getByRole('button', { name: 'Connect demo' });
  if (!(await demo.isVisible())) await page.getByRole('button', { name: 'New connection' }).click();
  const form = page.getByRole('form', { name: 'Connect to a server' });
  await form.getByRole('radio', { name: 'stdio (command)' }).click();
  await form
    .getByLabel('Command', { exact: true })
    .fill(`${process.execPath} ${join(FIXTURES, fixture)}`);
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
}

/** Connects a Streamable HTTP URL through the Connect form. */
async function connectUrl(page: Page, url: string): Promise<void> {
  await openApp(page);
  const demo = page.getByRole('button', { name: 'Connect demo' });
  if (!(await demo.isVisible())) await page.getByRole('button', { name: 'New connection' }).click();
  const form = page.getByRole('form', { name: 'Connect to a server' });
  await form.getByRole('radio', { name: 'Streamable HTTP' }).click();
  await form.getByLabel('URL', { exact: true }).fill(url);
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
}

/** Starts one of our HTTP fixtures; resolves with its origin once it prints its port. */
async function startHttpFixture(fixture: string): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(FIXTURES, fixture)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      const match = /listening on port (\d+)/.exec(line);
      if (match !== null) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${fixture} exited with code ${code}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, child };
}

let server: ChildProcess | undefined;

test.afterEach(async ({ page }, testInfo) => {
  await screenshot(page, testInfo);
  await closeAllSessions(page);
  if (server !== undefined) await stop(server);
  server = undefined;
});

test('a server that crashes mid-call: the call fails and the session says why', async ({
  page,
}) => {
  await connectCommand(page, 'crash-mid-call.mjs');
  await expect(page.getByTestId('protocol-versions')).toBeVisible({ timeout: 30_000 });
  const detail = await selectTool(page, 'explode');
  const call = await send(detail);
  await expect(call).toContainText(/tools\/call failed: server process exited with code 1/);
  await screenshot(page, test.info(), 'call');
  await showPanel(page, 'Overview');
  await expect(page.getByTestId('session-state')).toHaveText(/^failed/);
  await expect(page.getByRole('alert')).toContainText(
    'server process exited with code 1; last stderr: starting the explode tool | fatal: the database is on fire',
  );
});

test('garbage on stdout: the call still answers, the raw line is in the log with NOT_JSON', async ({
  page,
}) => {
  await connectCommand(page, 'garbage-stdout.mjs');
  await expect(page.getByTestId('protocol-versions')).toBeVisible({ timeout: 30_000 });
  const call = await send(await selectTool(page, 'hello'));
  await expect(call).toContainText('hello after garbage');
  await showPanel(page, 'Traffic');
  const row = page
    .getByRole('grid', { name: 'Traffic' })
    .getByRole('row')
    .filter({ hasText: 'this line is not JSON' });
  await row.click();
  await expect(page.getByLabel('Entry detail')).toContainText('NOT_JSON');
});

test('an HTML 500 page instead of an MCP endpoint: the session fails with the status', async ({
  page,
}) => {
  const started = await startHttpFixture('http-errors.mjs');
  server = started.child;
  await connectUrl(page, `${started.origin}/status/500`);
  await expect(page.getByTestId('session-state')).toHaveText(/^failed/, { timeout: 30_000 });
  await expect(page.getByRole('alert')).toContainText(
    'initialize failed: HTTP 500 at /status/500: the server failed (see its logs)',
  );
});

test('a response stream that drops mid-call is resumed with Last-Event-ID', async ({ page }) => {
  const started = await startHttpFixture('sse-resume.mjs');
  server = started.child;
  await connectUrl(page, `${started.origin}/mcp`);
  await expect(page.getByTestId('protocol-versions')).toBeVisible({ timeout: 30_000 });
  const call = await send(await selectTool(page, 'slow-answer'));
  await expect(call).toContainText('resumed answer 0');
  await showPanel(page, 'Traffic');
  const rows = page.getByRole('grid', { name: 'Traffic' }).getByRole('row');
  await expect(rows.filter({ hasText: 'resuming with Last-Event-ID 0-0' })).toHaveCount(1);
  await expect(
    rows.filter({ hasText: 'resuming the SSE stream after event 0-0 (Last-Event-ID)' }),
  ).toHaveCount(1);
});
