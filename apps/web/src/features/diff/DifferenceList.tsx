import type { Difference } from '@mcpscope/protocol/compare';

const MAX_VALUE = 200;

function show(difference: Difference, side: 'recorded' | 'actual'): string {
  if (!(side in difference)) return '(absent)';
  const text = JSON.stringify(difference[side]) ?? 'undefined';
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}… (${text.length} chars)` : text;
}

/** Differences at their JSONPaths, a's value over b's. Ignored ones are dimmed and say so. */
export function DifferenceList({
  differences,
  ignored = false,
}: {
  differences: readonly Difference[];
  ignored?: boolean;
}) {
  if (differences.length === 0) return null;
  return (
    <ul
      className={`mt-1 space-y-1 font-mono text-xs ${ignored ? 'opacity-60' : ''}`}
      aria-label={ignored ? 'Ignored differences' : 'Differences'}
    >
      {differences.map((d) => (
        <li key={d.path} className="rounded bg-zinc-50 px-2 py-1 dark:bg-zinc-900">
          <div className="text-zinc-600 dark:text-zinc-400">
            {ignored && <span className="mr-1 italic">ignored:</span>}
            {d.path}
          </div>
          {!ignored && (
            <>
              <div className="break-all text-red-700 dark:text-red-400">
                − a: {show(d, 'recorded')}
              </div>
              <div className="break-all text-emerald-700 dark:text-emerald-400">
                + b: {show(d, 'actual')}
              </div>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
