import { Film } from 'lucide-react';

/** The mark of a session opened from a recording: the one thing that tells it from a live one. */
export function RecordingBadge({ title }: { title?: string }) {
  return (
    <span
      title={title ?? 'A recording: read-only'}
      className="inline-flex shrink-0 items-center gap-1 rounded bg-violet-100 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-violet-800 uppercase dark:bg-violet-900/50 dark:text-violet-200"
    >
      <Film size={11} aria-hidden /> recording
    </span>
  );
}
