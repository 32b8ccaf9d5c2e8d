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

  // The React UI.
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
);
