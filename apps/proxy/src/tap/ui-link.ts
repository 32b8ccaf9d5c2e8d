import {
  TAP_REMOVED_CLOSE_CODE,
  TapReplySchema,
  type TapFeedMessage,
  type TrafficEntry,
} from '@mcpscope/protocol';
import { readFile } from 'node:fs/promises';
import type { WebSocket } from 'ws';
import { findUiRuntime, type UiRuntime } from '@mcpscope/engine/storage/ui-runtime';
import type { TrafficLog } from '@mcpscope/engine/session/traffic-log';

/** How often a tap without a UI looks for one (a readdir of the runtime directory). */
const POLL_MS = 1000;
/** Entries per feed frame when history is sent. */
const BATCH = 2000;
/** A UI that falls this far behind is dropped; the next attach sends the history again. */
const MAX_BUFFERED = 32 * 1024 * 1024;
/** Live entries are sent at most this often. */
const FLUSH_MS = 16;
/** How long the end of a tapped connection waits for its last frames to reach the UI. */
const CLOSE_GRACE_MS = 300;

/**
 * The tap's line to a running `mcpscope ui`: found through its runtime file, authenticated
 * with the tap token (see docs/tap.md), fed the whole history on attach and live entries
 * after. It is optional in every way: no UI, a UI that refuses, a UI killed mid-session, a
 * UI that is too slow: each only ends the line (and polling resumes), never the relay.
 */
export class UiLink {
  private socket: WebSocket | undefined;
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private queued: TrafficEntry[] = [];
  private flushScheduled = false;
  /** UIs (by pid) whose user removed this session: not fed again. */
  private readonly refusedBy = new Set<number>();
  private closing = false;
  private connecting = false;

  constructor(
    private readonly log: TrafficLog,
    private readonly open: Extract<TapFeedMessage, { type: 'open' }>,
    /** How entries leave for the UI: redacted like the recording (HTTP headers). */
    private readonly outgoing: (entry: TrafficEntry) => TrafficEntry = (entry) => entry,
    private readonly find: () => UiRuntime | undefined = findUiRuntime,
  ) {}

  /** Starts looking for a UI now and every second until one is attached. */
  start(): void {
    this.poll();
  }

  /** True while a UI receives this tap's traffic. */
  get attached(): boolean {
    return this.unsubscribe !== undefined;
  }

  private poll(): void {
    if (this.closing) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.socket === undefined && !this.connecting) {
      const runtime = this.find();
      if (runtime !== undefined && !this.refusedBy.has(runtime.pid)) void this.connect(runtime);
    }
    this.timer = setTimeout(() => this.poll(), POLL_MS);
    // The poll must never keep the tap alive once the host and server are done.
    this.timer.unref();
  }

  private async connect(runtime: UiRuntime): Promise<void> {
    this.connecting = true;
    let socket: WebSocket;
    try {
      // ws loads only once a UI is there: a tap without one never pays for it.
      const { WebSocket } = await import('ws');
      socket = new WebSocket(`ws://127.0.0.1:${runtime.port}/tap`, {
        // The UI's own origin: the tap is a local client of it, and the guard's Origin and
        // Host checks apply to this upgrade unchanged.
        origin: `http://127.0.0.1:${runtime.port}`,
        headers: { authorization: `Bearer ${runtime.tapToken}` },
        handshakeTimeout: 5000,
      });
    } catch {
      this.connecting = false;
      return;
    }
    this.socket = socket;
    this.connecting = false;
    socket.on('error', () => undefined);
    socket.on('open', () => this.send(this.open));
    socket.on('message', (data: Buffer) => {
      let reply;
      try {
        reply = TapReplySchema.safeParse(JSON.parse(data.toString('utf8')));
      } catch {
        return;
      }
      if (!reply.success) return;
      if (reply.data.type === 'welcome') this.attach();
      else this.refusedBy.add(runtime.pid);
    });
    socket.on('close', (code) => {
      if (code === TAP_REMOVED_CLOSE_CODE) this.refusedBy.add(runtime.pid);
      this.detach();
      if (this.socket === socket) this.socket = undefined;
    });
  }

  /**
   * Welcomed: the history first, then every new entry, in seq order. What the tap's memory
   * window no longer holds is read back from its recording, which has every entry.
   */
  private attach(): void {
    const snapshot = this.log.entries(0);
    const held: TrafficEntry[] = [];
    let holding = true;
    this.unsubscribe = this.log.subscribe((entry) => {
      if (holding) {
        held.push(entry);
        return;
      }
      this.queued.push(this.outgoing(entry));
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      // Batched like the UI's own socket (16 ms): the feed's work then happens between a
      // host's round trips, not inside each one, and a burst costs one frame.
      setTimeout(() => this.flush(), FLUSH_MS).unref();
    });
    const firstInMemory = snapshot[0]?.seq ?? this.log.lastSeq + 1;
    void olderEntries(this.open.recording, firstInMemory).then((older) => {
      holding = false;
      if (this.unsubscribe === undefined) return;
      const history = [...older, ...snapshot, ...held].map(this.outgoing);
      for (let i = 0; i < history.length; i += BATCH)
        this.send({ type: 'traffic', entries: history.slice(i, i + BATCH) });
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.queued.length === 0) return;
    const entries = this.queued;
    this.queued = [];
    this.send({ type: 'traffic', entries });
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.queued = [];
  }

  private send(message: TapFeedMessage): void {
    const socket = this.socket;
    if (socket === undefined || socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED) {
      // A UI that cannot keep up must not grow this process without bound.
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(message));
  }

  /** The tapped connection ended: tell the UI, wait a moment for it to get the last frames. */
  async close(detail: string): Promise<void> {
    this.closing = true;
    clearTimeout(this.timer);
    const socket = this.socket;
    if (socket === undefined || socket.readyState !== socket.OPEN) {
      socket?.terminate();
      return;
    }
    this.flush();
    this.send({ type: 'closed', detail });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.close(1000, 'tap ended');
    const timer = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
    await closed;
    clearTimeout(timer);
  }
}

/**
 * The entries of a recording with `seq < before`, or none when there is no recording or it
 * cannot be read (the UI then gets the history from the oldest entry in memory).
 */
async function olderEntries(path: string | undefined, before: number): Promise<TrafficEntry[]> {
  if (before === 0 || path === undefined) return [];
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  const older: TrafficEntry[] = [];
  for (const line of text.split('\n').slice(1)) {
    if (line === '') continue;
    try {
      const entry = JSON.parse(line) as TrafficEntry;
      if (entry.seq >= before) break;
      older.push(entry);
    } catch {
      break;
    }
  }
  // Only a complete run from seq 0 is of use: the UI numbers its log from the first entry.
  return older[0]?.seq === 0 && older.length === before ? older : [];
}
