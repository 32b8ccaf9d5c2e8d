import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** One file of the built UI, held in memory. */
export interface StaticFile {
  body: Buffer;
  type: string;
  /** Vite's hashed assets never change, so browsers may keep them. */
  immutable: boolean;
}

/**
 * Loads the built web UI (a few files) into memory once. Served by hand rather than with
 * a static-file plugin: there is nothing to stream or negotiate, and it keeps start-up short.
 */
export async function loadStaticFiles(root: string): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  const walk = async (dir: string): Promise<void> => {
    for (const item of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, item.name);
      if (item.isDirectory()) await walk(path);
      else {
        const url = '/' + relative(root, path).split(sep).join('/');
        files.set(url, {
          body: await readFile(path),
          type: TYPES[extname(path)] ?? 'application/octet-stream',
          immutable: url.startsWith('/assets/'),
        });
      }
    }
  };
  try {
    await walk(root);
  } catch {
    // No built UI: the server still runs (the API and the socket), and says so on `/`.
  }
  return files;
}
