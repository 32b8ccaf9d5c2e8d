import { join } from 'node:path';
import { closeAllSessions, expect, openApp, screenshot, test } from '../fixtures/test.js';
import { ROOT } from '../fixtures/servers.js';
import { resultContent, selectTool, send, showPanel } from '../fixtures/ui.js';
import type { Page } from '@playwright/test';

/**
 * Bounded memory as a user meets it: a 20 MiB tool result shows as a preview with "Load full",
 * and a session longer than the browser's window shows its newest entries with older ones
 * paged in from the proxy. The servers are the proxy's own test fixtures, over stdio.
 */
const FIXTURES = join(ROOT, 'apps/proxy/test/fixtures');

async function connectFixture(page: Page, script: string, env: string): Promise<void> {
  await openApp(page);
  const demo = page.getByRole('button', { name: 'Connect demo' });
  if (!(await demo.isVisible())) await page.getByRole('button', { name: 'New connection' }).click();
  const form = page.getByRole('form', { name: 'Connect to a server' });
  await form.getByLabel('Command').fill(`${process.execPath} ${join(FIXTURES, script)}`);
  await form.getByLabel(/^Environment/).fill(env);
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('protocol-versions')).toBeVisible({ timeout: 30_000 });
}

const count = (page: Page) => page.getByTestId('log-count');

test.afterEach(async ({ page }) => {
  await closeAllSessions(page);
});

test('a 20 MiB tool result is a preview with "Load full", in Tools and in Traffic', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await connectFixture(page, 'huge-result.mjs', 'HUGE_BYTES=20971520');
  const detail = await selectTool(page, 'big');
  const call = await send(detail);
  const notice = call.getByTestId('truncated-notice');
  await expect(notice).toContainText('this result is 20.0 MB');
  // Only a 32 KiB preview crossed the socket (the text box shows its first 20,000 characters).
  await expect(
    resultContent(call).getByRole('button', { name: /^Show all 32,\d{3} characters$/ }),
  ).toBeVisible();
  await screenshot(page, testInfo, 'tools preview');

  await notice.getByRole('button', { name: 'Load full (20.0 MB)' }).click();
  await expect(notice).toHaveCount(0, { timeout: 60_000 });
  // The whole text is there: 20,971,520 characters, its first 20,000 on screen.
  await expect(
    resultContent(call).getByRole('button', { name: 'Show all 20,971,520 characters' }),
  ).toBeVisible();
  await screenshot(page, testInfo, 'tools full');

  await showPanel(page, 'Traffic');
  await page.getByLabel('Filter by method').fill('tools/call');
  const grid = page.getByRole('grid', { name: 'Traffic' });
  await grid.getByRole('row').last().click();
  const entry = page.getByRole('region', { name: 'Entry detail' });
  const entryNotice = entry.getByTestId('truncated-notice');
  await expect(entryNotice).toContainText('this entry is 20.0 MB');
  await screenshot(page, testInfo, 'traffic preview');
  await entryNotice.getByRole('button', { name: /^Load full/ }).click();
  await expect(entryNotice).toHaveCount(0, { timeout: 60_000 });
  // The content block is folded (depth 4); unfolded, its text is whole: 20,971,520 characters.
  await entry.getByRole('button', { name: 'Expand' }).click();
  await expect(entry.getByRole('button', { name: '… 20969520 more characters' })).toBeVisible();
  await screenshot(page, testInfo, 'traffic full');
});

test('older entries than the browser window are paged in from the proxy when scrolling up', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const flood = 106_000;
  await connectFixture(page, 'log-flood.mjs', `FLOOD_COUNT=${flood}`);
  await showPanel(page, 'Traffic');
  await expect(count(page)).toHaveText(/^10[6-9]\d{3} entries$/, { timeout: 120_000 });
  const total = Number(/^(\d+)/.exec((await count(page).textContent()) ?? '')?.[1]);

  // A fresh page gets the newest 100,000; the handshake is older than that.
  await page.reload();
  await showPanel(page, 'Traffic');
  await expect(count(page)).toHaveText('100000 entries loaded', { timeout: 60_000 });
  const bar = page.getByTestId('older-bar');
  await expect(bar).toContainText(`Entries #0–#${total - 100_000 - 1} are kept by the proxy`);
  await expect(page.getByRole('searchbox', { name: 'Search traffic' })).toHaveAttribute(
    'placeholder',
    /Search loaded entries/,
  );
  await page.getByLabel('Filter by method').fill('initialize');
  await expect(count(page)).toHaveText('0 of 100000 loaded');
  await screenshot(page, testInfo, 'newest window');
  await page.getByLabel('Filter by method').fill('');

  // "Load older" at the top of the list: 5,000 more, and the rows on screen stay in place.
  const grid = page.getByRole('grid', { name: 'Traffic' });
  const firstShown = total - 100_000;
  await grid.evaluate((el) => (el.scrollTop = 0));
  await expect(grid.getByRole('row').first()).toContainText(String(firstShown));
  await bar.getByRole('button', { name: 'Load older' }).click();
  await expect(count(page)).toHaveText('105000 entries loaded');
  expect(await grid.evaluate((el) => el.scrollTop)).toBe(5000 * 28);
  await screenshot(page, testInfo, 'one page older');

  // Scrolling to the top by hand loads the next page, which reaches seq 0.
  await grid.hover();
  for (let i = 0; i < 20 && (await grid.evaluate((el) => el.scrollTop)) > 0; i++)
    await page.mouse.wheel(0, -100_000);
  await expect(bar).toHaveCount(0, { timeout: 30_000 });
  await expect(count(page)).toHaveText(`${total} entries`);
  await page.getByLabel('Filter by method').fill('initialize');
  await expect(count(page)).toHaveText(`3 of ${total}`);
  await grid.getByRole('row').first().click();
  // Pairing works across the page boundary: the request shows its response.
  const entry = page.getByRole('region', { name: 'Entry detail' });
  await expect(entry.getByText('Response', { exact: true })).toBeVisible();
  await screenshot(page, testInfo, 'older paged in');
});
