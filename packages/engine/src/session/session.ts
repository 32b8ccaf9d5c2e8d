import {
  idKey,
  LIST_ITEMS_FIELD,
  walkPages,
  leadingResponseId,
  type LifecycleState,
  type ProtocolEra,
  type ProtocolVersionChoice,
  type RequestId,
  type RpcErrorObject,
  type ServerConfig,
  type TrafficEntry,
} from '@mcpscope/protocol';
import {
  LATEST_PROTOCOL_VERSION,
  type Implementation,
  type JSONRPCMessage,
} from '@modelcontextprotocol/client';
import { redactFreeText, Redactor } from '../recording/redact.js';
import {
  ConnectError,
  type CloseReason,
  type Connection,
  type SendOptions,
} from '../transports/connection.js';
import { HttpAuth, type OAuthOptions } from '../oauth/http-auth.js';
import { HttpConnection } from '../transports/http.js';
import { StdioConnection } from '../transports/stdio.js';
import { MessageChecker } from './diagnose.js';
import type { Handshake, HandshakeContext, HandshakeInfo, Offer } from './handshake.js';
import {
  paramHeaders,
  readInputRequired,
  retryParams,
  withEnvelope,
  type Envelope,
} from './modern.js';
import { negotiate, PROBE_TIMEOUT_MS } from './negotiate.js';
import { timingOf, type RequestFailure, type RequestOutcome } from './outcome.js';
import {
  capabilitiesFor,
  type PolicyAnswer,
  type ServerRequestContext,
  type ServerRequestPolicy,
} from './policy.js';
import { TrafficLog } from './traffic-log.js';
import { createdExtensionTask, followExtensionTask } from './tasks-ext.js';
import type { TaskState } from './tasks.js';
import { own } from '../util/safe-keys.js';

/** The default time a request may go without a response or a progress notification. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** The default time the handshake may take, apart from request timeouts: servers started with npx can be slow. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

export interface SessionOptions {
  policy?: ServerRequestPolicy;
  clientInfo?: Implementation;
  /** The protocol version offered in `initialize`; the SDK's latest by default. */
  protocolVersion?: string;
  /**
   * Which era and version to speak: `auto` (probe with `server/discover`, fall back to
   * `initialize`), `legacy`, or a pinned date. Defaults to the config's `protocolVersion`,
   * then `auto`. Ignored when {@link handshake} is given.
   */
  negotiation?: ProtocolVersionChoice;
  timeoutMs?: number;
  /** Time allowed for the handshake; a short request timeout must not fail a slow start. */
  connectTimeoutMs?: number;
  /** A handshake to run as it is, with no negotiation (replay sends the recorded offer). */
  handshake?: Handshake;
  historyLimit?: number;
  /**
   * Continue an existing traffic log (a reconnect keeps one history and one seq series)
   * instead of starting a new one.
   */
  log?: TrafficLog;
  /**
   * How long a stdio server may take to exit on end-of-input before it is signalled. A
   * one-shot CLI call uses a short grace: the user is waiting for the prompt.
   */
  exitGraceMs?: number;
  /** The cap on one stdout line of a stdio server; default 64 MiB (docs/limits.md). */
  maxLineBytes?: number;
  /**
   * Redact secrets (the target's configured tokens, secret env values, secret URL
   * parameters) from every message this session produces: failures, state details. On by
   * default; `--no-redact` turns it off.
   */
  redact?: boolean;
  /** The user's `--redact` patterns, taken out of that same text too. */
  redactPatterns?: readonly RegExp[];
  /**
   * OAuth for HTTP servers that ask for it. By default stored tokens (`mcpscope auth login`)
   * are used and refreshed; `false` turns OAuth off. Never used when the config already
   * sends an Authorization header.
   */
  oauth?: OAuthOptions | false;
}

export interface RequestOptions {
  /** Overrides the session's timeout for this request. */
  timeoutMs?: number;
  /** Attach `_meta.progressToken` (default true): servers report progress only when asked. */
  progress?: boolean;
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
  signal?: AbortSignal;
  /**
   * Called with the JSON-RPC id as the request is sent, for a caller that cancels it later
   * with {@link Session.cancel}: cheaper than an AbortController per request on a hot path.
   */
  onId?: (id: RequestId) => void;
  /**
   * Called with the seq of the request's traffic entry once it is logged, before it is sent
   * (the first round's only, for a multi-round call): the entry a caller follows the call by.
   */
  onSent?: (requestSeq: number) => void;
  /** Internal: the round of a multi-round-trip call this request continues. */
  round?: { of: number; n: number };
  /**
   * 2026-07-28 Tasks extension: false returns a tools/call's task handle as it came (the
   * `--no-wait` of the CLI) instead of following the task to its end.
   */
  taskWait?: boolean;
  /** Every status of a task this call became, in order (the creation, each change, the end). */
  onTaskStatus?: (task: TaskState) => void;
  /** Who asked, when not the user: `app` for a request an MCP App made through the host. */
  via?: 'app';
}

