import type {
  Answer,
  OAuthClientSettings,
  Root,
  ServerConfig,
  SavedServer,
  RequestOutcomeWire,
  StagedApp,
} from '@mcpscope/protocol';
import { useApp, applyEvent, type SessionView, type PanelId } from './store';
import { MuxClient } from './mux-client';
import {
  defaultSocketUrl,
  ProxyClient,
  type InspectorClient,
  type PendingCommand,
  type PendingRequest,
} from './proxy-client';
import { setRecordedInfo, useRecorded } from './recorded-store';
import { READ_ONLY_REASON, type RecordedToolCall } from './recorded-session';
import type { ParsedRecording } from './recording-file';
import { REPORT_MODE } from './report-mode';
import { NoProxyClient } from '../report/no-proxy-client';
import { TAP_READ_ONLY_REASON } from '../features/tap/TapBadge';

// The HTML report is a file with no proxy behind it: only its recording answers.
const mux = new MuxClient(REPORT_MODE ? new NoProxyClient() : new ProxyClient(defaultSocketUrl()));

/** The client of this page: the live proxy that served it, and the recordings opened in it. */
export const client: InspectorClient = mux;

useApp.setState({ connection: client.status });
client.onStatus((status) => useApp.setState({ connection: status }));
client.onEvent((event) => {
  for (const sessionId of applyEvent(event)) {
    const view = useApp.getState().sessions[sessionId];
    const last = view?.entries[view.entries.length - 1];
    void client
      .send({ type: 'attach', sessionId, sinceSeq: last === undefined ? 0 : last.seq + 1 })
      .catch(() => undefined);
  }
});

/** Result of a `request`: the engine's outcome, as it crossed the socket. */
export type Outcome = RequestOutcomeWire;

/** Everything the UI can ask the proxy to do. */
export const actions = {
  async connect(
    config: ServerConfig,
    options?: { roots?: Root[]; protocolVersion?: string; oauth?: OAuthClientSettings },
  ): Promise<string> {
    const { sessionId } = await client.send({
      type: 'connect',
      config,
      ...(options && { options }),
    });
    useApp.setState({ activeSessionId: sessionId, connecting: false, panel: 'overview' });
    return sessionId;
  },
  /** Sends any request. The returned promise has the command id, for {@link actions.cancel}. */
  request(
    sessionId: string,
    method: string,
    params?: Record<string, unknown>,
    timeoutMs?: number,
    options: { task?: boolean; via?: 'app' } = {},
  ): PendingRequest {
    return client.send({
      type: 'request',
      sessionId,
      method,
      ...(params && { params }),
      ...(timeoutMs && { timeoutMs }),
      ...(options.task === true && { task: true }),
      ...(options.via !== undefined && { via: options.via }),
    });
  },
  /** Stages an MCP App's document on the proxy's sandbox origin (see the wire's `stageApp`). */
  stageApp(app: {
    html: string;
    csp?: Record<string, string[]>;
    permissions?: Record<string, Record<string, never>>;
  }): PendingCommand<StagedApp> {
    return client.send({ type: 'stageApp', ...app });
  },
  cancel(sessionId: string, requestCommandId: string): Promise<unknown> {
    return client.send({ type: 'cancel', sessionId, requestCommandId });
  },
  notify(sessionId: string, method: string, params?: Record<string, unknown>): Promise<unknown> {
    return client.send({ type: 'notify', sessionId, method, ...(params && { params }) });
  },
  respond(sessionId: string, serverRequestId: string, answer: Answer): Promise<unknown> {
    return client.send({ type: 'respond', sessionId, serverRequestId, answer });
  },
  setRoots(sessionId: string, roots: Root[]): Promise<unknown> {
    return client.send({ type: 'setRoots', sessionId, roots });
  },
  disconnect(sessionId: string): Promise<unknown> {
    return client.send({ type: 'disconnect', sessionId });
  },
  reconnect(sessionId: string): Promise<unknown> {
    return client.send({ type: 'reconnect', sessionId });
  },
  remove(sessionId: string): Promise<unknown> {
    return client.send({ type: 'remove', sessionId });
  },
  /** Removes the stored OAuth client and tokens of the session's server. */
  forgetCredentials(sessionId: string): Promise<unknown> {
    return client.send({ type: 'forgetCredentials', sessionId });
  },
  /** The server's log level, as the session's era sets it (see the wire's `setLogLevel`). */
  setLogLevel(sessionId: string, level: string): PendingCommand<Outcome> {
    return client.send({ type: 'setLogLevel', sessionId, level });
  },
  setRecording(sessionId: string, enabled: boolean): Promise<unknown> {
    return client.send({ type: 'setRecording', sessionId, enabled });
  },
  /** Opens a read recording as a read-only session and shows it, the timeline at its end. */
  openRecording(recording: ParsedRecording): { sessionId: string } {
    const session = mux.open(recording);
    setRecordedInfo(session.id, {
      name: recording.name,
      total: session.total,
      cursor: session.cursor,
      durationMs: recording.entries[session.total - 1]?.t ?? 0,
      warnings: recording.warnings,
    });
    useApp.setState({ activeSessionId: session.id, connecting: false });
    return { sessionId: session.id };
  },
  /**
   * Moves a recorded session's timeline. Returns true when what the lists hold changed (a
   * list response was crossed, or the handshake), so panels must list again.
   */
  seek(sessionId: string, cursor: number): boolean {
    const session = mux.recordedSession(sessionId);
    const info = useRecorded.getState().byId[sessionId];
    if (session === undefined || info === undefined) return false;
    const before = session.listEpoch();
    const hadHandshake = session.summary().handshake?.responseSeq;
    session.seek(cursor);
    setRecordedInfo(sessionId, { ...info, cursor: session.cursor });
    return (
      session.listEpoch() !== before || session.summary().handshake?.responseSeq !== hadHandshake
    );
  },
  /** The recorded tool calls of a recorded session as of its timeline, newest first. */
  recordedToolCalls(sessionId: string, perTool: number): RecordedToolCall[] {
    return mux.recordedSession(sessionId)?.toolCalls(perTool) ?? [];
  },
  saveServer(server: SavedServer): Promise<unknown> {
    return client.send({ type: 'saveServer', server });
  },
  deleteServer(serverId: string): Promise<unknown> {
    return client.send({ type: 'deleteServer', serverId });
  },
  showPanel(panel: PanelId): void {
    useApp.setState({ panel, connecting: false });
  },
  /** Opens the Traffic panel with the entry `seq` selected. */
  showInTraffic(seq: number): void {
    useApp.setState({ panel: 'log', connecting: false, logFocus: seq });
  },
  showSession(sessionId: string): void {
    useApp.setState({ activeSessionId: sessionId, connecting: false });
  },
  showNewConnection(): void {
    useApp.setState({ connecting: true });
  },
};

/**
 * Why commands to this session are disabled (it is a recording, or a tap of a real host's
 * connection), or undefined when mcpscope drives it.
 */
export function useReadOnly(sessionId: string | undefined): string | undefined {
  const recorded = useRecorded((s) =>
    sessionId !== undefined && s.byId[sessionId] !== undefined ? READ_ONLY_REASON : undefined,
  );
  const tapped = useApp((s) =>
    sessionId !== undefined && s.sessions[sessionId]?.summary.tap !== undefined
      ? TAP_READ_ONLY_REASON
      : undefined,
  );
  return recorded ?? tapped;
}

/** The session on screen, if any. */
export function useActiveSession(): SessionView | undefined {
  return useApp((s) =>
    s.activeSessionId === undefined ? undefined : s.sessions[s.activeSessionId],
  );
}
