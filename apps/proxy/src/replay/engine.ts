import {
  idKey,
  labelOf,
  type ErrorCode,
  type RequestId,
  type ServerConfig,
  type TrafficEntry,
} from '@mcpscope/protocol';
import { LATEST_PROTOCOL_VERSION, type ClientCapabilities } from '@modelcontextprotocol/client';
import { readRecording } from '@mcpscope/engine/recording/reader';
import {
  initializeHandshake,
  type Handshake,
  type Offer,
} from '@mcpscope/engine/session/handshake';
import type { RequestOutcome } from '@mcpscope/engine/session/outcome';
import { readInputRequired, type InputRequired } from '@mcpscope/engine/session/modern';
import type { PolicyAnswer } from '@mcpscope/engine/session/policy';
import { Session } from '@mcpscope/engine/session/session';
import type { TrafficLog } from '@mcpscope/engine/session/traffic-log';
import { compareDocuments, type Difference } from '@mcpscope/protocol/compare';
import {
  compareNotifications,
  type Notice,
  type NotificationDiff,
} from '@mcpscope/protocol/session-diff';
import { RecordedServerAnswers, type UnmatchedServerRequest } from './server-answers.js';

/**
 * How one replayed request ended. `same` and `different` compare the live response with
 * the recorded one; `failed` means no live response (timeout, connection lost); `cancelled`
 * and `unanswered` are requests the recorded client cancelled or never got an answer to,
 * which are sent again but not compared.
 */
export type RequestStatus = 'same' | 'different' | 'failed' | 'cancelled' | 'unanswered';

/** One replayed request. */
export interface RequestResult {
  /** Seq of the request in the recording. */
  seq: number;
  method: string;
  /** The method and what it names, e.g. `tools/call echo`. */
  label: string;
  status: RequestStatus;
  differences: Difference[];
  /** For `failed`: why there was no live response. */
  message?: string;
  recordedMs?: number;
  actualMs?: number;
}

/** Totals of a replay. */
export interface ReplaySummary {
  requests: number;
  same: number;
  different: number;
  failed: number;
  cancelled: number;
  unanswered: number;
  /** Sessions opened: one per recorded `initialize`. */
  handshakes: number;
  /** Client notifications sent again (`notifications/initialized` is the handshake's own). */
  notifications: number;
  serverRequests: { answered: number; unmatched: UnmatchedServerRequest[] };
  /** The target's notifications against the recorded server's, method by method, in order. */
  serverNotifications: {
    same: number;
    different: number;
    missing: number;
    extra: number;
    /** Log messages (`notifications/message`) on one side only: shown, never a failure. */
    unmatchedLogs: number;
  };
}

export interface ReplayOptions {
  target: ServerConfig;
  /** JSONPath expressions removed from both documents before comparing. */
  ignore: readonly string[];
  /** The log every session of the replay writes to (a recorder or a printer may listen). */
  log: TrafficLog;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /**
   * Overrides the era a recorded session is replayed in (`--protocol-version`); by default a
   * recorded modern session is replayed pinned to its recorded version, a legacy one with
   * its recorded `initialize` offer.
   */
  protocolVersion?: string;
  onResult: (result: RequestResult) => void;
  /**
   * The server notifications of one replayed session compared with the recorded ones
   * (`a` is the recorded seq, `b` the live one), once the session's requests are done.
   */
  onNotifications?: (results: NotificationDiff[]) => void;
  onWarning: (message: string) => void;
}

