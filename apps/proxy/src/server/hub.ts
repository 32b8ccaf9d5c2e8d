import { randomUUID } from 'node:crypto';
import type {
  TapFeedMessage,
  ErrorCode,
  OAuthClientSettings,
  OAuthCredentialsSummary,
  OAuthFlow,
  PendingServerRequest,
  Root,
  ServerConfig,
  SessionSummary,
  TrafficEntry,
} from '@mcpscope/protocol';
import type { OAuthOptions } from '@mcpscope/engine/oauth/http-auth';
import type { RecordingLibrary } from '@mcpscope/engine/recording/library';
import type { RecordingWriter } from '@mcpscope/engine/recording/writer';
import type { Session } from '@mcpscope/engine/session/session';
import { CLIENT_INFO } from '../version.js';
import { SpillFile } from '@mcpscope/engine/session/spill-file';
import { TrafficLog } from '@mcpscope/engine/session/traffic-log';
import { HumanAnswers, type SettledHow } from './human-answers.js';
import type { TapHubSession } from './tap-session.js';

/** The default cap on sessions one proxy keeps at once (`--max-sessions`, docs/limits.md). */
export const DEFAULT_MAX_SESSIONS = 64;

/** An expected refusal of the hub: it crosses the socket as `{code, message}`. */
export class HubRefusal extends Error {
  constructor(
    readonly code: 'TOO_MANY_SESSIONS',
    message: string,
  ) {
    super(message);
    this.name = 'HubRefusal';
  }
}

/** What the hub tells its listeners (the open sockets). */
export type HubEvent =
  | { type: 'session'; session: SessionSummary }
  | { type: 'sessionRemoved'; sessionId: string }
  | { type: 'traffic'; sessionId: string; entry: TrafficEntry }
  | { type: 'pendingServerRequest'; sessionId: string; request: PendingServerRequest }
  | { type: 'serverRequestSettled'; sessionId: string; key: string; how: SettledHow };

export interface HubSessionOptions {
  protocolVersion?: string;
  timeoutMs?: number;
  roots?: Root[];
  oauth?: OAuthClientSettings;
  /** The cap on one stdout line of a stdio server; the hub's own by default. */
  maxLineBytes?: number;
}

/**
 * OAuth in the UI: the authorization page opens in a new tab and redirects back to the
 * proxy's own callback route. Loaded with the engine, so `ui` starts without it.
 */
export interface HubOAuth {
  /** Options for one session's connection; `onFlow` reports the guided flow. */
  options: (
    settings: OAuthClientSettings | undefined,
    onFlow: (flow: OAuthFlow) => void,
  ) => OAuthOptions;
  credentials: (serverUrl: string) => Promise<OAuthCredentialsSummary | undefined>;
  forget: (serverUrl: string) => Promise<boolean>;
}

/** What the hub keeps: sessions mcpscope drives, and tapped connections it only watches. */
export type AnySession = HubSession | TapHubSession;

/** One target as the UI sees it: a session that survives reconnects, with one traffic history. */
export class HubSession {
  readonly kind = 'session';
  readonly id = randomUUID();
  readonly createdAt = new Date().toISOString();
  /** Bounded in memory; every entry also spills to a private file (see docs/limits.md). */
  readonly log = new TrafficLog({ spill: SpillFile.create() });
  readonly answers: HumanAnswers;
  roots: Root[];
  session: Session;
  private detail: string | undefined;
  private errorCode: ErrorCode | undefined;
  private oauthFlow: OAuthFlow | undefined;
  private oauthCredentials: OAuthCredentialsSummary | undefined;
  private recorder: RecordingWriter | undefined;
  private recordingError: string | undefined;

  constructor(
    private readonly SessionClass: typeof Session,
    readonly config: ServerConfig,
    private readonly options: HubSessionOptions,
    private readonly emit: (event: HubEvent) => void,
    private readonly oauth?: HubOAuth,
    private readonly library?: RecordingLibrary,
    recordByDefault = true,
  ) {
    this.roots = options.roots ?? [];
    this.answers = new HumanAnswers(
      (request) => emit({ type: 'pendingServerRequest', sessionId: this.id, request }),
      (key, how) => emit({ type: 'serverRequestSettled', sessionId: this.id, key, how }),
    );
    // One recorder for the life of the log; it writes to whichever file is current, if any.
    this.log.addRecorder((entry) => this.record(entry));
    this.log.subscribe((entry) =>
      emit({ type: 'traffic', sessionId: this.id, entry: this.log.display(entry) }),
    );
    this.session = this.newSession();
    // Recording is on by default: the file must have the session from its first entry.
    if (recordByDefault) this.startRecording();
  }

  /**
   * Starts or stops writing this session to the recordings directory. A recording started
   * late begins with the history still in memory, so the file always opens with the
   * handshake when the log still has it.
   */
  setRecording(enabled: boolean): void {
    if (enabled && this.recorder === undefined) {
      this.startRecording();
      for (const entry of this.log.entries(0)) this.record(entry);
    } else if (!enabled) {
      this.stopRecording();
    }
    this.announce();
  }

