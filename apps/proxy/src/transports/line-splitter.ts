/**
 * Splits a byte stream into newline-terminated lines without re-copying what it already
 * holds: a 20 MB line arriving in 64 KB chunks is concatenated once, not once per chunk.
 * Lines are split on the LF byte, which never occurs inside a multi-byte UTF-8 sequence;
 * a trailing CR is dropped.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;

  constructor(private readonly onLine: (line: Buffer) => void) {}

  /** Bytes received since the last complete line. */
  get pendingBytes(): number {
    return this.partBytes;
  }

  push(chunk: Buffer): void {
    let start = 0;
    let nl = chunk.indexOf(10);
    while (nl !== -1) {
      let line = chunk.subarray(start, nl);
      if (this.parts.length > 0) {
        this.parts.push(line);
        line = Buffer.concat(this.parts, this.partBytes + line.length);
        this.parts = [];
        this.partBytes = 0;
      }
      if (line.length > 0 && line[line.length - 1] === 13) line = line.subarray(0, line.length - 1);
      this.onLine(line);
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.parts.push(rest);
      this.partBytes += rest.length;
    }
  }

  /** What is left without a final newline, if anything; the splitter is empty afterwards. */
  flush(): Buffer | undefined {
    if (this.parts.length === 0) return undefined;
    const rest = Buffer.concat(this.parts, this.partBytes);
    this.parts = [];
    this.partBytes = 0;
    return rest;
  }
}