/** How many `input_required` rounds one call may take before mcpscope gives up. */
export const MAX_INPUT_ROUNDS = 16;

interface PendingRequest {
  id: RequestId;
  method: string;
  timeoutMs: number;
  timer: NodeJS.Timeout | undefined;
  settle: (outcome: RequestOutcome) => void;
  onProgress?: RequestOptions['onProgress'];
  requestSeq?: number;
  /** Ends this request's own HTTP response stream: how a modern HTTP client cancels. */
  stream?: AbortController;
}

type StateListener = (state: LifecycleState, detail?: string) => void;

/**
 * One connection to one target, and everything that happens on it. The web UI, the CLI,
 * replay and `mcpscope test` all drive this class; none of them speaks to a transport.
 */
export class Session {
  readonly log: TrafficLog;
  readonly checker = new MessageChecker();
  private connection: Connection | undefined;
  private stateValue: LifecycleState = 'idle';
  private handshakeInfo: HandshakeInfo | undefined;
  private closeReason: CloseReason | undefined;
  private nextId = 0;
  private readonly pending = new Map<string, PendingRequest>();
  private readonly byProgressToken = new Map<string, PendingRequest>();
  private readonly serverRequests = new Map<string, AbortController>();
  /** The extension tasks being followed, by the id of the tools/call that created each. */
  private readonly followedTasks = new Map<string, AbortController>();
  /** Listeners for `notifications/tasks` by task id, while a task is followed. */
  private readonly taskListeners = new Map<string, Set<(task: Record<string, unknown>) => void>>();
  private readonly stateListeners = new Set<StateListener>();
  private activeConfig: ServerConfig;
  /** Held while an OAuth flow waits for the user to log in. */
  private heldForOAuth = false;
  /** Sampling and elicitation requests awaiting a person's answer (policy.waitsForHuman). */
  private humanWaits = 0;
  private timersWereHeld = false;
  /** Set once the handshake chose the stateless era: every request carries this in `_meta`. */
  private envelope: Envelope | undefined;
  /** True while `server/discover` probes: a connection the probe ends is not a failure. */
  private probing = false;
  private readonly stopDispatch: () => void;
  /** Free text for a person with the target's secrets taken out (see {@link SessionOptions.redact}). */
  readonly redact: (text: string) => string;

  constructor(
    readonly config: ServerConfig,
    private readonly options: SessionOptions = {},
  ) {
    this.activeConfig = config;
    const redactor =
      options.redact === false
        ? undefined
        : new Redactor({ config, patterns: [...(options.redactPatterns ?? [])] });
    this.redact =
      redactor === undefined ? (text) => text : (text) => redactFreeText(text, redactor);
    if (options.log !== undefined) {
      this.log = options.log;
      this.log.setDiagnoser(this.checker.diagnose);
    } else {
      this.log = new TrafficLog({
        diagnose: this.checker.diagnose,
        historyLimit: options.historyLimit,
      });
    }
    this.stopDispatch = this.log.subscribe((entry) => this.dispatch(entry));
  }

  /** Stops reacting to the log, so that a successor session can take it over. */
  detach(): void {
    this.stopDispatch();
  }

  get state(): LifecycleState {
    return this.stateValue;
  }

  /** The handshake, once it completed. */
  get handshake(): HandshakeInfo | undefined {
    return this.handshakeInfo;
  }

  /** The config in use, which differs from the given one after a fallback to SSE. */
  get effectiveConfig(): ServerConfig {
    return this.activeConfig;
  }

  get sessionId(): string | undefined {
    return this.connection?.sessionId;
  }

  /** The protocol era, once the handshake completed. */
  get era(): ProtocolEra | undefined {
    return this.handshakeInfo?.era;
  }

  /**
   * The log level the server should use. In the legacy era this is `logging/setLevel`; the
   * 2026-07-28 era has no such method: the level travels in every request's `_meta`.
   */
  async setLogLevel(level: string): Promise<RequestOutcome> {
    if (this.envelope === undefined) return this.request('logging/setLevel', { level });
    this.envelope = { ...this.envelope, logLevel: level };
    this.log.appendFact('lifecycle', {
      transport: {
        detail: `log level ${level}: sent in the _meta of every later request (2026-07-28 has no logging/setLevel)`,
      },
    });
    return { ok: true, result: {} };
  }

