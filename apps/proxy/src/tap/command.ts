import { constants } from 'node:os';
import { Command } from 'commander';
import { splitArgv } from '../common/argv.js';
import type { CliIo } from '../common/io.js';
import { parseOrExit, reportUsageErrors } from '../common/subcommand.js';
import { UsageError } from '../common/usage-error.js';

interface TapFlags {
  name?: string;
  /** A file, `false` for `--no-record`, or absent: the recordings directory. */
  record?: string | false;
  ui: boolean;
  redact: boolean;
  listen?: string;
}

const HELP = `
The host (Claude Desktop, Cursor, VS Code, Claude Code, an agent) starts mcpscope tap instead of
the server; mcpscope tap starts the server and passes every byte through unchanged, both ways,
while it records the traffic and shows it live in a running mcpscope ui.

Examples:
  mcpscope tap -- npx -y @modelcontextprotocol/server-everything
  mcpscope tap --name memory --record memory.jsonl -- node build/index.js
  mcpscope tap --listen 3002 http://127.0.0.1:3001/mcp       (HTTP: point the host at port 3002)
  mcpscope tap install --client claude-desktop memory          (rewrite the host's config entry)
  mcpscope tap uninstall --client claude-desktop               (restore it exactly)

The traffic is recorded in the recordings directory (or --record FILE) whether or not the UI
runs; a UI started later gets the whole session when it appears. The UI only watches: it never
sends into a tapped session. Exit status: the server's own (its exit code, or its signal).
See docs/tap.md.`;

function program(io: CliIo): Command {
  return new Command('mcpscope tap')
    .description('Watch the traffic between a real MCP host and its server, byte for byte.')
    .usage('[options] -- <command> [args…]  |  --listen <port> <url>  |  install|uninstall …')
    .argument('[command...]', 'the server command and its arguments (after --)')
    .option('--name <name>', 'the name the UI and the recording show for this server')
    .option('--record <file>', 'record to this file instead of the recordings directory')
    .option('--no-record', 'record nothing (the UI still shows the session while it runs)')
    .option('--no-ui', 'do not look for a running mcpscope ui')
    .option('--no-redact', 'keep Authorization headers and other secrets in the recording')
    .option(
      '--listen <port>',
      'HTTP: listen on 127.0.0.1:PORT and pass every request on to the URL (Streamable HTTP or SSE)',
    )
    .addHelpText('after', HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s.trimEnd()),
      writeErr: (s) => io.stderr(s.trimEnd()),
    });
}

/**
 * `mcpscope tap …`. In shim mode stdout belongs to the host: nothing of ours is ever written
 * there. Resolves with the server's exit code; a server killed by a signal makes this process
 * die of the same signal, so the host sees what it would have seen.
 */
export async function runTapCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'install' || argv[0] === 'uninstall') {
    const { runInstallCommand } = await import('./install-command.js');
    return runInstallCommand(argv[0], argv.slice(1), io);
  }
  const command = program(io);
  const { own, target } = splitArgv(argv, command.options);
  const stop = parseOrExit(command, [...own, '--', ...target]);
  if (stop !== undefined) return stop;
  const flags = command.opts<TapFlags>();
  return reportUsageErrors('tap', io, async (): Promise<number> => {
    const record = flags.record;
    if (flags.listen !== undefined) {
      const { runHttpTap } = await import('./http-tap.js');
      return runHttpTap({
        port: parsePort(flags.listen),
        url: parseUrl(command.args),
        record,
        redact: flags.redact,
        ui: flags.ui,
        io,
        ...(flags.name !== undefined && { name: flags.name }),
      });
    }
    const [executable, ...args] = command.args;
    if (executable === undefined)
      throw new UsageError(
        'give the server to start after --, e.g. mcpscope tap -- node build/index.js',
      );
    const { runStdioShim } = await import('./stdio-shim.js');
    const end = await runStdioShim({
      command: executable,
      args,
      record,
      redact: flags.redact,
      ui: flags.ui,
      ...(flags.name !== undefined && { name: flags.name }),
    });
    switch (end.kind) {
      case 'exit':
        return end.code;
      case 'signal':
        // Dying of the server's signal is the only way the host's wait status can match.
        process.kill(process.pid, end.signal);
        return 128 + (constants.signals[end.signal] ?? 0);
      case 'spawn-failed':
        // What a shell answers for a command it cannot run.
        return 127;
      default: {
        const _exhaustive: never = end;
        return _exhaustive;
      }
    }
  });
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--listen must be a port number (0 for any free one), got "${text}"`);
  return port;
}

function parseUrl(args: string[]): URL {
  if (args.length !== 1)
    throw new UsageError(
      'with --listen, give the server URL to pass requests on to, e.g. mcpscope tap --listen 3002 http://127.0.0.1:3001/mcp',
    );
  let url: URL;
  try {
    url = new URL(args[0]!);
  } catch {
    throw new UsageError(`"${args[0]}" is not a URL; give one like http://127.0.0.1:3001/mcp`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`the server URL must be http:// or https://, got "${args[0]}"`);
  return url;
}
