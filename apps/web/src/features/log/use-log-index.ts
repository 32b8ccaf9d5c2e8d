import type { TrafficEntry } from '@mcpscope/protocol';
import { useMemo } from 'react';
import { entryBySeq, type SessionView } from '../../lib/store';
import { methodOf } from './entry-text';
import { filterKey, matches, type LogFilter } from './log-filter';

interface Index {
  firstSeq: number;
  scanned: number;
  rows: TrafficEntry[];
}

interface SessionIndexes {
  responses: Map<number, TrafficEntry>;
  responsesScanned: number;
  /** Seq of the first entry when `responses` was built: older pages paged in change it. */
  responsesFirstSeq: number;
  byFilter: Map<string, Index>;
}

// Keyed by the session's entries array (one per session, appended in place), outside React
// state so that an index survives re-renders and panel switches.
const indexes = new WeakMap<TrafficEntry[], SessionIndexes>();

function indexesOf(entries: TrafficEntry[]): SessionIndexes {
  let found = indexes.get(entries);
  if (found === undefined) {
    found = {
      responses: new Map(),
      responsesScanned: 0,
      responsesFirstSeq: entries[0]?.seq ?? 0,
      byFilter: new Map(),
    };
    indexes.set(entries, found);
  }
  return found;
}

/** Request seq → its response entry, brought up to date with the entries. */
function responsesOf(session: SessionView): Map<number, TrafficEntry> {
  const idx = indexesOf(session.entries);
  const entries = session.entries;
  const firstSeq = entries[0]?.seq ?? 0;
  if (idx.responsesScanned > entries.length || idx.responsesFirstSeq !== firstSeq) {
    idx.responses.clear();
    idx.responsesScanned = 0;
    idx.responsesFirstSeq = firstSeq;
  }
  for (let i = idx.responsesScanned; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.pairSeq !== undefined) idx.responses.set(entry.pairSeq, entry);
  }
  idx.responsesScanned = entries.length;
  return idx.responses;
}

/**
 * Filtered rows, updated incrementally: while the filter stays the same, a traffic batch
 * costs only its own entries, not the whole history (a session may hold 100,000 entries).
 */
function rowsOf(session: SessionView, filter: LogFilter): TrafficEntry[] {
  const entries = session.entries;
  const idx = indexesOf(entries);
  const key = filterKey(filter);
  const firstSeq = entries[0]?.seq ?? 0;
  let current = idx.byFilter.get(key);
  if (current === undefined || current.firstSeq !== firstSeq || current.scanned > entries.length) {
    current = { firstSeq, scanned: 0, rows: [] };
  }
  const methodFor = (entry: TrafficEntry): string | undefined =>
    entry.pairSeq === undefined ? undefined : methodOf(entryBySeq(session, entry.pairSeq) ?? entry);
  const rows = current.rows.slice();
  for (let i = current.scanned; i < entries.length; i++) {
    const entry = entries[i]!;
    if (matches(entry, filter, methodFor)) rows.push(entry);
  }
  // Only the newest few filters are worth keeping.
  if (idx.byFilter.size > 8) idx.byFilter.clear();
  idx.byFilter.set(key, { firstSeq, scanned: entries.length, rows });
  return rows;
}

/** The filtered rows of a session and its request/response pairing. */
export function useLogIndex(
  session: SessionView,
  filter: LogFilter,
): {
  rows: TrafficEntry[];
  responseOf: (seq: number) => TrafficEntry | undefined;
  requestOf: (entry: TrafficEntry) => TrafficEntry | undefined;
} {
  const key = filterKey(filter);
  const rows = useMemo(
    () => rowsOf(session, filter),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- entries mutate in place; version says when, key says what
    [session.version, session.summary.id, key],
  );
  return {
    rows,
    responseOf: (seq) => responsesOf(session).get(seq),
    requestOf: (entry) =>
      entry.pairSeq === undefined ? undefined : entryBySeq(session, entry.pairSeq),
  };
}
