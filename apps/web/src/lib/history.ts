import type { TrafficEntry } from '@mcpscope/protocol';
import { create } from 'zustand';
import { client } from './inspector';
import { MAX_WITH_OLDER, prependEntries, useApp } from './store';
import { CommandError } from './proxy-client';

/** Entries asked for per "load older". */
export const OLDER_PAGE = 5000;

/** Per session: is an older page on its way, and why the last one failed. */
interface OlderState {
  loading: Record<string, boolean>;
  error: Record<string, string | undefined>;
}

export const useOlder = create<OlderState>(() => ({ loading: {}, error: {} }));

/** Why no more older entries can be loaded into the browser, or undefined when they can. */
export function olderBlocked(entries: readonly TrafficEntry[]): string | undefined {
  if ((entries[0]?.seq ?? 0) === 0) return 'the whole session is loaded';
  if (entries.length >= MAX_WITH_OLDER)
    return `the browser holds at most ${MAX_WITH_OLDER.toLocaleString('en-US')} entries of a session; older ones stay in the proxy and in recordings`;
  return undefined;
}

/**
 * Pages the next older entries of a session in from the proxy (its memory or spill file) in
 * front of what the browser holds. One page at a time per session; resolves with how many
 * entries were added.
 */
export async function loadOlder(sessionId: string): Promise<number> {
  const view = useApp.getState().sessions[sessionId];
  const first = view?.entries[0];
  if (view === undefined || first === undefined || olderBlocked(view.entries) !== undefined)
    return 0;
  if (useOlder.getState().loading[sessionId] === true) return 0;
  setOlder(sessionId, true, undefined);
  try {
    const reply = await client.send({
      type: 'history',
      sessionId,
      beforeSeq: first.seq,
      limit: OLDER_PAGE,
    });
    const added = prependEntries(sessionId, reply.entries);
    setOlder(sessionId, false, undefined);
    return added;
  } catch (error) {
    setOlder(sessionId, false, messageOf(error));
    return 0;
  }
}

/** One entry with its whole payload (for an entry sent as a preview, marked `truncated`). */
export async function loadFullEntry(sessionId: string, seq: number): Promise<TrafficEntry> {
  const reply = await client.send({ type: 'entry', sessionId, seq });
  return reply.entry;
}

function setOlder(sessionId: string, loading: boolean, error: string | undefined): void {
  const state = useOlder.getState();
  useOlder.setState({
    loading: { ...state.loading, [sessionId]: loading },
    error: { ...state.error, [sessionId]: error },
  });
}

/** A failure as the UI shows it: the proxy's code and message. */
export function messageOf(error: unknown): string {
  return error instanceof CommandError
    ? `${error.code}: ${error.message}`
    : (error as Error).message;
}
