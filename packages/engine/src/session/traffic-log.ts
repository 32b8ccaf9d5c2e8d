import { performance } from 'node:perf_hooks';
import { isUtf8 } from 'node:buffer';
import {
  classifyMessage,
  idKey,
  leadingResponseId,
  textNestsDeeperThan,
  valueNestsDeeperThan,
  TOO_DEEP_CODE,
  TOO_DEEP_MESSAGE,
  type Diagnostic,
  type Direction,
  type TrafficEntry,
  type TransportFacts,
} from '@mcpscope/protocol';
import { DISPLAY_CAP_BYTES, forDisplay } from './display.js';
import { HistoryWindow } from './history-window.js';
import type { SpillFile } from './spill-file.js';

/** The request a response answers, as the log remembers it while it is pending. */
export interface PendingRequestInfo {
  seq: number;
  t: number;
  method: string;
  params: unknown;
}

/**
 * Adds diagnostics to a message entry before it is published. Called once per JSON-RPC
 * message; `request` is set for responses whose request the log has seen.
 */
export type Diagnoser = (
  entry: TrafficEntry,
  request: PendingRequestInfo | undefined,
) => Diagnostic[] | undefined;

/** Receives each entry once it is complete. `msg` is the parsed message, if any. */
export type EntryListener = (entry: TrafficEntry) => void;

export interface TrafficLogOptions {
  diagnose?: Diagnoser;
  /**
   * How many entries to keep in memory for late readers; older ones are dropped from memory
   * (and, with a `spill`, still read back from it). Default 100,000, or 20,000 with a spill.
   */
  historyLimit?: number;
  /** How many bytes of entry JSON to keep in memory; only counted with a `spill`. Default 32 MiB. */
  historyBytes?: number;
  /**
   * Where every entry also goes, so that the whole session can be read back while memory
   * holds only the newest window. The log closes it in {@link TrafficLog.close}.
   */
  spill?: SpillFile;
  /**
   * Marks every entry `observed`: the log of a tap (`mcpscope tap`), which watches a real host
   * and its server instead of being the client.
   */
  observed?: boolean;
}

/** Defaults of the memory window when entries spill to disk; see docs/limits.md. */
export const SPILL_WINDOW_ENTRIES = 20_000;
export const SPILL_WINDOW_BYTES = 32 * 1024 * 1024;

/** Why older history cannot be read, as a `{code, message}` the socket passes on. */
export class HistoryUnavailable extends Error {
  readonly code = 'HISTORY_UNAVAILABLE';
}

/**
 * The tap: every frame that crosses the target transport becomes an entry here first,
 * numbered, timed and paired, and only then is handed to the recorder and to the engine.
 * Nothing is filtered: a frame that is not JSON-RPC is kept as `raw` with a diagnostic.
 */
export class TrafficLog {
  private nextSeq = 0;
  private readonly t0 = performance.now();
  private readonly history: HistoryWindow;
  private readonly spill: SpillFile | undefined;
  private readonly pending = new Map<string, PendingRequestInfo>();
  private readonly recorders: EntryListener[] = [];
  private readonly listeners = new Set<EntryListener>();
  private diagnose: Diagnoser | undefined;
  private readonly observed: boolean;

  constructor(options: TrafficLogOptions = {}) {
    this.diagnose = options.diagnose;
    this.observed = options.observed === true;
    this.spill = options.spill;
    this.history =
      options.spill === undefined
        ? new HistoryWindow(options.historyLimit ?? 100_000)
        : new HistoryWindow(
            options.historyLimit ?? SPILL_WINDOW_ENTRIES,
            options.historyBytes ?? SPILL_WINDOW_BYTES,
          );
  }

  /** Milliseconds since the session started, from a monotonic clock. */
  now(): number {
    return Math.round((performance.now() - this.t0) * 1000) / 1000;
  }

  /** Replaces the diagnoser, when a new session continues this log. */
  setDiagnoser(diagnose: Diagnoser | undefined): void {
    this.diagnose = diagnose;
  }

