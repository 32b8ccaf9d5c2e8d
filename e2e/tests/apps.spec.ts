import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { fromEnv } from '../fixtures/env.js';
import { ROOT } from '../fixtures/servers.js';
import { closeAllSessions, expect, openApp, screenshot, test } from '../fixtures/test.js';
import { selectTool, send, showPanel } from '../fixtures/ui.js';

/**
 * MCP Apps (io.modelcontextprotocol/ui): a tool's ui:// resource rendered the way a host does,
 * against our ext-apps fixture server (apps/proxy/test/fixtures/app-server.mjs, v2 SDK).
 */
const APP_SERVER = join(ROOT, 'apps/proxy/test/fixtures/app-server.mjs');

async function connectAppServer(page: Page): Promise<void> {
  await openApp(page);
  const demo = page.getByRole('button', { name: 'Connect demo' });
  if (!(await demo.isVisible())) await page.getByRole('button', { name: 'New connection' }).click();
  const form = page.getByRole('form', { name: 'Connect to a server' });
  await form.getByRole('radio', { name: 'stdio (command)' }).click();
  await form.getByLabel('Command', { exact: true }).fill(`${process.execPath} ${APP_SERVER}`);
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('protocol-versions')).toBeVisible({ timeout: 30_000 });
}

test.describe.configure({ timeout: 120_000 });

test.afterEach(async ({ page }) => {
  await closeAllSessions(page);
});

test('a tool with a ui:// resource renders its app; the app calls a tool back through the host', async ({
  page,
}, testInfo) => {
  await connectAppServer(page);
  const detail = await selectTool(page, 'show-counter');
  await detail.getByRole('spinbutton', { name: /^start/ }).fill('41');
  const call = await send(detail);

  const host = call.getByTestId('mcp-app');
  await expect(host).toBeVisible();
  // The outer frame is the sandbox page on its own origin; the app is the frame inside it.
  const outer = host.locator('iframe');
  const src = await outer.getAttribute('src');
  expect(new URL(src ?? 'about:blank').origin).not.toBe(fromEnv('origin'));
  const app = page.frameLocator('iframe[title^="MCP App"]').frameLocator('iframe');
  await expect(app.locator('#input')).toHaveText('input: {"start":41}');
  await expect(app.locator('#result')).toHaveText('result: the counter is at 41');

  const log = host.getByRole('region', { name: 'App log' });
  await expect(log.locator('[data-method="ui/notifications/tool-input"]')).toBeVisible();
  await expect(log.locator('[data-method="ui/notifications/tool-result"]')).toBeVisible();

  await app.getByRole('button', { name: 'Increment through the host' }).click();
  await expect(app.locator('#count')).toHaveText('42');
  const toolCall = log.locator('[data-method="tools/call"]');
  await expect(toolCall).toHaveAttribute('data-verdict', 'approved');
  await expect(toolCall).toContainText('"name":"increment"');
  await expect(log.locator('[data-method="ui/message"]')).toContainText('the count is now 42');
  await expect(log.locator('[data-method="ui/notifications/size-changed"]').first()).toBeVisible();
  await screenshot(page, testInfo, 'app');

  // open-link asks the user; refusing it tells the app so.
  await app.getByRole('button', { name: 'Open the MCP site' }).click();
  const ask = host.getByRole('alertdialog', { name: 'The app asks to open a link' });
  await expect(ask).toContainText('https://modelcontextprotocol.io/');
  await screenshot(page, testInfo, 'open-link');
  await ask.getByRole('button', { name: 'Refuse' }).click();
  await expect(app.locator('#linkAnswer')).toHaveText('link refused');
  await expect(log.locator('[data-method="ui/open-link"]')).toHaveAttribute(
    'data-verdict',
    'refused',
  );

  // The raw result is one click away.
  await call.getByRole('button', { name: 'Raw result' }).click();
  await expect(call.getByRole('list', { name: 'Content blocks' })).toContainText(
    'the counter is at 41',
  );

  // The app's own tools/call reached the server through the session, marked in the traffic.
  await showPanel(page, 'Traffic');
  const marked = page.getByRole('row').filter({ has: page.getByTestId('app-chip') });
  await expect(marked).toHaveCount(2);
  await expect(marked.nth(0)).toContainText(/request\s*tools\/call/);
  await expect(marked.nth(1)).toContainText(/response\s*tools\/call/);
  await screenshot(page, testInfo, 'traffic');
});

test('an app cannot read the inspector cookie, fetch the inspector or open its WebSocket', async ({
  page,
}, testInfo) => {
  await connectAppServer(page);
  const detail = await selectTool(page, 'show-counter');
  await detail.getByRole('spinbutton', { name: /^start/ }).fill('1');
  await detail.getByRole('textbox', { name: /^probe/ }).fill(fromEnv('origin'));
  const call = await send(detail);
  const app = page.frameLocator('iframe[title^="MCP App"]').frameLocator('iframe');
  const probe = app.locator('#probe[data-done="true"]');
  await expect(probe).toBeVisible({ timeout: 15_000 });
  const report = JSON.parse((await probe.textContent()) ?? '{}') as Record<string, string>;
  // An opaque origin has no cookies: reading them throws, and there is nothing to read.
  expect(report.cookie === '' || report.cookie?.startsWith('threw')).toBe(true);
  expect(report.fetch).toMatch(/^blocked/);
  expect(report.ws).not.toBe('open');
  expect(report.parent).toMatch(/^threw/);
  await expect(call.getByTestId('mcp-app')).toBeVisible();
  await screenshot(page, testInfo, 'probe');
});