/** The target could not be reached or refused the handshake: nothing can be compared. */
export class ReplayConnectError extends Error {
  override name = 'ReplayConnectError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What a response is compared as: its result or its error, never its id. */
type Comparable = { result: unknown } | { error: unknown };

type Live = { ok: true; document: Comparable; ms?: number } | { ok: false; message: string };

interface InFlight {
  seq: number;
  method: string;
  label: string;
  recordedId: RequestId;
  controller: AbortController;
  cancelled: boolean;
  /** The recording ended (or its session did) without this request's response. */
  orphaned: boolean;
  live?: Live;
  recorded?: { document: Comparable; ms?: number };
  finished: boolean;
  done: Promise<void>;
  finish: () => void;
}

/**
 * Re-issues a recording's client requests and notifications against a target, in their
 * recorded order and with their recorded concurrency: a message is sent once every request
 * whose recorded response came before it has its live response, and no sooner. The file is
 * read as the replay goes, so memory holds what is in flight, not the recording.
 */
export class Replayer {
  private readonly answers = new RecordedServerAnswers();
  private readonly inFlight = new Map<number, InFlight>();
  private readonly serverRequests = new Map<number, { method: string; params: unknown }>();
  private session: Session | undefined;
  private stopped = false;
  /** A recorded `server/discover`: its seq, then the version its result agreed to. */
  private discover: { seq: number; version?: string } | undefined;
  private discoverVersion: string | undefined;
  /** What the recorded probe declared: the modern session declares the same. */
  private discoverCapabilities: ClientCapabilities = {};
  /** Recorded retry rounds (seq) by the seq of the call they continue (`round.of`). */
  private readonly roundOf = new Map<number, number>();
  /** The latest recorded `input_required` inputRequests of each multi-round call, by its seq. */
  private readonly askedInput = new Map<number, InputRequired['inputRequests']>();
  private readonly summary: ReplaySummary = {
    requests: 0,
    same: 0,
    different: 0,
    failed: 0,
    cancelled: 0,
    unanswered: 0,
    handshakes: 0,
    notifications: 0,
    serverRequests: { answered: 0, unmatched: [] },
    serverNotifications: { same: 0, different: 0, missing: 0, extra: 0, unmatchedLogs: 0 },
  };
  /** Server notifications of the current session: recorded, and from the target. */
  private recordedNotices: Notice[] = [];
  private liveNotices: Notice[] = [];

  constructor(private readonly options: ReplayOptions) {}

  /** Replays the recording at `path`. Throws {@link ReplayConnectError} when the target fails. */
  async run(path: string): Promise<ReplaySummary> {
    const unsubscribe = this.options.log.subscribe((entry) => {
      const notice = noticeOf(entry);
      if (notice !== undefined) this.liveNotices.push(notice);
    });
    try {
      for await (const item of readRecording(path)) {
        if (this.stopped) break;
        if (item.type === 'warning') this.options.onWarning(item.message);
        else if (item.type === 'entry') await this.onEntry(item.entry);
      }
      await this.endSegment();
    } finally {
      this.answers.readerBlocked();
      await this.closeSession();
      unsubscribe();
    }
    this.summary.serverRequests = {
      answered: this.answers.answered,
      unmatched: this.answers.unmatched,
    };
    return this.summary;
  }

