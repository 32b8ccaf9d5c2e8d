import { useState } from 'react';
import { actions, useReadOnly } from '../../lib/inspector';
import { LEVELS } from './notification-index';

type Status =
  | { kind: 'idle' }
  | { kind: 'sending'; level: string }
  | { kind: 'ok'; level: string; ms: number | undefined }
  | { kind: 'failed'; level: string; message: string };

const SELECT =
  'rounded-md border border-zinc-300 bg-white px-1.5 py-1 text-xs text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200';

/**
 * Sets the log level: `logging/setLevel` before 2026-07-28, the `_meta` logLevel of every
 * later request since (the proxy knows the era). Offered only when the server declared the
 * `logging` capability, since the spec lets other servers answer it with "method not found".
 */
export function LogLevelControl({
  sessionId,
  supported,
  lastSent,
}: {
  sessionId: string;
  supported: boolean;
  /** The level of the newest `logging/setLevel` in the traffic, from any tab. */
  lastSent: string | undefined;
}) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const readOnly = useReadOnly(sessionId);
  if (!supported)
    return (
      <span
        className="text-xs text-zinc-400"
        title="The server did not declare capabilities.logging, so logging/setLevel is not offered"
      >
        no <code>logging</code> capability
      </span>
    );

  const send = async (level: string): Promise<void> => {
    setStatus({ kind: 'sending', level });
    try {
      const outcome = await actions.setLogLevel(sessionId, level);
      setStatus(
        outcome.ok
          ? { kind: 'ok', level, ms: outcome.durationMs }
          : { kind: 'failed', level, message: outcome.error?.message ?? outcome.message },
      );
    } catch (error) {
      setStatus({ kind: 'failed', level, message: (error as Error).message });
    }
  };

  const shown = status.kind === 'idle' ? (lastSent ?? '') : status.level;
  return (
    <span className="flex items-center gap-1.5 text-xs">
      <label className="flex items-center gap-1.5 text-zinc-500">
        <code>logging/setLevel</code>
        <select
          className={SELECT}
          value={shown}
          disabled={status.kind === 'sending' || readOnly !== undefined}
          title={readOnly}
          onChange={(e) => void send(e.target.value)}
          aria-label="Send logging/setLevel"
        >
          {shown === '' && <option value="">not sent</option>}
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </select>
      </label>
      {status.kind === 'sending' && <span className="text-zinc-400">sending…</span>}
      {status.kind === 'ok' && (
        <span className="text-emerald-700 dark:text-emerald-400" role="status">
          ✓ set{status.ms !== undefined && ` (${Math.round(status.ms)} ms)`}
        </span>
      )}
      {status.kind === 'failed' && (
        <span
          className="max-w-72 truncate text-red-700 dark:text-red-400"
          role="alert"
          title={status.message}
        >
          failed: {status.message}
        </span>
      )}
    </span>
  );
}
