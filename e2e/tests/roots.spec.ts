import { expect, test } from '../fixtures/test.js';
import { resultContent, selectTool, send, showPanel } from '../fixtures/ui.js';

test('get-roots-list reports the roots saved in the Roots panel', async ({
  connected: { page },
}) => {
  await showPanel(page, 'Roots');
  await page.getByRole('textbox', { name: 'Root path or URI' }).fill('/tmp');
  await expect(page.getByText('Becomes file:///tmp')).toBeVisible();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: 'Save roots' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Saved. The server was sent notifications/roots/list_changed.',
  );

  // server-everything keeps the roots it was told and asks again on list_changed; calling the
  // tool before that answer lands would report the old list.
  const asked = page.locator('section', {
    has: page.getByRole('heading', { name: 'Last asked by the server' }),
  });
  await expect(asked).toContainText('answered');
  await expect(asked).toContainText('file:///tmp');

  const call = await send(await selectTool(page, 'get-roots-list'));
  await expect(resultContent(call)).toContainText('Current MCP Roots (1 total)');
  await expect(resultContent(call)).toContainText('URI: file:///tmp');
});
