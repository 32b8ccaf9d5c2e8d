import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every this many entries, the byte offset of an entry's line is remembered. */
const INDEX_EVERY = 128;

let processDir: string | undefined;
let openInDir = 0;
let exitHook = false;

/**
 * The private directory of this process's spill files (0700, created on first use), removed
 * with its last file and when the process exits: spill files hold unredacted traffic and are
 * nobody's business after.
 */
function spillDir(): string {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', removeSpillDir);
  }
  processDir ??= mkdtempSync(join(tmpdir(), 'mcpscope-spill-'));
  return processDir;
}

function removeSpillDir(): void {
  if (processDir !== undefined) rmSync(processDir, { recursive: true, force: true });
  processDir = undefined;
}

let nextFile = 0;

/**
 * One session's traffic on disk, as JSON Lines, so that entries the memory window dropped can
 * be read back. Lines are appended in seq order, in batches, with one write in flight at a
 * time; a sparse index (seq -> byte offset every {@link INDEX_EVERY} entries) finds any seq with
 * one positioned read. A write failure (disk full) stops spilling; reads then fail with it.
 */
export class SpillFile {
  private queue: string[] = [];
  private queuedBytes = 0;
  /** Bytes appended so far (written or queued): the offset of the next line. */
  private end = 0;
  private written = 0;
  private firstSeq: number | undefined;
  private nextSeq = 0;
  private readonly offsets: number[] = [];
  private writing: Promise<void> | undefined;
  private failure: Error | undefined;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly handle: Promise<FileHandle>,
    private readonly inProcessDir: boolean,
  ) {}

  /** Creates an empty spill file (0600) in the process's private spill directory, or in `dir`. */
  static create(dir?: string): SpillFile {
    const inProcessDir = dir === undefined;
    const path = join(dir ?? spillDir(), `session-${nextFile++}.jsonl`);
    // Created synchronously with its mode, so no other user can ever open it; then reopened
    // as a FileHandle for positioned asynchronous reads and writes.
    // 'wx': a name collision is a bug, not something to overwrite.
    closeSync(openSync(path, 'wx', 0o600));
    const handle = open(path, 'r+');
    handle.catch(() => undefined);
    if (inProcessDir) openInDir++;
    return new SpillFile(path, handle, inProcessDir);
  }

  /** The first write or open error, if any. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Bytes of traffic appended. */
  get size(): number {
    return this.end;
  }

  /** Appends the line of entry `seq`; seqs must be consecutive. Written soon, not now. */
  append(seq: number, line: string): void {
    if (this.closed || this.failure !== undefined) return;
    if (this.firstSeq === undefined) {
      this.firstSeq = seq;
      this.nextSeq = seq;
    }
    if (seq !== this.nextSeq) throw new Error(`spill: seq ${seq} after ${this.nextSeq - 1}`);
    if ((seq - this.firstSeq) % INDEX_EVERY === 0) this.offsets.push(this.end);
    const text = line + '\n';
    const bytes = Buffer.byteLength(text);
    this.queue.push(text);
    this.queuedBytes += bytes;
    this.end += bytes;
    this.nextSeq++;
    this.writing ??= this.drain();
  }

  /** Whether entries from `seq` on are in this file. */
  has(seq: number): boolean {
    return this.firstSeq !== undefined && seq >= this.firstSeq && seq < this.nextSeq;
  }

  /**
   * The lines of the entries with `fromSeq <= seq < toSeq` that the file holds, in order.
   * Waits for queued lines to reach the disk first.
   */
  async read(fromSeq: number, toSeq: number): Promise<string[]> {
    await this.flushed();
    if (this.failure !== undefined) throw this.failure;
    const first = this.firstSeq;
    if (first === undefined) return [];
    const from = Math.max(fromSeq, first);
    const to = Math.min(toSeq, this.nextSeq);
    if (from >= to) return [];
    const block = Math.floor((from - first) / INDEX_EVERY);
    const start = this.offsets[block]!;
    const endBlock = Math.ceil((to - first) / INDEX_EVERY);
    const stop = this.offsets[endBlock] ?? this.written;
    const buffer = Buffer.allocUnsafe(stop - start);
    const handle = await this.handle;
    let done = 0;
    while (done < buffer.length) {
      const { bytesRead } = await handle.read(buffer, done, buffer.length - done, start + done);
      if (bytesRead === 0) throw new Error(`spill file ${this.path} is shorter than expected`);
      done += bytesRead;
    }
    const lines = buffer.toString('utf8').split('\n');
    const skip = from - (first + block * INDEX_EVERY);
    return lines.slice(skip, skip + (to - from));
  }

  /** Resolves once everything appended so far is on disk (or failed to get there). */
  async flushed(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
  }

  /** Stops appending and deletes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushed();
    this.queue = [];
    try {
      await (await this.handle).close();
    } catch {
      // It never opened: nothing to close.
    }
    await unlink(this.path).catch(() => undefined);
    if (this.inProcessDir && --openInDir === 0) removeSpillDir();
  }

  private async drain(): Promise<void> {
    try {
      const handle = await this.handle;
      while (this.queue.length > 0 && !this.closed) {
        const chunk = this.queue.join('');
        const bytes = this.queuedBytes;
        this.queue = [];
        this.queuedBytes = 0;
        await handle.write(chunk, this.written, 'utf8');
        this.written += bytes;
      }
    } catch (error) {
      this.failure = error as Error;
      this.queue = [];
    } finally {
      this.writing = undefined;
    }
  }
}