  /** Why the connection ended, once it has. */
  get endReason(): CloseReason | undefined {
    return this.closeReason;
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * Opens the connection and runs the handshake. A Streamable HTTP target given without an
   * explicit transport falls back to legacy SSE when the server rejects the POST with a 4xx,
   * as the spec's backwards-compatibility section describes.
   */
  async connect(): Promise<{ ok: true; handshake: HandshakeInfo } | RequestFailure> {
    const outcome = await this.connectOnce();
    return outcome.ok ? outcome : { ...outcome, message: this.redact(outcome.message) };
  }

  private async connectOnce(): Promise<{ ok: true; handshake: HandshakeInfo } | RequestFailure> {
    if (this.stateValue !== 'idle') {
      return {
        ok: false,
        code: 'BAD_REQUEST',
        message: `cannot connect: the session is ${this.stateValue}`,
      };
    }
    const first = await this.open(this.config);
    if (first.ok || this.config.transport !== 'streamable-http' || !this.config.sseFallback)
      return first;
    const status = first.status;
    if (status === undefined || status < 400 || status >= 500 || status === 401 || status === 403)
      return first;
    this.log.appendFact('lifecycle', {
      transport: {
        detail: `Streamable HTTP was rejected with HTTP ${status}; retrying the same URL as legacy SSE`,
      },
    });
    this.stateValue = 'idle';
    const { sseFallback: _ignored, ...rest } = this.config;
    const fallback = await this.open({ ...rest, transport: 'sse' });
    return fallback.ok
      ? fallback
      : {
          ...fallback,
          message: `${fallback.message} (Streamable HTTP also failed: ${first.message})`,
        };
  }

  private async open(
    config: ServerConfig,
  ): Promise<{ ok: true; handshake: HandshakeInfo } | RequestFailure> {
    this.activeConfig = config;
    this.closeReason = undefined;
    this.setState('connecting');
    const started = await this.startConnection(config);
    if (!started.ok) {
      this.setState('failed', started.message);
      return started;
    }
    this.setState('initializing');
    const offer = {
      protocolVersion: this.options.protocolVersion ?? LATEST_PROTOCOL_VERSION,
      capabilities: capabilitiesFor(this.options.policy ?? {}),
      clientInfo: this.options.clientInfo ?? { name: 'mcpscope', version: '0.0.0' },
    };
    const connectTimeoutMs =
      this.options.connectTimeoutMs ??
      Math.max(DEFAULT_CONNECT_TIMEOUT_MS, this.options.timeoutMs ?? 0);
    const context: HandshakeContext = {
      offer,
      request: (method, params, options) =>
        this.request(method, params, {
          progress: false,
          timeoutMs: options?.timeoutMs ?? connectTimeoutMs,
        }),
      notify: async (method, params) => {
        await this.notify(method, params);
      },
      setProtocolVersion: (v) => this.connection?.setProtocolVersion(v),
    };
    const choice = this.options.negotiation ?? config.protocolVersion ?? 'auto';
    let handshake: Awaited<ReturnType<Handshake['run']>>;
    if (this.options.handshake !== undefined) {
      handshake = await this.options.handshake.run(context);
    } else {
      this.probing = true;
      try {
        handshake = await negotiate(choice, config, {
          context,
          transport: config.transport,
          probeTimeoutMs: Math.min(
            connectTimeoutMs,
            this.options.timeoutMs ?? PROBE_TIMEOUT_MS,
            PROBE_TIMEOUT_MS,
          ),
          reopen: () => this.reopen(config),
        });
      } finally {
        this.probing = false;
      }
    }
    if (!handshake.ok) {
      const failure: RequestFailure = {
        ...handshake,
        code:
          handshake.code === 'RPC_ERROR' || handshake.code === 'TIMEOUT'
            ? handshake.code
            : handshake.code === 'CONNECT_FAILED' || handshake.code === 'AUTH_REQUIRED'
              ? handshake.code
              : 'HANDSHAKE_FAILED',
        // A failed request already names its method ("initialize timed out: …"); a
        // transport failure ("connection refused …") does not.
        message: /^(initialize|server\/discover) /.test(handshake.message)
          ? handshake.message
          : `initialize failed: ${handshake.message}`,
      };
      this.setState('failed', failure.message);
      await this.connection?.close({ graceful: false });
      return failure;
    }
    this.handshakeInfo = handshake.info;
    this.checker.era = handshake.info.era;
    if (handshake.info.era === 'modern') {
      this.envelope = {
        protocolVersion: handshake.info.agreed.protocolVersion,
        // What the handshake offered (with the Tasks extension the discover handshake adds),
        // typed as the engine built it: the handshake echoes the engine's own offer.
        clientInfo: handshake.info.offered.clientInfo as Offer['clientInfo'],
        capabilities: handshake.info.offered.capabilities,
      };
    }
    this.setState('ready');
    return { ok: true, handshake: handshake.info };
  }

  /** A fresh connection to the same target, for `initialize` after a probe that ended the last. */
  private async reopen(config: ServerConfig): Promise<{ ok: true } | RequestFailure> {
    await this.connection?.close({ graceful: false });
    const started = await this.startConnection(config);
    if (started.ok) this.closeReason = undefined;
    return started;
  }

  /** A new connection to the target, wired to this session, started. */
  private async startConnection(config: ServerConfig): Promise<{ ok: true } | RequestFailure> {
    const connection = createConnection(
      config,
      this.log,
      this.oauthOptions(),
      this.options.maxLineBytes,
    );
    this.connection = connection;
    connection.onclose = (reason) => this.onConnectionClosed(connection, reason);
    connection.onanswerslost = (ids, message) => {
      for (const id of ids) {
        const pending = this.pending.get(idKey(id));
        pending?.settle({
          ok: false,
          code: 'CONNECTION_CLOSED',
          message: `${pending.method} failed: ${message}`,
        });
      }
    };
    try {
      await connection.start();
      return { ok: true };
    } catch (error) {
      return connectFailure(error);
    }
  }

  /**
   * Sends any request and waits for its final response, a timeout (reset by progress), a
   * cancellation or the end of the connection. Never throws for these. In the 2026-07-28 era
   * an `input_required` result is answered through the policy, exactly as a server-to-client
   * request would be, and the call retried with a new id until the server answers for good.
   */
  async request(
    method: string,
    params?: Record<string, unknown>,
    options: RequestOptions = {},
  ): Promise<RequestOutcome> {
    // The id of the latest round: the one a user cancels, and a task's handle answers.
    let lastId: RequestId | undefined;
    if (this.envelope !== undefined && method === 'tools/call') {
      const onId = options.onId;
      options = {
        ...options,
        onId: (id) => {
          lastId = id;
          onId?.(id);
        },
      };
    }
    let outcome = await this.requestOnce(method, params, options);
    const of = outcome.requestSeq;
    let current = params;
    for (let round = 2; this.envelope !== undefined && outcome.ok; round++) {
      const input = readInputRequired(outcome.result);
      if (input === undefined || of === undefined) break;
      if (round > MAX_INPUT_ROUNDS + 1) {
        return {
          ok: false,
          code: 'INPUT_FAILED',
          message: `${method} still asks for input after ${MAX_INPUT_ROUNDS} rounds: giving up (the server may be looping)`,
          ...timingOf(outcome),
        };
      }
      const answers = await this.answerInputs(input.inputRequests, outcome, options.signal);
      if (!answers.ok) return { ...answers, ...timingOf(outcome) };
      current = retryParams(current, answers.responses, input.requestState);
      outcome = await this.requestOnce(method, current, { ...options, round: { of, n: round } });
    }
    return lastId !== undefined && outcome.ok
      ? this.followIfTask(outcome, options, lastId)
      : outcome;
  }

  /** A tools/call the server turned into an extension task: followed to its end unless asked not to. */
  private async followIfTask(
    outcome: RequestOutcome & { ok: true },
    options: RequestOptions,
    id: RequestId,
  ): Promise<RequestOutcome & { task?: TaskState }> {
    const task = createdExtensionTask(outcome.result);
    if (task === undefined) return outcome;
    options.onTaskStatus?.(task);
    if (options.taskWait === false) return { ...outcome, task };
    // Cancelling the call by its id (the UI's Cancel) now means cancelling its task.
    const controller = new AbortController();
    const key = idKey(id);
    this.followedTasks.set(key, controller);
    const onAbort = (): void => controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted === true) controller.abort();
    try {
      return await this.followTask(outcome, task, { ...options, signal: controller.signal });
    } finally {
      this.followedTasks.delete(key);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  private followTask(
    outcome: RequestOutcome & { ok: true },
    task: TaskState,
    options: RequestOptions,
  ): Promise<RequestOutcome & { task?: TaskState }> {
    return followExtensionTask(
      {
        request: (m, p, o) => this.request(m, p, o),
        answerInputs: (requests, from, signal) => this.answerInputs(requests, from, signal),
        onTaskNotification: (taskId, listener) => {
          const set = this.taskListeners.get(taskId) ?? new Set();
          set.add(listener);
          this.taskListeners.set(taskId, set);
          return () => {
            set.delete(listener);
            if (set.size === 0) this.taskListeners.delete(taskId);
          };
        },
      },
      outcome,
      task,
      options,
    );
  }

  /** Answers one round's input requests through the policy, all at once. */
  private async answerInputs(
    requests: Record<string, { method: string; params: Record<string, unknown> }>,
    outcome: { responseSeq?: number },
    signal: AbortSignal | undefined,
  ): Promise<
    | { ok: true; responses: Record<string, unknown> }
    | { ok: false; code: 'INPUT_FAILED' | 'CANCELLED'; message: string }
  > {
    const entry =
      outcome.responseSeq === undefined ? undefined : this.log.entries(outcome.responseSeq)[0];
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const stopOnClose = this.onState((state) => {
      if (state === 'closed' || state === 'failed' || state === 'closing') controller.abort();
    });
    try {
      const keys = Object.keys(requests);
      const answers = await Promise.all(
        keys.map((key) =>
          this.answer(requests[key]!.method, requests[key]!.params, {
            signal: controller.signal,
            entry: entry ?? ({ seq: outcome.responseSeq ?? -1 } as TrafficEntry),
            inputKey: key,
          }),
        ),
      );
      if (signal?.aborted === true)
        return { ok: false, code: 'CANCELLED', message: 'cancelled while answering the server' };
      const responses: Record<string, unknown> = {};
      for (const [i, key] of keys.entries()) {
        const answer = answers[i]!;
        if ('error' in answer) {
          return {
            ok: false,
            code: 'INPUT_FAILED',
            message: `the client could not answer input request "${key}" (${requests[key]!.method}): ${answer.error.message}`,
          };
        }
        responses[key] = answer.result;
      }
      return { ok: true, responses };
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stopOnClose();
    }
  }

  private requestOnce(
    method: string,
    params?: Record<string, unknown>,
    options: RequestOptions = {},
  ): Promise<RequestOutcome> {
    const connection = this.connection;
    if (
      connection === undefined ||
      (this.stateValue !== 'ready' && this.stateValue !== 'initializing')
    ) {
      return Promise.resolve(this.notConnected());
    }
    const id = this.nextId++;
    options.onId?.(id);
    const message: Record<string, unknown> = { jsonrpc: '2.0', id, method };
    let sentParams = params;
    if (options.progress !== false && method !== 'initialize') {
      const meta = (params?.['_meta'] ?? {}) as Record<string, unknown>;
      sentParams = { ...params, _meta: { ...meta, progressToken: id } };
    }
    if (this.envelope !== undefined) sentParams = withEnvelope(sentParams, this.envelope);
    if (sentParams !== undefined) message['params'] = sentParams;
    const excluded = this.excludedTool(method, sentParams);
    if (excluded !== undefined) return Promise.resolve(excluded);
    const send: SendOptions = {};
    if (this.envelope !== undefined && method === 'tools/call') {
      const name = sentParams?.['name'];
      const headers = typeof name === 'string' ? this.checker.toolHeaders.get(name) : undefined;
      if (headers?.valid === true && headers.declarations.length > 0)
        send.headers = paramHeaders(headers.declarations, sentParams?.['arguments']);
    }

    return new Promise<RequestOutcome>((resolve) => {
      const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const key = idKey(id);
      // A subscriptions/listen stream lives until it is cancelled: no timeout applies.
      const pending: PendingRequest = {
        id,
        method,
        timeoutMs: method === 'subscriptions/listen' ? 0 : timeoutMs,
        timer: undefined,
        onProgress: options.onProgress,
        settle: (outcome) => {
          if (!this.pending.delete(key)) return;
          clearTimeout(pending.timer);
          this.byProgressToken.delete(key);
          options.signal?.removeEventListener('abort', onAbort);
          const safe = outcome.ok ? outcome : { ...outcome, message: this.redact(outcome.message) };
          resolve(
            pending.requestSeq === undefined || safe.requestSeq !== undefined
              ? safe
              : { ...safe, requestSeq: pending.requestSeq },
          );
        },
      };
      const onAbort = (): void => {
        this.cancel(id, 'cancelled by the user');
      };
      if (this.envelope !== undefined && connection.kind === 'streamable-http') {
        pending.stream = new AbortController();
        send.signal = pending.stream.signal;
      }
      this.pending.set(key, pending);
      this.byProgressToken.set(key, pending);
      this.armTimer(pending);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const entry = this.log.appendMessage('c2s', message, {
        ...(options.round !== undefined && { round: options.round }),
        ...(options.via !== undefined && { via: options.via }),
      });
      pending.requestSeq = entry.seq;
      if (options.round === undefined) options.onSent?.(entry.seq);
      send.seq = entry.seq;
      connection.send(message as JSONRPCMessage, send).catch((error: unknown) => {
        const failure = connectFailure(error);
        pending.settle({
          ...failure,
          code: failure.code === 'SPAWN_FAILED' ? 'SEND_FAILED' : failure.code,
          message: `${method} failed: ${failure.message}`,
        });
      });
    });
  }

  /** Sends a notification. */
  async notify(
    method: string,
    params?: Record<string, unknown>,
  ): Promise<{ ok: true } | RequestFailure> {
    const connection = this.connection;
    if (
      connection === undefined ||
      (this.stateValue !== 'ready' && this.stateValue !== 'initializing')
    )
      return this.notConnected();
    const message: Record<string, unknown> = { jsonrpc: '2.0', method };
    const sent = this.envelope !== undefined ? withEnvelope(params, this.envelope) : params;
    if (sent !== undefined) message['params'] = sent;
    const entry = this.log.appendMessage('c2s', message);
    try {
      await connection.send(message as JSONRPCMessage, { seq: entry.seq });
      return { ok: true };
    } catch (error) {
      const failure = connectFailure(error);
      return { ...failure, message: this.redact(failure.message) };
    }
  }

  /** Cancels a pending request: `notifications/cancelled` to the server, `CANCELLED` locally. */
  cancel(id: RequestId, reason = 'cancelled by the user'): boolean {
    const pending = this.pending.get(idKey(id));
    if (pending === undefined) {
      // A tools/call answered with a task handle: cancelling the call is tasks/cancel.
      const followed = this.followedTasks.get(idKey(id));
      followed?.abort();
      return followed !== undefined;
    }
    pending.settle({
      ok: false,
      code: 'CANCELLED',
      message: `${pending.method} was cancelled: ${reason}`,
    });
    if (pending.stream !== undefined) {
      // 2026-07-28 over HTTP: closing the request's response stream is the cancellation.
      pending.stream.abort();
      this.log.appendFact('lifecycle', {
        transport: {
          detail: `cancelled ${pending.method} #${String(id)} by closing its HTTP response stream (${reason})`,
        },
      });
    } else {
      void this.notify('notifications/cancelled', { requestId: id, reason });
    }
    return true;
  }

  /**
   * Lists every page of a paginated list method (`tools/list`, `resources/list`,
   * `resources/templates/list`, `prompts/list`) by following `nextCursor`.
   */
  async listAll(
    method: string,
    params: Record<string, unknown> = {},
    options: RequestOptions = {},
  ): Promise<RequestOutcome & { pages?: number }> {
    const key = own(LIST_ITEMS_FIELD, method);
    if (key === undefined) return this.request(method, params, options);
    let first: Record<string, unknown> | undefined;
    // The duration of a listing is that of all its pages.
    let durationMs = 0;
    const walk = await walkPages<
      Extract<RequestOutcome, { ok: true }>,
      Extract<RequestOutcome, { ok: false }>
    >(
      (cursor) =>
        this.request(method, cursor === undefined ? params : { ...params, cursor }, options),
      {
        itemsField: key,
        onPage: ({ outcome }) => {
          first ??= { ...(outcome.result as Record<string, unknown>) };
          durationMs += outcome.durationMs ?? 0;
        },
      },
    );
    if (!walk.ok) return walk.failure;
    const merged: Record<string, unknown> = { ...first, [key]: walk.items };
    delete merged['nextCursor'];
    return { ...walk.last, result: merged, pages: walk.pages, durationMs };
  }

  /**
   * Ends the session: end-of-input first so the server can exit on its own, signals after
   * a short grace, and no grace at all when a request is still pending.
   */
  async close(): Promise<void> {
    const connection = this.connection;
    if (connection === undefined || this.stateValue === 'closed' || this.stateValue === 'closing')
      return;
    const graceful = this.pending.size === 0 && this.log.pendingCount('s2c') === 0;
    if (this.stateValue !== 'failed') this.setState('closing');
    for (const pending of [...this.pending.values()]) {
      pending.settle({
        ok: false,
        code: 'CONNECTION_CLOSED',
        message: `${pending.method} was pending when the session closed`,
      });
    }
    for (const controller of this.serverRequests.values()) controller.abort();
    await connection.close(
      this.options.exitGraceMs === undefined
        ? { graceful }
        : { graceful, graceMs: this.options.exitGraceMs },
    );
    if (this.stateValue !== 'failed') this.setState('closed');
  }

  private notConnected(): RequestFailure {
    const why = this.closeReason !== undefined ? `: ${this.closeReason.message}` : '';
    return { ok: false, code: 'NOT_CONNECTED', message: `the session is ${this.stateValue}${why}` };
  }

  /**
   * While an OAuth flow waits for the user to log in (another tab), the handshake's timeout
   * stands still: the server is not late, the user is busy. It restarts in full afterwards.
   */
  private oauthOptions(): OAuthOptions | false | undefined {
    const oauth = this.options.oauth;
    if (oauth === false) return false;
    return {
      ...(this.options.clientInfo !== undefined && {
        softwareVersion: this.options.clientInfo.version,
      }),
      ...oauth,
      onFlow: (flow) => {
        this.heldForOAuth = flow.state === 'waiting-for-user';
        this.holdTimers();
        oauth?.onFlow?.(flow);
      },
    };
  }

  private get timersHeld(): boolean {
    return this.heldForOAuth || this.humanWaits > 0;
  }

  /** Stops or restarts (in full) every pending request's timer, when the hold changed. */
  private holdTimers(): void {
    const hold = this.timersHeld;
    if (hold === this.timersWereHeld) return;
    this.timersWereHeld = hold;
    for (const pending of this.pending.values()) {
      if (hold) clearTimeout(pending.timer);
      else this.armTimer(pending);
    }
  }

  private armTimer(pending: PendingRequest): void {
    clearTimeout(pending.timer);
    if (this.timersHeld || pending.timeoutMs === 0) return;
    pending.timer = setTimeout(() => {
      pending.settle({
        ok: false,
        code: 'TIMEOUT',
        message: `${pending.method} timed out: no response or progress for ${pending.timeoutMs} ms`,
      });
      if (pending.stream !== undefined) pending.stream.abort();
      else
        void this.notify('notifications/cancelled', {
          requestId: pending.id,
          reason: `timed out after ${pending.timeoutMs} ms`,
        });
    }, pending.timeoutMs);
    // Not unref'd: a pending request must keep the process alive until it is answered or times
    // out. When nothing else holds the event loop (an HTTP server took the POST with 202 and
    // opened no stream), an unref'd timer let a one-shot run end with no answer and no message.
  }

  private setState(state: LifecycleState, detail?: string): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    const safe = detail === undefined ? undefined : this.redact(detail);
    this.log.appendFact('lifecycle', {
      transport: safe === undefined ? { state } : { state, detail: safe },
    });
    for (const listener of this.stateListeners) listener(state, safe);
  }

  private onConnectionClosed(connection: Connection, reason: CloseReason): void {
    if (connection !== this.connection) return;
    let message = reason.message;
    const stderr = connection.recentStderr;
    if (reason.cause === 'exited' && stderr !== undefined && stderr.length > 0) {
      message += `; last stderr: ${stderr.slice(-3).join(' | ')}`;
    }
    message = this.redact(message);
    this.closeReason = { ...reason, message };
    for (const pending of [...this.pending.values()]) {
      pending.settle({
        ok: false,
        code: 'CONNECTION_CLOSED',
        message: `${pending.method} failed: ${message}`,
      });
    }
    for (const controller of this.serverRequests.values()) controller.abort();
    this.serverRequests.clear();
    this.log.forgetPending();
    if (
      this.probing ||
      this.stateValue === 'closing' ||
      this.stateValue === 'closed' ||
      this.stateValue === 'failed'
    )
      return;
    this.setState(reason.cause === 'closed' ? 'closed' : 'failed', message);
  }

  private dispatch(entry: TrafficEntry): void {
    if (entry.dir !== 's2c') return;
    if (entry.msg === undefined) {
      if (entry.kind === 'raw' && entry.pairSeq !== undefined) this.onUnreadableResponse(entry);
      return;
    }
    const msg = entry.msg as Record<string, unknown>;
    switch (entry.kind) {
      case 'response':
      case 'error':
        this.onResponse(entry, msg);
        return;
      case 'request':
        this.onServerRequest(entry, msg);
        return;
      case 'notification':
        this.onNotification(msg);
        return;
      default:
        return;
    }
  }

  /** A response kept as raw text (too deep, too long): its request fails now, not at its timeout. */
  private onUnreadableResponse(entry: TrafficEntry): void {
    const id = leadingResponseId(entry.raw ?? '');
    const pending = id === undefined ? undefined : this.pending.get(idKey(id));
    if (pending === undefined) return;
    const why = entry.issues?.find((i) => i.severity === 'error')?.message ?? 'not readable';
    pending.settle({
      ok: false,
      code: 'BAD_RESPONSE',
      message: `${pending.method} failed: its response could not be read (${why}); see entry #${entry.seq} in the traffic`,
      requestSeq: entry.pairSeq,
      responseSeq: entry.seq,
      durationMs: entry.durationMs,
    });
  }

  private onResponse(entry: TrafficEntry, msg: Record<string, unknown>): void {
    const id = msg['id'];
    if (typeof id !== 'string' && typeof id !== 'number') return;
    const pending = this.pending.get(idKey(id));
    if (pending === undefined) return;
    const timing = {
      requestSeq: entry.pairSeq,
      responseSeq: entry.seq,
      durationMs: entry.durationMs,
    };
    if (entry.kind === 'response') {
      pending.settle({ ok: true, result: msg['result'], ...timing });
      return;
    }
    const error = (msg['error'] ?? {}) as RpcErrorObject;
    pending.settle({
      ok: false,
      code: 'RPC_ERROR',
      message: `${pending.method} failed with JSON-RPC error ${String(error.code)}: ${String(error.message)}`,
      error,
      ...timing,
    });
  }

  private onNotification(msg: Record<string, unknown>): void {
    const params = (msg['params'] ?? {}) as Record<string, unknown>;
    if (msg['method'] === 'notifications/progress') {
      const token = params['progressToken'];
      if (typeof token !== 'string' && typeof token !== 'number') return;
      const pending = this.byProgressToken.get(idKey(token));
      if (pending === undefined) return;
      this.armTimer(pending);
      const progress = { progress: Number(params['progress']) } as {
        progress: number;
        total?: number;
        message?: string;
      };
      if (typeof params['total'] === 'number') progress.total = params['total'];
      if (typeof params['message'] === 'string') progress.message = params['message'];
      pending.onProgress?.(progress);
    } else if (msg['method'] === 'notifications/tasks') {
      const taskId = params['taskId'];
      if (typeof taskId === 'string')
        for (const listener of this.taskListeners.get(taskId) ?? []) listener(params);
    } else if (msg['method'] === 'notifications/cancelled') {
      const requestId = params['requestId'];
      if (typeof requestId === 'string' || typeof requestId === 'number')
        this.serverRequests.get(idKey(requestId))?.abort();
    }
  }

  /**
   * What the policy answers a server's request with: a server-to-client request in the legacy
   * era, or one input request of an `input_required` result in the modern one.
   */
  private answer(
    method: string,
    params: Record<string, unknown>,
    context: ServerRequestContext,
  ): Promise<PolicyAnswer> {
    const policy = this.options.policy ?? {};
    if (
      policy.waitsForHuman === true &&
      (method === 'sampling/createMessage' || method === 'elicitation/create')
    ) {
      // Timeouts stand still while a person answers (the waiting ends however it ends).
      this.humanWaits++;
      this.holdTimers();
      const done = (): void => {
        this.humanWaits--;
        this.holdTimers();
      };
      const answer = this.answerBy(policy, method, params, context);
      void answer.then(done, done);
      return answer;
    }
    return this.answerBy(policy, method, params, context);
  }

  private answerBy(
    policy: ServerRequestPolicy,
    method: string,
    params: Record<string, unknown>,
    context: ServerRequestContext,
  ): Promise<PolicyAnswer> {
    switch (method) {
      case 'ping':
        return Promise.resolve({ result: {} });
      case 'sampling/createMessage':
        return (
          policy.sampling?.(params, context) ?? Promise.resolve(notDeclared(method, 'sampling'))
        );
      case 'elicitation/create':
        return (
          policy.elicitation?.answer(params, context) ??
          Promise.resolve(notDeclared(method, 'elicitation'))
        );
      case 'roots/list':
        return policy.roots?.(params, context) ?? Promise.resolve(notDeclared(method, 'roots'));
      default:
        return Promise.resolve({
          error: { code: -32601, message: `Method not found: ${method}` },
        });
    }
  }

  /**
   * A `tools/call` of a tool whose `x-mcp-header` declarations are invalid: the 2026-07-28
   * spec says a client must not call it, so it is refused here, naming the reason.
   */
  private excludedTool(
    method: string,
    params: Record<string, unknown> | undefined,
  ): RequestFailure | undefined {
    if (this.envelope === undefined || method !== 'tools/call') return undefined;
    const name = params?.['name'];
    const headers = typeof name === 'string' ? this.checker.toolHeaders.get(name) : undefined;
    if (headers === undefined || headers.valid) return undefined;
    return {
      ok: false,
      code: 'BAD_REQUEST',
      message: `tool "${String(name)}" is excluded from calls: ${headers.reason} (2026-07-28: a client must not call a tool whose x-mcp-header declarations are invalid)`,
    };
  }

  private onServerRequest(entry: TrafficEntry, msg: Record<string, unknown>): void {
    const id = msg['id'] as RequestId;
    const method = msg['method'] as string;
    const params = (msg['params'] ?? {}) as Record<string, unknown>;
    const controller = new AbortController();
    const key = idKey(id);
    this.serverRequests.set(key, controller);
    const context = { signal: controller.signal, entry };
    const answer = this.answer(method, params, context);
    answer
      .catch((error: unknown): PolicyAnswer => ({
        error: {
          code: -32603,
          message: `the client could not answer: ${(error as Error).message}`,
        },
      }))
      .then(async (reply) => {
        this.serverRequests.delete(key);
        // A request the server cancelled gets no response (spec: cancellation).
        if (
          controller.signal.aborted ||
          this.connection === undefined ||
          this.stateValue === 'closed' ||
          this.stateValue === 'failed'
        )
          return;
        const response =
          'result' in reply
            ? { jsonrpc: '2.0', id, result: reply.result }
            : { jsonrpc: '2.0', id, error: reply.error };
        const entry = this.log.appendMessage('c2s', response);
        await this.connection
          .send(response as JSONRPCMessage, { seq: entry.seq })
          .catch(() => undefined);
      })
      .catch(() => undefined);
  }
}

function notDeclared(method: string, capability: string): PolicyAnswer {
  return {
    error: {
      code: -32601,
      message: `${method} is not supported: the client did not declare the ${capability} capability`,
    },
  };
}

function createConnection(
  config: ServerConfig,
  log: TrafficLog,
  oauth: OAuthOptions | false | undefined,
  maxLineBytes: number | undefined,
): Connection {
  switch (config.transport) {
    case 'stdio':
      return new StdioConnection(config, log, maxLineBytes === undefined ? {} : { maxLineBytes });
    case 'sse':
    case 'streamable-http': {
      const ownAuthorization = Object.keys(config.headers).some(
        (name) => name.toLowerCase() === 'authorization',
      );
      const auth =
        oauth === false || ownAuthorization ? undefined : new HttpAuth(config.url, log, oauth);
      return new HttpConnection(config, log, auth);
    }
    default: {
      const _exhaustive: never = config;
      throw new Error(`unknown transport ${JSON.stringify(_exhaustive)}`);
    }
  }
}

function connectFailure(error: unknown): RequestFailure {
  if (error instanceof ConnectError) {
    const failure: RequestFailure = { ok: false, code: error.code, message: error.message };
    if (error.status !== undefined) failure.status = error.status;
    return failure;
  }
  return { ok: false, code: 'SEND_FAILED', message: (error as Error)?.message ?? String(error) };
}
