import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { StdioServerConfig } from '@mcpscope/protocol';
import type { TapObserver, TapObserverOptions } from './observer.js';

export interface StdioShimOptions extends Omit<TapObserverOptions, 'source' | 'config' | 'warn'> {
  command: string;
  args: string[];
  /** Display name (an `mcpServers` key, from `mcpscope tap install`). */
  name?: string;
  /** The host's side: stdin, stdout and stderr of this process unless a test gives others. */
  host?: { input: Readable; output: Writable; errors: Writable };
}

/** How the tapped server ended: what this process must end with for the host to see the same. */
export type ServerEnd =
  | { kind: 'exit'; code: number }
  | { kind: 'signal'; signal: NodeJS.Signals }
  | { kind: 'spawn-failed'; message: string };

/** Signals the host may send the shim: passed on to the server, whose end decides ours. */
const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * `mcpscope tap -- COMMAND ARGS…`: spawns the real server and relays the host's bytes to it
 * and its bytes to the host, chunk by chunk as they arrive, unchanged (no decoding, no
 * re-encoding, no waiting for a line end), with stderr passed through as well. A copy of each
 * chunk goes to the {@link TapObserver} only after the chunk was handed on. Backpressure is
 * the pipes' own: a side that stops reading stops the other side's reads, as a direct pipe does.
 */
export async function runStdioShim(options: StdioShimOptions): Promise<ServerEnd> {
  const host = options.host ?? {
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
  };
  const config: StdioServerConfig = {
    transport: 'stdio',
    command: options.command,
    args: options.args,
    env: {},
    ...(options.name !== undefined && { name: options.name }),
  };
  const observerOptions: TapObserverOptions = {
    source: 'stdio',
    config,
    record: options.record,
    redact: options.redact,
    ui: options.ui,
    warn: (message) => host.errors.write(message + '\n'),
  };

  let child: ChildProcess;
  try {
    // The host's whole environment and working directory: the shim is invisible, the server
    // must start exactly as the host would have started it. Spawned before the observer (the
    // engine and its schemas) loads, so the server's start-up and ours overlap.
    child = spawn(options.command, options.args, { stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const observer = await startObserver(observerOptions);
    return spawnFailed(observer, host.errors, options.command, error as Error);
  }
  // Chunks that cross before the observer is ready are relayed at once and observed later.
  let observer: TapObserver | undefined;
  const early: ['c2s' | 's2c' | 'stderr', Buffer][] = [];
  const observe = (stream: 'c2s' | 's2c' | 'stderr', chunk: Buffer): void => {
    if (observer === undefined) early.push([stream, chunk]);
    else observer.chunk(stream, chunk);
  };
  const ready = startObserver(observerOptions).then((started) => {
    started.fact('lifecycle', {
      transport: {
        state: 'connecting',
        ...(child.pid !== undefined && { pid: child.pid }),
        detail: `tap: spawned ${[options.command, ...options.args].join(' ')} (pid ${child.pid ?? '?'})`,
      },
    });
    for (const [stream, chunk] of early.splice(0)) started.chunk(stream, chunk);
    observer = started;
    return started;
  });
  const stdin = child.stdin!;
  const stdout = child.stdout!;
  const stderr = child.stderr!;

  relay(host.input, stdin, (chunk) => observe('c2s', chunk));
  host.input.on('end', () => stdin.end());
  // Writing to a server that has gone is not the host's problem: its exit says what happened.
  stdin.on('error', () => undefined);
  relay(stdout, host.output, (chunk) => observe('s2c', chunk));
  relay(stderr, host.errors, (chunk) => observe('stderr', chunk));

  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  if (options.host === undefined) for (const signal of FORWARDED) process.on(signal, forward);

  const end = await new Promise<ServerEnd>((resolve) => {
    child.once('error', (error) => {
      // Only a spawn failure arrives without an exit; anything later comes with 'close'.
      if (child.pid === undefined) resolve({ kind: 'spawn-failed', message: error.message });
    });
    child.once('close', (code, signal) => {
      resolve(signal !== null ? { kind: 'signal', signal } : { kind: 'exit', code: code ?? 0 });
    });
  });
  if (options.host === undefined) for (const signal of FORWARDED) process.off(signal, forward);
  host.input.pause();
  const done = await ready;
  if (end.kind === 'spawn-failed') {
    return spawnFailed(done, host.errors, options.command, new Error(end.message));
  }
  const detail =
    end.kind === 'exit'
      ? `the server exited with code ${end.code}`
      : `the server was killed by ${end.signal}`;
  await done.end(detail, {
    state: end.kind === 'exit' && end.code === 0 ? 'closed' : 'failed',
    exitCode: end.kind === 'exit' ? end.code : null,
    signal: end.kind === 'signal' ? end.signal : null,
  });
  return end;
}

/**
 * Passes every chunk from `from` to `to` as it arrives, then shows a copy to `observe`.
 * `to` saying it is full pauses `from` until it drains, as `pipe()` would; `pipe()` itself is
 * not used because the copy must be taken without a second stream in the path.
 */
function relay(from: Readable, to: Writable, observe: (chunk: Buffer) => void): void {
  from.on('data', (chunk: Buffer) => {
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', () => from.resume());
    }
    observe(chunk);
  });
  to.on('error', () => undefined);
}

async function startObserver(options: TapObserverOptions): Promise<TapObserver> {
  const { TapObserver } = await import('./observer.js');
  return TapObserver.start(options);
}

async function spawnFailed(
  observer: TapObserver,
  errors: Writable,
  command: string,
  error: Error,
): Promise<ServerEnd> {
  const message = `mcpscope tap: could not start ${command}: ${error.message}`;
  errors.write(message + '\n');
  await observer.end(message, { state: 'failed' });
  return { kind: 'spawn-failed', message };
}
