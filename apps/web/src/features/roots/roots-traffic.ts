import type { TrafficEntry } from '@mcpscope/protocol';

/** The server's most recent `roots/list` request and what the proxy answered. */
export interface RootsAsked {
  /** How many times the server asked in this session. */
  count: number;
  request: TrafficEntry;
  response: TrafficEntry | undefined;
}

function methodOf(entry: TrafficEntry): unknown {
  return (entry.msg as { method?: unknown } | undefined)?.method;
}

/** Finds the newest s2c `roots/list` request and its c2s response (paired by `pairSeq`). */
export function findRootsAsked(entries: readonly TrafficEntry[]): RootsAsked | undefined {
  let count = 0;
  let request: TrafficEntry | undefined;
  let response: TrafficEntry | undefined;
  for (const entry of entries) {
    if (entry.dir === 's2c' && entry.kind === 'request' && methodOf(entry) === 'roots/list') {
      count++;
      request = entry;
      response = undefined;
    } else if (
      request !== undefined &&
      entry.dir === 'c2s' &&
      (entry.kind === 'response' || entry.kind === 'error') &&
      entry.pairSeq === request.seq
    ) {
      response = entry;
    }
  }
  return request === undefined ? undefined : { count, request, response };
}

/** Wall-clock time of an entry: the session's start plus the entry's offset. */
export function clockTime(createdAt: string, t: number): string {
  const start = Date.parse(createdAt);
  if (Number.isNaN(start)) return `+${(t / 1000).toFixed(3)} s`;
  return new Date(start + t).toLocaleTimeString(undefined, { hour12: false });
}
