import { Command, CommanderError, Option } from 'commander';
import { splitArgv } from '../common/argv.js';
import { checkRedactFlags, collectRedactPattern } from '../common/redact-flags.js';
import { addOAuthOptions } from '../common/oauth-flags.js';
import { EXIT_CODE_HELP, ExitCode } from '../common/exit-codes.js';
import type { CliIo, OneShotFlags } from './oneshot.js';
import { UsageError } from '../common/usage-error.js';
import { MAX_LINE_MB_HELP, PROTOCOL_VERSION_HELP } from '../common/target-options.js';
import { VERSION } from '../version.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const EXAMPLES = `
Examples:
  mcpscope --cli --method tools/list node build/index.js
  mcpscope --cli npx -y @modelcontextprotocol/server-everything --method tools/call --tool-name echo --tool-arg message=hi
  mcpscope --cli --method resources/read --uri demo://resource/static/document/architecture.md http://127.0.0.1:3001/mcp
  mcpscope --cli --method prompts/get --prompt-name args-prompt --prompt-args city=Paris --server-url http://127.0.0.1:3001/sse
  mcpscope --cli --config claude_desktop_config.json --server memory --method tools/list
  mcpscope --cli --method tools/list --verbose --record session.jsonl -- node -e "…"   (after --, everything is the server's)

Export a recording as HAR 1.2 (HTTP transports) or a self-contained HTML report:
  mcpscope export session.jsonl [--har OUT.har] [--html OUT.html]    (see mcpscope export --help)

Start the web inspector:
  mcpscope ui [--port N] [--open] [target]    (see mcpscope ui --help)
  mcpscope view FILE                          (a recording, read-only, with a timeline)

Run assertion specs (CI), check a server's definitions:
  mcpscope test [--reporter human|json|junit] [--output FILE] <specs…>    (see mcpscope test --help)
  mcpscope lint [--reporter human|json|junit] [--output FILE] <target>     (see mcpscope lint --help)

Replay a recording against a server and diff the responses; serve a recording as a server:
  mcpscope replay FILE [--against <target>] [--format json] [--update]      (see mcpscope replay --help)
  mcpscope mock FILE [--http PORT [--sse]]                                  (see mcpscope mock --help)

Watch a real host (Claude Desktop, Cursor, VS Code, …) talk to its server, live in the UI:
  mcpscope tap -- COMMAND ARGS…  |  mcpscope tap --listen PORT URL        (see mcpscope tap --help)
  mcpscope tap install [--client claude-desktop|cursor|vscode|claude-code] [SERVER…]

OAuth-protected servers (tokens are stored and reused by one-shot calls and mcpscope test):
  mcpscope auth login [--open] [--oauth-non-interactive] <url>    (see mcpscope auth --help)
  mcpscope auth status [url]  |  mcpscope auth logout <url>

The target is a URL (http://…/mcp is Streamable HTTP with fallback to SSE, …/sse is SSE),
or a command and its arguments, before or after the flags.

${EXIT_CODE_HELP}`;

/** The one-shot program. Its options double as the table {@link splitArgv} reads. */
function oneShotProgram(io: CliIo): Command {
  const program = new Command('mcpscope')
    .description(
      'Inspect and debug Model Context Protocol servers. One-shot calls print the result as JSON on stdout.',
    )
    .version(VERSION, '-V, --version')
    .usage('[--cli] --method METHOD [flags] <command [args…] | url>')
    .argument('[target...]', 'a URL, or the command that starts a stdio server and its arguments')
    .option(
      '--cli',
      'one-shot mode (accepted for compatibility with the official inspector; implied by --method)',
    )
    .option(
      '--method <method>',
      'the MCP method to call (tools/list, tools/call, resources/read, prompts/get, … or any other)',
    )
    .option('--tool-name <name>', 'tools/call: the tool')
    .option(
      '--tool-arg <key=value>',
      'tools/call: an argument, parsed as JSON when valid (repeatable)',
      collect,
    )
    .option('--tool-args-json <json>', 'tools/call: all arguments as one JSON object')
    .option(
      '--uri <uri>',
      'resources/read, resources/subscribe: the resource; completion/complete: a resource template',
    )
    .option('--prompt-name <name>', 'prompts/get, completion/complete: the prompt')
    .option('--prompt-args <key=value>', 'prompts/get: an argument (repeatable)', collect)
    .option(
      '--completion-arg <name=value>',
      'completion/complete: the argument being completed and its partial value',
    )
    .option(
      '--completion-context <key=value>',
      'completion/complete: an already-chosen argument (repeatable)',
      collect,
    )
    .option(
      '--log-level <level>',
      'logging/setLevel: debug, info, notice, warning, error, critical, alert or emergency',
    )
    .option('--params <json>', 'the params object, for any method')
    .option(
      '--task',
      'tools/call as a task (2025-11-25) where the tool allows it; tools that require one always run as a task',
    )
    .option('--no-wait', 'with a task: print the created task (its id) instead of waiting')
    .option('--task-id <id>', 'tasks/get, tasks/result, tasks/cancel: the task')
    .addOption(
      new Option(
        '--transport <kind>',
        'how to reach the server (default: stdio for a command; for a URL, sse if it ends in /sse, else http with fallback to sse)',
      ).choices(['stdio', 'sse', 'http', 'streamable-http']),
    )
    .option('--server-url <url>', 'the server URL (instead of a positional target)')
    .option('--header <"Name: value">', 'an HTTP header (repeatable)', collect)
    .option(
      '-e, --env <KEY=value>',
      'an environment variable for a stdio server (repeatable)',
      collect,
    )
    .option('--cwd <dir>', 'working directory of a stdio server')
    .option(
      '--config <file>',
      'read the server from an mcpServers (Claude, Cursor) or VS Code config file',
    )
    .option('--server <name>', 'which server of --config')
    .option(
      '--timeout <ms>',
      'time allowed without a response or progress notification (default 60000); bounds the handshake too',
    )
    .option(
      '--connect-timeout <ms>',
      'time allowed for starting the server and the handshake (default 30000; with --timeout, the smaller of the two)',
    )
    .option('--protocol-version <version>', PROTOCOL_VERSION_HELP)
    .option(
      '--elicitation <action>',
      "answer elicitation requests: accept (with the schema's defaults), decline or cancel",
    )
    .option('--elicitation-content <json>', 'with --elicitation accept: the content to send')
    .option(
      '--sampling-response <json|@file|text>',
      'answer sampling requests with this CreateMessageResult (or plain text)',
    )
    .option('--root <path|uri>', 'expose a root to the server (repeatable)', collect)
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'text']).default('json'),
    )
    .option('--verbose', 'print every frame (the traffic log) on stderr')
    .option('--record <file>', 'record the session as JSON Lines (see docs/recording-format.md)')
    .option('--max-line-mb <n>', MAX_LINE_MB_HELP)
    .option(
      '--redact <regex>',
      'also redact what this regular expression matches in the recording (repeatable; /re/flags accepted)',
      collectRedactPattern,
    )
    .option(
      '--no-redact',
      'keep secrets (Authorization, cookies, secret env values) in the recording, --verbose output and error messages',
    )
    .option(
      '--strict',
      `exit ${ExitCode.PROTOCOL_VIOLATION} when the server's messages violate the MCP schema or the tool's outputSchema; an RFC 8414 issuer mismatch in OAuth metadata fails the authorization (exit ${ExitCode.CONNECTION}) instead of a warning`,
    )
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s.trimEnd()),
      writeErr: (s) => io.stderr(s.trimEnd()),
    })
    .showSuggestionAfterError(true);
  return addOAuthOptions(program);
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text + '\n'),
  stderr: (text) => process.stderr.write(text + '\n'),
};

/**
 * The whole CLI. Returns the exit code (one of {@link ExitCode}, or for `mcpscope tap` the
 * tapped server's own); never calls `process.exit`.
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  if (argv[0] === 'ui' || argv.length === 0) {
    // Loaded on demand: the web server's dependencies cost a one-shot call ~200 ms.
    const { runUi } = await import('./ui.js');
    return runUi(argv.slice(1), io);
  }
  if (argv[0] === 'view') {
    const { runView } = await import('./view.js');
    return runView(argv.slice(1), io);
  }
  if (argv[0] === 'test') {
    // Loaded on demand too, so that one-shot calls never load YAML and JSONPath.
    const { runTestCommand } = await import('../testing/test-command.js');
    return runTestCommand(argv.slice(1), io);
  }
  if (argv[0] === 'export') {
    const { runExportCommand } = await import('../export/export-command.js');
    return runExportCommand(argv.slice(1), io);
  }
  if (argv[0] === 'auth') {
    const { runAuthCommand } = await import('./auth-command.js');
    return runAuthCommand(argv.slice(1), io);
  }
  if (argv[0] === 'lint') {
    const { runLintCommand } = await import('../testing/lint-command.js');
    return runLintCommand(argv.slice(1), io);
  }
  if (argv[0] === 'replay') {
    const { runReplayCommand } = await import('../replay/command.js');
    return runReplayCommand(argv.slice(1), io);
  }
  if (argv[0] === 'tap') {
    const { runTapCommand } = await import('../tap/command.js');
    return runTapCommand(argv.slice(1), io);
  }
  if (argv[0] === 'mock') {
    const { runMockCommand } = await import('../mock/command.js');
    return runMockCommand(argv.slice(1), io);
  }
  const program = oneShotProgram(io);
  const { own, target } = splitArgv(argv, program.options);
  try {
    program.parse([...own, '--', ...target], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    throw error;
  }
  const flags = program.opts<OneShotFlags & { cli?: boolean }>();
  try {
    // Loaded on demand like every command, so that `mcpscope ui` starts without the engine.
    checkRedactFlags(own);
    const { runOneShot } = await import('./oneshot.js');
    return await runOneShot(program.args, flags, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mcpscope: ${error.message}`);
      io.stderr('mcpscope: see mcpscope --help');
      return ExitCode.USAGE;
    }
    throw error;
  }
}