  /** Closes the recording file, if one is open. */
  stopRecording(): void {
    if (this.recorder === undefined) return;
    this.library?.finished(this.recorder);
    this.recorder = undefined;
  }

  private startRecording(): void {
    if (this.library === undefined) return;
    try {
      this.recorder = this.library.start({
        config: this.config,
        client: CLIENT_INFO,
        ...(this.options.protocolVersion !== undefined && {
          protocolVersion: this.options.protocolVersion,
        }),
      });
      this.recordingError = undefined;
    } catch (error) {
      this.recordingError = `cannot record in ${this.library.dir}: ${(error as Error).message}`;
    }
  }

  private record(entry: TrafficEntry): void {
    const recorder = this.recorder;
    if (recorder === undefined) return;
    recorder.write(entry);
    if (recorder.error !== undefined) {
      this.recordingError = `recording stopped: ${recorder.error.message}`;
      this.stopRecording();
      this.announce();
    }
  }

  private newSession(): Session {
    const session = new this.SessionClass(this.config, {
      log: this.log,
      clientInfo: CLIENT_INFO,
      policy: this.answers.policy(() => this.roots),
      ...(this.options.protocolVersion !== undefined && {
        protocolVersion: this.options.protocolVersion,
      }),
      ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
      ...(this.options.maxLineBytes !== undefined && { maxLineBytes: this.options.maxLineBytes }),
      ...(this.oauth !== undefined && {
        oauth: this.oauth.options(this.options.oauth, (flow) => {
          this.oauthFlow = flow;
          this.announce();
          if (flow.state === 'authorized' || flow.state === 'failed')
            void this.refreshCredentials();
        }),
      }),
    });
    session.onState((state, detail) => {
      if (state === 'failed' || state === 'closed') this.answers.clear();
      if (detail !== undefined) this.detail = detail;
      else if (state === 'ready' || state === 'connecting') this.detail = undefined;
      this.announce();
    });
    return session;
  }

  /** Connects (or reconnects), announcing every state change on the way. */
  async connect(): Promise<void> {
    this.errorCode = undefined;
    await this.refreshCredentials();
    const outcome = await this.session.connect();
    if (!outcome.ok) {
      this.errorCode = outcome.code;
      this.detail = outcome.message;
    }
    this.announce();
  }

  async reconnect(): Promise<void> {
    await this.session.close();
    this.session.detach();
    this.session = this.newSession();
    await this.connect();
  }

  /** Forgets the server's stored OAuth client and tokens. */
  async forgetCredentials(): Promise<boolean> {
    if (this.oauth === undefined || this.config.transport === 'stdio') return false;
    const removed = await this.oauth.forget(this.config.url);
    this.oauthFlow = undefined;
    await this.refreshCredentials();
    return removed;
  }

  private async refreshCredentials(): Promise<void> {
    if (this.oauth === undefined || this.config.transport === 'stdio') return;
    this.oauthCredentials = await this.oauth.credentials(this.config.url);
    this.announce();
  }

  summary(): SessionSummary {
    const s = this.session;
    const summary: SessionSummary = {
      id: this.id,
      config: this.config,
      transport: s.effectiveConfig.transport,
      state: s.state,
      createdAt: this.createdAt,
      roots: this.roots,
      lastSeq: this.log.lastSeq,
    };
    if (this.detail !== undefined) summary.detail = this.detail;
    if (this.errorCode !== undefined) summary.errorCode = this.errorCode;
    if (s.handshake !== undefined) summary.handshake = s.handshake;
    if (s.sessionId !== undefined) summary.mcpSessionId = s.sessionId;
    if (this.oauthFlow !== undefined) summary.oauth = this.oauthFlow;
    if (this.oauthCredentials !== undefined) summary.oauthCredentials = this.oauthCredentials;
    if (this.library !== undefined) {
      summary.recording = { enabled: this.recorder !== undefined };
      if (this.recorder !== undefined)
        summary.recording.file = this.recorder.path.slice(this.library.dir.length + 1);
      if (this.recordingError !== undefined) summary.recording.error = this.recordingError;
    }
    return summary;
  }

  announce(): void {
    this.emit({ type: 'session', session: this.summary() });
  }
}

/**
 * All sessions of one proxy. Sockets come and go; sessions stay until removed, so a reload
 * or a second tab finds them with their whole history.
 */
export class SessionHub {
  private readonly sessions = new Map<string, AnySession>();
  private readonly listeners = new Set<(event: HubEvent) => void>();
  /** Sessions being created (their imports awaited): they count against the cap. */
  private creating = 0;

  private oauth: HubOAuth | undefined;
  /** Where sessions are recorded; without it, nothing is. */
  readonly recordings: RecordingLibrary | undefined;

