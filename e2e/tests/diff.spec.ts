import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

import { mcpscope } from '../fixtures/export.js';
import { ROOT } from '../fixtures/servers.js';
import { closeAllSessions, expect, openApp, screenshot, test } from '../fixtures/test.js';

/**
 * The session diff page against two real recordings of server-everything made by the built
 * CLI: the second client declares roots (so server-everything also lists get-roots-list)
 * and echoes another message. Both open in the page as recorded sessions, through the same
 * client interface as live ones, and are compared as `mcpscope diff` compares them.
 */

const EVERYTHING = join(
  ROOT,
  'apps/proxy/node_modules/@modelcontextprotocol/server-everything/dist/index.js',
);

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mcpscope-e2e-diff-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));
test.afterEach(async ({ page }) => closeAllSessions(page));
test.describe.configure({ timeout: 120_000 });

async function record(name: string, ...flags: string[]): Promise<string> {
  const path = join(dir, name);
  await mcpscope(
    '--method',
    'tools/call',
    '--tool-name',
    'echo',
    ...flags,
    '--record',
    path,
    process.execPath,
    EVERYTHING,
    'stdio',
  );
  return path;
}

/** Drops a recording on the page, as a user drags a file in. */
async function drop(page: Page, path: string, name: string): Promise<void> {
  await page.evaluate(
    ({ content, name }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], name, { type: 'application/x-ndjson' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
    },
    { content: readFileSync(path, 'utf8'), name },
  );
  // A recorded session's tab carries the file name as its recording badge's title.
  await expect(
    page.getByRole('navigation', { name: 'Sessions' }).getByTitle(name, { exact: true }),
  ).toBeVisible();
}

test('two recordings of server-everything: surface and exchange differences, and both frames', async ({
  page,
}, testInfo) => {
  const before = await record('before.jsonl', '--tool-arg', 'message=before');
  const after = await record('after.jsonl', '--tool-arg', 'message=after', '--root', dir);
  await openApp(page);
  await drop(page, before, 'before.jsonl');
  await drop(page, after, 'after.jsonl');

  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('heading', { name: 'Compare sessions' })).toBeVisible();
  await expect(page.getByLabel('Session a (the baseline)')).toHaveValue(/.+/);
  await page
    .getByLabel('Session a (the baseline)')
    .selectOption({ label: 'before.jsonl (recording)' });
  await page.getByLabel('Session b').selectOption({ label: 'after.jsonl (recording)' });

  const status = page.getByRole('status').filter({ hasText: 'The sessions differ' });
  await expect(status).toContainText('1 surface change');

  // The surface: the tool only the roots-declaring client is offered.
  const surface = page.getByRole('region', { name: 'Surface' });
  const added = surface.getByTestId('diff-row').filter({ hasText: 'tool get-roots-list' });
  await expect(added).toContainText('only in b');

  // The exchanges: the echo call differs in its argument and its result; initialize in the offer.
  const exchanges = page.getByRole('region', { name: 'Exchanges' });
  const echo = exchanges.getByTestId('diff-row').filter({ hasText: 'tools/call echo' });
  await expect(echo).toContainText('different');
  await expect(echo).toContainText('$.params.arguments.message');
  await expect(echo).toContainText('− a: "Echo: before"');
  await expect(echo).toContainText('+ b: "Echo: after"');
  const initialize = exchanges.getByTestId('diff-row').filter({ hasText: 'initialize' });
  await expect(initialize).toContainText('$.params.capabilities.roots');
  // The paths ignored in exchanges are listed (and editable).
  await expect(page.getByText('Ignored paths in exchanges (10)')).toBeVisible();
  await screenshot(page, testInfo, 'report');

  // Jump to both frames: the call's request and response, a's beside b's.
  await echo.getByRole('button', { name: 'Show the frames of tools/call echo' }).click();
  const framesView = page.getByRole('region', { name: 'Frames side by side' });
  await expect(framesView.getByLabel('Frames of session a')).toContainText('Echo: before');
  await expect(framesView.getByLabel('Frames of session b')).toContainText('Echo: after');
  await screenshot(page, testInfo, 'frames');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'frames dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // And from there into b's Traffic panel, the frame selected.
  const seqText = await framesView
    .getByLabel('Frames of session b')
    .locator('span.font-mono')
    .last()
    .textContent();
  const seq = /#(\d+)/.exec(seqText ?? '')![1]!;
  await framesView
    .getByLabel('Frames of session b')
    .getByRole('button', { name: 'Open in Traffic' })
    .last()
    .click();
  await expect(page.getByRole('heading', { name: 'Compare sessions' })).toBeHidden();
  const selected = page.getByRole('grid', { name: 'Traffic' }).locator('[aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  await expect(selected).toContainText(seq);
  await expect(page.getByRole('region', { name: 'Entry detail' })).toContainText(
    '"message": "after"',
  );
  await screenshot(page, testInfo, 'traffic');
});

test('the same recording twice is the same, and an invalid ignored path is said so', async ({
  page,
}, testInfo) => {
  const once = await record('once.jsonl', '--tool-arg', 'message=same');
  await openApp(page);
  await drop(page, once, 'one.jsonl');
  await drop(page, once, 'two.jsonl');
  await page.getByRole('button', { name: 'Compare' }).click();
  await page
    .getByLabel('Session a (the baseline)')
    .selectOption({ label: 'one.jsonl (recording)' });
  await page.getByLabel('Session b').selectOption({ label: 'two.jsonl (recording)' });
  await expect(
    page.getByRole('status').filter({ hasText: 'The sessions are the same' }),
  ).toContainText('0 surface changes');
  await page.getByText(/^Ignored paths in exchanges/).click();
  await page.getByLabel('Ignored paths, one JSONPath a line').fill('$[');
  await expect(page.getByRole('alert')).toContainText(
    'Ignored path $[: not a valid JSONPath (RFC 9535)',
  );
  await screenshot(page, testInfo, 'invalid path');
});