  /** Seq of the newest entry, or -1. */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Recorders see every entry before any other listener does. */
  addRecorder(recorder: EntryListener): void {
    this.recorders.push(recorder);
  }

  subscribe(listener: EntryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Entries still in memory with `seq >= sinceSeq`. */
  entries(sinceSeq = 0): TrafficEntry[] {
    return this.history.range(sinceSeq);
  }

  /** The entry with this seq while memory holds it. */
  get(seq: number): TrafficEntry | undefined {
    return this.history.get(seq);
  }

  /** Seq of the oldest entry in memory (`lastSeq + 1` when there is none). */
  get memoryStart(): number {
    return this.history.firstSeq ?? this.nextSeq;
  }

  /**
   * Entries with `fromSeq <= seq < toSeq`, whole: from memory, and from the spill file for
   * what memory no longer holds. Without a spill, older entries are gone: that throws
   * {@link HistoryUnavailable}, as does a spill file that cannot be read.
   */
  read(fromSeq: number, toSeq: number): Promise<TrafficEntry[]> {
    return this.readMapped(fromSeq, toSeq, (entry) => entry);
  }

  /** Like {@link read}, with big payloads cut to a preview as {@link display} does. */
  readForDisplay(fromSeq: number, toSeq: number): Promise<TrafficEntry[]> {
    return this.readMapped(fromSeq, toSeq, (entry, bytes) =>
      forDisplay(entry, bytes ?? this.history.sizeOf(entry.seq) ?? 0),
    );
  }

  /**
   * Like {@link readForDisplay}, as JSON text per entry: lines read from the spill file that
   * are under the display cap are passed on as they are, not parsed and serialised again
   * (an attaching tab may need 80,000 of them).
   */
  async readDisplayJson(fromSeq: number, toSeq: number): Promise<string[]> {
    const memoryStart = this.memoryStart;
    const newer = this.history
      .range(Math.max(fromSeq, memoryStart), toSeq)
      .map((entry) => JSON.stringify(this.display(entry)));
    const lines = await this.readSpilled(fromSeq, Math.min(toSeq, memoryStart));
    const older = lines.map((line) => {
      // A UTF-8 byte is at most 3 per UTF-16 unit: most lines need no byte count at all.
      if (line.length * 3 <= DISPLAY_CAP_BYTES) return line;
      const bytes = Buffer.byteLength(line);
      if (bytes <= DISPLAY_CAP_BYTES) return line;
      return JSON.stringify(forDisplay(JSON.parse(line) as TrafficEntry, bytes));
    });
    return older.length === 0 ? newer : [...older, ...newer];
  }

  private async readMapped(
    fromSeq: number,
    toSeq: number,
    map: (entry: TrafficEntry, bytes: number | undefined) => TrafficEntry,
  ): Promise<TrafficEntry[]> {
    // Memory's part is taken now: while the disk is read, the window may move on.
    const memoryStart = this.memoryStart;
    const newer = this.history
      .range(Math.max(fromSeq, memoryStart), toSeq)
      .map((entry) => map(entry, undefined));
    const lines = await this.readSpilled(fromSeq, Math.min(toSeq, memoryStart));
    const older = lines.map((line) =>
      map(JSON.parse(line) as TrafficEntry, Buffer.byteLength(line)),
    );
    return older.length === 0 ? newer : [...older, ...newer];
  }

  /** One entry whole, or undefined when it does not exist (or memory dropped it and there is no spill). */
  async entry(seq: number): Promise<TrafficEntry | undefined> {
    return (await this.read(seq, seq + 1))[0];
  }

  /**
   * The entry as the UI should get it: a preview when its JSON is over the display cap. Only
   * a spilling log measures entries, so without a spill this is the entry itself.
   */
  display(entry: TrafficEntry): TrafficEntry {
    const bytes = this.history.sizeOf(entry.seq);
    return bytes === undefined ? entry : forDisplay(entry, bytes);
  }

  /** Bytes of an entry's JSON, while memory holds it and the log measures (spilling logs do). */
  sizeOf(seq: number): number | undefined {
    return this.spill === undefined ? undefined : this.history.sizeOf(seq);
  }

  /** Deletes the spill file; the log keeps only its memory window after this. */
  async close(): Promise<void> {
    await this.spill?.close();
  }

  private async readSpilled(fromSeq: number, toSeq: number): Promise<string[]> {
    if (fromSeq >= toSeq) return [];
    if (this.spill === undefined)
      throw new HistoryUnavailable(
        `entries before #${this.memoryStart} are no longer in memory and this session keeps no spill file`,
      );
    try {
      return await this.spill.read(fromSeq, toSeq);
    } catch (error) {
      throw new HistoryUnavailable(
        `older traffic could not be read back from ${this.spill.path}: ${(error as Error).message}; the recording, if one was made, has it`,
      );
    }
  }

  /** Requests sent or received that have no response yet. */
  pendingCount(dir: 'c2s' | 's2c'): number {
    let n = 0;
    for (const key of this.pending.keys()) if (key.startsWith(dir)) n++;
    return n;
  }

  /** A parsed message we are about to send or have just received. */
  appendMessage(
    dir: 'c2s' | 's2c',
    msg: unknown,
    extra: {
      size?: number;
      transport?: TransportFacts;
      round?: TrafficEntry['round'];
      via?: TrafficEntry['via'];
    } = {},
  ): TrafficEntry {
    if (valueNestsDeeperThan(msg)) {
      // Nothing downstream could serialise it: kept as a note, and the send fails on its own.
      return this.appendUnparsed(dir, '(a message built in the proxy, not serialisable)', {
        issues: [tooDeep()],
      });
    }
    const entry: TrafficEntry = { seq: 0, t: this.now(), dir, kind: 'raw', msg };
    if (extra.size !== undefined) entry.size = extra.size;
    if (extra.round !== undefined) entry.round = extra.round;
    if (extra.via !== undefined) entry.via = extra.via;
    if (extra.transport !== undefined) entry.transport = extra.transport;
    return this.finishMessage(entry, dir, msg, []);
  }

  /**
   * One frame of text as received: a stdout line, an SSE `data` field, an HTTP JSON body.
   * A JSON array is a JSON-RPC batch and becomes one entry per element.
   */
  appendText(
    dir: 'c2s' | 's2c',
    text: string,
    extra: { bytes?: Uint8Array; transport?: TransportFacts; issues?: Diagnostic[] } = {},
  ): TrafficEntry[] {
    const size = extra.bytes?.byteLength ?? Buffer.byteLength(text);
    // Found by the transport before the text reached here (invalid UTF-8 in an SSE stream).
    const issues: Diagnostic[] = [...(extra.issues ?? [])];
    if (extra.bytes !== undefined && !isUtf8(extra.bytes)) {
      issues.push({
        severity: 'error',
        code: 'INVALID_UTF8',
        message: 'frame is not valid UTF-8; invalid bytes are shown as U+FFFD',
      });
    }
    try {
      return this.parseText(dir, text, size, issues, extra.transport);
    } catch (error) {
      // A bug of ours on one frame must cost that frame, not the proxy or the session.
      return [
        this.appendUnparsed(dir, text, {
          size,
          ...(extra.transport !== undefined && { transport: extra.transport }),
          issues: [
            ...issues,
            {
              severity: 'error',
              code: 'FRAME_FAILED',
              message: `could not process this frame: ${(error as Error).message}; kept as raw text`,
            },
          ],
        }),
      ];
    }
  }

  /**
   * A frame kept as text without a parsed message: too deep, too long, or unprocessable.
   * When its head names the id of a pending request, it is paired with that request (which
   * the session then fails), so that the request need not wait for its timeout.
   */
  appendUnparsed(
    dir: 'c2s' | 's2c',
    raw: string,
    extra: { size?: number; transport?: TransportFacts; issues: Diagnostic[] },
  ): TrafficEntry {
    const entry: TrafficEntry = { seq: 0, t: this.now(), dir, kind: 'raw', raw };
    if (extra.size !== undefined) entry.size = extra.size;
    if (extra.transport !== undefined) entry.transport = extra.transport;
    if (extra.issues.length > 0) entry.issues = extra.issues;
    const id = dir === 's2c' ? leadingResponseId(raw) : undefined;
    if (id !== undefined) {
      const key = pendingKey('c2s', id);
      const request = this.pending.get(key);
      if (request !== undefined) {
        this.pending.delete(key);
        entry.pairSeq = request.seq;
        entry.durationMs = Math.round((entry.t - request.t) * 1000) / 1000;
      }
    }
    return this.publish(entry);
  }

  private parseText(
    dir: 'c2s' | 's2c',
    text: string,
    size: number,
    issues: Diagnostic[],
    transport: TransportFacts | undefined,
  ): TrafficEntry[] {
    const extra = { transport };
    if (textNestsDeeperThan(text)) {
      return [
        this.appendUnparsed(dir, text, {
          size,
          ...(transport !== undefined && { transport }),
          issues: [...issues, tooDeep()],
        }),
      ];
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const entry: TrafficEntry = { seq: 0, t: this.now(), dir, kind: 'raw', raw: text, size };
      if (extra.transport !== undefined) entry.transport = extra.transport;
      issues.push({
        severity: 'error',
        code: 'NOT_JSON',
        message: `not JSON (${(error as Error).message}); a server must write only JSON-RPC messages to stdout, logs belong on stderr`,
      });
      entry.issues = issues;
      return [this.publish(entry)];
    }
    if (Array.isArray(parsed) && parsed.length > 0) {
      return parsed.map((msg) => {
        const entry: TrafficEntry = { seq: 0, t: this.now(), dir, kind: 'raw', msg };
        if (extra.transport !== undefined) entry.transport = extra.transport;
        return this.finishMessage(entry, dir, msg, [
          ...issues,
          {
            severity: 'info',
            code: 'BATCH',
            message: `part of a JSON-RPC batch of ${parsed.length}`,
          },
        ]);
      });
    }
    const entry: TrafficEntry = { seq: 0, t: this.now(), dir, kind: 'raw', msg: parsed, size };
    if (extra.transport !== undefined) entry.transport = extra.transport;
    return [this.finishMessage(entry, dir, parsed, issues)];
  }

  /** A transport fact: a stderr line, an HTTP exchange, a lifecycle change. */
  appendFact(
    kind: 'stderr' | 'http' | 'lifecycle',
    fact: { raw?: string; transport?: TransportFacts; issues?: Diagnostic[] },
  ): TrafficEntry {
    const entry: TrafficEntry = { seq: 0, t: this.now(), dir: 'meta', kind };
    if (fact.raw !== undefined) entry.raw = fact.raw;
    if (fact.transport !== undefined) entry.transport = fact.transport;
    if (fact.issues !== undefined && fact.issues.length > 0) entry.issues = fact.issues;
    return this.publish(entry);
  }

  private finishMessage(
    entry: TrafficEntry,
    dir: 'c2s' | 's2c',
    msg: unknown,
    issues: Diagnostic[],
  ): TrafficEntry {
    const c = classifyMessage(msg);
    entry.kind = c.kind;
    issues.push(...c.issues);
    let request: PendingRequestInfo | undefined;
    if (c.kind === 'request') {
      const key = pendingKey(dir, c.id);
      if (this.pending.has(key)) {
        issues.push({
          severity: 'error',
          code: 'DUPLICATE_ID',
          message: `request id ${JSON.stringify(c.id)} is already in use by a pending request`,
          path: 'id',
        });
      }
      this.pending.set(key, {
        seq: this.nextSeq,
        t: entry.t,
        method: c.method,
        params: (msg as { params?: unknown }).params,
      });
    } else if (c.kind === 'response' || (c.kind === 'error' && c.id !== null)) {
      const key = pendingKey(opposite(dir), c.id!);
      request = this.pending.get(key);
      if (request === undefined) {
        issues.push({
          severity: 'error',
          code: 'UNKNOWN_ID',
          message: `no pending request has id ${JSON.stringify(c.id)}: a duplicate response or a wrong id`,
          path: 'id',
        });
      } else {
        this.pending.delete(key);
        entry.pairSeq = request.seq;
        entry.durationMs = Math.round((entry.t - request.t) * 1000) / 1000;
      }
    }
    if (this.diagnose !== undefined && c.kind !== 'raw') {
      try {
        const found = this.diagnose(entry, request);
        if (found !== undefined) issues.push(...found);
      } catch (error) {
        issues.push({
          severity: 'info',
          code: 'DIAGNOSER_FAILED',
          message: `could not check this message: ${(error as Error).message}`,
        });
      }
    }
    if (issues.length > 0) entry.issues = issues;
    if (dir === 'c2s') {
      // An outgoing message is timed when it leaves, after our own checks, so that a
      // response's duration measures the server and not the inspector.
      entry.t = this.now();
      if (c.kind === 'request') this.pending.get(pendingKey(dir, c.id))!.t = entry.t;
    }
    return this.publish(entry);
  }

  /**
   * An entry numbered, timed and paired by another log (a tap's, received over its feed):
   * published as it is, with the next seq of this log. The caller keeps the seqs it refers to
   * (`pairSeq`, …) consistent; feeding a log from seq 0 in order keeps them unchanged.
   */
  adopt(entry: TrafficEntry): TrafficEntry {
    return this.publish({ ...entry });
  }

  /** Removes pending requests of one direction, e.g. when the connection ends. */
  forgetPending(): void {
    this.pending.clear();
  }

  private publish(built: TrafficEntry): TrafficEntry {
    // The seq is taken only once the entry is known to serialise: a frame that throws here
    // must not leave a gap that the spill file (and every later append) would trip over.
    built.seq = this.nextSeq;
    if (this.observed) built.observed = true;
    let entry = built;
    let line: string | undefined;
    if (this.spill !== undefined) {
      // One serialisation serves the spill file, the byte budget and the display cap.
      try {
        line = JSON.stringify(entry);
      } catch (error) {
        entry = unserialisable(entry, error);
        line = JSON.stringify(entry);
      }
    }
    this.nextSeq++;
    if (this.spill === undefined || line === undefined) {
      this.history.push(entry, 0);
    } else {
      this.history.push(entry, Buffer.byteLength(line));
      this.spill.append(entry.seq, line);
    }
    for (const recorder of this.recorders) {
      try {
        recorder(entry);
      } catch (error) {
        process.emitWarning(`recorder failed: ${(error as Error).message}`);
      }
    }
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch (error) {
        // A faulty listener must not stop the tap or the other listeners.
        process.emitWarning(`traffic listener failed: ${(error as Error).message}`);
      }
    }
    return entry;
  }
}

function tooDeep(): Diagnostic {
  return { severity: 'error', code: TOO_DEEP_CODE, message: TOO_DEEP_MESSAGE };
}

/** What is left of an entry that JSON.stringify refused: its frame, without the message. */
function unserialisable(entry: TrafficEntry, error: unknown): TrafficEntry {
  const kept: TrafficEntry = { seq: entry.seq, t: entry.t, dir: entry.dir, kind: 'raw' };
  if (entry.size !== undefined) kept.size = entry.size;
  kept.raw = typeof entry.raw === 'string' ? entry.raw : '(not serialisable)';
  kept.issues = [
    {
      severity: 'error',
      code: 'FRAME_FAILED',
      message: `could not serialise this entry: ${(error as Error).message}`,
    },
  ];
  return kept;
}

function opposite(dir: Direction): Direction {
  return dir === 'c2s' ? 's2c' : 'c2s';
}

function pendingKey(dir: Direction, id: string | number): string {
  return `${dir}|${idKey(id)}`;
}
