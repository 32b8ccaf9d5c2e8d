import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

const screenshot = fileURLToPath(new URL('../test-results/smoke.png', import.meta.url));

test('the built UI loads and names the product', async ({ page }) => {
  await page.goto('/');

  await expect(page).toHaveTitle('mcpscope');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('mcpscope');
  await expect(page.getByText('npx mcpscope --help')).toBeVisible();

  await page.screenshot({ path: screenshot, fullPage: true });
});
