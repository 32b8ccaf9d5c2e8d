import { defineConfig } from '@playwright/test';

// Playwright cannot download its own browsers here; we drive Debian's chromium instead.
// scripts/bootstrap.mjs installs it (as root) or tells the user to set MCPSCOPE_CHROMIUM.
const chromium = process.env.MCPSCOPE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  // The real proxy (`mcpscope ui`) and a server-everything over Streamable HTTP, for all specs.
  globalSetup: './fixtures/global-setup.ts',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Two cores here; one browser at a time keeps timings honest, and the specs share one proxy.
  workers: 1,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    // baseURL comes from the proxy that global setup started: see fixtures/test.ts.
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      // Without the background-networking flags chromium floods the closed network with
      // refused connections at every start.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
