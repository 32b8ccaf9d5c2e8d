import { Badge } from '../../components/Badge';
import { matchesFilter } from '../../components/FilterBox';
import { ItemIcon } from '../../components/ItemIcon';
import type { PromptItem } from './prompts-store';

export function filterPrompts(items: PromptItem[], filter: string): PromptItem[] {
  return items.filter((p) =>
    matchesFilter(filter, [p.name, p.title, p.description, ...p.arguments.map((a) => a.name)]),
  );
}

/** The prompts, filtered, with their argument counts. */
export function PromptList({
  items,
  total,
  selected,
  onSelect,
}: {
  items: PromptItem[];
  total: number;
  selected: string | undefined;
  onSelect: (prompt: PromptItem) => void;
}) {
  if (total === 0) return <p className="p-4 text-sm text-zinc-500">The server lists no prompts.</p>;
  if (items.length === 0)
    return <p className="p-4 text-sm text-zinc-500">No prompt matches the filter.</p>;
  return (
    <ul aria-label="Prompts" className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
      {items.map((p, i) => {
        const isSelected = p.name !== undefined && p.name === selected;
        const required = p.arguments.filter((a) => a.required).length;
        return (
          <li key={`${i}:${p.name}`}>
            <button
              type="button"
              onClick={() => onSelect(p)}
              aria-current={isSelected ? 'true' : undefined}
              className={`block w-full space-y-0.5 px-3 py-2 text-left ${
                isSelected
                  ? 'bg-indigo-50 dark:bg-indigo-950/50'
                  : 'hover:bg-zinc-50 dark:hover:bg-zinc-900'
              }`}
            >
              <div className="flex items-center gap-1.5">
                <ItemIcon icons={p.icons} />
                <span className="min-w-0 flex-1 truncate text-sm font-medium">
                  {p.title ?? p.name ?? '(unnamed)'}
                </span>
                <Badge
                  title={`${p.arguments.length} arguments, ${required} required`}
                  tone={p.arguments.length > 0 ? 'blue' : 'neutral'}
                >
                  {p.arguments.length === 0
                    ? 'no args'
                    : `${p.arguments.length} arg${p.arguments.length === 1 ? '' : 's'}`}
                </Badge>
              </div>
              {p.title !== undefined && (
                <div className="truncate font-mono text-[11px] text-zinc-500">{p.name}</div>
              )}
              {p.name === undefined && (
                <div className="text-[11px] text-amber-600">no name: cannot be got</div>
              )}
              {p.description !== undefined && (
                <p className="line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400">
                  {p.description}
                </p>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