  /** Stops early (Ctrl-C): pending requests fail, nothing more is sent. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.closeSession();
  }

  private async onEntry(entry: TrafficEntry): Promise<void> {
    if (entry.dir === 'meta' || entry.msg === undefined) return;
    const msg = entry.msg as Record<string, unknown>;
    const params = msg['params'];
    if (entry.dir === 's2c') {
      const notice = noticeOf(entry);
      if (notice !== undefined) this.recordedNotices.push(notice);
      if (entry.kind === 'request') {
        this.serverRequests.set(entry.seq, { method: String(msg['method']), params });
      } else if (entry.pairSeq !== undefined && entry.pairSeq === this.discover?.seq) {
        // The probe's answer: a discover result means the recorded session was modern.
        const versions = (msg['result'] as { supportedVersions?: unknown } | undefined)
          ?.supportedVersions;
        const sent = this.discoverVersion;
        if (entry.kind === 'response' && Array.isArray(versions) && sent !== undefined)
          this.discover = { seq: entry.pairSeq, version: sent };
      } else if (
        (entry.kind === 'response' || entry.kind === 'error') &&
        entry.pairSeq !== undefined
      ) {
        // A later round's response belongs to the call it continues; an input_required one
        // is not the call's answer but what the next round's inputResponses answer.
        const call = this.roundOf.get(entry.pairSeq) ?? entry.pairSeq;
        const asked = entry.kind === 'response' ? readInputRequired(msg['result']) : undefined;
        if (asked !== undefined) this.askedInput.set(call, asked.inputRequests);
        else this.onRecordedResponse(call, entry, msg);
      }
      return;
    }
    switch (entry.kind) {
      case 'request':
        if (msg['method'] === 'server/discover') {
          // Negotiation is the live session's own: the probe is not replayed as a request.
          const meta = (params as { _meta?: Record<string, unknown> } | undefined)?._meta;
          const version = meta?.['io.modelcontextprotocol/protocolVersion'];
          this.discover = { seq: entry.seq };
          this.discoverVersion = typeof version === 'string' ? version : undefined;
          const declared = meta?.['io.modelcontextprotocol/clientCapabilities'];
          this.discoverCapabilities =
            typeof declared === 'object' && declared !== null ? declared : {};
          return;
        }
        if (msg['method'] === 'initialize') {
          this.discover = undefined;
          await this.startSegment(entry, msg);
        } else {
          if (this.discover?.version !== undefined)
            await this.startModernSegment(this.discover.version);
          // A later round of a multi-round-trip call: the live session runs the rounds itself,
          // answering the live input requests with what this round's inputResponses recorded.
          if (entry.round !== undefined) {
            this.roundOf.set(entry.seq, entry.round.of);
            this.answers.addInputResponses(
              this.askedInput.get(entry.round.of) ?? {},
              (params as { inputResponses?: unknown } | undefined)?.inputResponses,
            );
            return;
          }
          await this.sendRequest(entry, msg);
        }
        return;
      case 'notification':
        await this.sendNotification(msg);
        return;
      case 'response':
      case 'error': {
        // The recorded client's answer to a server request: the policy gives it again.
        const request =
          entry.pairSeq === undefined ? undefined : this.serverRequests.get(entry.pairSeq);
        if (request === undefined) return;
        this.serverRequests.delete(entry.pairSeq!);
        const answer: PolicyAnswer =
          entry.kind === 'response'
            ? { result: (msg['result'] ?? {}) as Record<string, unknown> }
            : { error: msg['error'] as Extract<PolicyAnswer, { error: unknown }>['error'] };
        this.answers.add(request.method, request.params, answer);
        return;
      }
      default:
        return;
    }
  }

  private onRecordedResponse(
    call: number,
    entry: TrafficEntry,
    msg: Record<string, unknown>,
  ): void {
    const item = this.inFlight.get(call);
    if (item === undefined) return;
    item.recorded = {
      document: entry.kind === 'response' ? { result: msg['result'] } : { error: msg['error'] },
      ...(entry.durationMs !== undefined && { ms: entry.durationMs }),
    };
    if (item.live !== undefined) this.complete(item);
  }

  /** A recorded `initialize`: a new session with the recorded client's offer. */
  private async startSegment(entry: TrafficEntry, msg: Record<string, unknown>): Promise<void> {
    await this.endSegment();
    await this.closeSession();
    if (this.stopped) return;
    const params = (msg['params'] ?? {}) as Partial<Offer>;
    const capabilities: ClientCapabilities = params.capabilities ?? {};
    const offer: Offer = {
      protocolVersion: params.protocolVersion ?? LATEST_PROTOCOL_VERSION,
      capabilities,
      clientInfo: params.clientInfo ?? { name: 'mcpscope', version: '0.0.0' },
    };
    const session = this.openSession(offer);
    this.summary.handshakes++;
    const item = this.track(entry, msg);
    const connected = await session.connect();
    if (!connected.ok) {
      throw new ReplayConnectError(connected.code, connected.message);
    }
    const response =
      connected.handshake.responseSeq === undefined
        ? undefined
        : this.options.log.entries(connected.handshake.responseSeq)[0];
    const result = (response?.msg as { result?: unknown } | undefined)?.result;
    this.settle(item, { ok: true, document: { result }, ms: response?.durationMs });
  }

  /** A recorded modern session: a new session pinned to the version the recording agreed. */
  private async startModernSegment(version: string): Promise<void> {
    this.discover = undefined;
    await this.endSegment();
    await this.closeSession();
    if (this.stopped) return;
    this.session = new Session(this.options.target, {
      log: this.options.log,
      policy: this.answers.policyFor(this.discoverCapabilities),
      negotiation: this.options.protocolVersion ?? version,
      exitGraceMs: 20,
      ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
      ...(this.options.connectTimeoutMs !== undefined && {
        connectTimeoutMs: this.options.connectTimeoutMs,
      }),
    });
    this.summary.handshakes++;
    const connected = await this.session.connect();
    if (!connected.ok) throw new ReplayConnectError(connected.code, connected.message);
  }

