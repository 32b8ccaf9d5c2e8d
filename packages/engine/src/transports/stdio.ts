import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import type { Diagnostic, StdioServerConfig } from '@mcpscope/protocol';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import type { TrafficLog } from '../session/traffic-log.js';
import { ConnectError, type CloseReason, type Connection } from './connection.js';
import { serverEnvironment } from './environment.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './line-splitter.js';
import { reapOnExit, type Reaper } from './reaper.js';

/** How long a server may take to exit after its stdin closes before it is signalled. */
const EXIT_GRACE_MS = 500;
/** How long after SIGTERM before SIGKILL. */
const TERM_GRACE_MS = 1000;
const STDERR_TAIL_LINES = 20;

const live = new Set<ChildProcessWithoutNullStreams>();
let exitHookInstalled = false;

/** Kills every server process group still alive when the proxy itself exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) signalTree(child, 'SIGKILL');
  });
}

function signalTree(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Servers run in their own process group so that `npx`, shells and wrappers die with
    // the server they started instead of lingering as orphans.
    if (process.platform !== 'win32') process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * A server spawned as a child process, JSON-RPC over newline-delimited stdin/stdout.
 * Written here rather than taken from the SDK because the SDK's stdio transport drops a
 * non-JSON stdout line after reporting a parse error (the user could never see it), re-copies
 * its whole buffer on every chunk, and waits a fixed 2 s for the server on close.
 */
export class StdioConnection implements Connection {
  readonly kind = 'stdio' as const;
  readonly sessionId = undefined;
  onclose?: (reason: CloseReason) => void;
  private child: ChildProcessWithoutNullStreams | undefined;
  private exited: Promise<void> | undefined;
  private readonly stderrTail: string[] = [];
  private closeReason: CloseReason | undefined;
  private closing = false;

  constructor(
    private readonly config: StdioServerConfig,
    private readonly log: TrafficLog,
    private readonly options: { maxLineBytes?: number } = {},
  ) {}

  /** The last lines the server wrote to stderr, for error messages. */
  get recentStderr(): readonly string[] {
    return this.stderrTail;
  }

