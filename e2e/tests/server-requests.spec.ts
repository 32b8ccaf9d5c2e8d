import { EVERYTHING_TITLE, expect, screenshot, test } from '../fixtures/test.js';
import { resultContent, selectTool, send } from '../fixtures/ui.js';

for (const transport of ['stdio', 'http'] as const) {
  test.describe(`over ${transport}`, () => {
    test.use({ transport });

    test('sampling/createMessage is answered by a human in the sampling dialog', async ({
      connected: { page },
    }, testInfo) => {
      const detail = await selectTool(page, 'trigger-sampling-request');
      await detail.getByRole('textbox', { name: /^prompt/ }).fill('Name a colour');
      const call = await send(detail);

      const dialog = page.getByRole('dialog', {
        name: `Sampling request from ${EVERYTHING_TITLE}`,
      });
      await expect(dialog).toBeVisible();
      // The server's request as the server sent it: its prompt and system prompt.
      await expect(dialog).toContainText('Name a colour');
      await expect(dialog).toContainText('You are a helpful test server.');
      const answer = `Ultramarine, said the human over ${transport}`;
      await dialog.getByRole('textbox', { name: 'Response text' }).fill(answer);
      await screenshot(page, testInfo, 'dialog');
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await expect(dialog).toBeHidden();

      const result = resultContent(call);
      await expect(result).toContainText('LLM sampling result');
      await expect(result).toContainText(answer);
      await expect(result).toContainText('mcpscope-human');
    });

    test('elicitation/create is accepted through the generated form', async ({
      connected: { page },
    }, testInfo) => {
      const detail = await selectTool(page, 'trigger-elicitation-request');
      const call = await send(detail);

      const dialog = page.getByRole('dialog', {
        name: `Elicitation request from ${EVERYTHING_TITLE}`,
      });
      await expect(dialog).toContainText('Please provide inputs for the following fields:');
      // `name` (titled "String") is the one required field; Accept waits for it.
      await expect(dialog.getByRole('button', { name: 'Accept' })).toBeDisabled();
      await dialog.getByRole('textbox', { name: /^String\s*\*?$/ }).fill('Ada Lovelace');
      await dialog.getByRole('checkbox', { name: /^Boolean/ }).check();
      await dialog
        .getByRole('textbox', { name: /^String with email format/ })
        .fill('ada@example.com');
      await screenshot(page, testInfo, 'dialog');
      await dialog.getByRole('button', { name: 'Accept' }).click();
      await expect(dialog).toBeHidden();

      const result = resultContent(call);
      await expect(result).toContainText('User provided the requested information!');
      await expect(result).toContainText('- Name: Ada Lovelace');
      await expect(result).toContainText('- Agreed to terms: true');
      await expect(result).toContainText('- Email: ada@example.com');
      // Defaults of the schema are sent as the form showed them.
      await expect(result).toContainText('- Favorite Integer: 42');
    });
  });
}