  private openSession(offer: Offer): Session {
    // The recorded offer is sent as it was, so that the target sees the same client and
    // lists the same capability-gated tools.
    const handshake: Handshake = {
      run: (context) => initializeHandshake.run({ ...context, offer }),
    };
    const override = this.options.protocolVersion;
    this.session = new Session(this.options.target, {
      log: this.options.log,
      policy: this.answers.policyFor(offer.capabilities),
      clientInfo: offer.clientInfo,
      protocolVersion: offer.protocolVersion,
      // --protocol-version: negotiate as asked, still declaring the recorded client.
      ...(override === undefined ? { handshake } : { negotiation: override }),
      exitGraceMs: 20,
      ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
      ...(this.options.connectTimeoutMs !== undefined && {
        connectTimeoutMs: this.options.connectTimeoutMs,
      }),
    });
    return this.session;
  }

  private async sendRequest(entry: TrafficEntry, msg: Record<string, unknown>): Promise<void> {
    await this.barrier();
    if (this.stopped) return;
    const session = this.session ?? (await this.defaultSession());
    const item = this.track(entry, msg);
    const recorded = msg['params'] as Record<string, unknown> | undefined;
    // A modern recording replayed in the legacy era (--protocol-version legacy) drops the
    // per-request envelope, which a legacy server has no use for.
    const params = session.era === 'legacy' ? withoutEnvelope(recorded) : recorded;
    // The session numbers the progress token itself, as the recorded client did.
    const progress = (params?.['_meta'] as Record<string, unknown> | undefined)?.['progressToken'];
    void session
      .request(item.method, params, {
        progress: progress !== undefined,
        signal: item.controller.signal,
      })
      .then((outcome) => this.settle(item, live(outcome)));
  }

  /** A recording that starts after its handshake (none recorded): a session with a plain offer. */
  private async defaultSession(): Promise<Session> {
    this.options.onWarning(
      'the recording has no initialize request before its first request; connecting with a default offer',
    );
    const session = this.openSession({
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'mcpscope', version: '0.0.0' },
    });
    this.summary.handshakes++;
    const connected = await session.connect();
    if (!connected.ok) throw new ReplayConnectError(connected.code, connected.message);
    return session;
  }

  private async sendNotification(msg: Record<string, unknown>): Promise<void> {
    const method = String(msg['method']);
    // The handshake sends its own.
    if (method === 'notifications/initialized') return;
    const params = msg['params'] as Record<string, unknown> | undefined;
    await this.barrier();
    if (method === 'notifications/cancelled') {
      const requestId = params?.['requestId'];
      const item = [...this.inFlight.values()].find(
        (f) =>
          (typeof requestId === 'string' || typeof requestId === 'number') &&
          idKey(f.recordedId) === idKey(requestId),
      );
      // The session sends notifications/cancelled with the live id.
      if (item !== undefined && item.live === undefined) {
        item.cancelled = true;
        item.controller.abort();
      }
      return;
    }
    if (this.session === undefined) return;
    this.summary.notifications++;
    await this.session.notify(method, params);
  }

  private track(entry: TrafficEntry, msg: Record<string, unknown>): InFlight {
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const method = String(msg['method']);
    const item: InFlight = {
      seq: entry.seq,
      method,
      label: labelOf(method, msg['params']),
      recordedId: msg['id'] as RequestId,
      controller: new AbortController(),
      cancelled: false,
      orphaned: false,
      finished: false,
      done,
      finish,
    };
    this.inFlight.set(entry.seq, item);
    return item;
  }

  private settle(item: InFlight, outcome: Live): void {
    item.live = outcome;
    if (item.recorded !== undefined || item.cancelled || item.orphaned) this.complete(item);
  }

  /**
   * Waits, before the next client message, for the live responses of the requests whose
   * recorded responses came before it: the recorded client had them when it sent it.
   */
  private async barrier(): Promise<void> {
    const waits = [...this.inFlight.values()]
      .filter((item) => item.recorded !== undefined)
      .map((item) => item.done);
    if (waits.length === 0) return;
    this.answers.readerBlocked();
    await Promise.all(waits);
    this.answers.readerResumed();
  }

