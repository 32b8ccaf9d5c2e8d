import type { TrafficEntry } from '@mcpscope/protocol';

/**
 * The newest traffic entries of a session, bounded by count and by bytes: a ring buffer, so
 * that a full window costs one slot write per entry instead of shifting an array. Entries are
 * contiguous by seq. The newest entry is always kept, even when it alone exceeds the byte
 * budget (it is the one a panel is most likely to ask for whole).
 */
export class HistoryWindow {
  private readonly items: (TrafficEntry | undefined)[];
  private readonly sizes: Float64Array;
  private head = 0;
  private count = 0;
  private total = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    this.items = new Array<TrafficEntry | undefined>(maxEntries);
    this.sizes = new Float64Array(maxEntries);
  }

  /** Entries held. */
  get length(): number {
    return this.count;
  }

  /** Sum of the sizes given to {@link push} for the entries held. */
  get bytes(): number {
    return this.total;
  }

  /** Seq of the oldest entry held, or undefined when empty. */
  get firstSeq(): number | undefined {
    return this.items[this.head]?.seq;
  }

  /** Adds the newest entry (its seq must follow the previous one) and drops what no longer fits. */
  push(entry: TrafficEntry, bytes: number): void {
    if (this.count === this.maxEntries) this.dropOldest();
    const slot = (this.head + this.count) % this.maxEntries;
    this.items[slot] = entry;
    this.sizes[slot] = bytes;
    this.count++;
    this.total += bytes;
    while (this.total > this.maxBytes && this.count > 1) this.dropOldest();
  }

  /** The entry with this seq, if it is still held. */
  get(seq: number): TrafficEntry | undefined {
    const slot = this.slotOf(seq);
    return slot === undefined ? undefined : this.items[slot];
  }

  /** The size recorded for this seq, if it is still held. */
  sizeOf(seq: number): number | undefined {
    const slot = this.slotOf(seq);
    return slot === undefined ? undefined : this.sizes[slot];
  }

  /** Held entries with `fromSeq <= seq < toSeq`, in seq order. */
  range(fromSeq: number, toSeq = Number.POSITIVE_INFINITY): TrafficEntry[] {
    const first = this.firstSeq;
    if (first === undefined) return [];
    const from = Math.max(0, fromSeq - first);
    const to = Math.min(this.count, toSeq - first);
    const out: TrafficEntry[] = [];
    for (let i = from; i < to; i++) out.push(this.items[(this.head + i) % this.maxEntries]!);
    return out;
  }

  private slotOf(seq: number): number | undefined {
    const first = this.firstSeq;
    if (first === undefined || seq < first || seq >= first + this.count) return undefined;
    return (this.head + (seq - first)) % this.maxEntries;
  }

  private dropOldest(): void {
    this.total -= this.sizes[this.head]!;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.maxEntries;
    this.count--;
  }
}
