import { expect, screenshot, test } from '../fixtures/test.js';
import { resultContent, selectTool, send } from '../fixtures/ui.js';

// server-everything's simulate-research-query has execution.taskSupport "required": a plain
// tools/call is refused, so the Tools panel must run it as a task (2025-11-25).
test.use({ transport: 'stdio' });

test('a tool that requires a task runs as one: polled with tasks/get, the result from tasks/result', async ({
  connected: { page },
}, testInfo) => {
  const detail = await selectTool(page, 'simulate-research-query');
  await expect(detail.getByText('runs as a task', { exact: true })).toBeVisible();
  await detail.getByRole('textbox', { name: /^topic/ }).fill('tides');
  const call = await send(detail);
  await expect(call.getByText('task', { exact: true })).toBeVisible();
  await expect(resultContent(call)).toContainText('Research Report: tides', { timeout: 20_000 });
  await screenshot(page, testInfo, 'result');

  // The traffic shows the task's life: the augmented call, the polls, the result.
  await page
    .getByRole('link', { name: /^Traffic/ })
    .or(page.getByRole('button', { name: /^Traffic/ }))
    .first()
    .click();
  const log = page.getByRole('main');
  await expect(log.getByText('tasks/get').first()).toBeVisible();
  await expect(log.getByText('tasks/result').first()).toBeVisible();
  await screenshot(page, testInfo, 'traffic');
});
