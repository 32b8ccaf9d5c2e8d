import { Command } from 'commander';
import { ExitCode, type ExitCodeValue } from '../common/exit-codes.js';
import type { CliIo } from '../common/io.js';
import { parseOrExit, reportUsageErrors } from '../common/subcommand.js';
import { UsageError } from '../common/usage-error.js';
import { RecordingFormatError } from '@mcpscope/engine/recording/reader';
import { loadMockScript } from './script.js';
import { serveHttp, serveStdio, type MockLogs } from './serve.js';

interface MockFlags {
  http?: string;
  sse?: boolean;
  verbose?: boolean;
}

const HELP = `
Serves a recording as an MCP server. initialize gets the recorded server's answer; each
request gets the recorded response to the same method and params, else to the next unused
request of the same method; the notifications recorded around it follow at their recorded
offsets. A request the recording cannot answer gets a JSON-RPC error that names it.

Examples:
  mcpscope mock session.jsonl                        (stdio: use it as a server command)
  mcpscope --cli --method tools/list mcpscope mock session.jsonl
  mcpscope mock session.jsonl --http 3001            (Streamable HTTP at http://127.0.0.1:3001/mcp)
  mcpscope mock session.jsonl --http 3001 --sse      (legacy SSE at http://127.0.0.1:3001/sse)

In a Claude Desktop config: "command": "npx", "args": ["mcpscope", "mock", "/abs/path/session.jsonl"]`;

function program(io: CliIo): Command {
  return new Command('mcpscope mock')
    .description('Serve a recording as an MCP server, over stdio or HTTP on 127.0.0.1.')
    .usage('FILE [--http PORT [--sse]]')
    .argument('<file>', 'a recording (mcpscope --cli … --record FILE, or the UI)')
    .option(
      '--http <port>',
      'serve Streamable HTTP (with session ids) on 127.0.0.1:PORT (0: any free port)',
    )
    .option('--sse', 'with --http: serve the legacy HTTP+SSE transport instead')
    .option('--verbose', 'say on stderr which recorded answer each request got')
    .addHelpText('after', HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s.trimEnd()),
      writeErr: (s) => io.stderr(s.trimEnd()),
    });
}

/**
 * `mcpscope mock`. Runs until stdin ends (stdio) or until SIGINT/SIGTERM or `signal`
 * (HTTP). Returns the exit code.
 */
export async function runMockCommand(
  argv: readonly string[],
  io: CliIo,
  signal?: AbortSignal,
): Promise<ExitCodeValue> {
  const command = program(io);
  const parsed = parseOrExit(command, argv);
  if (parsed !== undefined) return parsed;
  return reportUsageErrors(
    'mock',
    io,
    () => mock(command.args[0]!, command.opts<MockFlags>(), io, signal),
    [RecordingFormatError],
  );
}

async function mock(
  file: string,
  flags: MockFlags,
  io: CliIo,
  signal: AbortSignal | undefined,
): Promise<ExitCodeValue> {
  const port = flags.http === undefined ? undefined : Number(flags.http);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new UsageError(`--http expects a port number from 0 to 65535, got "${flags.http}"`);
  if (flags.sse === true && port === undefined)
    throw new UsageError('--sse needs --http PORT: it says which HTTP transport to serve');
  const script = await loadMockScript(file);
  for (const warning of script.warnings) io.stderr(`mcpscope mock: warning: ${warning}`);
  if (!script.exchanges.some((e) => e.method === 'initialize'))
    io.stderr(
      `mcpscope mock: warning: ${file} has no answered initialize; clients will get an error`,
    );
  const logs: MockLogs = {
    warn: (line) => io.stderr(line),
    ...(flags.verbose === true && {
      served: (line: string) => io.stderr(`mcpscope mock: ${line}`),
    }),
  };
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  signal?.addEventListener('abort', onSignal, { once: true });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const requests = script.exchanges.length;
    if (port === undefined) {
      io.stderr(`mcpscope mock: serving ${file} (${requests} recorded requests) on stdio`);
      await serveStdio(script, logs, stop.signal);
      return ExitCode.OK;
    }
    let server;
    try {
      server = await serveHttp(script, { port, sse: flags.sse === true }, logs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.stderr(
        `mcpscope mock: cannot listen on 127.0.0.1:${port}: ${code === 'EADDRINUSE' ? 'the port is in use; pick another, or 0 for any free one' : (error as Error).message}`,
      );
      return ExitCode.CONNECTION;
    }
    io.stderr(`mcpscope mock: serving ${file} (${requests} recorded requests) at ${server.url}`);
    await new Promise<void>((resolve) => {
      if (stop.signal.aborted) resolve();
      stop.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    return ExitCode.OK;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    signal?.removeEventListener('abort', onSignal);
  }
}
