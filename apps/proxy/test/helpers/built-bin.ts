import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliRun } from './cli.js';
import { PROXY_DIR } from './paths.js';

/**
 * Builds the bin exactly as `node build.mjs` does, in a private copy of the package (src,
 * package.json, build.mjs) under apps/proxy/node_modules/.cache: the bundle's external
 * dependencies resolve from apps/proxy/node_modules as they do from dist/, and apps/proxy/dist,
 * which build.mjs empties first and which other people's running `mcpscope ui` and e2e runs
 * load chunks from, is never touched. Same approach as bin.test.ts.
 */
export function buildPrivateBin(): { bin: string; remove: () => void } {
  const cacheDir = join(PROXY_DIR, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const copy = mkdtempSync(join(cacheDir, 'mcpscope-ui-bin-test-'));
  cpSync(join(PROXY_DIR, 'src'), join(copy, 'src'), { recursive: true });
  for (const file of ['build.mjs', 'package.json']) cpSync(join(PROXY_DIR, file), join(copy, file));
  const build = spawnSync(process.execPath, [join(copy, 'build.mjs')], {
    cwd: copy,
    encoding: 'utf8',
  });
  expect(build.status, `node build.mjs failed:\n${build.stdout}\n${build.stderr}`).toBe(0);
  return {
    bin: join(copy, 'dist', 'bin.js'),
    remove: () => rmSync(copy, { recursive: true, force: true }),
  };
}

/**
 * Runs a built bin as its own process (`node BIN ARGV…`): each run starts with a fresh
 * negotiation cache, as a user's does.
 */
export function runBin(bin: string, argv: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
