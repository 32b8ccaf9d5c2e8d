import { existsSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerConfig } from '@mcpscope/protocol';
import { Command, CommanderError } from 'commander';
import { DEFAULT_RETENTION, RecordingLibrary, dataDir } from '@mcpscope/engine/recording/library';
import { buildApp } from '../server/app.js';
import { newToken } from '../server/security.js';
import { splitArgv } from '../common/argv.js';
import { ExitCode, type ExitCodeValue } from '../common/exit-codes.js';
import type { CliIo } from './oneshot.js';
import { openBrowser } from './open-browser.js';
import {
  addTargetOptions,
  MAX_LINE_MB_HELP,
  maxLineOption,
  type TargetFlags,
} from '../common/target-options.js';
import { UsageError } from '../common/usage-error.js';
import { VERSION } from '../version.js';

/** The port tried first when none is given; the next free one is used when it is taken. */
export const DEFAULT_PORT = 6190;

interface UiFlags extends TargetFlags {
  port?: string;
  host: string;
  open?: boolean;
  allowOrigin?: string[];
  dangerouslyBindAllInterfaces?: boolean;
  keepRecordings: string;
  recordingsMaxMb: string;
  record: boolean;
  maxSessions?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function uiProgram(io: CliIo): Command {
  const command = new Command('mcpscope ui')
    .description(
      'Start the inspector: a local proxy on 127.0.0.1 and its web UI. Prints the URL to open (with its token).',
    )
    .argument('[target...]', 'a server to connect at once: a URL, or a command and its arguments')
    .option('--port <port>', `port to listen on (default ${DEFAULT_PORT}, or the next free one)`)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--open', 'open the UI in the default browser')
    .option(
      '--allow-origin <origin>',
      'also accept this Origin, e.g. a Vite dev server (repeatable)',
      collect,
    )
    .option(
      '--dangerously-bind-all-interfaces',
      'allow --host 0.0.0.0 or :: (anyone on the network who learns the token can run commands here)',
    )
    .option(
      '--keep-recordings <n>',
      'recordings kept in the recordings directory; older ones are deleted (0 records nothing)',
      String(DEFAULT_RETENTION.maxFiles),
    )
    .option(
      '--recordings-max-mb <mb>',
      'total size of the recordings kept, in MB; older ones are deleted',
      String(DEFAULT_RETENTION.maxBytes / 1024 / 1024),
    )
    .option('--no-record', 'do not record sessions (they can still be recorded from the UI)')
    .option('--max-line-mb <n>', MAX_LINE_MB_HELP)
    .option(
      '--max-sessions <n>',
      'sessions this proxy keeps at once; a connect past it is refused with TOO_MANY_SESSIONS (default 64)',
    );
  return addTargetOptions(command)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s.trimEnd()),
      writeErr: (s) => io.stderr(s.trimEnd()),
    });
}

/** Where the built web UI is: next to the bundled bin when installed, else in the workspace. */
function findWebRoot(): string {
  const override = process.env['MCPSCOPE_WEB_ROOT'];
  if (override !== undefined && override !== '') return override;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, 'web'),
    join(here, '../web'),
    join(here, '../../../web/dist'),
    join(here, '../../web/dist'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

/** The bundled demo server (server-everything over stdio), when it is installed. */
export function demoTarget(): ServerConfig | undefined {
  try {
    const require = createRequire(import.meta.url);
    // The package has a bin but no main or exports: find its entry through package.json.
    const manifestPath = require.resolve('@modelcontextprotocol/server-everything/package.json');
    const manifest = require(manifestPath) as { bin?: Record<string, string> };
    const bin = Object.values(manifest.bin ?? {})[0];
    if (bin === undefined) return undefined;
    const entry = join(dirname(manifestPath), bin);
    return {
      transport: 'stdio',
      name: 'server-everything (demo)',
      command: process.execPath,
      args: [entry, 'stdio'],
      env: {},
    };
  } catch {
    return undefined;
  }
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '*']);

