import { descendants, stillRunning } from '../fixtures/processes.js';
import { startProxy } from '../fixtures/servers.js';
import { connect, expect, openApp, screenshot, test } from '../fixtures/test.js';

test('stopping the proxy stops the servers of its open sessions', async ({ page }, testInfo) => {
  // A proxy of its own, so stopping it leaves the shared one to the other specs.
  const proxy = await startProxy();
  let spawned: number[] = [];
  try {
    await openApp(page, proxy.url);
    await connect(page, 'stdio');
    await expect(page.getByText(/ · pid \d+/)).toBeVisible();
    await screenshot(page, testInfo);

    const running = stillRunning(descendants(proxy.child.pid!));
    expect(running.map((p) => p.command).join('\n')).toContain('server-everything');
    spawned = running.map((p) => p.pid);
  } finally {
    // Throws, naming them, if a server outlives the proxy.
    await proxy.close();
  }
  expect(stillRunning(spawned)).toEqual([]);
  // The page notices that its proxy went away.
  await expect(page.getByRole('status')).toContainText('Proxy connection lost');
});
