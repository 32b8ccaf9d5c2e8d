import { performance } from 'node:perf_hooks';
import { isUtf8 } from 'node:buffer';
import {
  classifyMessage,
  idKey,
  type Diagnostic,
  type Direction,
  type TrafficEntry,
  type TransportFacts,
} from '@mcpscope/protocol';

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
  /** How many entries to keep in memory for late readers; older ones are dropped. */
  historyLimit?: number;
}

/**
 * The tap: every frame that crosses the target transport becomes an entry here first,
 * numbered, timed and paired, and only then is handed to the recorder and to the engine.
 * Nothing is filtered: a frame that is not JSON-RPC is kept as `raw` with a diagnostic.
 */
export class TrafficLog {
  private nextSeq = 0;
  private readonly t0 = performance.now();
  private readonly history: TrafficEntry[] = [];
  private historyStart = 0;
  private readonly pending = new Map<string, PendingRequestInfo>();
  private readonly recorders: EntryListener[] = [];
  private readonly listeners = new Set<EntryListener>();
  private diagnose: Diagnoser | undefined;
  private readonly historyLimit: number;

  constructor(options: TrafficLogOptions = {}) {
    this.diagnose = options.diagnose;
    this.historyLimit = options.historyLimit ?? 100_000;
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
    const from = Math.max(0, sinceSeq - this.historyStart);
    return this.history.slice(from);
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
    extra: { size?: number; transport?: TransportFacts } = {},
  ): TrafficEntry {
    const entry: TrafficEntry = { seq: 0, t: this.now(), dir, kind: 'raw', msg };
    if (extra.size !== undefined) entry.size = extra.size;
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

  /** Removes pending requests of one direction, e.g. when the connection ends. */
  forgetPending(): void {
    this.pending.clear();
  }

  private publish(entry: TrafficEntry): TrafficEntry {
    entry.seq = this.nextSeq++;
    this.history.push(entry);
    // Trim in steps of a tenth, so that a full history does not shift the array per entry.
    if (this.history.length > this.historyLimit + Math.ceil(this.historyLimit / 10)) {
      const drop = this.history.length - this.historyLimit;
      this.history.splice(0, drop);
      this.historyStart += drop;
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

function opposite(dir: Direction): Direction {
  return dir === 'c2s' ? 's2c' : 'c2s';
}

function pendingKey(dir: Direction, id: string | number): string {
  return `${dir}|${idKey(id)}`;
}