/** Runs `mcpscope ui` until interrupted. Resolves with the exit code. */
export async function runUi(
  argv: readonly string[],
  io: CliIo,
  ready?: (url: string, close: () => Promise<void>) => void,
  view?: { file: string },
): Promise<ExitCodeValue> {
  const program = uiProgram(io);
  const { own, target } = splitArgv(argv, program.options);
  try {
    program.parse([...own, '--', ...target], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    throw error;
  }
  const flags = program.opts<UiFlags>();
  try {
    if (WILDCARD_HOSTS.has(flags.host) && flags.dangerouslyBindAllInterfaces !== true) {
      throw new UsageError(
        `--host ${flags.host} would expose a proxy that can start programs to the whole network; if you really mean it, add --dangerously-bind-all-interfaces`,
      );
    }
    // Said first, before anything can fail or start: the user asked for something dangerous.
    if (WILDCARD_HOSTS.has(flags.host)) {
      io.stderr(
        'mcpscope: WARNING: listening on all interfaces. Anyone who can reach this machine and learns the token can run commands as you.',
      );
    }
    const initial =
      program.args.length > 0 || flags.serverUrl !== undefined || flags.config !== undefined
        ? await (await import('../common/target.js')).resolveTarget(program.args, flags)
        : undefined;
    const explicitPort = flags.port !== undefined;
    const port = explicitPort ? Number(flags.port) : DEFAULT_PORT;
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a port number, got "${flags.port}"`);
    const recordings = recordingLibrary(flags);
    return await serve({ flags, port, explicitPort, initial, io, ready, recordings, view });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mcpscope: ${error.message}`);
      return ExitCode.USAGE;
    }
    throw error;
  }
}

/** The recordings directory with the limits of the flags; `--keep-recordings 0` turns it off. */
function recordingLibrary(flags: UiFlags): RecordingLibrary | undefined {
  const maxFiles = Number(flags.keepRecordings);
  const maxMb = Number(flags.recordingsMaxMb);
  if (!Number.isInteger(maxFiles) || maxFiles < 0)
    throw new UsageError(
      `--keep-recordings must be a whole number of files, got "${flags.keepRecordings}"`,
    );
  if (!Number.isFinite(maxMb) || maxMb <= 0)
    throw new UsageError(
      `--recordings-max-mb must be a positive number of megabytes, got "${flags.recordingsMaxMb}"`,
    );
  if (maxFiles === 0) return undefined;
  return new RecordingLibrary(join(dataDir(), 'recordings'), {
    maxFiles,
    maxBytes: Math.round(maxMb * 1024 * 1024),
  });
}

