import type {
  Answer,
  OAuthClientSettings,
  Root,
  ServerConfig,
  SavedServer,
  RequestOutcomeWire,
} from '@mcpscope/protocol';
import { useApp, applyEvent, type SessionView, type PanelId } from './store';
import {
  defaultSocketUrl,
  ProxyClient,
  type InspectorClient,
  type PendingCommand,
} from './proxy-client';

/** The client of this page: the live proxy that served it. */
export const client: InspectorClient = new ProxyClient(defaultSocketUrl());

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
    const { sessionId } = await client.send<{ sessionId: string }>({
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
  ): PendingCommand<Outcome> {
    return client.send<Outcome>({
      type: 'request',
      sessionId,
      method,
      ...(params && { params }),
      ...(timeoutMs && { timeoutMs }),
    });
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
  saveServer(server: SavedServer): Promise<unknown> {
    return client.send({ type: 'saveServer', server });
  },
  deleteServer(serverId: string): Promise<unknown> {
    return client.send({ type: 'deleteServer', serverId });
  },
  showPanel(panel: PanelId): void {
    useApp.setState({ panel, connecting: false });
  },
  showSession(sessionId: string): void {
    useApp.setState({ activeSessionId: sessionId, connecting: false });
  },
  showNewConnection(): void {
    useApp.setState({ connecting: true });
  },
};

/** The session on screen, if any. */
export function useActiveSession(): SessionView | undefined {
  return useApp((s) =>
    s.activeSessionId === undefined ? undefined : s.sessions[s.activeSessionId],
  );
}
