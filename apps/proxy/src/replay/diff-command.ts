import type { RecordingHeader, TrafficEntry } from '@mcpscope/protocol';
import { DEFAULT_IGNORED_PATHS } from '@mcpscope/protocol/compare';
import {
  diffSessions,
  type ExchangeDiff,
  type SessionDiff,
  type SurfaceChange,
} from '@mcpscope/protocol/session-diff';
import { Command, Option } from 'commander';
import {
  readRecording,
  readRecordingHeader,
  RecordingFormatError,
} from '@mcpscope/engine/recording/reader';
import { Redactor } from '@mcpscope/engine/recording/redact';
import { colorsFor, type Colors } from '../common/colors.js';
import { ExitCode, type ExitCodeValue } from '../common/exit-codes.js';
import type { CliIo } from '../common/io.js';
import { parseOrExit, reportUsageErrors } from '../common/subcommand.js';
import { addIgnoreOptions, ignoredPaths, type IgnoreFlags } from './ignore-flags.js';
import { formatDifferences, formatNotification } from './report.js';

interface DiffFlags extends IgnoreFlags {
  format: 'human' | 'json';
  exitCode?: boolean;
  color?: boolean;
  redact?: boolean;
}

/** The machine-readable report of `mcpscope diff --format json`. */
export interface DiffReport extends SessionDiff {
  format: 'mcpscope-diff-report';
  version: 1;
  a: string;
  b: string;
  exitCode: number;
}

const SIDES = { recorded: 'a', actual: 'b' };

const HELP = `
Compares two recordings the way replay compares a recording with a live server, but with
no server: A is the baseline, B the other session.

The surface: what each server said about itself (protocol version, serverInfo,
capabilities, instructions) and every tool, prompt, resource and resource template it
listed, compared item by item, whole (nothing ignored there).

The exchanges: each request of A is matched with one of B (the same method and params
first, then the next of the same method), and the two responses are compared as JSON,
key order aside, on {"params": …, "result": …} or {"params": …, "error": …}. Ignored by
default (--no-default-ignores to compare them too): ${DEFAULT_IGNORED_PATHS.join(' ')}.
What an ignored path hid is shown, dimmed, and never counted. Server notifications are
compared method by method, in order.

Examples:
  mcpscope diff before.jsonl after.jsonl
  mcpscope diff before.jsonl after.jsonl --exit-code          (CI: exit 1 when they differ)
  mcpscope diff before.jsonl after.jsonl --format json > diff.json
  mcpscope diff a.jsonl b.jsonl --ignore-path '$.result.content[0].text'

Exit codes:
  0    compared (with --exit-code: and nothing differs)
  1    with --exit-code: something differs
  2    usage error (bad flags, not a recording)`;

function program(io: CliIo): Command {
  const command = new Command('mcpscope diff')
    .description('Compare two recorded sessions: their surface and their exchanges.')
    .usage('A.jsonl B.jsonl [--format json] [--exit-code] [options]')
    .argument('<a>', 'the baseline recording')
    .argument('<b>', 'the recording compared with it')
    .addOption(
      new Option('--format <format>', 'human, or a JSON report on stdout')
        .choices(['human', 'json'])
        .default('human'),
    )
    .option('--exit-code', 'exit 1 when the sessions differ (as git diff --exit-code)');
  return addIgnoreOptions(command)
    .option('--no-redact', 'keep secrets in the output')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours, even on a terminal')
    .addHelpText('after', HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s.trimEnd()),
      writeErr: (s) => io.stderr(s.trimEnd()),
    });
}

/** `mcpscope diff A B`. Returns the exit code. */
export async function runDiffCommand(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const command = program(io);
  const parsed = parseOrExit(command, argv);
  if (parsed !== undefined) return parsed;
  const [a, b] = command.args as [string, string];
  return reportUsageErrors('diff', io, () => diff(a, b, command.opts<DiffFlags>(), io), [
    RecordingFormatError,
  ]);
}

async function diff(a: string, b: string, flags: DiffFlags, io: CliIo): Promise<ExitCodeValue> {
  const ignore = ignoredPaths(flags);
  // A missing or unreadable file is named in words before anything is read.
  await Promise.all([readRecordingHeader(a), readRecordingHeader(b)]);
  const [left, right] = await Promise.all([load(a, io), load(b, io)]);
  const result = diffSessions(left.entries, right.entries, { ignore });
  const redactors =
    flags.redact === false
      ? []
      : [left, right].map((side) => new Redactor({ config: side.header.target }));
  const print = (line: string): void =>
    io.stdout(redactors.reduce((text, redactor) => redactor.text(text), line));
  const exitCode = flags.exitCode === true && result.summary.differs ? ExitCode.TOOL_ERROR : 0;
  if (flags.format === 'json') {
    const report: DiffReport = {
      format: 'mcpscope-diff-report',
      version: 1,
      a,
      b,
      exitCode,
      ...result,
    };
    print(JSON.stringify(report, null, 2));
  } else {
    const colors = colorsFor(flags.color, process.stdout.isTTY === true);
    for (const line of formatDiff(a, b, result, colors)) print(line);
  }
  return exitCode;
}

