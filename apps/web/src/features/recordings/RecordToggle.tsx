import { useState } from 'react';
import { actions, useActiveSession, useReadOnly } from '../../lib/inspector';

/**
 * The record switch of the active live session: on by default; off stops writing (the file
 * so far is kept); on again starts a new file with the session's history.
 */
export function RecordToggle() {
  const session = useActiveSession();
  const readOnly = useReadOnly(session?.summary.id);
  const [failure, setFailure] = useState<string>();
  const recording = session?.summary.recording;
  if (session === undefined || readOnly !== undefined || recording === undefined) return null;
  const on = recording.enabled;
  const toggle = async (): Promise<void> => {
    try {
      await actions.setRecording(session.summary.id, !on);
      setFailure(undefined);
    } catch (error) {
      setFailure((error as Error).message);
    }
  };
  const title =
    failure ??
    recording.error ??
    (on
      ? `Recording to ${recording.file ?? 'a file'}; click to stop (the file so far is kept)`
      : 'Not recording; click to record this session (from its first entry still in memory)');
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      aria-label="Record this session"
      onClick={() => void toggle()}
      title={title}
      className={`flex items-center gap-1.5 rounded px-2 py-1 text-xs ${
        on
          ? 'text-red-700 hover:bg-red-100 dark:text-red-300 dark:hover:bg-red-950'
          : 'text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-800'
      }`}
    >
      <span
        aria-hidden
        className={`inline-block size-2.5 rounded-full ${
          on ? 'animate-pulse bg-red-600' : 'border border-zinc-400 dark:border-zinc-500'
        }`}
      />
      {on ? 'Rec' : 'Rec off'}
      {(recording.error !== undefined || failure !== undefined) && (
        <span className="text-amber-600 dark:text-amber-400">!</span>
      )}
    </button>
  );
}
