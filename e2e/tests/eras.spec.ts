import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { Page } from '@playwright/test';

import { stop } from '../fixtures/processes.js';
import { ROOT } from '../fixtures/servers.js';
import { closeAllSessions, expect, openApp, screenshot, test } from '../fixtures/test.js';
import { resultContent, selectTool, send, showPanel } from '../fixtures/ui.js';

/**
 * Both protocol eras in the browser, against the real v2-SDK fixtures: the 2026-07-28
 * opening (server/discover), book-trip's input_required rounds answered in the dialogs,
 * the rounds in the traffic log, a Legacy-pinned connection, and -32022 explained.
 */
const MODERN = join(ROOT, 'apps/proxy/test/fixtures/modern');
const SHOTS = process.env.ERA_UI_SHOTS;

type Protocol = 'Auto' | 'Legacy (initialize only)';

/** Fills the Connect form with a command or a URL and a Protocol choice, and connects. */
async function connectForm(page: Page, target: string, protocol: Protocol): Promise<void> {
  await openApp(page);
  const demo = page.getByRole('button', { name: 'Connect demo' });
  if (!(await demo.isVisible())) await page.getByRole('button', { name: 'New connection' }).click();
  const form = page.getByRole('form', { name: 'Connect to a server' });
  if (target.startsWith('http')) {
    await form.getByRole('radio', { name: 'Streamable HTTP' }).click();
    await form.getByLabel('URL', { exact: true }).fill(target);
  } else {
    await form.getByRole('radio', { name: 'stdio (command)' }).click();
    await form.getByLabel('Command', { exact: true }).fill(target);
  }
  await form
    .getByRole('radiogroup', { name: 'Protocol' })
    .getByRole('radio', { name: protocol })
    .click();
  await form.getByRole('button', { name: 'Connect', exact: true }).click();
}

