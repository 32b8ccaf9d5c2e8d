/** Filter chips, one per notification method with its count; none selected means all. */
export function MethodChips({
  counts,
  selected,
  onChange,
}: {
  counts: ReadonlyMap<string, number>;
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}) {
  const methods = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = methods.reduce((sum, [, n]) => sum + n, 0);
  const chip = (active: boolean): string =>
    `inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs whitespace-nowrap transition-colors ${
      active
        ? 'border-indigo-500 bg-indigo-50 text-indigo-800 dark:border-indigo-400 dark:bg-indigo-950 dark:text-indigo-200'
        : 'border-zinc-300 text-zinc-600 hover:border-zinc-400 dark:border-zinc-700 dark:text-zinc-400 dark:hover:border-zinc-500'
    }`;
  return (
    <div className="flex flex-wrap gap-1.5" role="group" aria-label="Filter by method">
      <button
        type="button"
        className={chip(selected.size === 0)}
        aria-pressed={selected.size === 0}
        onClick={() => onChange(new Set())}
      >
        all <span className="tabular-nums opacity-70">{total}</span>
      </button>
      {methods.map(([method, count]) => {
        const active = selected.has(method);
        return (
          <button
            key={method}
            type="button"
            className={chip(active)}
            aria-pressed={active}
            title={active ? `Stop showing only ${method}` : `Show ${method}`}
            onClick={() => {
              const next = new Set(selected);
              if (active) next.delete(method);
              else next.add(method);
              onChange(next);
            }}
          >
            <span className="font-mono">{method || '(no method)'}</span>
            <span className="tabular-nums opacity-70">{count}</span>
          </button>
        );
      })}
    </div>
  );
}
