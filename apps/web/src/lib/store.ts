import type {
  PendingServerRequest,
  ProxyEvent,
  SavedServer,
  ServerConfig,
  SessionSummary,
  TrafficEntry,
} from '@mcpscope/protocol';
import { create } from 'zustand';
import type { ConnectionStatus } from './proxy-client';

/**
 * Entries kept per session in the browser as traffic arrives; older ones are dropped first
 * and stay in the proxy, which pages them back in (lib/history.ts). See docs/limits.md.
 */
export const MAX_ENTRIES = 100_000;
/** How far paging older entries in may grow the window beyond {@link MAX_ENTRIES}. */
export const MAX_WITH_OLDER = 150_000;

/** Per session: how many entries beyond MAX_ENTRIES the user paged in (kept until live traffic pushes them out). */
const pagedIn = new Map<string, number>();

/** One session as the UI holds it. `entries` is append-only and mutated in place; `version` says it changed. */
export interface SessionView {
  summary: SessionSummary;
  entries: TrafficEntry[];
  version: number;
  pending: PendingServerRequest[];
}

/** The panels of a session, in navigation order. */
export type PanelId =
  'overview' | 'log' | 'tools' | 'resources' | 'prompts' | 'notifications' | 'roots' | 'stderr';

export interface AppState {
  connection: ConnectionStatus;
  proxyVersion: string | undefined;
  sessions: Record<string, SessionView>;
  order: string[];
  activeSessionId: string | undefined;
  /** True while the "new connection" page is shown instead of a session. */
  connecting: boolean;
  panel: PanelId;
  savedServers: SavedServer[];
  demo: ServerConfig | undefined;
  /** A traffic seq another panel asked the Traffic panel to select (then cleared by it). */
  logFocus: number | undefined;
}

export const useApp = create<AppState>(() => ({
  connection: 'connecting',
  proxyVersion: undefined,
  sessions: {},
  order: [],
  activeSessionId: undefined,
  connecting: true,
  panel: 'overview',
  savedServers: [],
  demo: undefined,
  logFocus: undefined,
}));

/** Seq of an entry's position: entries are contiguous by seq from the first one kept. */
export function entryBySeq(view: SessionView, seq: number): TrafficEntry | undefined {
  const first = view.entries[0];
  if (first === undefined) return undefined;
  const entry = view.entries[seq - first.seq];
  return entry?.seq === seq ? entry : view.entries.find((e) => e.seq === seq);
}

/** Applies one proxy event to the store. Returns the sessions that need (re)attaching. */
export function applyEvent(event: ProxyEvent): string[] {
  const state = useApp.getState();
  switch (event.type) {
    case 'hello': {
      const sessions: Record<string, SessionView> = {};
      const toAttach: string[] = [];
      for (const summary of event.sessions) {
        const known = state.sessions[summary.id];
        sessions[summary.id] = known
          ? { ...known, summary }
          : { summary, entries: [], version: 0, pending: [] };
        toAttach.push(summary.id);
      }
      const order = event.sessions.map((s) => s.id);
      const active =
        state.activeSessionId !== undefined && sessions[state.activeSessionId]
          ? state.activeSessionId
          : order[0];
      useApp.setState({
        proxyVersion: event.version,
        sessions,
        order,
        activeSessionId: active,
        connecting:
          active === undefined
            ? true
            : state.connecting && state.activeSessionId === undefined
              ? false
              : state.connecting,
        savedServers: event.savedServers,
        demo: event.demo,
      });
      return toAttach;
    }
    case 'session': {
      const known = state.sessions[event.session.id];
      const view: SessionView = known
        ? { ...known, summary: event.session }
        : { summary: event.session, entries: [], version: 0, pending: [] };
      useApp.setState({
        sessions: { ...state.sessions, [event.session.id]: view },
        order: known ? state.order : [...state.order, event.session.id],
      });
      // A session started in another tab (or by `mcpscope ui TARGET`): follow its traffic too.
      return known ? [] : [event.session.id];
    }
    case 'sessionRemoved': {
      pagedIn.delete(event.sessionId);
      const { [event.sessionId]: _removed, ...rest } = state.sessions;
      const order = state.order.filter((id) => id !== event.sessionId);
      const active = state.activeSessionId === event.sessionId ? order[0] : state.activeSessionId;
      useApp.setState({
        sessions: rest,
        order,
        activeSessionId: active,
        connecting: active === undefined || state.connecting,
      });
      return [];
    }
    case 'traffic': {
      const view = state.sessions[event.sessionId];
      if (view === undefined) return [];
      if (event.reset === true) {
        view.entries.length = 0;
        pagedIn.delete(event.sessionId);
      }
      const last = view.entries[view.entries.length - 1];
      for (const entry of event.entries) {
        // Attaching again after a reconnect may resend what we have.
        if (last !== undefined && entry.seq <= last.seq && event.reset !== true) continue;
        view.entries.push(entry);
      }
      // Trimmed in steps of a tenth: each trim makes the panels' indexes start over.
      const keep = MAX_ENTRIES + (pagedIn.get(event.sessionId) ?? 0);
      if (view.entries.length > keep + MAX_ENTRIES / 10)
        view.entries.splice(0, view.entries.length - keep);
      announceTraffic(event.sessionId);
      return [];
    }
    case 'pendingServerRequest': {
      const view = state.sessions[event.sessionId];
      if (view === undefined || view.pending.some((p) => p.key === event.request.key)) return [];
      useApp.setState({
        sessions: {
          ...state.sessions,
          [event.sessionId]: { ...view, pending: [...view.pending, event.request] },
        },
      });
      return [];
    }
    case 'serverRequestSettled': {
      const view = state.sessions[event.sessionId];
      if (view === undefined) return [];
      useApp.setState({
        sessions: {
          ...state.sessions,
          [event.sessionId]: { ...view, pending: view.pending.filter((p) => p.key !== event.key) },
        },
      });
      return [];
    }
    case 'savedServers':
      useApp.setState({ savedServers: event.servers });
      return [];
    case 'reply':
    case 'error':
      return [];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/**
 * Puts entries older than the oldest one held in front of a session's entries (a `history`
 * page). Only the part that joins up with what is held is taken, so seqs stay contiguous.
 * Returns how many were added.
 */
export function prependEntries(sessionId: string, older: readonly TrafficEntry[]): number {
  const view = useApp.getState().sessions[sessionId];
  const first = view?.entries[0];
  if (view === undefined || first === undefined) return 0;
  const room = MAX_WITH_OLDER - view.entries.length;
  if (room <= 0) return 0;
  const fitting = older.filter((e) => e.seq < first.seq).slice(-room);
  const last = fitting[fitting.length - 1];
  if (last === undefined || last.seq !== first.seq - 1) return 0;
  view.entries.unshift(...fitting);
  pagedIn.set(sessionId, Math.max(0, view.entries.length - MAX_ENTRIES));
  announceTraffic(sessionId);
  return fitting.length;
}

const changed = new Set<string>();
let frame: number | undefined;

/**
 * Entries are appended at once, but panels hear about it at most once per animation frame:
 * a session's history arrives in dozens of slices, and re-rendering after each would cost
 * far more than the data.
 */
function announceTraffic(sessionId: string): void {
  changed.add(sessionId);
  frame ??= requestAnimationFrame(() => {
    frame = undefined;
    const sessions = { ...useApp.getState().sessions };
    for (const id of changed) {
      const view = sessions[id];
      if (view !== undefined) sessions[id] = { ...view, version: view.version + 1 };
    }
    changed.clear();
    useApp.setState({ sessions });
  });
}
