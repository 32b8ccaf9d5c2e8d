import { Loader2 } from 'lucide-react';
import { formatDuration } from '../../components/RequestOutcome';
import type { PagedList } from '../../lib/paged-list';

/** Under a paginated list: how much is loaded, and Load more / Load all while a cursor remains. */
export function ListPager<T>({
  list,
  noun,
  shown,
  canSend,
  onMore,
  onAll,
}: {
  list: PagedList<T>;
  noun: string;
  /** How many pass the filter, when one is set. */
  shown: number | undefined;
  canSend: boolean;
  onMore: () => void;
  onAll: () => void;
}) {
  if (!list.loaded && !list.loading) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 border-t border-zinc-200 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-800">
      <span className="flex-1" data-testid={`${noun}-count`}>
        {shown !== undefined && `${shown} of `}
        {list.items.length} {noun}
        {list.pages > 1 && ` · ${list.pages} pages`}
        {list.durationMs !== undefined && ` · last page ${formatDuration(list.durationMs)}`}
      </span>
      {list.loading && <Loader2 size={13} className="animate-spin" aria-label="Loading" />}
      {list.nextCursor !== undefined && !list.loading && (
        <>
          <button
            type="button"
            disabled={!canSend}
            onClick={onMore}
            className="rounded border border-zinc-300 px-2 py-0.5 font-medium text-zinc-700 hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
          >
            Load more
          </button>
          <button
            type="button"
            disabled={!canSend}
            onClick={onAll}
            className="rounded px-2 py-0.5 font-medium text-indigo-700 hover:bg-indigo-50 disabled:opacity-60 dark:text-indigo-300 dark:hover:bg-indigo-950"
          >
            Load all
          </button>
        </>
      )}
    </div>
  );
}
