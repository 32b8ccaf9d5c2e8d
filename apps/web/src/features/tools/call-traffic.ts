import type { TrafficEntry } from '@mcpscope/protocol';
import { entryBySeq, type SessionView } from '../../lib/store';
import type { ToolCall } from './tools-store';

/** The latest `notifications/progress` of a call. */
export interface Progress {
  progress: number;
  total: number | undefined;
  message: string | undefined;
  /** How many progress notifications arrived. */
  count: number;
}

/** The traffic entries that belong to one call. */
export interface CallTraffic {
  request: TrafficEntry | undefined;
  response: TrafficEntry | undefined;
  progressToken: string | number | undefined;
  progress: Progress | undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function indexOfSeq(view: SessionView, seq: number): number {
  const first = view.entries[0];
  if (first === undefined) return 0;
  return Math.min(Math.max(0, seq - first.seq), view.entries.length);
}

/** Finds a call's request, response and latest progress in the session's traffic. */
export function callTraffic(view: SessionView, call: ToolCall): CallTraffic {
  // Named by the proxy (as the request went out, or in the outcome): never guessed.
  const requestSeq = call.requestSeq ?? call.outcome?.requestSeq;
  const request = requestSeq === undefined ? undefined : entryBySeq(view, requestSeq);
  const response =
    call.outcome?.responseSeq !== undefined
      ? entryBySeq(view, call.outcome.responseSeq)
      : undefined;
  const meta = record(record(record(request?.msg)?.params)?._meta);
  const token = meta?.progressToken;
  const progressToken = typeof token === 'string' || typeof token === 'number' ? token : undefined;
  let progress: Progress | undefined;
  if (request !== undefined && progressToken !== undefined) {
    const end = response?.seq ?? Number.POSITIVE_INFINITY;
    for (let i = indexOfSeq(view, request.seq + 1); i < view.entries.length; i++) {
      const entry = view.entries[i];
      if (entry === undefined) continue;
      if (entry.seq > end) break;
      if (entry.dir !== 's2c' || entry.kind !== 'notification') continue;
      const msg = record(entry.msg);
      const params = record(msg?.params);
      if (msg?.method !== 'notifications/progress' || params?.progressToken !== progressToken)
        continue;
      progress = {
        progress: Number(params.progress),
        total: typeof params.total === 'number' ? params.total : undefined,
        message: typeof params.message === 'string' ? params.message : undefined,
        count: (progress?.count ?? 0) + 1,
      };
    }
  }
  return { request, response, progressToken, progress };
}
