import { fileURLToPath } from 'node:url';

import { defineConfig } from '@playwright/test';

// Playwright cannot download its own browsers here; we drive Debian's chromium instead.
// scripts/bootstrap.mjs installs it (as root) or tells the user to set MCPSCOPE_CHROMIUM.
const chromium = process.env.MCPSCOPE_CHROMIUM ?? '/usr/bin/chromium';
const port = Number(process.env.MCPSCOPE_E2E_PORT ?? 4179);
const webDir = fileURLToPath(new URL('../apps/web', import.meta.url));

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Two cores here; one browser at a time keeps timings honest.
  workers: 1,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
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
  // The built apps/web/dist for now; the proxy will serve the UI later.
  webServer: {
    command: `./node_modules/.bin/vite preview --strictPort --host 127.0.0.1 --port ${port}`,
    cwd: webDir,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
