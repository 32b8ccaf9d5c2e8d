import type { TrafficEntry } from '@mcpscope/protocol';
import { AlertTriangle, ChevronDown, ChevronRight } from 'lucide-react';
import { CopyButton } from '../../components/CopyButton';
import { Diagnostics } from '../../components/Diagnostics';
import { JsonView } from '../../components/JsonView';
import { methodOf, type NotificationIndex } from './notification-index';
import { NotificationSummary } from './NotificationSummary';

function isListChanged(method: string): boolean {
  return method.endsWith('/list_changed');
}

/** One notification: a one-line summary that expands to the whole message and its diagnostics. */
export function NotificationRow({
  entry,
  index,
  expanded,
  onToggle,
  clock,
}: {
  entry: TrafficEntry;
  index: NotificationIndex;
  expanded: boolean;
  onToggle: () => void;
  clock: string;
}) {
  const method = methodOf(entry);
  const issues = entry.issues ?? [];
  const worst = issues.some((i) => i.severity === 'error') ? 'error' : issues[0]?.severity;
  return (
    <div
      className={`border-b border-zinc-100 dark:border-zinc-900 ${
        isListChanged(method)
          ? 'border-l-2 border-l-indigo-500 bg-indigo-50/70 dark:bg-indigo-950/30'
          : 'border-l-2 border-l-transparent'
      } ${expanded ? 'bg-zinc-50 dark:bg-zinc-900/60' : ''}`}
    >
      <button
        type="button"
        onClick={onToggle}
        aria-expanded={expanded}
        className="flex w-full items-center gap-2 px-3 py-1.5 text-left text-sm hover:bg-zinc-50 dark:hover:bg-zinc-900"
      >
        {expanded ? (
          <ChevronDown size={13} className="shrink-0 text-zinc-400" />
        ) : (
          <ChevronRight size={13} className="shrink-0 text-zinc-400" />
        )}
        <span
          className="w-20 shrink-0 font-mono text-xs text-zinc-400 tabular-nums"
          title={`${clock} (#${entry.seq})`}
        >
          +{(entry.t / 1000).toFixed(3)}s
        </span>
        <span
          className="w-64 shrink-0 truncate font-mono text-xs text-zinc-500"
          title={method || 'no method'}
        >
          {method || <em>no method</em>}
        </span>
        <span className="min-w-0 flex-1">
          <NotificationSummary entry={entry} index={index} />
        </span>
        {worst !== undefined && (
          <AlertTriangle
            size={13}
            className={`shrink-0 ${worst === 'error' ? 'text-red-500' : 'text-amber-500'}`}
            aria-label={`${issues.length} diagnostics`}
          />
        )}
      </button>
      {expanded && (
        <div className="space-y-2 py-2 pr-3 pl-[7.25rem]">
          <Diagnostics issues={issues} />
          <div className="relative rounded-md border border-zinc-200 bg-white py-2 pr-2 pl-5 dark:border-zinc-800 dark:bg-zinc-950">
            <div className="absolute top-1 right-1">
              <CopyButton text={() => JSON.stringify(entry.msg, null, 2)} label="Copy JSON" />
            </div>
            <JsonView value={entry.msg} expandDepth={3} label={`Notification #${entry.seq}`} />
          </div>
          <p className="text-xs text-zinc-400">
            #{entry.seq} at {clock}
            {entry.size !== undefined && ` · ${entry.size} bytes`}
          </p>
        </div>
      )}
    </div>
  );
}
