import { EVERYTHING_TITLE, expect, test } from '../fixtures/test.js';
import { resultContent, selectTool, send, showPanel } from '../fixtures/ui.js';

test('a page reload keeps the session and its traffic log', async ({ connected: { page } }) => {
  const pid = await page.getByText(/ · pid \d+/).textContent();

  const detail = await selectTool(page, 'echo');
  await detail.getByRole('textbox', { name: /^message/ }).fill('before the reload');
  await expect(resultContent(await send(detail))).toContainText('Echo: before the reload');

  await showPanel(page, 'Traffic');
  const count = page.getByTestId('log-count');
  await expect(count).toHaveText(/^\d+ entries$/);
  const before = await count.textContent();

  await page.reload();

  // The same session (same server process), attached again, not reconnected.
  await expect(
    page.getByRole('navigation', { name: 'Sessions' }).getByRole('button', {
      name: `Close ${EVERYTHING_TITLE}`,
    }),
  ).toHaveCount(1);
  await showPanel(page, 'Overview');
  await expect(page.getByTestId('session-state')).toHaveText(/^ready/);
  await expect(page.getByText(/ · pid \d+/)).toHaveText(pid ?? '');

  await showPanel(page, 'Traffic');
  await expect(count).toHaveText(before ?? '');
  await page.getByRole('searchbox', { name: 'Search traffic' }).fill('before the reload');
  await expect(page.getByRole('grid', { name: 'Traffic' }).getByRole('row')).toHaveCount(2);
});
