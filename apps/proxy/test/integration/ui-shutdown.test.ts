import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateBin } from '../helpers/built-bin.js';
import { EVERYTHING, fixture } from '../helpers/paths.js';
import { stopProcess, waitForOutput } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp.js';
import { openSocket, writeWebRoot } from '../helpers/ui.js';

/**
 * `mcpscope ui TARGET` stopped with SIGINT or SIGTERM leaves no server process behind,
 * checked in the process table. The target is a shell that runs server-everything as its
 * own child (not `exec`), as `npx` and wrapper scripts do: the whole tree must go.
 */
const tmp = tempDir('ui-shutdown');
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

interface Row {
  pid: number;
  ppid: number;
  stat: string;
  args: string;
}

/** The whole process table. */
function processTable(): Row[] {
  return execFileSync('ps', ['-e', '-o', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), stat: m[3]!, args: m[4]! }));
}

/** Every process below `root`. */
function descendants(root: number, table = processTable()): Row[] {
  const found: Row[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next = table.filter((row) => frontier.includes(row.ppid));
    found.push(...next);
    frontier = next.map((row) => row.pid);
  }
  return found;
}

/** Processes of the table that still run (a zombie has ended; it only awaits its reaper). */
function running(pids: number[], table = processTable()): Row[] {
  return table.filter((row) => pids.includes(row.pid) && !row.stat.startsWith('Z'));
}

async function until<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `mcpscope ui /bin/sh -c SCRIPT MARKER`, once its session is ready: the proxy, a socket to
 * it, and the pids of the wrapper shell (carrying the marker) and of the server under it,
 * whose command line contains `serverArg`.
 */
async function startWrapped(script: string, serverArg: string, configDir: string) {
  const marker = `mcpscope-shutdown-${randomUUID()}`;
  const child = spawn(
    process.execPath,
    [built.bin, 'ui', '--port', '0', '/bin/sh', '-c', script, marker],
    {
      env: { ...process.env, MCPSCOPE_WEB_ROOT: webRoot, MCPSCOPE_CONFIG_DIR: configDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('close', (code, sig) => resolve({ code, signal: sig })),
  );
  const match = await waitForOutput(
    child,
    /open (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/m,
  );
  const port = Number(match[2]);
  // Wait for the session to be ready: the server is up and speaking.
  const socket = await openSocket(`ws://127.0.0.1:${port}/ws?token=${match[3]!}`, {
    origin: `http://127.0.0.1:${port}`,
  });
  // The target's session is created while the page loads: in hello, or announced after.
  const hello = await socket.waitFor('hello');
  const sessionId = hello.sessions[0]?.id ?? (await socket.waitFor('session')).session.id;
  await socket.waitForState(sessionId, 'ready');
  const tree = await until('the server tree', () => {
    const rows = descendants(child.pid!);
    const shell = rows.find((r) => r.args.includes(marker));
    const server = rows.find((r) => r.args.includes(serverArg) && r.ppid === shell?.pid);
    return shell !== undefined && server !== undefined ? [shell, server] : undefined;
  });
  const pids = tree.map((r) => r.pid);
  /** What is left of the tree: by pid, and by marker (an orphan keeps its command line). */
  const leftOver = (): Row[] => {
    const table = processTable();
    return [
      ...running(pids, table),
      ...table.filter((r) => r.args.includes(marker) && !r.stat.startsWith('Z')),
    ];
  };
  return { child, exited, socket, pids, leftOver };
}

describe.skipIf(process.platform === 'win32')('stopping mcpscope ui with a target', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s: mcpscope exits 0 and no process of the server tree is left in the process table',
    async (signal) => {
      const { child, exited, socket, pids, leftOver } = await startWrapped(
        `"${process.execPath}" "${EVERYTHING}" stdio; exit $?`,
        EVERYTHING,
        tmp.path('config'),
      );
      expect(running(pids)).toHaveLength(2);

      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        exited,
        new Promise<'still running'>((resolve) => {
          timer = setTimeout(() => resolve('still running'), 15_000);
        }),
      ]);
      clearTimeout(timer);
      expect(outcome).toEqual({ code: 0, signal: null });
      await socket.closed;

      // Ended means gone from the table (or a zombie awaiting its reaper), by pid and by
      // marker: an orphan re-parented to init would still show its command line.
      await until(
        'the server tree to end',
        () => (leftOver().length === 0 ? true : undefined),
        5_000,
      ).catch(() => undefined);
      expect(leftOver()).toEqual([]);
    },
    60_000,
  );
});

describe.skipIf(process.platform === 'win32')('a proxy killed with SIGKILL', () => {
  it('leaves no server behind, even one that ignores end-of-input and SIGTERM', async () => {
    // A wrapper shell running a server that outlives its stdin and shrugs off SIGTERM: once
    // the proxy is gone, only the reaper's SIGKILL of the whole group can end it.
    const hang = fixture('hang.mjs')[1]!;
    const { child, socket, pids, leftOver } = await startWrapped(
      `"${process.execPath}" "${hang}" --ignore-sigterm; exit $?`,
      hang,
      tmp.path('config-sigkill'),
    );

    child.kill('SIGKILL');
    await socket.closed;
    // The reaper TERMs the group at once and KILLs it a second later.
    await until(
      'the server tree to end',
      () => (leftOver().length === 0 ? true : undefined),
      8_000,
    ).catch(() => undefined);
    const survivors = leftOver();
    // Whatever the verdict, nothing of this test may outlive it.
    for (const row of survivors) process.kill(row.pid, 'SIGKILL');
    expect(survivors).toEqual([]);
    // Nor is the reaper left behind, once it has done its job.
    const reapers = (): Row[] =>
      processTable().filter((r) => r.args.includes(`mcpscope-reaper ${pids[0]!}`));
    await until(
      'the reaper to exit',
      () => (reapers().length === 0 ? true : undefined),
      5_000,
    ).catch(() => undefined);
    expect(reapers()).toEqual([]);
  }, 60_000);
});