  /**
   * `oauthCallbackUrl`: the proxy's redirect URI, known once it listens. `recordByDefault`
   * false leaves new sessions unrecorded until the UI's switch turns recording on.
   */
  constructor(
    private readonly hubOptions: {
      oauthCallbackUrl?: () => string;
      recordings?: RecordingLibrary;
      recordByDefault?: boolean;
      /** The cap on one stdout line of a stdio server (`mcpscope ui --max-line-mb`). */
      maxLineBytes?: number;
      /** `--max-sessions`; {@link DEFAULT_MAX_SESSIONS} by default. */
      maxSessions?: number;
    } = {},
  ) {
    this.recordings = hubOptions.recordings;
  }

  listen(listener: (event: HubEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): AnySession[] {
    return [...this.sessions.values()];
  }

  get(id: string): AnySession | undefined {
    return this.sessions.get(id);
  }

  /** Creates a session and starts connecting; the returned session is announced at once. */
  async create(config: ServerConfig, options: HubSessionOptions = {}): Promise<HubSession> {
    // Checked before anything awaits, so that a flood of connects cannot all pass. Each
    // session holds a spill file, a recording and usually a process: without a cap one page
    // (or a stuck script) could use up the file descriptors and starve every other tab.
    this.checkRoom();
    this.creating++;
    try {
      return await this.createSession(config, options);
    } finally {
      this.creating--;
    }
  }

  private async createSession(
    config: ServerConfig,
    options: HubSessionOptions,
  ): Promise<HubSession> {
    // The engine (and the MCP SDK's schemas it checks messages with) loads with the first
    // session, not at start-up: the page must be served as fast as possible.
    const { Session } = await import('@mcpscope/engine/session/session');
    await this.recordings?.load();
    const callback = this.hubOptions.oauthCallbackUrl;
    // One store for all sessions: its writes are serialised per instance.
    if (this.oauth === undefined && callback !== undefined)
      this.oauth = (await import('./ui-oauth.js')).uiOAuth(callback);
    const oauth = this.oauth;
    const hubSession = new HubSession(
      Session,
      config,
      options.maxLineBytes === undefined && this.hubOptions.maxLineBytes !== undefined
        ? { ...options, maxLineBytes: this.hubOptions.maxLineBytes }
        : options,
      (event) => this.emit(event),
      oauth,
      this.recordings,
      this.hubOptions.recordByDefault ?? true,
    );
    this.sessions.set(hubSession.id, hubSession);
    hubSession.announce();
    void hubSession.connect();
    return hubSession;
  }

  /**
   * A tapped connection whose tap just attached (`mcpscope tap`): announced at once, fed by
   * the tap. Counts against the same cap as every session.
   */
  async createTap(
    open: Extract<TapFeedMessage, { type: 'open' }>,
    closeFeed: (removed: boolean) => void,
  ): Promise<TapHubSession> {
    this.checkRoom();
    this.creating++;
    let TapSession: typeof TapHubSession;
    try {
      // With the first tap, not at start-up: it brings the MCP SDK's schemas along.
      TapSession = (await import('./tap-session.js')).TapHubSession;
    } finally {
      this.creating--;
    }
    const tap = new TapSession(open, (event) => this.emit(event), closeFeed, this.recordings?.dir);
    this.sessions.set(tap.id, tap);
    tap.announce();
    return tap;
  }

  private checkRoom(): void {
    const max = this.hubOptions.maxSessions ?? DEFAULT_MAX_SESSIONS;
    if (this.sessions.size + this.creating >= max) {
      throw new HubRefusal(
        'TOO_MANY_SESSIONS',
        `this mcpscope already keeps ${max} sessions, its limit: close the sessions you no longer need, or start mcpscope ui with --max-sessions ${max * 2}`,
      );
    }
  }

  async remove(id: string): Promise<boolean> {
    const hubSession = this.sessions.get(id);
    if (hubSession === undefined) return false;
    this.sessions.delete(id);
    if (hubSession.kind === 'tap') {
      // The tap goes on recording; it is told not to feed this UI again.
      hubSession.closeFeed(true);
      await hubSession.log.close();
      this.emit({ type: 'sessionRemoved', sessionId: id });
      return true;
    }
    await hubSession.session.close();
    hubSession.session.detach();
    await hubSession.log.close();
    hubSession.stopRecording();
    this.emit({ type: 'sessionRemoved', sessionId: id });
    return true;
  }

  /** Closes every session: servers get end-of-input, then signals. */
  async closeAll(): Promise<void> {
    const driven = this.list().filter((s): s is HubSession => s.kind === 'session');
    // Taps are only let go: the host and its server never notice this UI leave.
    for (const s of this.list()) if (s.kind === 'tap') s.closeFeed(false);
    await Promise.all(driven.map((s) => s.session.close()));
    await Promise.all(this.list().map((s) => s.log.close()));
    for (const s of driven) s.stopRecording();
  }

  private emit(event: HubEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        process.emitWarning(`hub listener failed: ${(error as Error).message}`);
      }
    }
  }
}
