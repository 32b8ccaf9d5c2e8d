import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

import { startNode, stop } from '../fixtures/processes.js';
import { ROOT } from '../fixtures/servers.js';
import { closeAllSessions, connect, expect, openApp, screenshot, test } from '../fixtures/test.js';
import { resultContent, selectTool, send, showPanel } from '../fixtures/ui.js';

/**
 * Recordings in the UI, against the real proxy of global setup (its MCPSCOPE_DATA_DIR is a
 * temporary directory) and server-everything over stdio: a session is recorded as it runs,
 * shows up in the list, downloads, and opens read-only with a timeline that steps through it.
 */

const timeline = (page: Page) => page.getByRole('group', { name: 'Recording timeline' });
const position = (page: Page) => page.getByTestId('timeline-position');
const sessionTabs = (page: Page) => page.getByRole('navigation', { name: 'Sessions' });

/** Records a demo session with one echo call, closes it, and returns the message echoed. */
async function recordEcho(page: Page, message: string): Promise<void> {
  await openApp(page);
  await connect(page, 'stdio');
  const toggle = page.getByRole('switch', { name: 'Record this session' });
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  const detail = await selectTool(page, 'echo');
  await detail.getByRole('textbox', { name: /^message/ }).fill(message);
  await expect(resultContent(await send(detail))).toContainText(`Echo: ${message}`);
}

/** The newest recording of the list, fetched through its download link as the browser would. */
async function newestRecording(page: Page): Promise<string> {
  const href = await page
    .getByRole('list', { name: 'Recordings' })
    .getByTestId('recording-row')
    .first()
    .getByRole('link', { name: /^Download / })
    .getAttribute('href');
  return (await page.request.get(href!)).text();
}

// Each test records a real session first, then works through the recording: longer than most.
test.describe.configure({ timeout: 120_000 });

test.afterEach(async ({ page }) => {
  await closeAllSessions(page);
});