  async start(): Promise<void> {
    const { command, args, cwd } = this.config;
    if (cwd !== undefined) {
      const info = await stat(cwd).catch(() => undefined);
      if (info === undefined || !info.isDirectory()) {
        throw new ConnectError('SPAWN_FAILED', `working directory not found: ${cwd} (check --cwd)`);
      }
    }
    installExitHook();
    const child = spawn(command, args, {
      cwd,
      env: serverEnvironment(this.config.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.child = child;
    const spawned = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      child.once('spawn', () => resolve(undefined));
      child.once('error', (error) => resolve(error));
    });
    if (spawned !== undefined) {
      const message = spawnErrorMessage(command, spawned);
      this.log.appendFact('lifecycle', { transport: { state: 'failed', detail: message } });
      throw new ConnectError('SPAWN_FAILED', message);
    }
    live.add(child);
    const reaper: Reaper | undefined =
      process.platform !== 'win32' && child.pid !== undefined ? reapOnExit(child.pid) : undefined;
    this.log.appendFact('lifecycle', {
      transport: {
        pid: child.pid,
        detail: `spawned ${[command, ...args].join(' ')} (pid ${child.pid})`,
      },
    });

    const maxLineBytes = this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    const stdout = new LineSplitter(
      (line) => {
        // appendText keeps its own failures as entries; this catches what is left, so that no
        // single line can throw out of the 'data' handler and take the proxy down.
        try {
          this.log.appendText('s2c', line.toString('utf8'), { bytes: line });
        } catch (error) {
          this.appendLineFailure(error);
        }
      },
      {
        maxLineBytes,
        onLongLine: (head, bytes) => {
          try {
            this.log.appendUnparsed('s2c', head.toString('utf8'), {
              size: bytes,
              issues: [longLine('stdout', bytes, maxLineBytes, head.length)],
            });
          } catch (error) {
            this.appendLineFailure(error);
          }
        },
      },
    );
    const stderr = new LineSplitter((line) => this.onStderrLine(line.toString('utf8')), {
      maxLineBytes,
      onLongLine: (head, bytes) =>
        this.onStderrLine(
          `${head.toString('utf8')}… (${longLine('stderr', bytes, maxLineBytes, head.length).message})`,
        ),
    });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // EPIPE on a server that exited is reported through exit; the error itself is noise.
    child.stdin.on('error', () => undefined);
    child.on('error', () => undefined);

    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        live.delete(child);
        reaper?.release();
        const rest = stdout.flush();
        let cutShort = '';
        if (rest !== undefined && rest.length > 0) {
          const text = rest.toString('utf8');
          cutShort = `; its last stdout line was cut short: ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`;
          // Given to appendText, not added after: the recorder has the entry once it returns.
          this.log.appendText('s2c', text, {
            bytes: rest,
            issues: [
              {
                severity: 'warning',
                code: 'PARTIAL_LINE',
                message: 'stdout ended without a final newline',
              },
            ],
          });
        }
        const errRest = stderr.flush();
        if (errRest !== undefined && errRest.length > 0)
          this.onStderrLine(errRest.toString('utf8'));
        const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
        const reason: CloseReason = this.closeReason ?? {
          cause: this.closing ? 'closed' : 'exited',
          message: `server process ${how}${cutShort}`,
          exitCode: code,
          signal,
        };
        this.log.appendFact('lifecycle', {
          transport: { pid: child.pid, exitCode: code, signal, detail: `server process ${how}` },
        });
        this.onclose?.({ ...reason, exitCode: code, signal });
        resolve();
      });
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const child = this.child;
    if (child === undefined || !child.stdin.writable) {
      throw new Error('the server process is not running');
    }
    if (!child.stdin.write(JSON.stringify(message) + '\n')) {
      try {
        await Promise.race([once(child.stdin, 'drain'), this.exited]);
      } catch {
        // EPIPE: the server died before it read this. Its exit (with the code and the last
        // stderr lines) is what fails the pending requests, not "write EPIPE".
        await this.exited;
      }
    }
  }

  setProtocolVersion(): void {
    // stdio carries no per-request protocol header.
  }

  async close(options: { graceful?: boolean; graceMs?: number } = {}): Promise<void> {
    const child = this.child;
    if (child === undefined || this.exited === undefined) return;
    this.closing = true;
    child.stdin.end();
    if (
      options.graceful !== false &&
      (await settlesWithin(this.exited, options.graceMs ?? EXIT_GRACE_MS))
    )
      return;
    signalTree(child, 'SIGTERM');
    if (await settlesWithin(this.exited, TERM_GRACE_MS)) return;
    signalTree(child, 'SIGKILL');
    await this.exited;
  }

  private appendLineFailure(error: unknown): void {
    try {
      this.log.appendFact('lifecycle', {
        issues: [
          {
            severity: 'error',
            code: 'FRAME_FAILED',
            message: `a stdout line could not be processed: ${(error as Error)?.message ?? String(error)}`,
          },
        ],
      });
    } catch {
      // The log itself is broken: nothing left to tell.
    }
  }

  private onStderrLine(line: string): void {
    this.stderrTail.push(line);
    if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
    this.log.appendFact('stderr', { raw: line });
  }
}

/** The LINE_TOO_LONG diagnostic of a line over the cap, of which `kept` bytes were kept (the tap uses it too). */
export function longLine(
  stream: 'stdout' | 'stderr',
  bytes: number,
  maxLineBytes: number,
  kept: number,
): Diagnostic {
  const head = kept % 1024 === 0 ? `${kept / 1024} KiB` : `${kept} bytes`;
  return {
    severity: 'error',
    code: 'LINE_TOO_LONG',
    message: `a ${stream} line of ${bytes} bytes exceeded the ${maxLineBytes}-byte cap: kept the first ${head}, dropped the rest`,
  };
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const done = await Promise.race([promise.then(() => true as const), timeout]);
  clearTimeout(timer);
  return done;
}

function spawnErrorMessage(command: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return `command not found: ${command} (check PATH, or give the full path to the executable)`;
    case 'EACCES':
      return `permission denied running ${command} (is it executable? try chmod +x)`;
    default:
      return `could not start ${command}: ${error.message}`;
  }
}
