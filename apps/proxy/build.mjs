// Bundles the CLI with esbuild: @mcpscope/protocol (a workspace package that is not
// published) is inlined, runtime dependencies stay external, and one file loads faster
// than a tree of modules, which a one-shot CLI feels on every call.
import { build } from 'esbuild';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Paths below are relative to this package, wherever the build is started from.
process.chdir(fileURLToPath(new URL('.', import.meta.url)));

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

/**
 * `import text from './file?raw'` as Vite does it: the file's contents as a string. A bare
 * specifier (`@mcpscope/web/dist-report/report.js?raw`) resolves as Node would from the
 * importer, so a copy of this package elsewhere (the bin tests build one) finds it too.
 */
const rawImports = {
  name: 'raw-imports',
  setup(esbuild) {
    esbuild.onResolve({ filter: /\?raw$/ }, (args) => {
      const target = args.path.slice(0, -'?raw'.length);
      return {
        path: target.startsWith('.')
          ? resolve(dirname(args.importer), target)
          : createRequire(args.importer).resolve(target),
        namespace: 'raw',
      };
    });
    esbuild.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

await build({
  absWorkingDir: process.cwd(),
  entryPoints: { bin: 'src/cli/bin.ts' },
  // `mcpscope ui` is a separate chunk, so one-shot calls never load the web server.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  mainFields: ['module', 'main'],
  sourcemap: 'linked',
  // Only `dependencies` stay external. Everything else the CLI uses is a devDependency and
  // is bundled: the web server's few hundred small CommonJS files cost `mcpscope ui` more in
  // module resolution than their code, and the published package installs less. ws's
  // optional native add-ons stay external (it loads them in a try/catch).
  external: [...Object.keys(pkg.dependencies ?? {}), 'bufferutil', 'utf-8-validate'].flatMap(
    (name) => [name, `${name}/*`],
  ),
  // Bundled CommonJS calls require() for Node built-ins; give each ES chunk a real one.
  banner: {
    js: "import { createRequire as __mcpscopeCreateRequire } from 'node:module'; const require = __mcpscopeCreateRequire(import.meta.url);",
  },
  plugins: [rawImports],
  logLevel: 'warning',
});

// The published package serves the web UI from dist/web.
const web = new URL('../web/dist/', import.meta.url);
if (existsSync(new URL('index.html', web))) {
  cpSync(web, new URL('./dist/web/', import.meta.url), { recursive: true });
} else {
  console.warn('apps/web is not built: `mcpscope ui` will say so instead of serving the UI');
}
