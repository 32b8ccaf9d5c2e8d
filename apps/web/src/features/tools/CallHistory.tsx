import { FileInput, RotateCw } from 'lucide-react';
import { Badge } from '../../components/Badge';
import { entryBySeq, type SessionView } from '../../lib/store';
import { callDuration, callStatus, formatDuration } from './call-status';
import type { ToolCall } from './tools-store';
import { useNow } from './use-now';

function preview(args: Record<string, unknown>): string {
  const text = JSON.stringify(args);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/** The calls of one tool, newest first; a row shows its result again, re-runs it or loads it. */
export function CallHistory({
  session,
  calls,
  shownId,
  onShow,
  onRerun,
  onLoad,
  canSend,
}: {
  session: SessionView;
  calls: ToolCall[];
  shownId: string | undefined;
  onShow: (call: ToolCall) => void;
  onRerun: (call: ToolCall) => void;
  onLoad: (call: ToolCall) => void;
  canSend: boolean;
}) {
  const now = useNow(
    calls.some((c) => c.outcome === undefined && c.failure === undefined),
    500,
  );
  if (calls.length === 0) return null;
  return (
    <section aria-label="History">
      <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        History ({calls.length})
      </h3>
      <ol className="divide-y divide-zinc-100 overflow-hidden rounded-md border border-zinc-200 text-xs dark:divide-zinc-800 dark:border-zinc-800">
        {calls.map((call) => {
          const status = callStatus(call);
          const shown = call.id === shownId;
          return (
            <li
              key={call.id}
              className={`flex items-center gap-2 px-2 py-1.5 ${
                shown
                  ? 'bg-indigo-50 dark:bg-indigo-950/40'
                  : 'hover:bg-zinc-50 dark:hover:bg-zinc-900'
              }`}
            >
              <button
                type="button"
                onClick={() => onShow(call)}
                aria-current={shown}
                title="Show this call's result"
                className="flex min-w-0 flex-1 items-center gap-2 text-left"
              >
                <span className="shrink-0 text-zinc-500 tabular-nums">
                  {new Date(call.startedAt).toLocaleTimeString()}
                </span>
                <span className="w-16 shrink-0 text-right font-mono text-zinc-500 tabular-nums">
                  {formatDuration(callDuration(call, now))}
                </span>
                <span className="shrink-0">
                  <Badge tone={status.tone}>{status.label}</Badge>
                </span>
                <ProblemCount session={session} call={call} />
                {call.invalid && (
                  <span className="shrink-0">
                    <Badge tone="amber" title="Sent although the arguments did not validate">
                      invalid args
                    </Badge>
                  </span>
                )}
                <code className="min-w-0 flex-1 truncate text-zinc-600 dark:text-zinc-400">
                  {preview(call.args)}
                </code>
              </button>
              <button
                type="button"
                onClick={() => onLoad(call)}
                title="Load these arguments into the form"
                aria-label="Load into form"
                className="rounded p-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
              >
                <FileInput size={13} />
              </button>
              <button
                type="button"
                onClick={() => onRerun(call)}
                disabled={!canSend}
                title="Re-run with the same arguments"
                aria-label="Re-run"
                className="rounded p-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800 disabled:opacity-40 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
              >
                <RotateCw size={13} />
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** How many error diagnostics the engine put on the call's request and response. */
function ProblemCount({ session, call }: { session: SessionView; call: ToolCall }) {
  const seqs = [call.outcome?.requestSeq, call.outcome?.responseSeq];
  const problems = seqs
    .flatMap((seq) => (seq === undefined ? [] : (entryBySeq(session, seq)?.issues ?? [])))
    .filter((i) => i.severity === 'error');
  if (problems.length === 0) return null;
  return (
    <span className="shrink-0">
      <Badge tone="red" title={problems.map((p) => `${p.code}: ${p.message}`).join('\n')}>
        {problems.length} diagnostic{problems.length === 1 ? '' : 's'}
      </Badge>
    </span>
  );
}
