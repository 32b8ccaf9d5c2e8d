import { startProxy, startTappedHost } from '../fixtures/servers.js';
import { expect, openApp, screenshot, test } from '../fixtures/test.js';
import { showPanel } from '../fixtures/ui.js';

test('a tapped host shows live: badge, the host’s clientInfo and capabilities, its traffic, read-only; killing the UI does not disturb the host', async ({
  page,
}, testInfo) => {
  // A proxy of its own: the test kills it mid-session.
  const proxy = await startProxy();
  const host = await startTappedHost(proxy.dataDir);
  try {
    await openApp(page, proxy.url);
    const tabs = page.getByRole('navigation', { name: 'Sessions' });
    await expect(tabs.getByTestId('tap-badge')).toBeVisible();
    await tabs
      .getByRole('button', { name: /Everything/ })
      .first()
      .click();

    const hostCard = page.getByTestId('tap-host');
    await expect(hostCard).toContainText('Acme Desktop');
    await expect(hostCard).toContainText('4.2.0');
    await expect(hostCard).toContainText('live');
    await expect(page.getByText('Client capabilities (offered by the host)')).toBeVisible();
    await expect(page.getByTestId('session-state')).toHaveText('ready');
    // Nothing that would send: no Tools, Resources, Prompts or Roots panels, no Disconnect.
    const panels = page.getByRole('navigation', { name: 'Panels' });
    await expect(panels.getByRole('button', { name: /^Tools\b/ })).toHaveCount(0);
    await expect(panels.getByRole('button', { name: /^Roots\b/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
    await screenshot(page, testInfo, 'overview');

    await showPanel(page, 'Traffic');
    const rows = page.getByRole('row');
    await expect(page.getByRole('button', { name: 'Compose' })).toHaveCount(0);
    await expect(rows.filter({ hasText: 'initialize' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: 'roots/list' }).first()).toBeVisible();
    // Live: the host's calls keep arriving.
    await expect(rows.filter({ hasText: 'tools/call' }).nth(3)).toBeVisible();
    await rows.filter({ hasText: 'roots/list' }).first().click();
    await expect(page.getByText('observed server → host').first()).toBeVisible();
    await screenshot(page, testInfo, 'traffic');

    // The UI dies mid-session; the host's calls go on, none failing.
    const before = host.output.filter((l) => /host: call \d+ ok/.test(l)).length;
    proxy.child.kill('SIGKILL');
    await expect
      .poll(() => host.output.filter((l) => /host: call \d+ ok/.test(l)).length, {
        timeout: 15_000,
      })
      .toBeGreaterThan(before + 4);
    expect(host.output.filter((l) => l.includes('FAILED'))).toEqual([]);
    expect(host.child.exitCode).toBeNull();
  } finally {
    await host.close();
    await proxy.close().catch(() => undefined);
  }
});
