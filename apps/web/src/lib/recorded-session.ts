import {
  canonicalJson,
  comparableParams,
  type Handshake,
  type LifecycleState,
  type ProxyEvent,
  type RequestOutcomeWire,
  type SessionSummary,
  type TrafficEntry,
} from '@mcpscope/protocol';
import type { ParsedRecording } from './recording-file';

/**
 * Methods a recorded session answers from its recording, with the latest recorded response
 * to the same method and params up to the timeline's position: what panels ask for by
 * themselves (lists) and what a user opens to look at (a read, a prompt, a completion).
 * Everything else would have to reach the server, and is refused as read-only.
 */
const ANSWERED_FROM_RECORDING = new Set([
  'tools/list',
  'resources/list',
  'resources/templates/list',
  'prompts/list',
  'resources/read',
  'prompts/get',
  'completion/complete',
]);

/** Methods whose responses change what the Tools, Resources and Prompts panels list. */
const LIST_METHODS = new Set([
  'tools/list',
  'resources/list',
  'resources/templates/list',
  'prompts/list',
]);

/** Why a recorded session refuses commands, shown on every control that would send one. */
export const READ_ONLY_REASON =
  'This session is a recording: nothing can be sent to the server. Connect the server to try it live.';

/** A recorded `tools/call`, as of the timeline's position. */
export interface RecordedToolCall {
  tool: string;
  args: Record<string, unknown>;
  requestSeq: number;
  /** When it was sent and answered, ms since the session started. */
  t: number;
  endT?: number;
  outcome?: RequestOutcomeWire;
}

interface Exchange {
  request: number;
  response: number | undefined;
  /** The request's params as compared, computed when first asked: most are never compared. */
  params?: string;
}

function methodOf(entry: TrafficEntry | undefined): string | undefined {
  const method = (entry?.msg as { method?: unknown } | undefined)?.method;
  return typeof method === 'string' ? method : undefined;
}

/**
 * Params as compared between a panel's request and a recorded one: the same matcher replay
 * and mock use (`_meta`'s progress token and envelope ignored, keys sorted at every depth).
 */
function paramsKey(params: unknown): string {
  return canonicalJson(comparableParams(params));
}

/**
 * One recording as a session: the summary and traffic a live session would have had at a
 * chosen entry (the timeline's cursor), and answers to the requests panels make by
 * themselves, from the recorded responses. Events go out through `emit`, exactly as the
 * proxy's would, so panels cannot tell the difference.
 */
export class RecordedSession {
  readonly total: number;
  private cursorValue: number;
  private readonly indexBySeq = new Map<number, number>();
  /** Client-to-server requests by method, in order, with their responses. */
  private readonly exchanges = new Map<string, Exchange[]>();
  /** Indexes of list responses, in order: crossing one changes what panels list. */
  private readonly listResponses: number[] = [];
  private readonly lifecycle: number[] = [];

  constructor(
    readonly id: string,
    readonly recording: ParsedRecording,
    private readonly emit: (event: ProxyEvent) => void,
  ) {
    const { entries } = recording;
    this.total = entries.length;
    this.cursorValue = entries.length - 1;
    // Responses were paired with their requests by the tap when recording (`pairSeq`).
    const responseTo = new Map<number, number>();
    entries.forEach((entry, i) => {
      this.indexBySeq.set(entry.seq, i);
      if (entry.kind === 'lifecycle' && entry.transport?.state !== undefined)
        this.lifecycle.push(i);
      if (entry.dir === 's2c' && entry.pairSeq !== undefined) responseTo.set(entry.pairSeq, i);
    });
    entries.forEach((entry, i) => {
      if (entry.dir !== 'c2s' || entry.kind !== 'request') return;
      const method = methodOf(entry)!;
      const response = responseTo.get(entry.seq);
      if (response !== undefined && LIST_METHODS.has(method)) this.listResponses.push(response);
      const list = this.exchanges.get(method) ?? [];
      list.push({ request: i, response });
      this.exchanges.set(method, list);
    });
    this.listResponses.sort((a, b) => a - b);
  }

