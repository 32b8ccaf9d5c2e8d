import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { EVERYTHING, fixture } from './paths.js';

/** Whether a process with this pid exists (a zombie counts: nobody reaped it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A port nobody listens on right now: bound on 0, then released. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Resolves with the first match of `pattern` in the child's stdout or stderr; rejects if the
 * child exits first or nothing matches within `ms` (generous: the machine is shared).
 */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  ms = 20_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () =>
        finish(new Error(`no output matching ${String(pattern)} within ${ms} ms; got:\n${seen}`)),
      ms,
    );
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('utf8');
      const match = pattern.exec(seen);
      if (match !== null) finish(undefined, match);
    };
    const onExit = (code: number | null, signal: string | null): void =>
      finish(
        new Error(
          `the process exited (code ${code}, signal ${signal}) before printing ${String(pattern)}; output:\n${seen}`,
        ),
      );
    function finish(error: Error | undefined, match?: RegExpMatchArray): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error !== undefined) reject(error);
      else resolve(match!);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Stops a child: SIGTERM, then SIGKILL if it is still there after a grace period. */
export async function stopProcess(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  if ((await Promise.race([exited, late])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/** A server process a test suite started, and how to reach and stop it. */
export interface RunningServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  pid: number;
  /** Everything it printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts a real HTTP MCP server process (`node ARGS…`) and resolves once it prints that it
 * listens. It gets `PORT` set to a free port, unless `portFromOutput` says it picks its own
 * and prints it (the first capture group of `listening`).
 */
async function startHttpServer(
  args: string[],
  listening: RegExp,
  options: { portFromOutput?: boolean; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  let lastError: unknown;
  // A port found free can be taken before the server binds it; try again with another.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.portFromOutput === true ? 0 : await freePort();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...options.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      const match = await waitForOutput(child, listening);
      const actual = options.portFromOutput === true ? Number(match[1]) : port;
      return {
        origin: `http://127.0.0.1:${actual}`,
        port: actual,
        pid: child.pid!,
        output: () => output,
        stop: () => stopProcess(child),
      };
    } catch (error) {
      lastError = error;
      await stopProcess(child);
    }
  }
  throw lastError;
}

/** `server-everything sse` (GET /sse, POST /message) or `streamableHttp` (/mcp). */
export function startEverything(mode: 'sse' | 'streamableHttp'): Promise<RunningServer> {
  return startHttpServer([EVERYTHING, mode], /(?:listening|running) on port \d+/i);
}

/** Our legacy-SSE-only fixture, whose stream is at /events. */
export function startSseOnlyFixture(path: string): Promise<RunningServer> {
  return startHttpServer([path], /listening on port (\d+)/, { portFromOutput: true });
}

/**
 * One of our HTTP fixtures (test/fixtures): `http-errors.mjs`, `sse-resume.mjs`, or a
 * mini-server fixture given `--http`. Each listens on a port of its choosing and prints it.
 */
export function startHttpFixture(
  name: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<RunningServer> {
  return startHttpServer(fixture(name, ...args).slice(1), /listening on port (\d+)/, {
    portFromOutput: true,
    env,
  });
}
