import type { ReactNode } from 'react';

/**
 * The body of a request dialog: what scrolls, and a footer that stays put with the buttons
 * and the reason the last answer failed. Ctrl/Cmd+Enter runs `onSubmit`.
 */
export function AnswerLayout({
  children,
  footer,
  error,
  onSubmit,
}: {
  children: ReactNode;
  footer: ReactNode;
  error: string | undefined;
  onSubmit?: () => void;
}) {
  return (
    <div
      className="flex min-h-0 flex-1 flex-col"
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && onSubmit !== undefined) {
          event.preventDefault();
          onSubmit();
        }
      }}
    >
      <div className="min-h-0 flex-1 overflow-auto">{children}</div>
      <footer className="shrink-0 border-t border-zinc-200 bg-zinc-50 px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900/60">
        {error !== undefined && (
          <p className="mb-2 text-sm text-red-700 dark:text-red-400" role="alert">
            {error}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-2">{footer}</div>
      </footer>
    </div>
  );
}
