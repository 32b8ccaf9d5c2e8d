import type { TrafficEntry } from '@mcpscope/protocol';

interface Counts {
  scanned: number;
  firstSeq: number;
  notifications: number;
  stderr: number;
}

// Per entries array (one per session, appended in place): each update counts only what is new.
const counts = new WeakMap<TrafficEntry[], Counts>();

/** Counts for the panel navigation's badges, kept up to date incrementally. */
export function panelBadges(entries: TrafficEntry[]): Record<string, number> {
  const firstSeq = entries[0]?.seq ?? 0;
  let c = counts.get(entries);
  if (c === undefined || c.firstSeq !== firstSeq || c.scanned > entries.length) {
    // New session, or old entries were dropped from the front: count again.
    c = { scanned: 0, firstSeq, notifications: 0, stderr: 0 };
    counts.set(entries, c);
  }
  for (let i = c.scanned; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.kind === 'notification' && entry.dir === 's2c') c.notifications++;
    else if (entry.kind === 'stderr') c.stderr++;
  }
  c.scanned = entries.length;
  return { notifications: c.notifications, stderr: c.stderr, log: entries.length };
}
