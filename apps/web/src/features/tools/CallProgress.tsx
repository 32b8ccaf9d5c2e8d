import type { Progress } from './call-traffic';

/**
 * The latest `notifications/progress` of a call: a bar when the server gives a total, a moving
 * stripe when it does not, with progress/total and the server's message.
 */
export function CallProgress({
  progress,
  running,
}: {
  progress: Progress | undefined;
  running: boolean;
}) {
  if (progress === undefined) {
    if (!running) return null;
    return (
      <div
        aria-label="Waiting for the server"
        className="h-1.5 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full w-1/3 animate-[tools-indeterminate_1.4s_ease-in-out_infinite] rounded bg-indigo-400/70" />
      </div>
    );
  }
  const { total } = progress;
  const fraction =
    total !== undefined && total > 0
      ? Math.min(1, Math.max(0, progress.progress / total))
      : undefined;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={progress.progress}
        aria-label="Progress"
        className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
      >
        {fraction === undefined ? (
          <div className="h-full w-1/3 animate-[tools-indeterminate_1.4s_ease-in-out_infinite] rounded bg-indigo-500" />
        ) : (
          <div
            className={`h-full rounded transition-[width] duration-300 ${running ? 'bg-indigo-500' : 'bg-zinc-400 dark:bg-zinc-600'}`}
            style={{ width: `${fraction * 100}%` }}
          />
        )}
      </div>
      <p className="flex flex-wrap gap-x-3 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="font-mono">
          {progress.progress}
          {total !== undefined && ` / ${total}`}
          {fraction !== undefined && ` (${Math.round(fraction * 100)}%)`}
        </span>
        {progress.message !== undefined && <span>{progress.message}</span>}
        <span className="text-zinc-400">
          {progress.count} progress notification{progress.count === 1 ? '' : 's'}
        </span>
      </p>
    </div>
  );
}
