// Debian's chromium for the browser benchmarks, launched as the e2e tests launch it
// (e2e/playwright.config.ts), plus precise heap figures.
import { chromium } from '../e2e/node_modules/@playwright/test/index.mjs';

/** Launches headless chromium (`MCPSCOPE_CHROMIUM`, default /usr/bin/chromium). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.MCPSCOPE_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-precise-memory-info',
    ],
  });
}
