import type { Difference } from '@mcpscope/protocol/compare';
import type { ReactNode } from 'react';
import { DifferenceList } from './DifferenceList';
import { useCompare, type FramePair } from './compare-store';

function frameKey(frames: FramePair): string {
  return `${frames.title}\n${frames.a.join(',')}\n${frames.b.join(',')}`;
}

function seqs(frames: FramePair): string {
  const side = (name: string, list: readonly number[]) =>
    list.length === 0 ? undefined : `${name} #${list.join(', #')}`;
  return [side('a', frames.a), side('b', frames.b)].filter(Boolean).join(' · ');
}

/**
 * One item of a diff: its status and name, its differences, and a button that shows the
 * frames behind it, from both sessions, side by side.
 */
export function DiffRow({
  badge,
  title,
  frames,
  differences,
  ignored = [],
}: {
  badge: ReactNode;
  title: string;
  frames: FramePair;
  differences: readonly Difference[];
  ignored?: readonly Difference[];
}) {
  const selected = useCompare(
    (s) => s.frames !== undefined && frameKey(s.frames) === frameKey(frames),
  );
  return (
    <li
      className={`rounded-md border px-3 py-2 ${selected ? 'border-indigo-400 bg-indigo-50/60 dark:border-indigo-500 dark:bg-indigo-950/30' : 'border-zinc-200 dark:border-zinc-800'}`}
      data-testid="diff-row"
    >
      <div className="flex items-center gap-2 text-sm">
        {badge}
        <span className="min-w-0 flex-1 truncate font-mono">{title}</span>
        <button
          type="button"
          className="shrink-0 rounded px-1.5 py-0.5 font-mono text-xs text-indigo-700 hover:bg-indigo-100 dark:text-indigo-300 dark:hover:bg-indigo-900/50"
          aria-label={`Show the frames of ${title}`}
          title="Show both sessions' frames side by side"
          onClick={() => useCompare.setState({ frames })}
        >
          {seqs(frames)}
        </button>
      </div>
      <DifferenceList differences={differences} />
      <DifferenceList differences={ignored} ignored />
    </li>
  );
}
