import { Activity } from 'lucide-react';
import { useState } from 'react';
import { actions, useActiveSession, useReadOnly } from '../../lib/inspector';

/** Sends `ping` to the active server and shows the round trip as the server measured it. */
export function PingButton() {
  const session = useActiveSession();
  const [result, setResult] = useState<string>();
  const readOnly = useReadOnly(session?.summary.id);
  if (session === undefined || session.summary.state !== 'ready') return null;
  // 2026-07-28 dropped ping: every request is its own round trip. Compose can still send one.
  const modern = session.summary.handshake?.era === 'modern';
  const why =
    readOnly ??
    (modern
      ? 'The 2026-07-28 protocol has no ping (every request is its own round trip); send one from Traffic → Compose to see how the server answers'
      : undefined);
  const ping = async (): Promise<void> => {
    setResult('…');
    const outcome = await actions.request(session.summary.id, 'ping');
    setResult(outcome.ok ? `${(outcome.durationMs ?? 0).toFixed(1)} ms` : outcome.code);
  };
  return (
    <button
      type="button"
      onClick={() => void ping()}
      disabled={why !== undefined}
      className="flex items-center gap-1 rounded px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-200 disabled:cursor-not-allowed disabled:opacity-50 dark:text-zinc-400 dark:hover:bg-zinc-800"
      title={why ?? 'Ping the server (round-trip time)'}
    >
      <Activity size={14} /> Ping
      {result !== undefined && (
        <span className="font-mono" data-testid="ping-result">
          {result}
        </span>
      )}
    </button>
  );
}
