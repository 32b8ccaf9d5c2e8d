import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { ROOT } from '../fixtures/servers.js';
import { closeAllSessions, expect, openApp, screenshot, test } from '../fixtures/test.js';
import { resultContent, selectTool, send, showPanel } from '../fixtures/ui.js';

/**
 * Issue 19 in the browser: a server naming its tools `constructor` or `__proto__` blanked the
 * whole UI (a plain-object map answered with Object.prototype), a URL elicitation offered a
 * javascript: URL as "Open URL", and server icons made the browser fetch any URL. One fixture
 * server does all of it (apps/proxy/test/fixtures/hostile-names.mjs).
 */
const FIXTURE = join(ROOT, 'apps/proxy/test/fixtures/hostile-names.mjs');
const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'] as const;

async function connectHostile(page: Page): Promise<void> {
  await openApp(page);
  const demo = page.getByRole('button', { name: 'Connect demo' });
  if (!(await demo.isVisible())) await page.getByRole('button', { name: 'New connection' }).click();
  const form = page.getByRole('form', { name: 'Connect to a server' });
  await form.getByRole('radio', { name: 'stdio (command)' }).click();
  await form.getByLabel('Command', { exact: true }).fill(`${process.execPath} ${FIXTURE}`);
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('protocol-versions')).toBeVisible({ timeout: 30_000 });
}

async function iconFetches(page: Page): Promise<string> {
  const detail = await selectTool(page, 'icon-fetches');
  const call = await send(detail);
  await expect(call).toHaveAttribute('aria-busy', 'false');
  return (await resultContent(call).textContent()) ?? '';
}

test.afterEach(async ({ page }, testInfo) => {
  await screenshot(page, testInfo);
  await closeAllSessions(page);
});

test('tools named constructor, __proto__, toString and hasOwnProperty list, open and call', async ({
  page,
}, testInfo) => {
  await connectHostile(page);
  for (const name of NAMES) {
    const detail = await selectTool(page, name);
    const call = await send(detail);
    await expect(resultContent(call)).toContainText(`called ${name}`);
    await expect(call).toHaveAttribute('aria-busy', 'false');
  }
  await screenshot(page, testInfo, 'called');
  // Calling them again: each tool's own history, not the prototype's.
  const again = await send(await selectTool(page, 'constructor'));
  await expect(resultContent(again)).toContainText('called constructor');
  await expect(page.getByRole('alert', { name: /failed$/ })).toHaveCount(0);
});

test('remote icons are not fetched until "Load remote images" is on; data: icons show', async ({
  page,
}, testInfo) => {
  await connectHostile(page);
  await showPanel(page, 'Tools');
  const list = page.getByRole('listbox', { name: 'Tool list' });
  await expect(list.getByTestId('icon-held-back')).toHaveCount(1);
  await expect(list.locator('img[src^="data:image/png"]')).toHaveCount(1);
  expect(await iconFetches(page)).toContain('icon fetches: 0');
  await screenshot(page, testInfo, 'held-back');

  const toggle = page.getByRole('switch', { name: 'Load remote images' });
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('searchbox', { name: 'Filter tools' }).fill('');
  await expect(list.locator('img[src^="http://127.0.0.1"]')).toHaveCount(1);
  await expect.poll(() => iconFetches(page)).not.toContain('icon fetches: 0');
  await toggle.click();
});

test('a javascript: URL elicitation is shown as text with a warning, never offered to open', async ({
  page,
}, testInfo) => {
  await connectHostile(page);
  const detail = await selectTool(page, 'open-js-url');
  const call = await send(detail);
  const dialog = page.getByRole('dialog', { name: /URL elicitation/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('alert', { name: 'Not a web URL' })).toContainText(
    'This is a javascript: URL, not an http(s) web page',
  );
  await expect(dialog.getByRole('button', { name: 'Open URL' })).toHaveCount(0);
  await expect(dialog).toContainText('javascript:alert(document.domain)');
  await screenshot(page, testInfo, 'dialog');
  await dialog.getByRole('button', { name: 'Decline' }).click();
  await expect(resultContent(call)).toContainText('"action":"decline"');
});

test('a panel that fails shows its error and "Reload panel"; the rest of the app keeps working', async ({
  page,
}, testInfo) => {
  // Makes the Tools panel fail as it renders the tool `crash-probe`, the way any bug in a
  // panel would: a throw during render. Only while window.crashProbe is set.
  await page.addInitScript(() => {
    const original = Object.getOwnPropertyDescriptor(Map.prototype, 'get')!.value as (
      this: Map<unknown, unknown>,
      key: unknown,
    ) => unknown;
    Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown): unknown {
      if (key === 'crash-probe' && (window as unknown as { crashProbe?: boolean }).crashProbe)
        throw new Error('crash probe: a render error on purpose');
      return original.call(this, key);
    };
  });
  await connectHostile(page);
  await page.evaluate(() => ((window as unknown as { crashProbe: boolean }).crashProbe = true));
  await showPanel(page, 'Tools');
  const failure = page.getByRole('alert', { name: 'the Tools panel failed' });
  await expect(failure).toContainText('crash probe: a render error on purpose');
  await screenshot(page, testInfo, 'failed');
  // The app is still there: the navigation, the session tabs, another panel.
  await showPanel(page, 'Overview');
  await expect(page.getByTestId('protocol-versions')).toBeVisible();
  await showPanel(page, 'Tools');
  await expect(failure).toBeVisible();
  await page.evaluate(() => ((window as unknown as { crashProbe: boolean }).crashProbe = false));
  await failure.getByRole('button', { name: 'Reload panel' }).click();
  await expect(failure).toHaveCount(0);
  await expect(
    page.getByRole('listbox', { name: 'Tool list' }).getByText('crash-probe', { exact: true }),
  ).toBeVisible();
});
