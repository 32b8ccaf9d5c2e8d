import { expect, screenshot, test } from '../fixtures/test.js';
import { showPanel } from '../fixtures/ui.js';

/**
 * What a first-time user tripped on (issue 18), each in the real browser against
 * server-everything.
 */

test.describe('completion fields', () => {
  test('leaving a completion field moves nothing, so the first click on Get prompt lands', async ({
    connected: { page },
  }, testInfo) => {
    await showPanel(page, 'Prompts');
    await page
      .getByRole('list', { name: 'Prompts' })
      .getByRole('button', { name: /completable/i })
      .click();
    const detail = page.getByRole('region', { name: 'Prompt detail' });
    const department = detail.getByRole('combobox').first();
    await department.fill('Engineering');
    const name = detail.getByRole('combobox').nth(1);
    await name.click();
    await name.fill('Alice');
    await page.waitForTimeout(800);
    await screenshot(page, testInfo, 'focused');
    const getPrompt = detail.getByRole('button', { name: 'Get prompt' });
    const before = await getPrompt.boundingBox();
    await name.blur();
    const after = await getPrompt.boundingBox();
    expect(after?.y).toBe(before?.y);
    await getPrompt.click();
    await expect(detail.getByText(/Alice/).last()).toBeVisible();
    await screenshot(page, testInfo, 'sent');
  });
});
