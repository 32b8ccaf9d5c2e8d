import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests of the web app's plain modules (no DOM): the recorded-session client and the
// like. Components are covered by Playwright in e2e/.
export default defineConfig({
  resolve: {
    // The package's subpaths (`@mcpscope/protocol/compare`) are its src/ files of that name.
    alias: [
      {
        find: /^@mcpscope\/protocol$/,
        replacement: fileURLToPath(
          new URL('../../packages/protocol/src/index.ts', import.meta.url),
        ),
      },
      {
        find: /^@mcpscope\/protocol\/(.*)$/,
        replacement: fileURLToPath(new URL('../../packages/protocol/src/$1.ts', import.meta.url)),
      },
    ],
  },
  test: { include: ['src/**/*.test.ts'] },
});
