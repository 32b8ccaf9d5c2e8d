import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startProxy } from '../fixtures/servers.js';
import { expect, openApp, screenshot, test } from '../fixtures/test.js';

/**
 * Recording is on by default, so a user who has used mcpscope for a while sees a long list on
 * the Connect page; commands with long paths and no spaces are common. 50 such recordings must
 * not widen the page: titles truncate, and the buttons stay inside their cards at every width
 * from 1024 px up.
 */
const RECORDINGS = 50;
const WIDTHS = [1024, 1100, 1280, 1440, 1920];

function writeRecordings(dataDir: string): void {
  const dir = join(dataDir, 'recordings');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (let i = 0; i < RECORDINGS; i++) {
    const createdAt = new Date(Date.UTC(2026, 10, 1, 12, i)).toISOString();
    const header = {
      format: 'mcpscope-recording',
      version: 1,
      createdAt,
      target: {
        transport: 'stdio',
        command: `/home/someone/projects/${'very-long-directory-name-without-any-space-'.repeat(3)}${i}/node_modules/.bin/my-mcp-server-${i}`,
        args: [`--config=/etc/${'x'.repeat(80)}.json`],
      },
      client: { name: 'mcpscope', version: '0.1.0' },
    };
    const name = `${createdAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}-${'my-mcp-server-with-a-long-name'}-${String(i).padStart(6, '0')}.jsonl`;
    writeFileSync(join(dir, name), `${JSON.stringify(header)}\n`, { mode: 0o600 });
  }
}

test('the Connect page holds its grid with 50 recordings with long titles', async ({
  page,
}, testInfo) => {
  const proxy = await startProxy();
  try {
    writeRecordings(proxy.dataDir);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await openApp(page, proxy.url);
      const rows = page.getByTestId('recording-row');
      await expect(rows).toHaveCount(RECORDINGS);
      if (width === 1024 || width === 1440) await screenshot(page, testInfo, `${width}`);
      // Nothing sticks out of the page to the right.
      const overflow = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
      }));
      expect(overflow.scroll, `page width at ${width}px`).toBeLessThanOrEqual(overflow.inner);
      // Every card lies inside the viewport, and every button (all 50 rows' Open buttons too,
      // scrolled or not) lies inside its card, horizontally.
      const clipped = await page.evaluate((viewport) => {
        const found: string[] = [];
        for (const card of document.querySelectorAll('main section, section')) {
          const c = card.getBoundingClientRect();
          if (c.right > viewport + 0.5)
            found.push(`card "${card.querySelector('h2')?.textContent}" ends at ${c.right}`);
          for (const button of card.querySelectorAll('button, a[download]')) {
            const b = button.getBoundingClientRect();
            if (b.width === 0) continue;
            if (b.left < c.left - 0.5 || b.right > c.right + 0.5)
              found.push(
                `"${button.getAttribute('aria-label') ?? button.textContent}" spans ${b.left}..${b.right} in a card ${c.left}..${c.right}`,
              );
          }
        }
        return found;
      }, width);
      expect(clipped, `at ${width}px`).toEqual([]);
      // The demo card's text ends before its button begins.
      const demo = page.getByRole('button', { name: 'Connect demo' });
      const demoText = page.getByText('over stdio: tools, resources');
      const [d, t] = [await demo.boundingBox(), await demoText.boundingBox()];
      expect(t!.x + t!.width, `demo text at ${width}px`).toBeLessThanOrEqual(d!.x);
      // A title is cut, with the whole of it on hover.
      const title = rows.first().locator('p').first();
      await expect(title).toHaveAttribute('title', /my-mcp-server-49/);
    }
  } finally {
    await proxy.close();
  }
});
