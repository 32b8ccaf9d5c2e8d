import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { freePort, startNode, stop, type Started } from '../fixtures/processes.js';
import { ROOT } from '../fixtures/servers.js';
import { closeAllSessions, expect, openApp, screenshot, test } from '../fixtures/test.js';

const SDK_EXAMPLE = join(
  ROOT,
  'apps/proxy/node_modules/@modelcontextprotocol/sdk/dist/esm/examples/server/simpleStreamableHttp.js',
);
const OAUTH_FIXTURE = join(ROOT, 'apps/proxy/test/fixtures/oauth-server.mjs');

/** Connects to an HTTP URL from the Connect form, as a user would. */
async function connectTo(page: Page, url: string): Promise<void> {
  const demo = page.getByRole('button', { name: 'Connect demo' });
  if (!(await demo.isVisible())) await page.getByRole('button', { name: 'New connection' }).click();
  const form = page.getByRole('form', { name: 'Connect to a server' });
  await form.getByRole('radio', { name: 'Streamable HTTP' }).click();
  await form.getByLabel('URL', { exact: true }).fill(url);
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
}

test.describe('OAuth guided flow', () => {
  let sdk: Started | undefined;
  let sdkUrl = '';
  let wrongIss: (Started & { match: RegExpMatchArray }) | undefined;
  let preRegistered: (Started & { match: RegExpMatchArray }) | undefined;

  test.beforeAll(async () => {
    // The SDK's example server with its demo authorization server (auto-approves, DCR).
    const [mcpPort, authPort] = [await freePort(), await freePort()];
    sdk = await startNode('simpleStreamableHttp --oauth', [SDK_EXAMPLE, '--oauth'], {
      cwd: ROOT,
      env: { ...process.env, MCP_PORT: String(mcpPort), MCP_AUTH_PORT: String(authPort) },
      ready: /MCP Streamable HTTP Server listening/,
      timeoutMs: 30_000,
    });
    sdkUrl = `http://localhost:${mcpPort}/mcp`;
    wrongIss = await startNode('oauth fixture --wrong-iss', [OAUTH_FIXTURE, '--wrong-iss'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0' },
      ready: /listening on (\d+)/,
      timeoutMs: 30_000,
    });
    preRegistered = await startNode(
      'oauth fixture --no-dcr',
      [OAUTH_FIXTURE, '--no-dcr', '--client', 'ui-app:ui-secret-value', '--iss-param'],
      {
        cwd: ROOT,
        env: { ...process.env, PORT: '0' },
        ready: /listening on (\d+)/,
        timeoutMs: 30_000,
      },
    );
  });
  test.afterAll(async () => {
    if (sdk !== undefined) await stop(sdk.child);
    if (wrongIss !== undefined) await stop(wrongIss.child);
    if (preRegistered !== undefined) await stop(preRegistered.child);
  });

  test('a 401 starts the flow; the authorization page in a new tab brings the user back authorized', async ({
    page,
    context,
  }, testInfo) => {
    await openApp(page);
    await connectTo(page, sdkUrl);

    // Discovery and registration ran by themselves; the flow waits for the user.
    await expect(page.getByTestId('oauth-state')).toHaveText('waiting-for-user', {
      timeout: 20_000,
    });
    for (const step of [
      'resource-metadata',
      'authorization-server-metadata',
      'client-registration',
    ])
      await expect(page.getByTestId(`oauth-step-${step}`)).toHaveAttribute('data-status', 'ok');
    await expect(
      page.getByText(/HTTP 401 from POST \/mcp: WWW-Authenticate: Bearer/),
    ).toBeVisible();
    // Each step shows its HTTP exchange.
    await page.getByTestId('oauth-step-resource-metadata').getByRole('button').click();
    await expect(
      page
        .getByTestId('oauth-step-resource-metadata')
        .getByText(/GET http:\/\/localhost:\d+\/\.well-known\/oauth-protected-resource\/mcp/),
    ).toBeVisible();
    await screenshot(page, testInfo, 'waiting');
    await page.getByTestId('oauth-step-resource-metadata').getByRole('button').click();

    // The link opens the authorization server in a new tab; it approves and redirects to the
    // proxy's /oauth/callback, which accepts the state it issued.
    const [authTab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: 'Open authorization page' }).click(),
    ]);
    await expect(authTab.getByText('You can close this tab')).toBeVisible();
    expect(new URL(authTab.url()).pathname).toBe('/oauth/callback');
    await authTab.close();

    await expect(page.getByTestId('oauth-state')).toHaveText('authorized', { timeout: 20_000 });
    await expect(page.getByTestId('session-state')).toHaveText(/^ready/);
    for (const step of ['authorization', 'token'])
      await expect(page.getByTestId(`oauth-step-${step}`)).toHaveAttribute('data-status', 'ok');
    const credentials = page.getByTestId('oauth-credentials');
    await expect(credentials).toContainText('mcp:tools');
    await expect(credentials).toContainText('…'); // masked
    // No secret in the page: the code in the callback URL and every token are redacted.
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/"access_token": "(?!\[REDACTED\])/);
    expect(text).not.toMatch(/[?&]code=(?!\[REDACTED\])[^&\s]+/);
    await screenshot(page, testInfo, 'authorized');

    await page.getByRole('button', { name: 'Forget credentials' }).click();
    await expect(credentials).toHaveCount(0);
    await closeAllSessions(page);
  });

  test('a wrong issuer is a loud warning on its step and the flow goes on; Strict OAuth stops it', async ({
    page,
  }, testInfo) => {
    const url = `http://127.0.0.1:${wrongIss!.match[1]}/mcp`;
    await openApp(page);
    await connectTo(page, url);
    await expect(page.getByTestId('oauth-state')).toHaveText('waiting-for-user', {
      timeout: 20_000,
    });
    const step = page.getByTestId('oauth-step-authorization-server-metadata');
    await expect(step).toHaveAttribute('data-status', 'ok');
    await expect(step.getByTestId('oauth-step-warning')).toContainText(
      /RFC 8414 violation, continuing.*https:\/\/issuer\.example\.com/,
    );
    await screenshot(page, testInfo, 'warning');
    // It goes on to the end: the authorization page brings the user back authorized.
    const [authTab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: 'Open authorization page' }).click(),
    ]);
    await expect(authTab.getByText('You can close this tab')).toBeVisible();
    await authTab.close();
    await expect(page.getByTestId('oauth-state')).toHaveText('authorized', { timeout: 20_000 });
    await expect(page.getByTestId('session-state')).toHaveText(/^ready/);
    await expect(step.getByTestId('oauth-step-warning')).toBeVisible();
    await page.getByRole('button', { name: 'Forget credentials' }).click();
    await closeAllSessions(page);

    // The same server with the Strict OAuth switch: the flow stops at that step.
    await page.getByRole('button', { name: 'New connection' }).click();
    const form = page.getByRole('form', { name: 'Connect to a server' });
    await form.getByRole('radio', { name: 'Streamable HTTP' }).click();
    await form.getByLabel('URL', { exact: true }).fill(url);
    await form.getByText('OAuth client').click();
    await form.getByLabel(/Strict OAuth/).check();
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByTestId('oauth-state')).toHaveText('failed', { timeout: 20_000 });
    await expect(step).toHaveAttribute('data-status', 'failed');
    await expect(step).toContainText('https://issuer.example.com');
    await expect(page.getByTestId('session-state')).toHaveText(/^failed/);
    await expect(page.getByRole('alert').first()).toContainText(
      'OAuth authorization-server-metadata failed',
    );
    // The failed step opens by itself on its HTTP exchange.
    await expect(step.getByText(/"issuer": "https:\/\/issuer\.example\.com"/)).toBeVisible();
    await screenshot(page, testInfo, 'strict');
    await closeAllSessions(page);
  });

  test('a bare 401 (plain Bearer middleware) says what the server answered and leads with --header', async ({
    page,
  }, testInfo) => {
    const bare = await startNode(
      'oauth fixture --bare-bearer',
      [OAUTH_FIXTURE, '--bare-bearer', 'e2e-static-token'],
      {
        cwd: ROOT,
        env: { ...process.env, PORT: '0' },
        ready: /listening on (\d+)/,
        timeoutMs: 30_000,
      },
    );
    try {
      await openApp(page);
      await connectTo(page, `http://127.0.0.1:${bare.match[1]}/mcp`);
      await expect(page.getByTestId('session-state')).toHaveText(/^failed/, { timeout: 20_000 });
      const alert = page.getByRole('alert').first();
      await expect(alert).toContainText('HTTP 401');
      await expect(alert).toContainText('no WWW-Authenticate header');
      await expect(alert).toContainText('oauth-authorization-server → 404');
      await expect(alert).toContainText('--header "Authorization: Bearer <token>"');
      await expect(alert).not.toContainText('wants OAuth authorization');
      await screenshot(page, testInfo);
      await closeAllSessions(page);
    } finally {
      await stop(bare.child);
    }
  });

  test('a server without dynamic registration: the client id and secret from the form', async ({
    page,
    context,
  }, testInfo) => {
    await openApp(page);
    const url = `http://127.0.0.1:${preRegistered!.match[1]}/mcp`;
    const demo = page.getByRole('button', { name: 'Connect demo' });
    if (!(await demo.isVisible()))
      await page.getByRole('button', { name: 'New connection' }).click();
    const form = page.getByRole('form', { name: 'Connect to a server' });
    await form.getByRole('radio', { name: 'Streamable HTTP' }).click();
    await form.getByLabel('URL', { exact: true }).fill(url);
    await form.getByText('OAuth client').click();
    await form.getByLabel('Client ID', { exact: true }).fill('ui-app');
    await form.getByLabel('Client secret').fill('ui-secret-value');
    await screenshot(page, testInfo, 'form');
    await form.getByRole('button', { name: 'Connect', exact: true }).click();

    await expect(page.getByTestId('oauth-step-client-registration')).toContainText(
      'pre-registered client ui-app',
      { timeout: 20_000 },
    );
    const [authTab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: 'Open authorization page' }).click(),
    ]);
    await expect(authTab.getByText('You can close this tab')).toBeVisible();
    await authTab.close();
    await expect(page.getByTestId('oauth-state')).toHaveText('authorized', { timeout: 20_000 });
    await expect(page.getByTestId('session-state')).toHaveText(/^ready/);
    // The secret never reaches the page, not even in the token request's exchange.
    await page.getByTestId('oauth-step-token').getByRole('button').click();
    await expect(page.getByTestId('oauth-step-token')).toContainText('authorization: [REDACTED]');
    expect(await page.locator('body').innerText()).not.toContain('ui-secret-value');
    await screenshot(page, testInfo);
    await page.getByRole('button', { name: 'Forget credentials' }).click();
    await closeAllSessions(page);
  });
});
