import { EVERYTHING_TITLE, expect, test } from '../fixtures/test.js';

for (const transport of ['stdio', 'http'] as const) {
  test.describe(`over ${transport}`, () => {
    test.use({ transport });

    test('connecting shows the handshake: versions, server and capabilities', async ({
      connected: { page },
    }) => {
      await expect(page.getByTestId('session-state')).toHaveText(/^ready/);

      // The version mcpscope offered and the one the server agreed to, side by side.
      const versions = page.getByTestId('protocol-versions');
      await expect(versions).toContainText(/offered \d{4}-\d{2}-\d{2}/);
      await expect(versions).toContainText(/agreed \d{4}-\d{2}-\d{2}/);

      const server = page.locator('section', {
        has: page.getByRole('heading', { name: 'Server', exact: true }),
      });
      await expect(server).toContainText(EVERYTHING_TITLE);
      await expect(server).toContainText('mcp-servers/everything');

      const capabilities = page.locator('section', {
        has: page.getByRole('heading', { name: 'Server capabilities' }),
      });
      for (const capability of ['tools', 'resources', 'prompts', 'logging'])
        await expect(capabilities.getByText(capability, { exact: true })).toBeVisible();

      // What mcpscope declared for itself, so the server offers sampling, elicitation and roots tools.
      const client = page.locator('section', {
        has: page.getByRole('heading', { name: /^Client capabilities/ }),
      });
      for (const capability of ['sampling', 'elicitation', 'roots'])
        await expect(client.getByText(capability, { exact: true })).toBeVisible();

      // The session's tab is named after the server.
      await expect(
        page
          .getByRole('navigation', { name: 'Sessions' })
          .getByRole('button', { name: `Close ${EVERYTHING_TITLE}` }),
      ).toHaveCount(1);
      if (transport === 'http')
        await expect(page.getByText(/Mcp-Session-Id [0-9a-f-]{36}/)).toBeVisible();
    });
  });
}
