import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/proxy */
export const PROXY_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Our misbehaving servers. */
export const FIXTURES_DIR = join(PROXY_DIR, 'test', 'fixtures');

/** The real `@modelcontextprotocol/server-everything` entry point (`node … stdio|sse|streamableHttp`). */
export const EVERYTHING = join(
  dirname(
    createRequire(import.meta.url).resolve('@modelcontextprotocol/server-everything/package.json'),
  ),
  'dist',
  'index.js',
);

/** `node <fixture>` as a target command line. */
export function fixture(name: string, ...args: string[]): string[] {
  return [process.execPath, join(FIXTURES_DIR, name), ...args];
}

/** `node server-everything stdio` as a target command line. */
export const EVERYTHING_STDIO: readonly string[] = [process.execPath, EVERYTHING, 'stdio'];
