import type { TrafficEntry } from '@mcpscope/protocol';
import type { SessionView } from './store';
import { isObject, type JsonObject } from './mcp-shapes';

/**
 * Facts the panels derive from the traffic log (the source of truth): notifications the
 * server sent, subscriptions it acknowledged. Each is computed incrementally, so calling it on
 * every render stays cheap on a long session, and the result is the same object until
 * something new is found.
 */
interface Scanner<S> {
  init: () => S;
  clone: (state: S) => S;
  /** Folds one entry into the draft; true when it changed it. */
  step: (draft: S, entry: TrafficEntry) => boolean;
}

interface Scan {
  firstSeq: number;
  lastSeq: number;
  state: unknown;
}

// Per traffic array (one per session, mutated in place), per scanner key.
const scans = new WeakMap<TrafficEntry[], Map<string, Scan>>();

function scan<S>(
  view: SessionView,
  key: string,
  scanner: Scanner<S>,
): { state: S; lastSeq: number } {
  const entries = view.entries;
  const first = entries[0];
  const last = entries[entries.length - 1];
  let byKey = scans.get(entries);
  if (byKey === undefined) {
    byKey = new Map();
    scans.set(entries, byKey);
  }
  let done = byKey.get(key);
  // The log was reset or trimmed at the front: start over.
  if (done !== undefined && (done.firstSeq !== first?.seq || done.lastSeq > (last?.seq ?? -1)))
    done = undefined;
  if (first === undefined || last === undefined) return { state: scanner.init(), lastSeq: -1 };
  if (done !== undefined && done.lastSeq === last.seq)
    return { state: done.state as S, lastSeq: last.seq };
  let from = entries.length;
  const after = done?.lastSeq ?? -1;
  while (from > 0 && (entries[from - 1]?.seq ?? -1) > after) from--;
  const before = done === undefined ? scanner.init() : (done.state as S);
  const draft = scanner.clone(before);
  let changed = false;
  for (let i = from; i < entries.length; i++) {
    const entry = entries[i];
    if (entry !== undefined && scanner.step(draft, entry)) changed = true;
  }
  const state = changed ? draft : before;
  byKey.set(key, { firstSeq: first.seq, lastSeq: last.seq, state });
  return { state, lastSeq: last.seq };
}

function methodOf(entry: TrafficEntry): string | undefined {
  return isObject(entry.msg) && typeof entry.msg.method === 'string' ? entry.msg.method : undefined;
}

function paramsOf(entry: TrafficEntry): JsonObject {
  return isObject(entry.msg) && isObject(entry.msg.params) ? entry.msg.params : {};
}

/** A notification the server sent, as the panels use it. */
export interface NotificationHit {
  seq: number;
  /** Milliseconds since session start. */
  t: number;
  params: JsonObject;
}

/** The server's notifications of one method, oldest first. */
export function serverNotifications(view: SessionView, method: string): NotificationHit[] {
  return scan<NotificationHit[]>(view, `notify:${method}`, {
    init: () => [],
    clone: (hits) => [...hits],
    step: (hits, entry) => {
      if (entry.dir !== 's2c' || entry.kind !== 'notification' || methodOf(entry) !== method)
        return false;
      hits.push({ seq: entry.seq, t: entry.t, params: paramsOf(entry) });
      return true;
    },
  }).state;
}

/** True when the server sent `method` after traffic seq `sinceSeq` (e.g. a list_changed). */
export function notifiedSince(
  view: SessionView,
  method: string,
  sinceSeq: number | undefined,
): boolean {
  if (sinceSeq === undefined) return false;
  const hits = serverNotifications(view, method);
  const newest = hits[hits.length - 1];
  return newest !== undefined && newest.seq > sinceSeq;
}

interface SubscriptionScan {
  /** Subscribe/unsubscribe requests awaiting their response, by request seq. */
  asked: Map<number, { subscribe: boolean; uri: string }>;
  /** Subscribed URIs and the seq of the response that confirmed each. */
  subscribed: Map<string, number>;
}

/**
 * The URIs the server holds a subscription for, as the traffic shows it: every
 * `resources/subscribe` it answered with a result, minus later answered
 * `resources/unsubscribe`s, since the last `initialize`. Subscriptions made from another tab,
 * the Traffic panel or before a reload count too.
 */
export function trafficSubscriptions(view: SessionView): {
  subscribed: ReadonlyMap<string, number>;
  lastSeq: number;
} {
  const { state, lastSeq } = scan<SubscriptionScan>(view, 'subscriptions', {
    init: () => ({ asked: new Map(), subscribed: new Map() }),
    clone: (s) => ({ asked: new Map(s.asked), subscribed: new Map(s.subscribed) }),
    step: (s, entry) => {
      if (entry.dir === 'c2s' && entry.kind === 'request') {
        const method = methodOf(entry);
        if (method === 'initialize') {
          s.asked.clear();
          s.subscribed.clear();
          return true;
        }
        if (method !== 'resources/subscribe' && method !== 'resources/unsubscribe') return false;
        const uri = paramsOf(entry).uri;
        if (typeof uri !== 'string') return false;
        s.asked.set(entry.seq, { subscribe: method === 'resources/subscribe', uri });
        return true;
      }
      if (entry.dir !== 's2c' || (entry.kind !== 'response' && entry.kind !== 'error'))
        return false;
      if (entry.pairSeq === undefined) return false;
      const asked = s.asked.get(entry.pairSeq);
      if (asked === undefined) return false;
      s.asked.delete(entry.pairSeq);
      if (entry.kind === 'response') {
        if (asked.subscribe) s.subscribed.set(asked.uri, entry.seq);
        else s.subscribed.delete(asked.uri);
      }
      return true;
    },
  });
  return { subscribed: state.subscribed, lastSeq };
}

/** Wall-clock time of an entry: the session's start plus the entry's offset. */
export function entryTime(view: SessionView, t: number): Date {
  return new Date(Date.parse(view.summary.createdAt) + t);
}
