import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Two builds of one app. The default is the UI the proxy serves (dist/). `--mode report` is
// the HTML report of `mcpscope export --html` (dist-report/): the same app as one script and
// one stylesheet with fixed names, which the exporter inlines into a single self-contained
// page with the recording (apps/proxy/src/export/html.ts). Everything it needs is inside
// those two files: the report's CSP allows no other script, style, font or request.
export default defineConfig(({ mode }) =>
  mode === 'report'
    ? {
        plugins: [react(), tailwindcss()],
        resolve: {
          alias: [
            {
              find: /^.*\/recording-worker-start$/,
              replacement: fileURLToPath(new URL('./src/report/no-worker.ts', import.meta.url)),
            },
          ],
        },
        build: {
          outDir: 'dist-report',
          emptyOutDir: true,
          cssCodeSplit: false,
          modulePreload: false,
          assetsInlineLimit: Number.MAX_SAFE_INTEGER,
          chunkSizeWarningLimit: 4096,
          rolldownOptions: {
            input: 'report.html',
            output: {
              // A classic script: inline module scripts would work too, but a classic one
              // runs before the parser finishes, exactly once, with no import.meta.
              format: 'iife',
              entryFileNames: 'report.js',
              assetFileNames: 'report[extname]',
              inlineDynamicImports: true,
            },
          },
        },
      }
    : {
        plugins: [react(), tailwindcss()],
        build: {
          outDir: 'dist',
          emptyOutDir: true,
        },
      },
);
