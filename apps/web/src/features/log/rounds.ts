import type { TrafficEntry } from '@mcpscope/protocol';

/** The round of a multi-round-trip call an entry belongs to, from itself or its request. */
export function roundOf(
  entry: TrafficEntry,
  request: TrafficEntry | undefined,
): { of: number; n: number } | undefined {
  return entry.round ?? request?.round;
}

/**
 * All entries of the logical call the entry belongs to (2026-07-28 `input_required` rounds):
 * the first request `of`, every retry whose `round.of` is `of`, and their responses. Empty
 * when the entry is not part of a multi-round call.
 */
export function roundSiblings(
  entries: readonly TrafficEntry[],
  entry: TrafficEntry,
  request: TrafficEntry | undefined,
): ReadonlySet<number> {
  const of = roundOf(entry, request)?.of ?? (entry.kind === 'request' ? entry.seq : request?.seq);
  if (of === undefined) return new Set();
  const requests = new Set<number>();
  for (const e of entries) if (e.round?.of === of) requests.add(e.seq);
  if (requests.size === 0) return new Set();
  requests.add(of);
  const all = new Set(requests);
  for (const e of entries) if (e.pairSeq !== undefined && requests.has(e.pairSeq)) all.add(e.seq);
  return all;
}

/** The 2026-07-28 result fields worth a chip: `resultType`, `ttlMs`, `cacheScope`. */
export function resultChips(entry: TrafficEntry): string[] {
  if (entry.kind !== 'response') return [];
  const msg = entry.msg as { result?: unknown } | undefined;
  const result = msg?.result;
  if (typeof result !== 'object' || result === null) return [];
  const r = result as Record<string, unknown>;
  const chips: string[] = [];
  if (typeof r['resultType'] === 'string') chips.push(r['resultType']);
  if (typeof r['ttlMs'] === 'number') chips.push(`ttl ${r['ttlMs']}ms`);
  if (typeof r['cacheScope'] === 'string') chips.push(r['cacheScope']);
  return chips;
}
