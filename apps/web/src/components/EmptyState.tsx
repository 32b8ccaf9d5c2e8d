import type { ReactNode } from 'react';

/** What a panel shows when it has nothing yet, with the next step. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-2 p-8 text-center text-sm text-zinc-500">
      <p className="font-medium text-zinc-700 dark:text-zinc-300">{title}</p>
      {children}
    </div>
  );
}
