import type { TrafficEntry } from '@mcpscope/protocol';
import { ChevronFirst, ChevronLast, ChevronLeft, ChevronRight, TriangleAlert } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../lib/store';
import type { RecordedInfo } from '../../lib/recorded-store';
import { RecordingBadge } from './RecordingBadge';
import { seekTo } from './timeline-actions';
import { isTyping } from '../../lib/keyboard';

/** What an entry was, in a few words, for the timeline's label. */
function describe(entry: TrafficEntry | undefined): string {
  if (entry === undefined) return 'nothing yet';
  const method = (entry.msg as { method?: unknown } | undefined)?.method;
  const arrow = entry.dir === 'c2s' ? '→' : entry.dir === 's2c' ? '←' : '·';
  if (typeof method === 'string') return `${arrow} ${entry.kind} ${method}`;
  if (entry.kind === 'response' || entry.kind === 'error')
    return `${arrow} ${entry.kind}${entry.pairSeq !== undefined ? ` to #${entry.pairSeq}` : ''}`;
  const fact = entry.transport?.state ?? entry.transport?.detail ?? entry.raw;
  return `${entry.kind}${fact !== undefined ? `: ${fact}` : ''}`;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const iconButton =
  'rounded p-1 text-zinc-600 hover:bg-zinc-200 disabled:cursor-not-allowed disabled:opacity-40 dark:text-zinc-300 dark:hover:bg-zinc-800';

/**
 * The timeline of a recorded session: every panel shows the session as of the chosen entry.
 * Step with the buttons, `[` and `]`, jump with `Home`/`End` (or `{` and `}`), or drag; the
 * slider takes the arrow keys when focused. Dragging seeks at most once per frame.
 */
export function Timeline({ session, info }: { session: SessionView; info: RecordedInfo }) {
  const sessionId = session.summary.id;
  const last = info.total - 1;
  const cursor = info.cursor;
  const [showWarnings, setShowWarnings] = useState(false);
  const pending = useRef<number | undefined>(undefined);
  const frame = useRef<number | undefined>(undefined);
  const cursorRef = useRef(cursor);
  useEffect(() => {
    cursorRef.current = cursor;
  }, [cursor]);

  const seek = (to: number): void => {
    pending.current = to;
    frame.current ??= requestAnimationFrame(() => {
      frame.current = undefined;
      if (pending.current !== undefined) seekTo(sessionId, pending.current);
    });
  };
  useEffect(() => () => cancelAnimationFrame(frame.current ?? 0), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (
        event.altKey ||
        event.ctrlKey ||
        event.metaKey ||
        (isTyping(event.target) && (event.target as HTMLInputElement).type !== 'range')
      )
        return;
      const at = cursorRef.current;
      const to =
        event.key === ']'
          ? at + 1
          : event.key === '['
            ? at - 1
            : event.key === '}'
              ? last
              : event.key === '{'
                ? 0
                : undefined;
      if (to === undefined) return;
      event.preventDefault();
      seekTo(sessionId, to);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sessionId, last]);
  const entry = session.entries[session.entries.length - 1];
  const steps = [
    { label: 'Jump to start', keys: '{ or Home', Icon: ChevronFirst, to: 0, disabled: cursor <= 0 },
    {
      label: 'Previous entry',
      keys: '[',
      Icon: ChevronLeft,
      to: cursor - 1,
      disabled: cursor <= 0,
    },
    {
      label: 'Next entry',
      keys: ']',
      Icon: ChevronRight,
      to: cursor + 1,
      disabled: cursor >= last,
    },
    {
      label: 'Jump to end',
      keys: '} or End',
      Icon: ChevronLast,
      to: last,
      disabled: cursor >= last,
    },
  ];
  return (
    <div
      className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-t border-zinc-200 bg-zinc-50 px-3 py-2 text-xs dark:border-zinc-800 dark:bg-zinc-950"
      role="group"
      aria-label="Recording timeline"
    >
      <RecordingBadge title={`${info.name}: read-only, recorded`} />
      <span className="max-w-56 truncate font-mono text-zinc-500" title={info.name}>
        {info.name}
      </span>
      <div className="flex items-center">
        {steps.map(({ label, keys, Icon, to, disabled }) => (
          <button
            key={label}
            type="button"
            className={iconButton}
            onClick={() => seekTo(sessionId, to)}
            disabled={disabled}
            aria-label={label}
            title={`${label} (${keys})`}
          >
            <Icon size={16} />
          </button>
        ))}
      </div>
      <input
        type="range"
        min={0}
        max={Math.max(0, last)}
        value={Math.max(0, cursor)}
        disabled={info.total === 0}
        onChange={(e) => seek(Number(e.target.value))}
        aria-label="Timeline position"
        aria-valuetext={`entry ${cursor + 1} of ${info.total}`}
        className="min-w-40 flex-1 accent-violet-600"
      />
      <span
        className="font-mono whitespace-nowrap text-zinc-600 dark:text-zinc-300"
        data-testid="timeline-position"
      >
        {cursor + 1} / {info.total}
      </span>
      <span className="max-w-72 truncate font-mono text-zinc-500" title={describe(entry)}>
        {entry !== undefined && `${seconds(entry.t)} of ${seconds(info.durationMs)} · `}
        {describe(entry)}
      </span>
      {info.warnings.length > 0 && (
        <button
          type="button"
          onClick={() => setShowWarnings((v) => !v)}
          className="flex items-center gap-1 rounded bg-amber-100 px-1.5 py-0.5 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
          aria-expanded={showWarnings}
        >
          <TriangleAlert size={12} />{' '}
          {info.warnings.length === 1 ? '1 warning' : `${info.warnings.length} warnings`}
        </button>
      )}
      {showWarnings && (
        <ul className="basis-full list-disc pl-5 text-amber-900 dark:text-amber-200" role="status">
          {info.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
