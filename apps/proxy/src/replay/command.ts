import { rmSync, renameSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  ProtocolVersionChoiceSchema,
  type RecordingHeader,
  type ServerConfig,
} from '@mcpscope/protocol';
import { Command, Option } from 'commander';
import { splitArgv } from '../common/argv.js';
import { ExitCode, exitCodeFor, type ExitCodeValue } from '../common/exit-codes.js';
import { parseTimeout, type CliIo } from '../common/io.js';
import { addTargetOptions, type TargetFlags } from '../common/target-options.js';
import { parseOrExit, reportUsageErrors } from '../common/subcommand.js';
import { resolveTarget } from '../common/target.js';
import { formatEntry } from '../common/traffic-printer.js';
import { UsageError } from '../common/usage-error.js';
import { readRecordingHeader, RecordingFormatError } from '@mcpscope/engine/recording/reader';
import { Redactor, redactUrl, REDACTED } from '@mcpscope/engine/recording/redact';
import { RecordingWriter } from '@mcpscope/engine/recording/writer';
import { TrafficLog } from '@mcpscope/engine/session/traffic-log';
import { colorsFor } from '../common/colors.js';
import { CLIENT_INFO } from '../version.js';
import { DEFAULT_IGNORED_PATHS } from '@mcpscope/protocol/compare';
import { addIgnoreOptions, ignoredPaths, type IgnoreFlags } from './ignore-flags.js';
import { Replayer, ReplayConnectError, type RequestResult } from './engine.js';
import type { NotificationDiff } from '@mcpscope/protocol/session-diff';
import {
  differs,
  formatNotification,
  formatResult,
  formatSummary,
  type ReplayReport,
} from './report.js';

interface ReplayFlags extends TargetFlags, IgnoreFlags {
  format: 'human' | 'json';
  update?: boolean;
  timeout?: string;
  connectTimeout?: string;
  verbose?: boolean;
  color?: boolean;
  redact?: boolean;
}

const HELP = `
The target is the recording's own (its header) unless --against names another: a URL, or a
command and its arguments (everything after --against that is not a replay flag; after --,
everything is the server's).

Each recorded client request is sent again, in order, with the recorded concurrency; the
target's sampling, elicitation and roots requests get the recorded client's answers. Each
response is compared with the recorded one as JSON, key order aside. Ignored by default
(--no-default-ignores to compare them too): ${DEFAULT_IGNORED_PATHS.join(' ')}.
Paths are JSONPath (RFC 9535) on {"result": …} or {"error": …}.

Examples:
  mcpscope replay session.jsonl
  mcpscope replay session.jsonl --against node build/index.js
  mcpscope replay session.jsonl --against http://127.0.0.1:3001/mcp --ignore-path '$.result.content[0].text'
  mcpscope replay session.jsonl --format json > report.json
  mcpscope replay session.jsonl --update

Exit codes:
  0    every response is the same as recorded
  1    a response differs, is missing, or the server asked something the recording cannot answer
  2    usage error (bad flags, not a recording); nothing was sent
  3    the target could not be started or reached
  4    the handshake timed out
  5    the target refused the handshake with a JSON-RPC error`;

function program(io: CliIo): Command {
  const command = new Command('mcpscope replay')
    .description('Re-run a recording against a server and compare every response.')
    .usage('FILE [--against <url | command [args…]>] [options]')
    .argument('<file>', 'a recording (mcpscope --cli … --record FILE, or the UI)')
    .option(
      '--against',
      "the server to replay against follows: a URL or a command and its arguments (default: the recording's target)",
    )
    .addOption(
      new Option('--format <format>', 'human, or a JSON report on stdout')
        .choices(['human', 'json'])
        .default('human'),
    )
    .option('--update', "rewrite the recording from the target's responses")
    .option('--timeout <ms>', 'time allowed per request without a response or progress', '60000')
    .option('--connect-timeout <ms>', 'time allowed for starting the server and the handshake')
    .option('--verbose', 'print every frame exchanged with the target on stderr');
  return addTargetOptions(addIgnoreOptions(command))
    .option('--no-redact', 'keep secrets in the output and in the --update recording')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours, even on a terminal')
    .addHelpText('after', HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s.trimEnd()),
      writeErr: (s) => io.stderr(s.trimEnd()),
    });
}

/** `mcpscope replay`. Returns the exit code. */
export async function runReplayCommand(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const command = program(io);
  const { own, target } = splitAgainst(argv, command);
  const parsed = parseOrExit(command, own);
  if (parsed !== undefined) return parsed;
  return reportUsageErrors(
    'replay',
    io,
    () => replay(command.args[0]!, target, command.opts<ReplayFlags>(), io),
    [RecordingFormatError],
  );
}

/**
 * Our flags before `--against` stay ours; after it, whatever is not one of our flags is the
 * target, as in one-shot calls.
 */
function splitAgainst(
  argv: readonly string[],
  command: Command,
): { own: string[]; target: string[] } {
  const at = argv.findIndex((a) => a === '--against' || a.startsWith('--against='));
  if (at < 0) return { own: [...argv], target: [] };
  const after = argv.slice(at + 1);
  const inline = argv[at]!.startsWith('--against=') ? [argv[at]!.slice('--against='.length)] : [];
  const split = splitArgv(after, command.options);
  return {
    own: [...argv.slice(0, at), '--against', ...split.own],
    target: [...inline, ...split.target],
  };
}

