import { randomUUID } from 'node:crypto';
import { basename, dirname } from 'node:path';
import type {
  LifecycleState,
  SessionSummary,
  TapFeedMessage,
  TrafficEntry,
} from '@mcpscope/protocol';
import { MessageChecker } from '@mcpscope/engine/session/diagnose';
import { ObservedHandshake } from '@mcpscope/engine/session/observed-handshake';
import type { PendingRequestInfo } from '@mcpscope/engine/session/traffic-log';
import { SpillFile } from '@mcpscope/engine/session/spill-file';
import { TrafficLog } from '@mcpscope/engine/session/traffic-log';
import type { HubEvent } from './hub.js';

type Open = Extract<TapFeedMessage, { type: 'open' }>;

/**
 * A tapped connection as the UI sees it (`mcpscope tap`): a real host and its server, watched.
 * Its log is fed by the tap, entry by entry, with the tap's own seqs (the feed starts at the
 * tap's oldest entry, so seqs, pairs and references stay as the tap numbered them, shifted
 * by that entry's seq if the tap's memory no longer held its first entries). There is no
 * engine session: nothing here can send to the server or the host.
 */
export class TapHubSession {
  readonly kind = 'tap';
  readonly id = randomUUID();
  readonly log = new TrafficLog({ spill: SpillFile.create() });
  private readonly handshake = new ObservedHandshake();
  /**
   * The same checks as mcpscope's own sessions (MCP schemas, a tool's input and output
   * schemas), run here rather than in the tap, so that the host's round trip never pays them.
   */
  private readonly checker = new MessageChecker();
  /** Requests seen and not answered yet, by seq, for checking their answers. */
  private readonly requests = new Map<number, PendingRequestInfo>();
  private state: LifecycleState = 'connecting';
  private detail: string | undefined;
  private live = true;
  /** The tap's seq of this log's entry 0, once the first entry arrived. */
  private base: number | undefined;

  constructor(
    readonly open: Open,
    private readonly emit: (event: HubEvent) => void,
    /** Closes the feed socket; `removed` tells the tap not to come back. */
    readonly closeFeed: (removed: boolean) => void,
    /** The recordings directory of this UI, to link the tap's file when it is there. */
    private readonly recordingsDir: string | undefined,
  ) {
    this.log.subscribe((entry) =>
      emit({ type: 'traffic', sessionId: this.id, entry: this.log.display(entry) }),
    );
  }

  get config(): Open['config'] {
    return this.open.config;
  }

  /** Entries from the tap, in its seq order; repeats and gaps are dropped, never misnumbered. */
  feed(entries: readonly TrafficEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      this.base ??= entry.seq;
      if (entry.seq - this.base !== this.log.lastSeq + 1) continue;
      const adopted = this.log.adopt(this.check(this.shift(entry)));
      if (this.handshake.see(adopted)) changed = true;
      changed = this.follow(adopted) || changed;
    }
    if (changed) this.announce();
  }

  /** The entry with the checker's diagnostics added; a checker failure costs only them. */
  private check(entry: TrafficEntry): TrafficEntry {
    const msg = entry.msg as { method?: unknown; params?: unknown } | undefined;
    if (entry.kind === 'request' && typeof msg?.method === 'string')
      this.requests.set(entry.seq, {
        seq: entry.seq,
        t: entry.t,
        method: msg.method,
        params: msg.params,
      });
    if (entry.kind !== 'request' && entry.kind !== 'response' && entry.kind !== 'notification')
      return entry;
    let request: PendingRequestInfo | undefined;
    if (entry.pairSeq !== undefined) {
      request = this.requests.get(entry.pairSeq);
      this.requests.delete(entry.pairSeq);
    }
    if (msg?.method === 'initialize') this.checker.era = 'legacy';
    else if (msg?.method === 'server/discover') this.checker.era = 'modern';
    try {
      const issues = this.checker.diagnose(entry, request);
      if (issues === undefined || issues.length === 0) return entry;
      return { ...entry, issues: [...(entry.issues ?? []), ...issues] };
    } catch {
      return entry;
    }
  }

  /** The tap said the connection ended, or its feed went away. */
  end(detail: string): void {
    if (!this.live) return;
    this.live = false;
    if (this.state !== 'failed') this.state = 'closed';
    this.detail = detail;
    this.announce();
  }

  /** The entry renumbered from {@link base}; references to entries before it are dropped. */
  private shift(entry: TrafficEntry): TrafficEntry {
    const base = this.base ?? 0;
    if (base === 0) return entry;
    const at = (seq: number | undefined): number | undefined =>
      seq === undefined || seq < base ? undefined : seq - base;
    const { pairSeq, round, transport, ...rest } = entry;
    const shifted: TrafficEntry = { ...rest, seq: entry.seq - base };
    if (at(pairSeq) !== undefined) shifted.pairSeq = at(pairSeq)!;
    if (round !== undefined && at(round.of) !== undefined)
      shifted.round = { ...round, of: at(round.of)! };
    if (transport !== undefined) {
      const { httpSeq, http, ...facts } = transport;
      shifted.transport = facts;
      if (at(httpSeq) !== undefined) shifted.transport.httpSeq = at(httpSeq)!;
      if (http !== undefined) {
        const { requestSeq, ...exchange } = http;
        shifted.transport.http =
          at(requestSeq) === undefined ? exchange : { ...exchange, requestSeq: at(requestSeq)! };
      }
    }
    return shifted;
  }

  /** The lifecycle the tap saw: a spawned server, a handshake answered, an exit. */
  private follow(entry: TrafficEntry): boolean {
    const before = this.state;
    if (entry.kind === 'lifecycle' && entry.transport?.state !== undefined) {
      this.state = entry.transport.state;
      if (entry.transport.detail !== undefined) this.detail = entry.transport.detail;
    } else if (this.state === 'connecting' && entry.dir === 'c2s') {
      this.state = 'initializing';
    }
    if (
      this.state === 'initializing' &&
      this.handshake.info?.responseSeq !== undefined &&
      this.handshake.info.issues.length === 0
    )
      this.state = 'ready';
    return this.state !== before;
  }

  summary(): SessionSummary {
    const recording = this.open.recording;
    const summary: SessionSummary = {
      id: this.id,
      config: this.open.config,
      transport: this.open.config.transport,
      state: this.state,
      createdAt: this.open.startedAt,
      roots: [],
      lastSeq: this.log.lastSeq,
      tap: {
        source: this.open.source,
        pid: this.open.pid,
        live: this.live,
        ...(recording !== undefined && { recording }),
      },
    };
    if (this.detail !== undefined) summary.detail = this.detail;
    const handshake = this.handshake.info;
    if (handshake !== undefined) summary.handshake = handshake;
    // The tap records itself; when its file is in this UI's recordings directory, the UI's
    // recordings list (and its download link) has it.
    if (recording !== undefined && dirname(recording) === this.recordingsDir)
      summary.recording = { enabled: true, file: basename(recording) };
    return summary;
  }

  announce(): void {
    this.emit({ type: 'session', session: this.summary() });
  }
}