  /** Index of the last entry shown (-1 for an empty recording). */
  get cursor(): number {
    return this.cursorValue;
  }

  /** Which list responses are visible: when it changes, panels must list again. */
  listEpoch(cursor = this.cursorValue): number {
    return upperBound(this.listResponses, cursor);
  }

  /** The session as a live one would have been summarised at `cursor`. */
  summary(cursor = this.cursorValue): SessionSummary {
    const { header, entries } = this.recording;
    const handshake = this.handshake(cursor);
    const lastLifecycle = this.lifecycle[upperBound(this.lifecycle, cursor) - 1];
    const recorded: LifecycleState | undefined =
      lastLifecycle === undefined ? undefined : entries[lastLifecycle]!.transport!.state;
    // Panels show what the server offered once the handshake is done: a recording that ends
    // with the connection closed still shows its tools, so the state stays "ready" and the
    // recorded end is told in the detail.
    const state: LifecycleState =
      handshake !== undefined ? 'ready' : (recorded ?? (cursor < 0 ? 'idle' : 'connecting'));
    const summary: SessionSummary = {
      id: this.id,
      config: header.target,
      transport: header.target.transport,
      state,
      createdAt: header.createdAt,
      roots: [],
      lastSeq: entries[cursor]?.seq ?? -1,
    };
    if (handshake !== undefined) summary.handshake = handshake;
    if (recorded !== undefined && recorded !== state)
      summary.detail = `recorded: the connection was ${recorded} at this point`;
    const sessionId = entries[cursor]?.transport?.sessionId;
    if (sessionId !== undefined) summary.mcpSessionId = sessionId;
    return summary;
  }

  private handshake(cursor: number): Handshake | undefined {
    const { entries } = this.recording;
    const tries = this.exchanges.get('initialize') ?? [];
    for (let k = tries.length - 1; k >= 0; k--) {
      const { request, response } = tries[k]!;
      if (response === undefined || response > cursor) continue;
      const req = entries[request]!;
      const res = entries[response]!;
      const params = ((req.msg as { params?: unknown }).params ?? {}) as Record<string, unknown>;
      const result = (res.msg as { result?: unknown }).result as
        Record<string, unknown> | undefined;
      if (result === undefined) continue;
      const object = (v: unknown): Record<string, unknown> =>
        typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
      const handshake: Handshake = {
        era: 'legacy',
        offered: {
          protocolVersion: text(params['protocolVersion']),
          capabilities: object(params['capabilities']),
          clientInfo: object(params['clientInfo']),
        },
        agreed: {
          protocolVersion: text(result['protocolVersion']),
          capabilities: object(result['capabilities']),
          serverInfo: object(result['serverInfo']),
        },
        requestSeq: req.seq,
        responseSeq: res.seq,
        issues: res.issues ?? [],
      };
      if (typeof result['instructions'] === 'string')
        handshake.agreed.instructions = result['instructions'];
      return handshake;
    }
    return undefined;
  }

  /**
   * The `tools/call`s sent up to the cursor, newest first, at most `perTool` per tool: what
   * the Tools panel's history would have shown. A call whose response is past the cursor is
   * still running.
   */
  toolCalls(perTool: number): RecordedToolCall[] {
    const { entries } = this.recording;
    const calls = this.exchanges.get('tools/call') ?? [];
    const kept = new Map<string, number>();
    const out: RecordedToolCall[] = [];
    for (
      let k =
        upperBound(
          calls.map((c) => c.request),
          this.cursorValue,
        ) - 1;
      k >= 0;
      k--
    ) {
      const { request, response } = calls[k]!;
      const req = entries[request]!;
      const params = ((req.msg as { params?: unknown }).params ?? {}) as Record<string, unknown>;
      const tool = params['name'];
      if (typeof tool !== 'string' || (kept.get(tool) ?? 0) >= perTool) continue;
      kept.set(tool, (kept.get(tool) ?? 0) + 1);
      const args = params['arguments'];
      const call: RecordedToolCall = {
        tool,
        args: typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : {},
        requestSeq: req.seq,
        t: req.t,
      };
      if (response !== undefined && response <= this.cursorValue) {
        const res = entries[response]!;
        call.endT = res.t;
        call.outcome = outcomeOf(req, res);
      }
      out.push(call);
    }
    return out;
  }

