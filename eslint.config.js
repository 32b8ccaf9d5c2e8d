// @ts-check
import { fileURLToPath } from 'node:url';

import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Whatever git ignores (build output, scratch folders) is not ours to lint either.
  includeIgnoreFile(fileURLToPath(new URL('.gitignore', import.meta.url))),
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '.tools/',
    '**/.turbo/',
    '**/test-results/',
    '**/playwright-report/',
    '**/coverage/',
  ]),

  js.configs.recommended,

  // Plain JS (scripts/*.mjs, build scripts, benches, this file): linted without types, since
  // no tsconfig includes them and they run on bare Node.
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // The script inlined into HTML reports (mcpscope export --html) runs in a browser.
  {
    files: ['apps/proxy/src/export/html/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },

  // TypeScript everywhere: typed linting through the TS project service, so each file is
  // checked against the tsconfig.json nearest to it.
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // An unawaited promise in a proxy is a lost error.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // `const _exhaustive: never = x` is how we spell exhaustive switches.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // Layers (DESIGN.md, "Packages"): the engine imports no face; the browser and the wire
  // contract never load the Node-only engine; faces reach the engine through its package name;
  // the faces of apps/proxy (test, lint, replay, mock, export, the UI server, tap) import no other
  // face, only src/common/ (shared CLI plumbing), the engine and the protocol. cli/ is the entry
  // that dispatches to them all.
  {
    files: ['packages/engine/**/*.{ts,mts}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/**', 'mcpscope', 'mcpscope/**', '@mcpscope/web', '@mcpscope/web/**'],
              message:
                'packages/engine imports no face (apps/*): move the shared code into the engine',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/protocol/**/*.ts', 'apps/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@mcpscope/engine', '@mcpscope/engine/**', '**/packages/engine/**'],
              message:
                'the engine is Node-only: the browser and the wire contract use @mcpscope/protocol',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/proxy/**/*.{ts,mts,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/packages/engine/**'],
              message: 'import the engine as @mcpscope/engine/<path>, not by a relative path',
            },
          ],
        },
      ],
    },
  },
  ...['testing', 'replay', 'mock', 'export', 'server', 'tap', 'common'].map((face) => ({
    files: [`apps/proxy/src/${face}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/packages/engine/**'],
              message: 'import the engine as @mcpscope/engine/<path>, not by a relative path',
            },
            {
              group: ['cli', 'testing', 'replay', 'mock', 'export', 'server', 'tap']
                .filter((other) => other !== face)
                .flatMap((other) => [`../${other}/*`, `../../${other}/*`]),
              message:
                face === 'common'
                  ? 'common/ serves every face and imports none'
                  : 'a face imports no other face: share it through src/common/ or the engine',
            },
          ],
        },
      ],
    },
  })),

  // The React UI.
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
);
