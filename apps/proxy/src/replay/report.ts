import type { ServerConfig } from '@mcpscope/protocol';
import type { Colors } from '../common/colors.js';
import type { Difference } from '@mcpscope/protocol/compare';
import type { NotificationDiff } from '@mcpscope/protocol/session-diff';
import type { ReplaySummary, RequestResult } from './engine.js';

/** How many differences of one request are printed before "… and N more". */
const MAX_DIFFERENCES = 12;
const MAX_VALUE = 160;

/** The machine-readable report of `mcpscope replay --format json`. */
export interface ReplayReport {
  format: 'mcpscope-replay-report';
  version: 1;
  recording: string;
  target: ServerConfig;
  ignoredPaths: readonly string[];
  durationMs: number;
  exitCode: number;
  summary: ReplaySummary;
  /** Every replayed request, in recorded order. */
  requests: RequestResult[];
  /** The server notifications compared (`a` recorded seq, `b` live seq), session by session. */
  notifications: NotificationDiff[];
}

/** One line per request, the differences under it. */
export function formatResult(result: RequestResult, colors: Colors): string[] {
  const where = colors.dim(`(seq ${result.seq})`);
  switch (result.status) {
    case 'same':
      return [`  ${colors.green('✓')} ${result.label} ${where}`];
    case 'cancelled':
      return [
        `  ${colors.dim('-')} ${result.label} ${where} ${colors.dim('cancelled in the recording; not compared')}`,
      ];
    case 'unanswered':
      return [
        `  ${colors.dim('-')} ${result.label} ${where} ${colors.dim('no response in the recording; not compared')}`,
      ];
    case 'failed':
      return [
        `  ${colors.red('✗')} ${result.label} ${where} ${colors.red(`no response: ${result.message ?? ''}`)}`,
      ];
    case 'different': {
      return [
        `  ${colors.red('✗')} ${result.label} ${where} ${colors.red(plural(result.differences.length, 'difference'))}`,
        ...formatDifferences(result.differences, colors),
      ];
    }
    default: {
      const _exhaustive: never = result.status;
      return [String(_exhaustive)];
    }
  }
}

/**
 * A server notification that differs from the recorded one, is missing or is new; equal ones
 * are counted in the summary only (a server may send hundreds of log lines).
 */
export function formatNotification(
  result: NotificationDiff,
  colors: Colors,
  sides?: { recorded: string; actual: string },
): string[] {
  const name = (side: 'a' | 'b'): string =>
    sides === undefined
      ? side === 'a'
        ? 'recorded'
        : 'live'
      : sides[side === 'a' ? 'recorded' : 'actual'];
  const where = colors.dim(
    `(${[
      result.a !== undefined && `${name('a')} seq ${result.a}`,
      result.b !== undefined && `${name('b')} seq ${result.b}`,
    ]
      .filter(Boolean)
      .join(', ')})`,
  );
  const only = (side: 'a' | 'b'): string =>
    sides !== undefined
      ? `only in ${name(side)}`
      : side === 'a'
        ? 'not sent by the target'
        : 'sent by the target, not in the recording';
  switch (result.status) {
    case 'same':
      return [];
    case 'only-a':
    case 'only-b':
      return [
        `  ${colors.red('✗')} ${result.method} ${where} ${colors.red(only(result.status === 'only-a' ? 'a' : 'b'))}`,
      ];
    case 'different':
      return [
        `  ${colors.red('✗')} ${result.method} ${where} ${colors.red(plural(result.differences.length, 'difference'))}`,
        ...formatDifferences(result.differences, colors, sides),
      ];
    default: {
      const _exhaustive: never = result.status;
      return [String(_exhaustive)];
    }
  }
}

/** The differences under one line, at most {@link MAX_DIFFERENCES}. */
export function formatDifferences(
  differences: readonly Difference[],
  colors: Colors,
  names: { recorded: string; actual: string } = { recorded: 'recorded', actual: 'actual' },
): string[] {
  const lines = differences
    .slice(0, MAX_DIFFERENCES)
    .flatMap((difference) => formatDifference(difference, colors, names));
  if (differences.length > MAX_DIFFERENCES)
    lines.push(
      `      … and ${differences.length - MAX_DIFFERENCES} more (--format json has them all)`,
    );
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatDifference(
  difference: Difference,
  colors: Colors,
  names: { recorded: string; actual: string },
): string[] {
  const width = Math.max(names.recorded.length, names.actual.length) + 1;
  return [
    `      ${difference.path}`,
    `        ${colors.red(`- ${`${names.recorded}:`.padEnd(width)} ${show(difference, 'recorded')}`)}`,
    `        ${colors.green(`+ ${`${names.actual}:`.padEnd(width)} ${show(difference, 'actual')}`)}`,
  ];
}

function show(difference: Difference, side: 'recorded' | 'actual'): string {
  if (!(side in difference)) return '(absent)';
  const text = JSON.stringify(difference[side]);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}… (${text.length} chars)` : text;
}

/** The closing lines: totals, and server requests the recording could not answer. */
export function formatSummary(
  summary: ReplaySummary,
  durationMs: number,
  colors: Colors,
): string[] {
  const parts = [
    colors.green(`${summary.same} same`),
    summary.different > 0 ? colors.red(`${summary.different} different`) : `0 different`,
  ];
  if (summary.failed > 0) parts.push(colors.red(`${summary.failed} failed`));
  if (summary.cancelled > 0) parts.push(`${summary.cancelled} cancelled`);
  if (summary.unanswered > 0) parts.push(`${summary.unanswered} unanswered in the recording`);
  const lines: string[] = [];
  for (const request of summary.serverRequests.unmatched) {
    lines.push(
      `  ${colors.red('✗')} the server sent ${request.method}, which the recording has no answer for: ${clip(JSON.stringify(request.params ?? {}))}`,
    );
  }
  const notices = summary.serverNotifications;
  const noticeCount =
    notices.same + notices.different + notices.missing + notices.extra + notices.unmatchedLogs;
  if (noticeCount > 0) {
    const changed = [
      notices.different > 0 && colors.red(`${notices.different} different`),
      notices.missing > 0 && colors.red(`${notices.missing} missing`),
      notices.extra > 0 && colors.red(`${notices.extra} new`),
      notices.unmatchedLogs > 0 &&
        colors.yellow(`${notices.unmatchedLogs} log message(s) on one side only (not a failure)`),
    ].filter((part) => part !== false);
    lines.push(
      `${plural(noticeCount, 'server notification')} compared: ${[colors.green(`${notices.same} same`), ...changed].join(', ')}`,
    );
  }
  const sessions = summary.handshakes === 1 ? '1 session' : `${summary.handshakes} sessions`;
  lines.push(
    `${summary.requests} request${summary.requests === 1 ? '' : 's'} replayed in ${sessions} (${Math.round(durationMs)} ms): ${parts.join(', ')}`,
  );
  return lines;
}

function clip(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

/**
 * Whether the replay found any difference: a changed, failed or unexpected response, or a
 * server notification that changed, went missing or is new.
 */
export function differs(summary: ReplaySummary): boolean {
  const notices = summary.serverNotifications;
  return (
    summary.different > 0 ||
    summary.failed > 0 ||
    summary.serverRequests.unmatched.length > 0 ||
    notices.different + notices.missing + notices.extra > 0
  );
}
