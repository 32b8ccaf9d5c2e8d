import { create } from 'zustand';
import { useApp } from './store';

/** What the UI shows about a session opened from a recording. */
export interface RecordedInfo {
  /** File name. */
  name: string;
  /** Entries in the recording. */
  total: number;
  /** Index of the last entry shown: the timeline's position. */
  cursor: number;
  /** Time of the last entry, ms since the session started. */
  durationMs: number;
  /** Problems tolerated when reading it (a truncated last line). */
  warnings: string[];
}

/** Recorded sessions by session id; a live session is simply not in it. */
export const useRecorded = create<{ byId: Record<string, RecordedInfo> }>(() => ({ byId: {} }));

/** The recording behind a session, if it is a recorded one. */
export function useRecordedInfo(sessionId: string | undefined): RecordedInfo | undefined {
  return useRecorded((s) => (sessionId === undefined ? undefined : s.byId[sessionId]));
}

/** Updates what is known about one recorded session. */
export function setRecordedInfo(sessionId: string, info: RecordedInfo): void {
  useRecorded.setState((s) => ({ byId: { ...s.byId, [sessionId]: info } }));
}

// A closed recording takes its timeline with it.
useApp.subscribe((app, previous) => {
  if (app.sessions === previous.sessions) return;
  const kept = useRecorded.getState().byId;
  if (Object.keys(kept).every((id) => id in app.sessions)) return;
  useRecorded.setState({
    byId: Object.fromEntries(Object.entries(kept).filter(([id]) => id in app.sessions)),
  });
});
