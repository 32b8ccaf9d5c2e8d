import { BellRing } from 'lucide-react';

/** What a minimized dialog leaves behind: a reminder that servers are waiting, to reopen it. */
export function WaitingPill({ count, onOpen }: { count: number; onOpen: () => void }) {
  return (
    <button
      type="button"
      onClick={onOpen}
      className="fixed right-4 bottom-4 z-40 inline-flex items-center gap-2 rounded-full bg-amber-500 px-4 py-2 text-sm font-semibold text-zinc-950 shadow-lg ring-2 ring-amber-300/60 hover:bg-amber-400 dark:ring-amber-700/60"
      title="Show the server requests waiting for an answer"
    >
      <span className="relative flex h-2.5 w-2.5">
        <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-zinc-950 opacity-40" />
        <span className="relative inline-flex h-2.5 w-2.5 rounded-full bg-zinc-950" />
      </span>
      <BellRing size={15} />
      {count === 1 ? '1 request waiting' : `${count} requests waiting`}
    </button>
  );
}
