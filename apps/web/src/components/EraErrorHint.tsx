import { Lightbulb } from 'lucide-react';
import type { ReactNode } from 'react';
import { explainEraError, type RpcError } from '../lib/era-errors';

/**
 * What a -32020/-32021/-32022 error means and what to do next, shown above the raw error
 * (which stays visible). Renders nothing for any other error.
 */
export function EraErrorHint({
  error,
  declared,
  children,
}: {
  error: RpcError | undefined;
  declared?: Record<string, unknown>;
  /** An action to offer, e.g. a button that connects again with a supported revision. */
  children?: (supported: string[]) => ReactNode;
}) {
  const explained = explainEraError(error, declared);
  if (explained === undefined) return null;
  return (
    <div
      className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-2.5 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
      data-testid="era-error"
      data-code={explained.code}
    >
      <p className="flex items-center gap-1.5 font-semibold">
        <Lightbulb size={14} /> {explained.title}{' '}
        <code className="text-xs font-normal">({explained.code})</code>
      </p>
      <p>{explained.what}</p>
      <p className="text-xs">
        <span className="font-medium">Next: </span>
        {explained.next}
      </p>
      {children?.(explained.supported ?? [])}
    </div>
  );
}
