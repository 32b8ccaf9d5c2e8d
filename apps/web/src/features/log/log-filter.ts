import type { Direction, EntryKind, TrafficEntry } from '@mcpscope/protocol';
import { methodOf, searchTextOf } from './entry-text';

/** What the traffic list shows. */
export interface LogFilter {
  kinds: ReadonlySet<EntryKind>;
  dir: Direction | 'all';
  method: string;
  search: string;
  problemsOnly: boolean;
}

export const ALL_KINDS: EntryKind[] = [
  'request',
  'response',
  'notification',
  'error',
  'raw',
  'stderr',
  'http',
  'lifecycle',
];

export function defaultFilter(): LogFilter {
  return { kinds: new Set(ALL_KINDS), dir: 'all', method: '', search: '', problemsOnly: false };
}

/** A key that changes whenever the filter does. */
export function filterKey(filter: LogFilter): string {
  return JSON.stringify([
    [...filter.kinds].sort(),
    filter.dir,
    filter.method,
    filter.search,
    filter.problemsOnly,
  ]);
}

/**
 * Tests one entry. `methodFor` gives a response the method of its request, so filtering by
 * `tools/call` keeps both halves of each call.
 */
export function matches(
  entry: TrafficEntry,
  filter: LogFilter,
  methodFor: (entry: TrafficEntry) => string | undefined,
): boolean {
  if (!filter.kinds.has(entry.kind)) return false;
  if (filter.dir !== 'all' && entry.dir !== filter.dir) return false;
  if (filter.problemsOnly && !(entry.issues ?? []).some((i) => i.severity !== 'info')) return false;
  if (filter.method !== '') {
    const method = methodOf(entry) ?? methodFor(entry);
    if (method === undefined || !method.toLowerCase().includes(filter.method.toLowerCase()))
      return false;
  }
  if (filter.search !== '' && !searchTextOf(entry).includes(filter.search.toLowerCase()))
    return false;
  return true;
}