async function serve(args: {
  flags: UiFlags;
  port: number;
  explicitPort: boolean;
  initial: ServerConfig | undefined;
  io: CliIo;
  ready: ((url: string, close: () => Promise<void>) => void) | undefined;
  recordings: RecordingLibrary | undefined;
  view: { file: string } | undefined;
}): Promise<ExitCodeValue> {
  const { flags, io } = args;
  const token = newToken();
  // Apart from the launch token: it opens only the tap feed (see checkTapAccess).
  const tapToken = newToken();
  const demo = demoTarget();
  let port = args.port;
  for (let attempt = 0; ; attempt++) {
    const access = {
      token,
      port,
      extraOrigins: (flags.allowOrigin ?? []).map((o) => o.toLowerCase()),
      extraHosts:
        WILDCARD_HOSTS.has(flags.host) || flags.host === '127.0.0.1' || flags.host === 'localhost'
          ? []
          : [`${flags.host}:${port}`],
    };
    const { app, hub } = await buildApp({
      access,
      ...(args.view === undefined && { tapToken }),
      webRoot: findWebRoot(),
      // null: `--keep-recordings 0`, nothing is recorded.
      recordings: args.recordings ?? null,
      recordByDefault: flags.record,
      ...maxLineOption(flags),
      ...maxSessionsOption(flags),
      ...(demo !== undefined && { demo }),
      ...(args.view !== undefined && { viewFile: args.view.file }),
    });
    try {
      await app.listen({ host: flags.host, port });
    } catch (error) {
      await app.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && !args.explicitPort && attempt < 20) {
        port++;
        continue;
      }
      io.stderr(
        `mcpscope: cannot listen on ${flags.host}:${port}: ${code === 'EADDRINUSE' ? 'the port is in use (pick another with --port, or --port 0 for any free one)' : (error as Error).message}`,
      );
      return ExitCode.USAGE;
    }
    const address = app.server.address();
    const boundPort = typeof address === 'object' && address !== null ? address.port : port;
    if (boundPort !== port) {
      // --port 0: the guard must know the real port before the first request.
      access.port = boundPort;
    }
    const shownHost = WILDCARD_HOSTS.has(flags.host)
      ? '127.0.0.1'
      : flags.host.includes(':')
        ? `[${flags.host}]`
        : flags.host;
    // The query survives the token-for-cookie redirect; the page opens the file it names.
    const url = `http://${shownHost}:${boundPort}/?${args.view !== undefined ? 'view=file&' : ''}token=${token}`;
    if (args.initial !== undefined) void hub.create(args.initial);
    io.stdout(
      `mcpscope ${args.initial !== undefined ? 'is connecting; ' : args.view !== undefined ? `shows ${args.view.file}; ` : ''}open ${url}`,
    );
    if (flags.open === true) openBrowser(url);
    // Where `mcpscope tap` finds this UI (a viewer of one file takes no taps). Written after
    // the URL is out (it loads zod, which the first page must not wait for) and not awaited:
    // the signal handlers below must be in place at once.
    let runtime: string | undefined;
    let leaving = false;
    const forget = (): void => {
      leaving = true;
      if (runtime === undefined) return;
      try {
        unlinkSync(runtime);
      } catch {
        // Already gone: nothing to clean up.
      }
    };
    const announced =
      args.view === undefined
        ? announceRuntime(boundPort, tapToken, io).then((path) => {
            runtime = path;
            // Shutting down began while the file was being written: it goes at once.
            if (leaving) forget();
          })
        : Promise.resolve();
    // Also on a plain exit (an uncaught error): a stale file would only cost a tap a failed
    // connect, but it should not outlive the UI when it need not.
    process.once('exit', forget);
    const close = async (): Promise<void> => {
      forget();
      await hub.closeAll();
      await app.close();
    };
    // A caller told "ready" (tests, `mcpscope view`) finds the runtime file there already.
    if (args.ready !== undefined) void announced.then(() => args.ready?.(url, close));
    // A terminal's Ctrl-C can arrive twice (from the TTY and forwarded by `npm start`):
    // shutting down starts once, and repeats are ignored until the servers are gone.
    let stopping: Promise<void> | undefined;
    const stop = (): void => {
      stopping ??= close();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    await new Promise<void>((resolve) => app.server.once('close', () => resolve()));
    await stopping;
    await announced;
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    process.removeListener('exit', forget);
    return ExitCode.OK;
  }
}

/** Writes the runtime file taps look for; a failure only means taps will not find this UI. */
async function announceRuntime(
  port: number,
  tapToken: string,
  io: CliIo,
): Promise<string | undefined> {
  try {
    const { writeUiRuntime } = await import('@mcpscope/engine/storage/ui-runtime');
    return await writeUiRuntime({
      pid: process.pid,
      port,
      tapToken,
      version: VERSION,
      startedAt: new Date().toISOString(),
    });
  } catch (error) {
    io.stderr(
      `mcpscope: cannot write the runtime file for mcpscope tap (${(error as Error).message}); tapped sessions will not appear here`,
    );
    return undefined;
  }
}

/** `--max-sessions`, checked: a whole number from 1 to 10,000. */
function maxSessionsOption(flags: { maxSessions?: string }): { maxSessions?: number } {
  if (flags.maxSessions === undefined) return {};
  const n = Number(flags.maxSessions);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new UsageError(
      `--max-sessions must be a whole number from 1 to 10000, got "${flags.maxSessions}"`,
    );
  return { maxSessions: n };
}
