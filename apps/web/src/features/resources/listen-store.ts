import { create } from 'zustand';
import { actions } from '../../lib/inspector';
import { CommandError } from '../../lib/proxy-client';
import { useRecorded } from '../../lib/recorded-store';
import { useApp, type SessionView } from '../../lib/store';
import { handshakeEpoch } from '../../lib/mcp-shapes';
import type { RequestFailure } from '../../lib/send-request';
import { serverNotifications } from '../../lib/traffic-scan';

/**
 * The 2026-07-28 era has no `resources/subscribe`: a client opens one long
 * `subscriptions/listen` request naming everything it wants to hear about, and changes the
 * set by cancelling it and opening another. This keeps that one listen per session.
 */
export interface ListenState {
  /** The handshake the listen belongs to: a reconnect starts over. */
  epoch: string;
  /** The URIs the open (or opening) listen asks updates for. */
  uris: string[];
  /** The `request` command of the open listen; undefined when not listening. */
  commandId: string | undefined;
  /** Seq of the newest entry when the listen was opened: its acknowledgement comes after. */
  sinceSeq: number;
  /** How the last listen ended, when it was not cancelled by us. */
  failure: RequestFailure | undefined;
  /** The user pressed Stop listening: do not open one on our own again. */
  stopped: boolean;
}

export const LISTEN = 'subscriptions/listen';
const ACKNOWLEDGED = 'notifications/subscriptions/acknowledged';

export const useListenStore = create<{ bySession: Record<string, ListenState> }>(() => ({
  bySession: {},
}));

function put(sessionId: string, change: Partial<ListenState>): void {
  useListenStore.setState((s) => {
    const old = s.bySession[sessionId];
    if (old === undefined && change.epoch === undefined) return s;
    const next = { ...(old as ListenState), ...change };
    return { bySession: { ...s.bySession, [sessionId]: next } };
  });
}

/** The params of a listen for `uris`: resource updates plus every list_changed. */
export function listenParams(uris: readonly string[]): Record<string, unknown> {
  return {
    notifications: {
      resourceSubscriptions: [...uris],
      resourcesListChanged: true,
      toolsListChanged: true,
      promptsListChanged: true,
    },
  };
}

/** Whether the session speaks the stateless era (its subscriptions go through a listen). */
export function isModern(sessionId: string): boolean {
  return useApp.getState().sessions[sessionId]?.summary.handshake?.era === 'modern';
}

/** Cancels the open listen, if any, and opens one for `uris`. */
export async function openListen(sessionId: string, uris: readonly string[]): Promise<void> {
  const view = useApp.getState().sessions[sessionId];
  if (view === undefined) return;
  const old = useListenStore.getState().bySession[sessionId];
  if (old?.commandId !== undefined)
    await actions.cancel(sessionId, old.commandId).catch(() => undefined);
  const pending = actions.request(sessionId, LISTEN, listenParams(uris));
  put(sessionId, {
    epoch: handshakeEpoch(view.summary),
    uris: [...uris],
    commandId: pending.id,
    sinceSeq: view.summary.lastSeq,
    failure: undefined,
    stopped: false,
  });
  let failure: RequestFailure | undefined;
  try {
    const outcome = await pending;
    if (!outcome.ok) failure = outcome;
  } catch (error) {
    failure =
      error instanceof CommandError
        ? { ok: false, code: error.code, message: error.message }
        : { ok: false, code: 'CLIENT_ERROR', message: (error as Error).message };
  }
  // A listen we replaced or stopped ends as cancelled: that is not news.
  if (useListenStore.getState().bySession[sessionId]?.commandId !== pending.id) return;
  put(sessionId, { commandId: undefined, failure });
}

/** Stops listening; no listen is opened again until the user asks. */
export async function stopListen(sessionId: string): Promise<void> {
  const old = useListenStore.getState().bySession[sessionId];
  if (old === undefined) return;
  put(sessionId, { commandId: undefined, stopped: true });
  if (old.commandId !== undefined)
    await actions.cancel(sessionId, old.commandId).catch(() => undefined);
}

/** Adds or removes one URI: the old listen is cancelled and a new one opened. */
export function setListenUri(sessionId: string, uri: string, subscribe: boolean): Promise<void> {
  const uris = useListenStore.getState().bySession[sessionId]?.uris ?? [];
  const next = subscribe ? [...new Set([...uris, uri])] : uris.filter((u) => u !== uri);
  return openListen(sessionId, next);
}

/** What the server acknowledged for the open listen (`params.notifications`), if it has. */
export function acknowledged(
  view: SessionView,
  listen: ListenState | undefined,
): { seq: number; notifications: Record<string, unknown> } | undefined {
  if (listen?.commandId === undefined) return undefined;
  const hits = serverNotifications(view, ACKNOWLEDGED);
  const last = hits[hits.length - 1];
  if (last === undefined || last.seq <= listen.sinceSeq) return undefined;
  const notifications = last.params['notifications'];
  return {
    seq: last.seq,
    notifications:
      typeof notifications === 'object' && notifications !== null
        ? (notifications as Record<string, unknown>)
        : {},
  };
}

// A modern session hears list_changed only on a listen, where a legacy one hears it
// unasked: open one as soon as the session is ready, so the panels' list_changed banners
// work the same in both eras. A reconnect (new handshake) opens a fresh one.
useApp.subscribe((app) => {
  const listens = useListenStore.getState().bySession;
  for (const [id, view] of Object.entries(app.sessions)) {
    const summary = view.summary;
    if (summary.handshake?.era !== 'modern' || summary.state !== 'ready') continue;
    // Recordings are read-only (and announced before their recorded info is set).
    if (id.startsWith('recording-') || useRecorded.getState().byId[id] !== undefined) continue;
    const epoch = handshakeEpoch(summary);
    const listen = listens[id];
    if (listen?.epoch === epoch) continue;
    put(id, {
      epoch,
      uris: [],
      commandId: undefined,
      sinceSeq: summary.lastSeq,
      failure: undefined,
      stopped: false,
    });
    void openListen(id, []);
  }
});