/** Starts dual-era.mjs over HTTP; resolves with its /mcp URL once it prints it. */
async function startHttp(fixture: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(MODERN, fixture), '--http', '0'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /listening on (http:\S+)/.exec(line);
      if (match !== null) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${fixture} exited with code ${code}`)));
  });
  return { url, child };
}

async function shot(page: Page, name: string): Promise<void> {
  await screenshot(page, test.info(), name);
  if (SHOTS !== undefined) await page.screenshot({ path: `${SHOTS}-${name}.png` });
}

let server: ChildProcess | undefined;

test.afterEach(async ({ page }) => {
  await closeAllSessions(page);
  if (server !== undefined) await stop(server);
  server = undefined;
});

for (const transport of ['stdio', 'http'] as const) {
  test(`over ${transport}: 2026-07-28 opening, book-trip through the dialogs, rounds in the traffic`, async ({
    page,
  }) => {
    let target = `${process.execPath} ${join(MODERN, 'dual-era.mjs')}`;
    if (transport === 'http') {
      const started = await startHttp('dual-era.mjs');
      server = started.child;
      target = started.url;
    }
    await connectForm(page, target, 'Auto');
    const era = page.getByTestId('era-badge');
    await expect(era).toHaveAttribute('data-era', 'modern', { timeout: 20_000 });
    await expect(era).toContainText('2026-07-28 · stateless');
    await expect(page.getByTestId('negotiation-step').first()).toBeVisible();
    await expect(page.getByTestId('discover')).toContainText('2026-07-28');
    if (transport === 'http') await shot(page, 'overview-modern');

    const detail = await selectTool(page, 'book-trip');
    await detail.getByRole('textbox', { name: /^destination/ }).fill('Oslo');
    const call = await send(detail);

    // Round 1 asks for a form and a sampling completion at once: both are in the queue.
    for (let answered = 0; answered < 2; answered++) {
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId('input-context')).toContainText(
        /input request (traveller|pitch) of tools\/call book-trip, round 1/,
      );
      const label = (await dialog.getAttribute('aria-label')) ?? '';
      if (label.startsWith('Elicitation')) {
        await dialog.getByRole('textbox', { name: /^name/ }).fill('Ada');
        await dialog.getByRole('spinbutton', { name: /^nights/ }).fill('3');
        if (transport === 'http' && answered === 0) await shot(page, 'dialog-elicitation');
        await dialog.getByRole('button', { name: 'Accept' }).click();
      } else {
        await dialog.getByRole('textbox', { name: 'Response text' }).fill('Fjords at dusk.');
        if (transport === 'http') await shot(page, 'dialog-sampling');
        await dialog.getByRole('button', { name: 'Approve' }).click();
      }
    }
    // Round 2 (roots/list) is answered from the Roots panel without a dialog.
    await expect(resultContent(call)).toContainText('booked Ada to Oslo for 3 nights', {
      timeout: 15_000,
    });

    await showPanel(page, 'Traffic');
    const chips = page.getByTestId('round-chip');
    await expect(chips.first()).toBeVisible();
    await expect(chips.first()).toHaveText(/round [23] of #\d+/);
    await page.getByRole('row').filter({ has: chips.first() }).first().click();
    // The first request, the other round and the responses light up with it.
    await expect(page.locator('[data-sibling]')).not.toHaveCount(0);
    await expect(
      page.getByTestId('result-chip').filter({ hasText: 'input_required' }).first(),
    ).toBeVisible();
    if (transport === 'http') await shot(page, 'traffic-rounds');
  });
}

test('Legacy pinned: the same fixture opens with initialize', async ({ page }) => {
  await connectForm(
    page,
    `${process.execPath} ${join(MODERN, 'dual-era.mjs')}`,
    'Legacy (initialize only)',
  );
  const era = page.getByTestId('era-badge');
  await expect(era).toHaveAttribute('data-era', 'legacy', { timeout: 20_000 });
  await expect(era).toContainText('legacy · initialize');
  await expect(page.getByTestId('discover')).toHaveCount(0);
  await shot(page, 'overview-legacy');
});

test('modern-only with Legacy pinned: -32022 is explained with the supported versions', async ({
  page,
}) => {
  await connectForm(
    page,
    `${process.execPath} ${join(MODERN, 'modern-only.mjs')}`,
    'Legacy (initialize only)',
  );
  const hint = page.getByTestId('era-error');
  await expect(hint).toBeVisible({ timeout: 20_000 });
  await expect(hint).toHaveAttribute('data-code', '-32022');
  await expect(hint).toContainText('Unsupported protocol version');
  await expect(hint).toContainText('the server supports 2026-07-28');
  await expect(hint).toContainText('Pinned revision 2026-07-28');
  await shot(page, 'error-32022');
});

test('modern subscriptions: Subscribe opens subscriptions/listen, updates feed the same list', async ({
  page,
}) => {
  await connectForm(page, `${process.execPath} ${join(MODERN, 'dual-era.mjs')}`, 'Auto');
  await expect(page.getByTestId('era-badge')).toHaveAttribute('data-era', 'modern', {
    timeout: 20_000,
  });
  await showPanel(page, 'Resources');
  await page
    .getByRole('list', { name: 'Resources' })
    .getByRole('button')
    .filter({ hasText: 'fixture://counter' })
    .click();
  const detail = page.getByRole('region', { name: 'Resource detail' });
  await detail.getByRole('button', { name: 'Subscribe', exact: true }).click();
  // Subscribed once the new listen's acknowledgement names the URI.
  await expect(detail.getByRole('button', { name: 'Unsubscribe' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  const call = await send(await selectTool(page, 'touch-resource'));
  await expect(resultContent(call)).toBeVisible();
  await showPanel(page, 'Resources');
  await page.getByRole('tab', { name: /^Subscribed/ }).click();
  const listen = page.getByTestId('listen-status');
  await expect(listen.getByTestId('listen-ack')).toContainText('fixture://counter');
  await expect(page.getByTestId('update-feed').getByRole('listitem').first()).toContainText(
    'fixture://counter',
  );
  await shot(page, 'subscriptions-listen');
  await listen.getByRole('button', { name: 'Stop listening' }).click();
  await expect(listen).toContainText('not listening');
});
