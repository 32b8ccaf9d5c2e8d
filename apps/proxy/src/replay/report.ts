import type { ServerConfig } from '@mcpscope/protocol';
import type { Colors } from '../common/colors.js';
import type { Difference } from './compare.js';
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
      const lines = [
        `  ${colors.red('✗')} ${result.label} ${where} ${colors.red(`${result.differences.length} difference${result.differences.length === 1 ? '' : 's'}`)}`,
      ];
      for (const difference of result.differences.slice(0, MAX_DIFFERENCES))
        lines.push(...formatDifference(difference, colors));
      if (result.differences.length > MAX_DIFFERENCES)
        lines.push(
          `      … and ${result.differences.length - MAX_DIFFERENCES} more (--format json has them all)`,
        );
      return lines;
    }
    default: {
      const _exhaustive: never = result.status;
      return [String(_exhaustive)];
    }
  }
}

function formatDifference(difference: Difference, colors: Colors): string[] {
  return [
    `      ${difference.path}`,
    `        ${colors.red(`- recorded: ${show(difference, 'recorded')}`)}`,
    `        ${colors.green(`+ actual:   ${show(difference, 'actual')}`)}`,
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
  const sessions = summary.handshakes === 1 ? '1 session' : `${summary.handshakes} sessions`;
  lines.push(
    `${summary.requests} request${summary.requests === 1 ? '' : 's'} replayed in ${sessions} (${Math.round(durationMs)} ms): ${parts.join(', ')}`,
  );
  return lines;
}

function clip(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

/** Whether the replay found any difference: a changed, failed or unexpected response. */
export function differs(summary: ReplaySummary): boolean {
  return summary.different > 0 || summary.failed > 0 || summary.serverRequests.unmatched.length > 0;
}
