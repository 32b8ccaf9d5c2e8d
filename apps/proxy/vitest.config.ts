import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Test the protocol package's sources, not whatever dist/ was last built.
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
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/data-dir-setup.ts'],
    // Tests spawn real servers and open real sockets: one process per file, so a file's
    // children and listeners die with it, and nothing leaks between files.
    pool: 'forks',
    // Most of a file's time is spent waiting on its servers, so two files at once pays off
    // even on a 2-core machine (vitest's default there would be one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests assert no upper bound on elapsed time; these only stop a file that is stuck.
    teardownTimeout: 10_000,
  },
});
