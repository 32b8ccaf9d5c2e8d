import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERYTHING_STDIO, fixture, PROXY_DIR } from '../helpers/paths.js';
import { isAlive, startHttpFixture, stopProcess, waitForOutput } from '../helpers/processes.js';
import { loadRecording, spawnedPids } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';

/**
 * The bundle exactly as `node build.mjs` makes it, run as a real process. build.mjs runs in a
 * private copy of the package (its src, package.json and build.mjs) inside
 * apps/proxy/node_modules/.cache, so that:
 * - the bundle's external dependencies resolve from apps/proxy/node_modules as they do from
 *   dist/, and the bundled `@mcpscope/protocol` comes from the workspace as in a real build;
 * - this test never deletes or rewrites apps/proxy/dist, which build.mjs empties first and
 *   which other people's running `mcpscope ui` processes and e2e runs load chunks from;
 * - a rebuild of dist/ by someone else cannot pull the file from under this test.
 */
let bin: string;
let packageCopy: string;
const tmp = tempDir('bin');

beforeAll(() => {
  const cacheDir = join(PROXY_DIR, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  packageCopy = mkdtempSync(join(cacheDir, 'mcpscope-bin-test-'));
  cpSync(join(PROXY_DIR, 'src'), join(packageCopy, 'src'), { recursive: true });
  for (const file of ['build.mjs', 'package.json']) {
    cpSync(join(PROXY_DIR, file), join(packageCopy, file));
  }
  const build = spawnSync(process.execPath, [join(packageCopy, 'build.mjs')], {
    cwd: packageCopy,
    encoding: 'utf8',
  });
  expect(build.status, `node build.mjs failed:\n${build.stdout}\n${build.stderr}`).toBe(0);
  bin = join(packageCopy, 'dist', 'bin.js');
}, 60_000);

afterAll(() => {
  if (packageCopy !== undefined) rmSync(packageCopy, { recursive: true, force: true });
  tmp.remove();
});

interface Exited {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin to completion; fails the test (and kills it) if it does not exit in time. */
function runBin(argv: string[], ms = 25_000): Promise<Exited> {
  const child = spawn(process.execPath, [bin, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopProcess(child, 500);
      reject(new Error(`mcpscope ${argv.join(' ')} did not exit within ${ms} ms\n${stderr}`));
    }, ms);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('the built mcpscope bin', () => {
  it('is the file package.json names as the mcpscope bin, with its shebang', () => {
    const pkg = JSON.parse(readFileSync(join(PROXY_DIR, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(pkg.bin['mcpscope']).toBe('./dist/bin.js');
    expect(bin.endsWith(join('dist', 'bin.js'))).toBe(true);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('starts `mcpscope ui` without loading zod: the schemas come with the first socket or session', () => {
    // What `mcpscope ui` evaluates before it serves its page: bin.js, the ui chunk and every
    // chunk they import statically. zod (the wire and recording schemas) once crept back in
    // through a static import and cost ~120 ms of start-up (bench/proxy-startup.mjs).
    const dir = dirname(bin);
    const uiChunk = /import\("\.\/(chunks\/ui-[A-Z0-9]+\.js)"\)/.exec(
      readFileSync(bin, 'utf8'),
    )?.[1];
    expect(uiChunk, 'bin.js imports the ui command lazily').toBeDefined();
    const seen = new Set<string>();
    const packages = new Set<string>();
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, spec] of source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"/gm)) {
        if (spec!.startsWith('.')) walk(join(dirname(file), spec!));
        else packages.add(spec!);
      }
    };
    walk(bin);
    walk(join(dir, uiChunk!));
    expect(seen.size).toBeGreaterThan(2);
    expect(packages).toContain('node:http');
    expect([...packages].filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
  });

  it('prints its version and its help with the exit codes', async () => {
    const pkg = JSON.parse(readFileSync(join(PROXY_DIR, 'package.json'), 'utf8')) as {
      version: string;
    };
    const version = await runBin(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = await runBin(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--method <method>');
    expect(help.stdout).toContain('Exit codes:');
  });

  it('calls a tool over stdio and exits 0 with the JSON result on stdout', async () => {
    const run = await runBin([
      '--cli',
      '--method',
      'tools/call',
      '--tool-name',
      'echo',
      '--tool-arg',
      'message=from the bundle',
      ...EVERYTHING_STDIO,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      content: [{ type: 'text', text: 'Echo: from the bundle' }],
    });
    expect(run.stderr).toBe('');
  });

  it('waits out --timeout for a request nothing will answer, then exits 4 with a message', async () => {
    // Nothing else holds the event loop open: the POST was taken with 202 and the server
    // refuses the GET stream. An unref'd request timer let the process end with Node's
    // "unsettled top-level await" code 13 and no message.
    const server = await startHttpFixture('http-errors.mjs');
    try {
      const run = await runBin([
        '--method',
        'tools/list',
        '--timeout',
        '1500',
        `${server.origin}/forgets`,
      ]);
      expect(run.code, run.stderr).toBe(4);
      expect(run.stderr.trim()).toBe(
        'mcpscope: tools/list timed out: no response or progress for 1500 ms (raise --timeout, or run with --verbose to see what the server did)',
      );
    } finally {
      await server.stop();
    }
  });

  it('sets the process exit code: 3 for a missing command, 2 for a usage error', async () => {
    const missing = await runBin(['--method', 'ping', 'definitely-not-a-command-mcpscope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr.trim()).toBe(
      'mcpscope: command not found: definitely-not-a-command-mcpscope (check PATH, or give the full path to the executable)',
    );
    const usage = await runBin(['--method', 'ping']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('no server given');
  });

  it('exits 130 on Ctrl-C during a call, cancels it and stops the server', async () => {
    const path = tmp.path('sigint.jsonl');
    const child = spawn(
      process.execPath,
      [
        bin,
        '--method',
        'tools/call',
        '--tool-name',
        'wait-forever',
        '--verbose',
        '--record',
        path,
        '--',
        ...fixture('hang.mjs'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const closed = new Promise<number | null>((resolve) =>
      child.on('close', (code) => resolve(code)),
    );
    try {
      // --verbose prints the request as it leaves: only then is there something to cancel.
      await waitForOutput(child, /→ request\s+tools\/call/);
      child.kill('SIGINT');
      expect(await closed, stderr).toBe(130);
    } finally {
      await stopProcess(child, 500);
    }
    expect(stderr).toMatch(/mcpscope: tools\/call was cancelled/);
    const { entries } = loadRecording(path);
    expect(
      entries.some(
        (e) =>
          e.dir === 'c2s' &&
          (e.msg as { method?: string } | undefined)?.method === 'notifications/cancelled',
      ),
    ).toBe(true);
    const pids = spawnedPids(entries);
    expect(pids).toHaveLength(1);
    expect(isAlive(pids[0]!)).toBe(false);
  });
});