test('a session recorded from the UI is listed, downloads, and opens read-only', async ({
  page,
}, testInfo) => {
  const message = `recorded ${Date.now()}`;
  await recordEcho(page, message);
  await screenshot(page, testInfo, 'recording live');
  await closeAllSessions(page);

  // The list on the Connect page: newest first, with its target, size and entry count.
  const list = page.getByRole('list', { name: 'Recordings' });
  await page.getByRole('button', { name: 'Refresh the list' }).click();
  const row = list.getByTestId('recording-row').first();
  await expect(row).toContainText('server-everything (demo)');
  await expect(row).toContainText(/\d+ entries/);
  await screenshot(page, testInfo, 'list light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'list dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Download: the file is a recording with the call in it.
  const downloading = page.waitForEvent('download');
  await row.getByRole('link', { name: /^Download / }).click();
  const download = await downloading;
  const text = readFileSync(await download.path(), 'utf8');
  const [header, ...lines] = text.trimEnd().split('\n');
  expect(JSON.parse(header!)).toMatchObject({ format: 'mcpscope-recording', version: 1 });
  expect(text).toContain(`Echo: ${message}`);
  const total = lines.length;

  // Open it: a read-only session, marked as a recording, at its end.
  await row.getByRole('button', { name: /^Open / }).click();
  await expect(sessionTabs(page).getByText('recording')).toBeVisible();
  await expect(timeline(page)).toBeVisible();
  await expect(position(page)).toHaveText(`${total} / ${total}`);

  // Panels work from the recorded data: the tool list, and the call seen in the traffic.
  const detail = await selectTool(page, 'echo');
  const sendButton = detail.getByRole('button', { name: 'Send', exact: true });
  await expect(sendButton).toBeDisabled();
  await expect(detail).toContainText('This session is a recording');
  await showPanel(page, 'Traffic');
  const count = page.getByTestId('log-count');
  await expect(count).toHaveText(`${total} entries`);
  const search = page.getByRole('searchbox', { name: 'Search traffic' });
  await search.fill(`Echo: ${message}`);
  await expect(count).toHaveText(`1 of ${total}`);
  await search.fill('');
  await screenshot(page, testInfo, 'open light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'open dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The scrubber: to the start, where nothing has happened yet.
  await timeline(page).getByRole('button', { name: 'Jump to start' }).click();
  await expect(position(page)).toHaveText(`1 / ${total}`);
  await expect(count).toHaveText(/^1 entr/);
  await showPanel(page, 'Tools');
  await expect(page.getByText('Not connected yet')).toBeVisible();
  // Step forward with the buttons and the keyboard, and back.
  await timeline(page).getByRole('button', { name: 'Next entry' }).click();
  await expect(position(page)).toHaveText(`2 / ${total}`);
  await page.keyboard.press(']');
  await expect(position(page)).toHaveText(`3 / ${total}`);
  await page.keyboard.press('[');
  await expect(position(page)).toHaveText(`2 / ${total}`);
  // Drag to the entry right after the handshake's response: the tools are not listed yet.
  const initResponse = lines.findIndex((l) => l.includes('"serverInfo"'));
  const slider = timeline(page).getByRole('slider', { name: 'Timeline position' });
  await slider.fill(String(initResponse));
  await expect(position(page)).toHaveText(`${initResponse + 1} / ${total}`);
  await expect(page.getByText('Not connected yet')).toBeHidden();
  const toolsListed = lines.findIndex((l) => l.includes('"tools":[{'));
  expect(toolsListed).toBeGreaterThan(initResponse);
  await expect(page.getByRole('listbox', { name: 'Tool list' })).toBeHidden();
  // Keyboard on the slider moves it too; then the end brings the listed tools back.
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText(`${initResponse + 2} / ${total}`);
  await page.keyboard.press('}');
  await expect(position(page)).toHaveText(`${total} / ${total}`);
  await expect(page.getByRole('listbox', { name: 'Tool list' })).toBeVisible();
  // The recorded call is in the tool's history, with its result, as a live call would be.
  const recorded = await selectTool(page, 'echo');
  await expect(resultContent(recorded.getByLabel('Call', { exact: true }))).toContainText(
    `Echo: ${message}`,
  );
  await screenshot(page, testInfo, 'tools at end');
});

test('a recording dropped on the page opens, and a truncated last line is a warning', async ({
  page,
}, testInfo) => {
  await recordEcho(page, 'dropped');
  await closeAllSessions(page);
  const text = await newestRecording(page);
  // What a crash leaves: the last line cut short.
  const cut = `${text}{"seq":999999,"t":1,"dir":"s2c","ki`;

  await page.evaluate(
    async ({ content }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'crashed.jsonl', { type: 'application/x-ndjson' }));
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    { content: cut },
  );
  await expect(page.getByText('Drop a recording to open it')).toBeVisible();
  await screenshot(page, testInfo, 'dragging');
  await page.evaluate(
    ({ content }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'crashed.jsonl', { type: 'application/x-ndjson' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
    },
    { content: cut },
  );
  await expect(sessionTabs(page).getByText('recording')).toBeVisible();
  const warning = timeline(page).getByRole('button', { name: '1 warning' });
  await expect(warning).toBeVisible();
  await warning.click();
  await expect(timeline(page).getByRole('status')).toContainText(
    'is not JSON (a truncated last line is expected after a crash); ignoring it',
  );
  await screenshot(page, testInfo, 'warning');

  // A file that is not a recording says so, in one line.
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['{"hello":1}\n'], 'other.jsonl'));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
  });
  await expect(page.getByRole('alert')).toContainText(
    'other.jsonl: line 1 does not start an mcpscope recording',
  );
  await screenshot(page, testInfo, 'not a recording');
  await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
});

test('mcpscope view FILE opens the file read-only', async ({ page }, testInfo) => {
  await recordEcho(page, 'viewed');
  await closeAllSessions(page);
  const text = await newestRecording(page);
  const dir = mkdtempSync(join(tmpdir(), 'mcpscope-e2e-view-'));
  const file = join(dir, 'session.jsonl');
  writeFileSync(file, text);
  const viewer = await startNode(
    'mcpscope view',
    [join(ROOT, 'apps/proxy/dist/bin.js'), 'view', file, '--port', '0'],
    {
      cwd: ROOT,
      env: { ...process.env, MCPSCOPE_CONFIG_DIR: dir, MCPSCOPE_DATA_DIR: dir },
      ready: /open (http:\/\/127\.0\.0\.1:\d+\/\?view=file&token=\S+)/,
      timeoutMs: 30_000,
    },
  );
  try {
    await page.goto(viewer.match[1]!);
    await expect(sessionTabs(page).getByText('recording')).toBeVisible();
    await expect(timeline(page)).toContainText('session.jsonl');
    await expect(page).toHaveURL(/\/$/);
    await showPanel(page, 'Overview');
    await expect(page.getByRole('button', { name: 'Disconnect' })).toBeHidden();
    await screenshot(page, testInfo, 'overview');
  } finally {
    await page.goto('about:blank');
    await stop(viewer.child);
    rmSync(dir, { recursive: true, force: true });
  }
});
