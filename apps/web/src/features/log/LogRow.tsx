import type { TrafficEntry } from '@mcpscope/protocol';
import { AlertTriangle } from 'lucide-react';
import { memo } from 'react';
import { formatBytes } from '../../lib/format';
import { idOf, methodOf, summaryOf } from './entry-text';
import { resultChips } from './rounds';

const KIND_STYLE: Record<string, string> = {
  request: 'text-sky-700 dark:text-sky-400',
  response: 'text-emerald-700 dark:text-emerald-400',
  notification: 'text-violet-700 dark:text-violet-400',
  error: 'text-red-700 dark:text-red-400',
  raw: 'text-red-700 dark:text-red-400 font-semibold',
  stderr: 'text-zinc-500',
  http: 'text-amber-700 dark:text-amber-400',
  lifecycle: 'text-zinc-500',
};
const ARROW = { c2s: '→', s2c: '←', meta: '·' } as const;
const OBSERVED = {
  c2s: 'host → server',
  s2c: 'server → host',
  meta: 'about the connection',
} as const;

/** One row of the traffic list. Memoised: rows re-render only when selected or replaced. */
export const LogRow = memo(function LogRow({
  entry,
  requestMethod,
  round,
  fromApp,
  selected,
  sibling,
  onSelect,
}: {
  /** The request (or the response to one) an MCP App made through the host. */
  fromApp?: boolean;
  entry: TrafficEntry;
  requestMethod: string | undefined;
  /** The input_required round of a retried request (its response is highlighted with it). */
  round: { of: number; n: number } | undefined;
  selected: boolean;
  /** Another round (or response) of the same logical call as the selected entry. */
  sibling: boolean;
  onSelect: (seq: number) => void;
}) {
  const method = methodOf(entry) ?? requestMethod;
  const problems = (entry.issues ?? []).filter((i) => i.severity !== 'info');
  return (
    <div
      role="row"
      aria-selected={selected}
      data-seq={entry.seq}
      data-sibling={sibling || undefined}
      onClick={() => onSelect(entry.seq)}
      className={`grid h-7 cursor-pointer grid-cols-[3rem_4.2rem_0.8rem_5.5rem_minmax(6rem,13rem)_minmax(8rem,1fr)_3.5rem_4rem] items-center gap-2 border-b border-zinc-100 px-2 font-mono text-xs dark:border-zinc-800/60 ${
        selected
          ? 'bg-indigo-100 dark:bg-indigo-950/70'
          : sibling
            ? 'bg-violet-50 shadow-[inset_3px_0_0] shadow-violet-400 dark:bg-violet-950/40'
            : problems.length > 0
              ? 'bg-red-50/70 hover:bg-red-100/70 dark:bg-red-950/20'
              : 'hover:bg-zinc-50 dark:hover:bg-zinc-900'
      }`}
    >
      <span className="text-right text-zinc-400">{entry.seq}</span>
      <span className="text-right text-zinc-500">{(entry.t / 1000).toFixed(3)}s</span>
      <span
        className={
          entry.dir === 'c2s'
            ? 'text-sky-600'
            : entry.dir === 's2c'
              ? 'text-emerald-600'
              : 'text-zinc-400'
        }
        title={
          entry.observed === true ? `observed by mcpscope tap: ${OBSERVED[entry.dir]}` : entry.dir
        }
        data-observed={entry.observed}
      >
        {ARROW[entry.dir]}
      </span>
      <span className={`truncate ${KIND_STYLE[entry.kind] ?? ''}`}>{entry.kind}</span>
      <span className="truncate" title={method}>
        {method ?? ''}
        {idOf(entry) !== undefined && <span className="ml-1 text-zinc-400">#{idOf(entry)}</span>}
      </span>
      <span className="flex min-w-0 items-center gap-1 overflow-hidden text-zinc-600 dark:text-zinc-400">
        {problems.length > 0 && (
          <span
            title={problems.map((p) => `${p.code}: ${p.message}`).join('\n')}
            className="shrink-0"
          >
            <AlertTriangle size={12} className="text-red-600" />
          </span>
        )}
        {fromApp === true && (
          <span
            className="shrink-0 rounded bg-fuchsia-100 px-1 text-[10px] text-fuchsia-800 dark:bg-fuchsia-900/50 dark:text-fuchsia-200"
            data-testid="app-chip"
            title="Made by an MCP App through the host (the app's own request, not a click in the inspector)"
          >
            from app
          </span>
        )}
        {round !== undefined && (
          <span
            className="shrink-0 rounded bg-violet-100 px-1 text-[10px] text-violet-800 dark:bg-violet-900/50 dark:text-violet-200"
            data-testid="round-chip"
            title="A retry of an input_required call, carrying the answers of the round before"
          >
            round {round.n} of #{round.of}
          </span>
        )}
        {resultChips(entry).map((chip) => (
          <span
            key={chip}
            className={`shrink-0 rounded px-1 text-[10px] ${chip === 'input_required' ? 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200' : 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300'}`}
            data-testid="result-chip"
          >
            {chip}
          </span>
        ))}
        <span className="truncate">{summaryOf(entry, requestMethod)}</span>
      </span>
      <span className="text-right text-zinc-500">
        {entry.durationMs !== undefined
          ? `${entry.durationMs < 10 ? entry.durationMs.toFixed(1) : Math.round(entry.durationMs)}ms`
          : ''}
      </span>
      <span className="text-right text-zinc-400">
        {entry.size !== undefined ? formatBytes(entry.size) : ''}
      </span>
    </div>
  );
});