async function replay(
  file: string,
  targetWords: string[],
  flags: ReplayFlags,
  io: CliIo,
): Promise<ExitCodeValue> {
  const timeoutMs = parseTimeout(flags.timeout, '--timeout');
  const connectTimeoutMs = parseTimeout(flags.connectTimeout, '--connect-timeout');
  // --protocol-version overrides the recorded era; without it each recorded session is
  // replayed in the era it was recorded in.
  const protocolVersion = parseProtocolVersionFlag(flags.protocolVersion);
  const ignore = ignoredPaths(flags);
  const header = await readRecordingHeader(file);
  const target = await chooseTarget(header, targetWords, flags);

  const redactor = flags.redact === false ? undefined : new Redactor({ config: target });
  const print = (line: string): void => io.stdout(redactor?.text(line) ?? line);
  const colors = colorsFor(flags.color, process.stdout.isTTY === true);
  const human = flags.format === 'human';
  if (human) print(`Replaying ${file} against ${describeTarget(target)}`);

  const log = new TrafficLog({ historyLimit: 1000 });
  if (flags.verbose === true) log.subscribe((entry) => io.stderr(formatEntry(entry)));
  const update = flags.update === true ? startUpdate(file, target, header, flags) : undefined;
  if (update !== undefined) log.addRecorder(update.writer.write);

  const results: RequestResult[] = [];
  const notifications: NotificationDiff[] = [];
  const replayer = new Replayer({
    target,
    ignore,
    log,
    ...(timeoutMs !== undefined && { timeoutMs }),
    ...(connectTimeoutMs !== undefined && { connectTimeoutMs }),
    ...(protocolVersion !== undefined && { protocolVersion }),
    onResult: (result) => {
      if (human) for (const line of formatResult(result, colors)) print(line);
      else results.push(result);
    },
    onNotifications: (compared) => {
      if (human)
        for (const n of compared) for (const line of formatNotification(n, colors)) print(line);
      else notifications.push(...compared);
    },
    onWarning: (message) => io.stderr(`mcpscope replay: warning: ${message}`),
  });
  const started = performance.now();
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
    void replayer.stop();
  };
  process.once('SIGINT', onSigint);
  let summary;
  try {
    summary = await replayer.run(file);
  } catch (error) {
    update?.abandon();
    if (interrupted) return stoppedByUser(io);
    if (error instanceof ReplayConnectError) {
      io.stderr(
        `mcpscope replay: cannot replay against ${describeTarget(target)}: ${error.message}`,
      );
      return exitCodeFor(error.code);
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  if (interrupted) {
    update?.abandon();
    return stoppedByUser(io);
  }
  const durationMs = performance.now() - started;
  const exitCode = differs(summary) ? ExitCode.TOOL_ERROR : ExitCode.OK;
  if (human) for (const line of formatSummary(summary, durationMs, colors)) print(line);
  else {
    const report: ReplayReport = {
      format: 'mcpscope-replay-report',
      version: 1,
      recording: file,
      target: redactor?.config(target) ?? target,
      ignoredPaths: ignore,
      durationMs: Math.round(durationMs),
      exitCode,
      summary,
      requests: results.sort((a, b) => a.seq - b.seq),
      notifications,
    };
    print(JSON.stringify(report, null, 2));
  }
  if (update !== undefined) {
    const written = update.commit();
    if (!written.ok) {
      io.stderr(`mcpscope replay: --update: ${written.message}; ${file} was left as it was`);
      return ExitCode.USAGE;
    }
    io.stderr(`mcpscope replay: rewrote ${file} from the target's responses`);
  }
  return exitCode;
}

function stoppedByUser(io: CliIo): ExitCodeValue {
  io.stderr('mcpscope replay: interrupted');
  return ExitCode.INTERRUPTED;
}

async function chooseTarget(
  header: RecordingHeader,
  words: string[],
  flags: ReplayFlags,
): Promise<ServerConfig> {
  const given = words.length > 0 || flags.serverUrl !== undefined || flags.config !== undefined;
  if (given) return resolveTarget(words, flags);
  const redacted = JSON.stringify(header.target).includes(REDACTED);
  if (redacted) {
    throw new UsageError(
      `the recording's target has redacted secrets (${REDACTED}); give the target with --against, e.g. --against -e NAME=value node server.js`,
    );
  }
  return header.target;
}

function parseProtocolVersionFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = ProtocolVersionChoiceSchema.safeParse(value);
  if (!parsed.success)
    throw new UsageError(
      `--protocol-version must be auto, legacy or a revision date such as 2026-07-28, got "${value}"`,
    );
  return parsed.data;
}

/** `node server.js` or `http://127.0.0.1:3001/mcp (streamable-http)`. */
export function describeTarget(config: ServerConfig): string {
  switch (config.transport) {
    case 'stdio':
      return [config.command, ...config.args].join(' ');
    case 'sse':
    case 'streamable-http':
      return `${redactUrl(config.url)} (${config.transport})`;
    default: {
      const _exhaustive: never = config;
      return String(_exhaustive);
    }
  }
}

/**
 * `--update` writes the new session beside the recording and renames it over the recording
 * at the end, so that a replay that fails half-way leaves the old file whole.
 */
function startUpdate(
  file: string,
  target: ServerConfig,
  header: RecordingHeader,
  flags: ReplayFlags,
): {
  writer: RecordingWriter;
  commit: () => { ok: true } | { ok: false; message: string };
  abandon: () => void;
} {
  const temp = `${file}.${process.pid}.update`;
  const writer = new RecordingWriter(temp, {
    config: target,
    client: CLIENT_INFO,
    redact: flags.redact !== false,
    ...(header.protocolVersion !== undefined && { protocolVersion: header.protocolVersion }),
  });
  return {
    writer,
    commit: () => {
      writer.close();
      if (writer.error !== undefined) {
        rmSync(temp, { force: true });
        return { ok: false, message: `cannot write ${temp}: ${writer.error.message}` };
      }
      renameSync(temp, file);
      return { ok: true };
    },
    abandon: () => {
      writer.close();
      rmSync(temp, { force: true });
    },
  };
}
