import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateBin } from '../helpers/built-bin.js';
import { isAlive, stopProcess, waitForOutput } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp.js';
import {
  INDEX_HTML,
  openSocket,
  pidsOf,
  rawGet,
  tryOpenSocket,
  writeWebRoot,
} from '../helpers/ui.js';

/**
 * `mcpscope ui` as a user runs it: the bundled bin in its own process, found through the URL
 * it prints, stopped with a signal. The built UI is replaced by a two-file fake through
 * MCPSCOPE_WEB_ROOT, and settings go to a temporary MCPSCOPE_CONFIG_DIR.
 */
const tmp = tempDir('ui-bin');
const webRoot = writeWebRoot(tmp.path('web'));
let built: ReturnType<typeof buildPrivateBin>;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(() => {
  built = buildPrivateBin();
}, 60_000);

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => stopProcess(child, 1000)));
});

afterAll(() => {
  built?.remove();
  tmp.remove();
});

function spawnUi(argv: string[]): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
} {
  const child = spawn(process.execPath, [built.bin, 'ui', ...argv], {
    env: { ...process.env, MCPSCOPE_WEB_ROOT: webRoot, MCPSCOPE_CONFIG_DIR: tmp.path('config') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Starts `mcpscope ui --port 0` and reads the URL it prints. */
async function startUiBin() {
  const run = spawnUi(['--port', '0']);
  const match = await waitForOutput(
    run.child,
    /^mcpscope open (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/m,
  );
  const port = Number(match[2]);
  const token = match[3]!;
  return { ...run, url: match[1]!, port, token, origin: `http://127.0.0.1:${port}` };
}

/** Resolves with how the process ended, or 'still running' after `ms`. */
async function exitWithin(
  exited: Promise<{ code: number | null; signal: string | null }>,
  ms: number,
): Promise<{ code: number | null; signal: string | null } | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), ms);
  });
  const outcome = await Promise.race([exited, late]);
  clearTimeout(timer);
  return outcome;
}

describe('mcpscope ui (the built bin)', () => {
  it('--port 0 prints the URL with its token; the URL opens the UI and the socket; SIGTERM stops its servers and exits 0', async () => {
    const ui = await startUiBin();
    expect(ui.port).toBeGreaterThan(0);
    // 32 random bytes, base64url.
    expect(ui.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ui.output()).not.toContain('WARNING');

    const trade = await rawGet(ui.port, `/?token=${ui.token}`, { accept: 'text/html' });
    expect(trade.status).toBe(302);
    const cookie = trade.headers['set-cookie']![0]!.split(';')[0]!;
    expect(cookie).toBe(`mcpscope_${ui.port}=${ui.token}`);
    const page = await rawGet(ui.port, '/', { accept: 'text/html', cookie });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    expect((await rawGet(ui.port, '/', { accept: 'text/html' })).status).toBe(401);

    const socket = await openSocket(`ws://127.0.0.1:${ui.port}/ws`, { origin: ui.origin, cookie });
    const hello = await socket.waitFor('hello');
    // With no target, the bundled server-everything is offered as the first connection.
    expect(hello.demo).toMatchObject({ transport: 'stdio', name: 'server-everything (demo)' });
    const { sessionId } = (await socket.command({ type: 'connect', config: hello.demo! })) as {
      sessionId: string;
    };
    await socket.waitForState(sessionId, 'ready');
    const [pid] = pidsOf(socket.traffic(sessionId));
    expect(isAlive(pid!)).toBe(true);
    expect(socket.invalid).toEqual([]);

    ui.child.kill('SIGTERM');
    expect(await exitWithin(ui.exited, 10_000)).toEqual({ code: 0, signal: null });
    expect(isAlive(pid!)).toBe(false);
    await socket.closed;
  });

  it('--host 0.0.0.0 without --dangerously-bind-all-interfaces exits 2 and listens nowhere', async () => {
    const run = spawnUi(['--host', '0.0.0.0', '--port', '0']);
    expect(await exitWithin(run.exited, 15_000)).toEqual({ code: 2, signal: null });
    expect(run.output()).toContain(
      'mcpscope: --host 0.0.0.0 would expose a proxy that can start programs to the whole network; if you really mean it, add --dangerously-bind-all-interfaces',
    );
    expect(run.output()).not.toContain('open http');
  });

  it.each(['0.0.0.0', '::'])(
    '--host %s --dangerously-bind-all-interfaces prints a warning first',
    async (host) => {
      // Tests listen on loopback only: a bad --port stops it right after the warning, before
      // it binds anything. The warning comes before every other check, so that is enough.
      const run = spawnUi(['--host', host, '--dangerously-bind-all-interfaces', '--port', 'none']);
      expect(await exitWithin(run.exited, 15_000)).toEqual({ code: 2, signal: null });
      expect(run.output().split('\n').filter(Boolean)).toEqual([
        'mcpscope: WARNING: listening on all interfaces. Anyone who can reach this machine and learns the token can run commands as you.',
        'mcpscope: --port must be a port number, got "none"',
      ]);
    },
  );

  it('SIGTERM still exits after a WebSocket upgrade was refused', async () => {
    // A tab left open from an earlier run keeps reconnecting with its stale cookie: each
    // attempt is refused with 401. The proxy must still shut down on the first Ctrl-C.
    const ui = await startUiBin();
    const stale = await tryOpenSocket(`ws://127.0.0.1:${ui.port}/ws`, {
      origin: ui.origin,
      cookie: `mcpscope_${ui.port}=token-of-an-earlier-run`,
    });
    expect(stale.ok ? 'open' : stale.status).toBe(401);

    ui.child.kill('SIGTERM');
    const outcome = await exitWithin(ui.exited, 6000);
    expect(outcome, `output:\n${ui.output()}`).toEqual({ code: 0, signal: null });
  });
});
