import type { TrafficEntry } from '@mcpscope/protocol';
import { checkPath } from '../common/jsonpath.js';
import {
  asText,
  countMismatch,
  minimumOf,
  regexMatches,
  type CountRange,
} from '../common/matchers.js';
import type { DocPath } from './source-map.js';
import type { Expect, LogExpectation } from './spec-schema.js';

/**
 * Expectations that count messages the server sends during a step: progress, log
 * messages, list_changed, any notification, and requests to the client. The runner waits
 * (up to the step's notificationTimeout) until every lower bound is met, then checks all.
 */

/** One counting expectation. */
export interface CountCheck {
  /** e.g. `expect.log[0]`. */
  expectation: string;
  path: DocPath;
  /** What is counted, in words: `notifications/message with level error`. */
  what: string;
  range: CountRange;
  counts: (entry: TrafficEntry) => boolean;
}

const methodOf = (entry: TrafficEntry): unknown =>
  (entry.msg as { method?: unknown } | undefined)?.method;
const paramsOf = (entry: TrafficEntry): Record<string, unknown> =>
  ((entry.msg as { params?: unknown } | undefined)?.params ?? {}) as Record<string, unknown>;

/**
 * Whether a 2026-07-28 `input_required` result asks for `method` among its inputRequests:
 * the modern era's way to ask the client, which a spec answers and counts like a request.
 */
function asksForInput(entry: TrafficEntry, method: string): boolean {
  if (entry.kind !== 'response') return false;
  const result = (entry.msg as { result?: unknown } | undefined)?.result as
    { resultType?: unknown; inputRequests?: Record<string, { method?: unknown }> } | undefined;
  if (result?.resultType !== 'input_required' || typeof result.inputRequests !== 'object')
    return false;
  return Object.values(result.inputRequests ?? {}).some((r) => r?.method === method);
}

const isNotification = (method: string) => (entry: TrafficEntry) =>
  entry.dir === 's2c' && entry.kind === 'notification' && methodOf(entry) === method;

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function logCheck(log: LogExpectation, index: number, many: boolean): CountCheck {
  const levels = list(log.level);
  const filters: string[] = [];
  if (levels.length > 0) filters.push(`level ${levels.join(' or ')}`);
  if (log.logger !== undefined) filters.push(`logger ${JSON.stringify(log.logger)}`);
  for (const part of list(log.contains)) filters.push(`data containing ${JSON.stringify(part)}`);
  if (log.matches !== undefined) filters.push(`data matching ${log.matches}`);
  const base = isNotification('notifications/message');
  return {
    expectation: many ? `expect.log[${index}]` : 'expect.log',
    path: many ? ['expect', 'log', index] : ['expect', 'log'],
    what: `log message (notifications/message)${filters.length > 0 ? ` with ${filters.join(', ')}` : ''}`,
    range: log,
    counts: (entry) => {
      if (!base(entry)) return false;
      const params = paramsOf(entry);
      const data = asText(params['data']);
      return (
        (levels.length === 0 || levels.includes(params['level'] as never)) &&
        (log.logger === undefined || params['logger'] === log.logger) &&
        list(log.contains).every((part) => data.includes(part)) &&
        (log.matches === undefined || regexMatches(log.matches, data))
      );
    },
  };
}

/** The counting checks of a step's expectations. */
export function countChecks(expect: Expect | undefined): CountCheck[] {
  if (expect === undefined) return [];
  const checks: CountCheck[] = [];
  if (expect.progress !== undefined) {
    checks.push({
      expectation: 'expect.progress',
      path: ['expect', 'progress'],
      what: 'progress notifications (notifications/progress)',
      range: typeof expect.progress === 'number' ? { count: expect.progress } : expect.progress,
      counts: isNotification('notifications/progress'),
    });
  }
  const logs = list(expect.log);
  logs.forEach((log, i) => checks.push(logCheck(log, i, Array.isArray(expect.log))));
  const kinds = list(expect.listChanged);
  kinds.forEach((kind, i) => {
    const method = `notifications/${kind}/list_changed`;
    checks.push({
      expectation: Array.isArray(expect.listChanged)
        ? `expect.listChanged[${i}]`
        : 'expect.listChanged',
      path: Array.isArray(expect.listChanged)
        ? ['expect', 'listChanged', i]
        : ['expect', 'listChanged'],
      what: method,
      range: { min: 1 },
      counts: isNotification(method),
    });
  });
  (expect.notifications ?? []).forEach((n, i) => {
    const base = isNotification(n.method);
    checks.push({
      expectation: `expect.notifications[${i}]`,
      path: ['expect', 'notifications', i],
      what: `${n.method}${n.params !== undefined ? ' with matching params' : ''}`,
      range: n,
      counts: (entry) =>
        base(entry) &&
        (n.params ?? []).every((assertion) => checkPath(paramsOf(entry), assertion).length === 0),
    });
  });
  (expect.serverRequests ?? []).forEach((r, i) => {
    checks.push({
      expectation: `expect.serverRequests[${i}]`,
      path: ['expect', 'serverRequests', i],
      what: `${r.method} requests from the server`,
      range: r,
      counts: (entry) =>
        entry.dir === 's2c' &&
        ((entry.kind === 'request' && methodOf(entry) === r.method) ||
          asksForInput(entry, r.method)),
    });
  });
  return checks;
}

/** Whether every lower bound is met, so waiting can stop. */
export function lowerBoundsMet(
  checks: readonly CountCheck[],
  entries: readonly TrafficEntry[],
): boolean {
  return checks.every((check) => entries.filter(check.counts).length >= minimumOf(check.range));
}

/** Failures of the counting checks, each with what did arrive, to tell a miss from a typo. */
export function countFailures(
  checks: readonly CountCheck[],
  entries: readonly TrafficEntry[],
): { expectation: string; path: DocPath; message: string; expected: string; actual: unknown }[] {
  const out = [];
  for (const check of checks) {
    const matching = entries.filter(check.counts);
    const wanted = countMismatch(matching.length, check.range);
    if (wanted === undefined) continue;
    out.push({
      expectation: check.expectation,
      path: check.path,
      message: `expected ${wanted} ${check.what}, got ${matching.length}`,
      expected: `${wanted} ${check.what}`,
      actual: { count: matching.length, received: receivedSummary(entries) },
    });
  }
  return out;
}

/** What the server sent during the step: `notifications/message ×2 (info, error)`. */
export function receivedSummary(entries: readonly TrafficEntry[]): string[] {
  const groups = new Map<string, string[]>();
  for (const entry of entries) {
    if (entry.dir !== 's2c' || (entry.kind !== 'notification' && entry.kind !== 'request'))
      continue;
    const method = String(methodOf(entry));
    const detail =
      method === 'notifications/message'
        ? `${String(paramsOf(entry)['level'])}: ${asText(paramsOf(entry)['data']).slice(0, 60)}`
        : undefined;
    const group = groups.get(method) ?? [];
    if (detail !== undefined) group.push(detail);
    else group.push('');
    groups.set(method, group);
  }
  return [...groups].map(([method, details]) => {
    const shown = details.filter((d) => d !== '');
    return `${method} ×${details.length}${shown.length > 0 ? ` (${shown.slice(0, 3).join('; ')}${shown.length > 3 ? '; …' : ''})` : ''}`;
  });
}
