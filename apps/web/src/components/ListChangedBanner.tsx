import { RefreshCw } from 'lucide-react';

/** Says the server announced a new list (`notifications/…/list_changed`) since it was fetched. */
export function ListChangedBanner({
  what,
  onRefresh,
  busy,
}: {
  what: string;
  onRefresh: () => void;
  busy: boolean;
}) {
  return (
    <div
      role="status"
      className="flex items-center gap-2 border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200"
    >
      <span className="flex-1">The server&apos;s {what} list changed.</span>
      <button
        type="button"
        onClick={onRefresh}
        disabled={busy}
        className="inline-flex items-center gap-1 rounded border border-amber-300 bg-white px-2 py-0.5 text-xs font-medium hover:bg-amber-100 disabled:opacity-60 dark:border-amber-800 dark:bg-amber-950 dark:hover:bg-amber-900"
      >
        <RefreshCw size={12} className={busy ? 'animate-spin' : ''} /> Refresh
      </button>
    </div>
  );
}
