import type { TrafficEntry } from '@mcpscope/protocol';
import { useState } from 'react';
import { loadFullEntry, messageOf } from './history';

/** A whole entry fetched for one preview, and how the fetch is going. */
export interface FullPayload {
  /** The whole entry, once loaded for the current `seq`. */
  full: TrafficEntry | undefined;
  loading: boolean;
  error: string | undefined;
  load: () => void;
}

/**
 * Fetches entry `seq` whole on demand ("load full"). The result lives in the component's
 * state only, so the browser holds a huge payload just while someone looks at it.
 */
export function useFullPayload(sessionId: string, seq: number | undefined): FullPayload {
  const [state, setState] = useState<{
    seq: number | undefined;
    full?: TrafficEntry;
    loading: boolean;
    error?: string;
  }>({ seq, loading: false });
  // A different entry on screen: what was loaded belongs to the previous one.
  const current = state.seq === seq ? state : { seq, loading: false };
  if (current !== state) setState(current);
  const load = (): void => {
    if (seq === undefined) return;
    setState({ seq, loading: true });
    loadFullEntry(sessionId, seq).then(
      (full) => setState((s) => (s.seq === seq ? { seq, full, loading: false } : s)),
      (error: unknown) =>
        setState((s) => (s.seq === seq ? { seq, loading: false, error: messageOf(error) } : s)),
    );
  };
  return { full: current.full, loading: current.loading, error: current.error, load };
}