async function load(
  path: string,
  io: CliIo,
): Promise<{ header: RecordingHeader; entries: TrafficEntry[] }> {
  let header: RecordingHeader | undefined;
  const entries: TrafficEntry[] = [];
  for await (const item of readRecording(path)) {
    if (item.type === 'header') header = item.header;
    else if (item.type === 'entry') entries.push(item.entry);
    else io.stderr(`mcpscope diff: warning: ${path} line ${item.line}: ${item.message}`);
  }
  // readRecording throws on an empty file or a bad header, so a header was seen.
  return { header: header!, entries };
}

/** The human report: surface, exchanges, notifications, then one line of totals. */
export function formatDiff(a: string, b: string, diff: SessionDiff, colors: Colors): string[] {
  const lines = [`Comparing ${a} (a) with ${b} (b)`, '', colors.bold('Surface')];
  if (diff.surface.length === 0) lines.push(`  ${colors.green('✓')} the same`);
  for (const change of diff.surface) lines.push(...formatSurfaceChange(change, colors));
  lines.push('', colors.bold('Exchanges'));
  if (diff.ignoredPaths.length > 0)
    lines.push(colors.dim(`  ignored paths: ${diff.ignoredPaths.join(' ')}`));
  for (const exchange of diff.exchanges) lines.push(...formatExchange(exchange, colors));
  const notices = diff.notifications.flatMap((n) => formatNotification(n, colors, SIDES));
  if (diff.notifications.length > 0) {
    lines.push('', colors.bold('Server notifications'));
    const same = diff.summary.notifications.same;
    if (same > 0) lines.push(`  ${colors.green('✓')} ${same} the same`);
    lines.push(...notices);
  }
  const { exchanges: e, notifications: n } = diff.summary;
  lines.push(
    '',
    `${diff.summary.differs ? colors.red('The sessions differ') : colors.green('The sessions are the same')}: ` +
      `${diff.summary.surface} surface change${diff.summary.surface === 1 ? '' : 's'}; ` +
      `exchanges ${e.same} same, ${e.different} different, ${e.onlyA} only in a, ${e.onlyB} only in b` +
      (e.notCompared > 0 ? `, ${e.notCompared} not compared` : '') +
      `; notifications ${n.same} same, ${n.different} different, ${n.onlyA} only in a, ${n.onlyB} only in b`,
  );
  return lines;
}

function formatSurfaceChange(change: SurfaceChange, colors: Colors): string[] {
  const what = `${change.kind === 'server' ? 'server' : singular(change.kind)} ${change.name}`;
  const where = colors.dim(`(${seqs(change.a, change.b)})`);
  switch (change.change) {
    case 'added':
      return [`  ${colors.green('+')} ${what} ${where} ${colors.green('only in b')}`];
    case 'removed':
      return [`  ${colors.red('-')} ${what} ${where} ${colors.red('only in a')}`];
    case 'changed':
      return [
        `  ${colors.yellow('~')} ${what} ${where} ${colors.yellow('changed')}`,
        ...formatDifferences(change.differences, colors, SIDES),
      ];
    default: {
      const _exhaustive: never = change.change;
      return [String(_exhaustive)];
    }
  }
}

function singular(kind: Exclude<SurfaceChange['kind'], 'server'>): string {
  return { tools: 'tool', prompts: 'prompt', resources: 'resource', templates: 'template' }[kind];
}

function seqs(a: number | undefined, b: number | undefined): string {
  return [a !== undefined && `a seq ${a}`, b !== undefined && `b seq ${b}`]
    .filter(Boolean)
    .join(', ');
}

function formatExchange(exchange: ExchangeDiff, colors: Colors): string[] {
  const label = exchange.dir === 's2c' ? `${exchange.label} (from the server)` : exchange.label;
  const where = colors.dim(`(${seqs(exchange.a?.request, exchange.b?.request)})`);
  const ignored =
    exchange.ignored.length === 0
      ? []
      : [colors.dim(`      ignored: ${exchange.ignored.map((d) => d.path).join(' ')}`)];
  switch (exchange.status) {
    case 'same':
      return [`  ${colors.green('✓')} ${label} ${where}`, ...ignored];
    case 'different':
      return [
        `  ${colors.red('✗')} ${label} ${where} ${colors.red(`${exchange.differences.length} difference${exchange.differences.length === 1 ? '' : 's'}`)}`,
        ...formatDifferences(exchange.differences, colors, SIDES),
        ...ignored,
      ];
    case 'only-a':
      return [`  ${colors.red('-')} ${label} ${where} ${colors.red('only in a')}`];
    case 'only-b':
      return [`  ${colors.green('+')} ${label} ${where} ${colors.green('only in b')}`];
    case 'unanswered':
      return [
        `  ${colors.dim('-')} ${label} ${where} ${colors.dim('no response on a side; not compared')}`,
      ];
    case 'truncated':
      return [
        `  ${colors.dim('-')} ${label} ${where} ${colors.dim('payload truncated; not compared')}`,
      ];
    default: {
      const _exhaustive: never = exchange.status;
      return [String(_exhaustive)];
    }
  }
}
