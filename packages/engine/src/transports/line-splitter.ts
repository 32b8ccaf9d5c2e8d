/** The default cap on one line; see docs/limits.md. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
/** How much of a line over the cap is kept, for the user to see what it was. */
export const LONG_LINE_HEAD_BYTES = 64 * 1024;

export interface LineSplitterOptions {
  /** A line longer than this is not buffered whole: only its head is kept. Default 64 MiB. */
  maxLineBytes?: number;
  /**
   * Called once a line over the cap ends (or at {@link LineSplitter.flush}), with its first
   * {@link LONG_LINE_HEAD_BYTES} bytes (at most `maxLineBytes`) and its full length. Without
   * it, the head is passed to `onLine` as if it were the line.
   */
  onLongLine?: (head: Buffer, totalBytes: number) => void;
}

/**
 * Splits a byte stream into newline-terminated lines without re-copying what it already
 * holds: a 20 MB line arriving in 64 KB chunks is concatenated once, not once per chunk.
 * Lines are split on the LF byte, which never occurs inside a multi-byte UTF-8 sequence;
 * a trailing CR is dropped. A line over the cap is counted, not kept: memory stays bounded
 * by the cap whatever a peer writes.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  /** Set while dropping the rest of a line over the cap: its head and its length so far. */
  private long: { head: Buffer; bytes: number } | undefined;
  private readonly maxLineBytes: number;
  private readonly onLongLine: (head: Buffer, totalBytes: number) => void;

  constructor(
    private readonly onLine: (line: Buffer) => void,
    options: LineSplitterOptions = {},
  ) {
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.onLongLine = options.onLongLine ?? ((head) => onLine(head));
  }

  /** Bytes received since the last complete line (for a line over the cap: all of them). */
  get pendingBytes(): number {
    return this.long?.bytes ?? this.partBytes;
  }

  push(chunk: Buffer): void {
    let start = 0;
    let nl = chunk.indexOf(10);
    while (nl !== -1) {
      if (this.long !== undefined) {
        this.endLong(nl - start);
      } else if (this.partBytes + (nl - start) > this.maxLineBytes) {
        this.startLong(chunk.subarray(start, nl));
        this.endLong(0);
      } else {
        let line = chunk.subarray(start, nl);
        if (this.parts.length > 0) {
          this.parts.push(line);
          line = Buffer.concat(this.parts, this.partBytes + line.length);
          this.parts = [];
          this.partBytes = 0;
        }
        if (line.length > 0 && line[line.length - 1] === 13)
          line = line.subarray(0, line.length - 1);
        this.onLine(line);
      }
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start >= chunk.length) return;
    const rest = chunk.subarray(start);
    if (this.long !== undefined) this.long.bytes += rest.length;
    else if (this.partBytes + rest.length > this.maxLineBytes) this.startLong(rest);
    else {
      this.parts.push(rest);
      this.partBytes += rest.length;
    }
  }

  /** What is left without a final newline, if anything; the splitter is empty afterwards. */
  flush(): Buffer | undefined {
    if (this.long !== undefined) {
      this.endLong(0);
      return undefined;
    }
    if (this.parts.length === 0) return undefined;
    const rest = Buffer.concat(this.parts, this.partBytes);
    this.parts = [];
    this.partBytes = 0;
    return rest;
  }

  /** The line so far plus `more` is over the cap: keep its head (a copy), count the rest. */
  private startLong(more: Buffer): void {
    const keep = Math.min(LONG_LINE_HEAD_BYTES, this.maxLineBytes);
    const head = Buffer.concat([...this.parts, more], Math.min(keep, this.partBytes + more.length));
    this.long = { head: Buffer.from(head), bytes: this.partBytes + more.length };
    this.parts = [];
    this.partBytes = 0;
  }

  private endLong(moreBytes: number): void {
    const long = this.long!;
    this.long = undefined;
    this.onLongLine(long.head, long.bytes + moreBytes);
  }
}
