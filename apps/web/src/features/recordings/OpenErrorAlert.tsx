import { X } from 'lucide-react';
import { useOpenError } from './open-recording';

/** Why the last recording could not be opened, until dismissed. */
export function OpenErrorAlert() {
  const message = useOpenError((s) => s.message);
  if (message === undefined) return null;
  return (
    <div
      role="alert"
      className="fixed bottom-4 left-1/2 z-50 flex max-w-xl -translate-x-1/2 items-start gap-2 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 shadow-lg dark:border-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <span className="min-w-0 flex-1 break-words">{message}</span>
      <button
        type="button"
        aria-label="Dismiss"
        onClick={() => useOpenError.setState({ message: undefined })}
        className="rounded p-0.5 hover:bg-red-200/60 dark:hover:bg-red-900"
      >
        <X size={14} />
      </button>
    </div>
  );
}
