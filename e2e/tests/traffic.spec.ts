import { expect, test } from '../fixtures/test.js';
import { showPanel } from '../fixtures/ui.js';

test('the traffic log pairs initialize with its response, and search filters it', async ({
  connected: { page },
}) => {
  await showPanel(page, 'Traffic');
  const count = page.getByTestId('log-count');
  // The total may still grow: server-everything asks roots/list shortly after the handshake.
  await expect(count).toHaveText(/^\d+ entries$/);

  const rows = page.getByRole('grid', { name: 'Traffic' }).getByRole('row');
  await rows
    .filter({ has: page.getByText('request', { exact: true }) })
    // `\b` leaves out notifications/initialized; the method is followed by the id, `#0`.
    .filter({ has: page.getByText(/^initialize\b/) })
    .click();
  const detail = page.getByLabel('Entry detail');
  await expect(detail.getByText('Request → server')).toBeVisible();
  await expect(detail.getByText('Response', { exact: true })).toBeVisible();
  // Both halves, each with its own payload: what mcpscope offered, what the server answered.
  await expect(detail).toContainText('clientInfo');
  await expect(detail).toContainText('mcp-servers/everything');

  const search = page.getByRole('searchbox', { name: 'Search traffic' });
  await search.fill('mcp-servers/everything');
  // Only the initialize response names the server.
  await expect(count).toHaveText(/^1 of \d+$/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('response');

  await search.fill('no such text anywhere');
  await expect(count).toHaveText(/^0 of \d+$/);
  await expect(page.getByText('Nothing matches the filters.')).toBeVisible();

  await search.fill('');
  await expect(count).toHaveText(/^\d+ entries$/);
});
