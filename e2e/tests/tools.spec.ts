import { expect, screenshot, test } from '../fixtures/test.js';
import { recordProgress, resultContent, selectTool, send } from '../fixtures/ui.js';

for (const transport of ['stdio', 'http'] as const) {
  test.describe(`over ${transport}`, () => {
    test.use({ transport });

    test('tools/list shows the tools, and calling echo shows its result', async ({
      connected: { page },
    }) => {
      const detail = await selectTool(page, 'echo');
      await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Echo Tool');
      // Tools that exist only because mcpscope declared sampling, elicitation and roots.
      const list = page.getByRole('listbox', { name: 'Tool list' });
      await page.getByRole('searchbox', { name: 'Filter tools' }).fill('');
      for (const name of ['get-sum', 'trigger-sampling-request', 'get-roots-list'])
        await expect(list.getByText(name, { exact: true })).toBeVisible();

      const message = `hello from ${transport}`;
      await detail.getByRole('textbox', { name: /^message/ }).fill(message);
      const call = await send(detail);
      await expect(resultContent(call)).toContainText(`Echo: ${message}`);
      await expect(call).toHaveAttribute('aria-busy', 'false');
    });

    test('a long-running call shows a progress bar that advances to the end', async ({
      connected: { page },
    }, testInfo) => {
      const detail = await selectTool(page, 'trigger-long-running-operation');
      // Long enough that a loaded machine still shows the bar between steps (2 s each).
      await detail.getByRole('spinbutton', { name: /^duration/ }).fill('6');
      await detail.getByRole('spinbutton', { name: /^steps/ }).fill('3');
      // Every value the bar shows, as it renders: polling alone could miss a step on a busy machine.
      const seen = await recordProgress(page);
      const call = await send(detail);

      const bar = call.getByRole('progressbar', { name: 'Progress' });
      await expect(bar).toHaveAttribute('aria-valuemax', '3');
      await expect(call).toContainText(/[12] \/ 3/);
      await screenshot(page, testInfo, 'running');
      await expect(bar).toHaveAttribute('aria-valuenow', '3');
      await expect(resultContent(call)).toContainText(
        'Long running operation completed. Duration: 6 seconds, Steps: 3.',
      );
      // It moved forward and was drawn before the end; a busy machine may merge two steps.
      const values = (await seen()).map(Number);
      expect(values.length).toBeGreaterThanOrEqual(2);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(values.at(-1)).toBe(3);
      await expect(call).toContainText('3 progress notifications');
    });
  });
}
