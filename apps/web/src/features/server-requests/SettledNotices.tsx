import { Info, X } from 'lucide-react';

/** A request that left the queue while the human was looking at it. */
export interface Notice {
  id: number;
  text: string;
}

/** Toast-like notices, bottom right, each dismissible; the host removes them after a while. */
export function SettledNotices({
  notices,
  onDismiss,
}: {
  notices: Notice[];
  onDismiss: (id: number) => void;
}) {
  if (notices.length === 0) return null;
  return (
    <div className="fixed right-4 bottom-16 z-50 flex w-96 flex-col gap-2" role="status">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className="flex items-start gap-2 rounded-lg border border-zinc-200 bg-white px-3 py-2 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <Info size={15} className="mt-0.5 shrink-0 text-sky-600 dark:text-sky-400" />
          <p className="flex-1">{notice.text}</p>
          <button
            type="button"
            onClick={() => onDismiss(notice.id)}
            aria-label="Dismiss"
            className="rounded p-0.5 text-zinc-400 hover:text-zinc-700 dark:hover:text-zinc-200"
          >
            <X size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
