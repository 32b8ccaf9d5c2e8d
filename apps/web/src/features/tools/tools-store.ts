import { create } from 'zustand';
import type { Outcome } from '../../lib/inspector';
import { EMPTY_NAME_MAP, withName, type NameMap } from '../../lib/name-map';
import { useApp } from '../../lib/store';

/** A tool as `tools/list` returned it: only `name` is relied on, everything else is read defensively. */
export type Tool = Record<string, unknown> & { name: string };

/** How the arguments of a tool are being edited. */
export type EditMode = 'form' | 'json';

/** One `tools/call` sent from this panel. */
export interface ToolCall {
  /** Local id, unique in the page. */
  id: string;
  tool: string;
  args: Record<string, unknown>;
  /** Wall-clock time of the click, for the history and the elapsed timer. */
  startedAt: number;
  /** Seq of the request's traffic entry, as the proxy named it when the request went out. */
  requestSeq?: number;
  /** Id of the `request` command, for `actions.cancel`. */
  commandId: string | undefined;
  /** True when the arguments did not match the inputSchema and were sent anyway. */
  invalid: boolean;
  /** Run as a task (2025-11-25): the proxy polled tasks/get and fetched tasks/result. */
  task?: boolean;
  endedAt?: number;
  outcome?: Outcome;
  /** A failure of the socket command itself (proxy unreachable, bad command). */
  failure?: { code: string; message: string };
}

/** What `tools/list` last gave, or why it failed. */
export type ListState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; code: string; message: string; data?: unknown; pages: number }
  | { status: 'ready' };

/** The arguments being edited for one tool. */
export interface Draft {
  args: Record<string, unknown>;
  /** The JSON text while in JSON mode; may not parse. */
  json: string;
  mode: EditMode;
  /** Set after the first send attempt: the form validates live from then on. */
  attempted: boolean;
}

/** Everything the panel keeps for one session, so it survives switching panels. */
export interface SessionTools {
  list: ListState;
  tools: Tool[];
  /** Seq of the last `tools/list` response: a `list_changed` after it means the list is stale. */
  listedSeq: number | undefined;
  /** Seq of the handshake response the list belongs to; a reconnect changes it. */
  handshakeSeq: number | undefined;
  selected: string | undefined;
  filter: string;
  /** By tool name: Maps, since a server may name a tool `constructor` (see lib/name-map.ts). */
  drafts: NameMap<Draft>;
  /** Calls by tool name, newest first. */
  history: NameMap<ToolCall[]>;
  /** The call shown in the result pane, per tool. */
  shownCall: NameMap<string>;
}

/** Calls kept per tool; older ones fall off. */
const HISTORY_LIMIT = 50;

const EMPTY: SessionTools = {
  list: { status: 'idle' },
  tools: [],
  listedSeq: undefined,
  handshakeSeq: undefined,
  selected: undefined,
  filter: '',
  drafts: EMPTY_NAME_MAP,
  history: EMPTY_NAME_MAP,
  shownCall: EMPTY_NAME_MAP,
};

interface ToolsStore {
  sessions: Record<string, SessionTools>;
}

/** The Tools panel's own store, keyed by session id. */
export const useToolsStore = create<ToolsStore>(() => ({ sessions: {} }));

/** The panel state of one session (a shared empty value until something is stored). */
export function useSessionTools(sessionId: string): SessionTools {
  return useToolsStore((s) => s.sessions[sessionId] ?? EMPTY);
}

/** Reads the state of a session outside React. */
export function getSessionTools(sessionId: string): SessionTools {
  return useToolsStore.getState().sessions[sessionId] ?? EMPTY;
}

/** Updates one session's state. */
export function updateSessionTools(
  sessionId: string,
  update: (state: SessionTools) => Partial<SessionTools>,
): void {
  useToolsStore.setState((s) => {
    const current = s.sessions[sessionId] ?? EMPTY;
    return { sessions: { ...s.sessions, [sessionId]: { ...current, ...update(current) } } };
  });
}

/** Replaces the draft of one tool. */
export function setDraft(sessionId: string, tool: string, draft: Draft): void {
  updateSessionTools(sessionId, (s) => ({ drafts: withName(s.drafts, tool, draft) }));
}

/** Adds a call at the top of its tool's history and shows it. */
export function addCall(sessionId: string, call: ToolCall): void {
  updateSessionTools(sessionId, (s) => ({
    history: withName(
      s.history,
      call.tool,
      [call, ...(s.history.get(call.tool) ?? [])].slice(0, HISTORY_LIMIT),
    ),
    shownCall: withName(s.shownCall, call.tool, call.id),
  }));
}

/** Changes one call of the history. */
export function patchCall(
  sessionId: string,
  tool: string,
  callId: string,
  patch: Partial<ToolCall>,
): void {
  updateSessionTools(sessionId, (s) => ({
    history: withName(
      s.history,
      tool,
      (s.history.get(tool) ?? []).map((c) => (c.id === callId ? { ...c, ...patch } : c)),
    ),
  }));
}

/** Shows one call of a tool's history in the result pane. */
export function showCall(sessionId: string, tool: string, callId: string): void {
  updateSessionTools(sessionId, (s) => ({ shownCall: withName(s.shownCall, tool, callId) }));
}

// A removed session takes its tools, drafts and history with it.
useApp.subscribe((app, previous) => {
  if (app.sessions === previous.sessions) return;
  const kept = useToolsStore.getState().sessions;
  if (Object.keys(kept).every((id) => id in app.sessions)) return;
  useToolsStore.setState({
    sessions: Object.fromEntries(Object.entries(kept).filter(([id]) => id in app.sessions)),
  });
});
