import type { TrafficEntry } from '@mcpscope/protocol';

/** The server notifications of a session, plus what rows need to look up. */
export interface NotificationIndex {
  /** s2c notification entries, oldest first. */
  items: TrafficEntry[];
  /** How many notifications each method has. */
  counts: Map<string, number>;
  /** c2s request entries by `JSON.stringify(params._meta.progressToken)`. */
  progressRequests: Map<string, TrafficEntry>;
  /** The level of the newest `logging/setLevel` this client sent, if any. */
  setLevel: string | undefined;
}

interface Cache extends NotificationIndex {
  firstSeq: number;
  /** Entries already looked at. */
  scanned: number;
}

// Keyed by the session's entries array, which the store appends to in place: each version
// only scans what arrived since the last one instead of 100k entries per new message.
const caches = new WeakMap<TrafficEntry[], Cache>();

interface Message {
  method?: unknown;
  params?: { level?: unknown; progressToken?: unknown; _meta?: { progressToken?: unknown } };
}

/** The method of a JSON-RPC message, or '' when it has none. */
export function methodOf(entry: TrafficEntry): string {
  const method = (entry.msg as Message | undefined)?.method;
  return typeof method === 'string' ? method : '';
}

/** The key a progress token is indexed under: tokens 1 and "1" are different tokens. */
export function tokenKey(token: unknown): string {
  return JSON.stringify(token) ?? '';
}

/** The index for `entries`, brought up to date with whatever was appended since last time. */
export function notificationIndex(entries: TrafficEntry[]): NotificationIndex {
  let cache = caches.get(entries);
  const first = entries[0]?.seq ?? 0;
  // Entries are dropped from the front when the store trims, and cleared on a reset.
  if (cache === undefined || cache.firstSeq !== first || cache.scanned > entries.length) {
    cache = {
      items: [],
      counts: new Map(),
      progressRequests: new Map(),
      setLevel: undefined,
      firstSeq: first,
      scanned: 0,
    };
    caches.set(entries, cache);
  }
  for (let i = cache.scanned; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.kind === 'notification' && entry.dir === 's2c') {
      cache.items.push(entry);
      const method = methodOf(entry);
      cache.counts.set(method, (cache.counts.get(method) ?? 0) + 1);
    } else if (entry.kind === 'request' && entry.dir === 'c2s') {
      const msg = entry.msg as Message | undefined;
      const token = msg?.params?._meta?.progressToken;
      if (token !== undefined) cache.progressRequests.set(tokenKey(token), entry);
      if (msg?.method === 'logging/setLevel' && typeof msg.params?.level === 'string')
        cache.setLevel = msg.params.level;
      // 2026-07-28: the level rides in every request's _meta.
      const metaLevel = (msg?.params?._meta as Record<string, unknown> | undefined)?.[
        'io.modelcontextprotocol/logLevel'
      ];
      if (typeof metaLevel === 'string') cache.setLevel = metaLevel;
    }
  }
  cache.scanned = entries.length;
  // A fresh object each call, so React sees a change; the arrays inside are shared.
  return {
    items: cache.items,
    counts: cache.counts,
    progressRequests: cache.progressRequests,
    setLevel: cache.setLevel,
  };
}

const texts = new WeakMap<TrafficEntry, string>();

/** Lower-cased JSON of an entry's message, computed once, for the text filter. */
export function searchText(entry: TrafficEntry): string {
  let text = texts.get(entry);
  if (text === undefined) {
    text = (JSON.stringify(entry.msg) ?? '').toLowerCase();
    texts.set(entry, text);
  }
  return text;
}

/** Log levels of `notifications/message`, least severe first (RFC 5424 order, reversed). */
export const LEVELS = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
] as const;
/** @see LEVELS */
export type Level = (typeof LEVELS)[number];

/** Rank of a level. Unknown levels pass every filter: a level filter must not hide a message the server got wrong. */
export function levelRank(level: unknown): number {
  const i = LEVELS.indexOf(level as Level);
  return i < 0 ? LEVELS.length : i;
}

/** Wall-clock time of an entry: the session's start plus the entry's offset. */
export function clockTime(createdAt: string, t: number): string {
  const start = Date.parse(createdAt);
  if (Number.isNaN(start)) return `+${(t / 1000).toFixed(3)} s`;
  const date = new Date(start + t);
  return `${date.toLocaleTimeString(undefined, { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}
