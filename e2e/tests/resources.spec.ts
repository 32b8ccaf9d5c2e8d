import { expect, test } from '../fixtures/test.js';
import { resultContent, selectTool, send, showPanel } from '../fixtures/ui.js';

const URI = 'demo://resource/static/document/features.md';

for (const transport of ['stdio', 'http'] as const) {
  test.describe(`over ${transport}`, () => {
    test.use({ transport });

    test('a subscribed resource shows the updates the server sends', async ({
      connected: { page },
    }) => {
      await showPanel(page, 'Resources');
      await page
        .getByRole('list', { name: 'Resources' })
        .getByRole('button')
        .filter({ hasText: URI })
        .click();
      const detail = page.getByRole('region', { name: 'Resource detail' });
      await expect(detail.getByTestId('resource-detail')).toContainText(URI);
      await detail.getByRole('button', { name: 'Subscribe', exact: true }).click();
      await expect(detail.getByRole('button', { name: 'Unsubscribe' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );

      // server-everything sends notifications/resources/updated for subscribed URIs once this
      // tool is on: at once, then every 5 s.
      const call = await send(await selectTool(page, 'toggle-subscriber-updates'));
      await expect(resultContent(call)).toContainText(
        'Started simulated resource updated notifications',
      );

      await showPanel(page, 'Resources');
      await page.getByRole('tab', { name: /^Subscribed/ }).click();
      await expect(page.getByRole('region', { name: 'Subscriptions' })).toContainText(URI);
      const feed = page.getByTestId('update-feed');
      await expect(feed.getByRole('listitem').first()).toContainText(URI);
    });
  });
}
