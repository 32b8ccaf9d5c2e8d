import { describeTarget } from '@mcpscope/protocol';
import { Plus, X } from 'lucide-react';
import { actions } from '../../lib/inspector';
import { useApp } from '../../lib/store';
import { StateDot } from '../../components/StateDot';
import { useRecorded } from '../../lib/recorded-store';
import { RecordingBadge } from '../recordings/RecordingBadge';
import { REPORT_MODE } from '../../lib/report-mode';
import { TapBadge } from '../tap/TapBadge';

/** One tab per connected server, plus "new connection". */
export function SessionTabs() {
  const order = useApp((s) => s.order);
  const sessions = useApp((s) => s.sessions);
  const active = useApp((s) => (s.connecting ? undefined : s.activeSessionId));
  const recorded = useRecorded((s) => s.byId);
  return (
    <nav className="flex min-w-0 items-center gap-1 overflow-x-auto" aria-label="Sessions">
      {order.map((id) => {
        const view = sessions[id];
        if (view === undefined) return null;
        const info = view.summary.handshake?.agreed.serverInfo ?? {};
        const name =
          [info['title'], info['name']].find((v): v is string => typeof v === 'string') ??
          describeTarget(view.summary.config);
        const pending = view.pending.length;
        return (
          <div
            key={id}
            className={`group flex max-w-64 shrink-0 items-center gap-2 rounded-md py-1 pr-1 pl-2.5 text-sm ${
              active === id
                ? 'bg-white shadow-sm dark:bg-zinc-800'
                : 'text-zinc-600 hover:bg-zinc-200/60 dark:text-zinc-400 dark:hover:bg-zinc-800/60'
            }`}
          >
            <button
              type="button"
              className="flex min-w-0 items-center gap-2"
              onClick={() => actions.showSession(id)}
              title={describeTarget(view.summary.config)}
            >
              <StateDot state={view.summary.state} />
              <span className="truncate">{name}</span>
              {recorded[id] !== undefined && <RecordingBadge title={recorded[id].name} />}
              {view.summary.tap !== undefined && <TapBadge />}
              {pending > 0 && (
                <span
                  className="rounded-full bg-amber-500 px-1.5 text-[10px] font-bold text-white"
                  title={`${pending} request(s) from the server wait for you`}
                >
                  {pending}
                </span>
              )}
            </button>
            {!REPORT_MODE && (
              <button
                type="button"
                aria-label={`Close ${name}`}
                title={
                  recorded[id] !== undefined
                    ? 'Close the recording'
                    : view.summary.tap !== undefined
                      ? 'Stop showing this tap (the host and its server go on)'
                      : 'Disconnect and close'
                }
                onClick={() => void actions.remove(id)}
                className="rounded p-0.5 text-zinc-400 opacity-0 group-hover:opacity-100 focus-visible:opacity-100 hover:bg-zinc-300/60 hover:text-zinc-700 dark:hover:bg-zinc-700"
              >
                <X size={13} />
              </button>
            )}
          </div>
        );
      })}
      {!REPORT_MODE && (
        <button
          type="button"
          onClick={() => actions.showNewConnection()}
          className="flex shrink-0 items-center gap-1 rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-200/60 dark:text-zinc-400 dark:hover:bg-zinc-800/60"
          title="Connect another server (Alt+N)"
        >
          <Plus size={14} /> New connection
        </button>
      )}
    </nav>
  );
}