  /**
   * Ends what the recording says about one session: requests whose responses it holds are
   * awaited; those it never saw answered are cancelled.
   */
  private async endSegment(): Promise<void> {
    this.answers.readerBlocked();
    const items = [...this.inFlight.values()];
    for (const item of items) {
      if (item.recorded !== undefined) continue;
      item.orphaned = true;
      if (item.live === undefined) item.controller.abort();
      else this.complete(item);
    }
    await Promise.all(items.map((item) => item.done));
    this.answers.readerResumed();
    this.compareNotices();
  }

  private compareNotices(): void {
    const recorded = this.recordedNotices;
    const live = this.liveNotices;
    this.recordedNotices = [];
    this.liveNotices = [];
    if (recorded.length === 0 && live.length === 0) return;
    const results = compareNotifications(recorded, live, this.options.ignore);
    const totals = this.summary.serverNotifications;
    for (const result of results) {
      // A server logs on its own clock too (server-everything every few seconds), so a log
      // message that one run has and the other lacks says nothing about the server's answers.
      if (result.method === 'notifications/message' && result.status.startsWith('only-'))
        totals.unmatchedLogs++;
      else if (result.status === 'only-a') totals.missing++;
      else if (result.status === 'only-b') totals.extra++;
      else totals[result.status]++;
    }
    this.options.onNotifications?.(results);
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    if (session === undefined) return;
    this.session = undefined;
    await session.close();
    session.detach();
  }

  private complete(item: InFlight): void {
    if (item.finished) return;
    item.finished = true;
    this.inFlight.delete(item.seq);
    const result = this.judge(item);
    this.summary.requests++;
    this.summary[result.status]++;
    this.options.onResult(result);
    item.finish();
  }

  private judge(item: InFlight): RequestResult {
    const base = { seq: item.seq, method: item.method, label: item.label, differences: [] };
    if (item.cancelled) return { ...base, status: 'cancelled' };
    if (item.recorded === undefined) return { ...base, status: 'unanswered' };
    const timing = {
      ...(item.recorded.ms !== undefined && { recordedMs: item.recorded.ms }),
      ...(item.live?.ok === true && item.live.ms !== undefined && { actualMs: item.live.ms }),
    };
    if (item.live === undefined || !item.live.ok) {
      const message = item.live?.ok === false ? item.live.message : 'no live response';
      return { ...base, ...timing, status: 'failed', message };
    }
    const differences = compareDocuments(
      item.recorded.document,
      item.live.document,
      this.options.ignore,
    );
    return {
      ...base,
      ...timing,
      status: differences.length === 0 ? 'same' : 'different',
      differences,
    };
  }
}

function noticeOf(entry: TrafficEntry): Notice | undefined {
  if (entry.dir !== 's2c' || entry.kind !== 'notification') return undefined;
  const msg = entry.msg as { method?: unknown; params?: unknown };
  return { method: String(msg.method), params: msg.params, seq: entry.seq };
}

function live(outcome: RequestOutcome): Live {
  const ms = outcome.durationMs;
  if (outcome.ok) return { ok: true, document: { result: outcome.result }, ms };
  if (outcome.code === 'RPC_ERROR' && outcome.error !== undefined)
    return { ok: true, document: { error: outcome.error }, ms };
  return { ok: false, message: outcome.message };
}

const ENVELOPE_KEYS = [
  'io.modelcontextprotocol/protocolVersion',
  'io.modelcontextprotocol/clientInfo',
  'io.modelcontextprotocol/clientCapabilities',
  'io.modelcontextprotocol/logLevel',
];

function withoutEnvelope(
  params: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const meta = params?.['_meta'];
  if (typeof meta !== 'object' || meta === null) return params;
  const kept = Object.fromEntries(
    Object.entries(meta as Record<string, unknown>).filter(([k]) => !ENVELOPE_KEYS.includes(k)),
  );
  const { _meta: _dropped, ...rest } = params!;
  return Object.keys(kept).length === 0 ? rest : { ...rest, _meta: kept };
}