  /** Moves the timeline; announces the summary and the traffic as of the new position. */
  seek(cursor: number): void {
    const next = Math.max(Math.min(cursor, this.total - 1), this.total === 0 ? -1 : 0);
    const previous = this.cursorValue;
    if (next === previous) return;
    this.cursorValue = next;
    const { entries } = this.recording;
    this.emit({ type: 'session', session: this.summary() });
    if (next > previous) {
      this.emit({
        type: 'traffic',
        sessionId: this.id,
        entries: entries.slice(previous + 1, next + 1),
      });
    } else {
      this.emit({
        type: 'traffic',
        sessionId: this.id,
        entries: entries.slice(0, next + 1),
        reset: true,
      });
    }
  }

  /** Everything up to the cursor, as the proxy sends history to a socket that attaches. */
  attach(sinceSeq: number): void {
    const { entries } = this.recording;
    const from = sinceSeq === 0 ? 0 : (this.indexBySeq.get(sinceSeq) ?? this.cursorValue + 1);
    this.emit({
      type: 'traffic',
      sessionId: this.id,
      entries: entries.slice(from, this.cursorValue + 1),
      ...(sinceSeq === 0 && { reset: true }),
    });
  }

  /** Up to `limit` entries before `beforeSeq`, oldest first: the `history` reply of a proxy. */
  history(beforeSeq: number, limit: number): { entries: TrafficEntry[]; complete: boolean } {
    const { entries } = this.recording;
    const end = Math.min(this.indexBySeq.get(beforeSeq) ?? entries.length, this.cursorValue + 1);
    const start = Math.max(0, end - limit);
    return { entries: entries.slice(start, end), complete: start === 0 };
  }

  /** One entry by seq (recordings hold every payload whole). */
  entry(seq: number): TrafficEntry | undefined {
    const index = this.indexBySeq.get(seq);
    return index === undefined ? undefined : this.recording.entries[index];
  }

  /**
   * The recorded answer to a request, as of the cursor, or why there is none. Only the
   * methods panels read with are answered; anything else would need the server.
   */
  answer(
    method: string,
    params: unknown,
  ): { ok: true; outcome: RequestOutcomeWire } | { ok: false; message: string } {
    if (!ANSWERED_FROM_RECORDING.has(method)) return { ok: false, message: READ_ONLY_REASON };
    const { entries } = this.recording;
    const key = paramsKey(params);
    const tries = this.exchanges.get(method) ?? [];
    for (let k = tries.length - 1; k >= 0; k--) {
      const exchange = tries[k]!;
      const { request, response } = exchange;
      if (response === undefined || response > this.cursorValue) continue;
      const req = entries[request]!;
      exchange.params ??= paramsKey((req.msg as { params?: unknown }).params);
      if (exchange.params !== key) continue;
      const res = entries[response]!;
      return { ok: true, outcome: outcomeOf(req, res) };
    }
    return {
      ok: false,
      message: `The recording has no ${method} response with these parameters up to entry ${this.cursorValue + 1}; step the timeline forward, or look in the Traffic panel.`,
    };
  }
}

/** A recorded request and its response as the engine's outcome, as a live request gets it. */
function outcomeOf(req: TrafficEntry, res: TrafficEntry): RequestOutcomeWire {
  const msg = res.msg as { result?: unknown; error?: { code: number; message: string } };
  const timing = {
    requestSeq: req.seq,
    responseSeq: res.seq,
    ...(res.durationMs !== undefined && { durationMs: res.durationMs }),
  };
  return msg.error !== undefined
    ? { ok: false, code: 'RPC_ERROR', message: msg.error.message, error: msg.error, ...timing }
    : { ok: true, result: msg.result, ...timing };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** How many of the sorted `values` are <= `limit`. */
function upperBound(values: readonly number[], limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
