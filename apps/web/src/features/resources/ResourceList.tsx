import { Bell } from 'lucide-react';
import { Badge } from '../../components/Badge';
import { formatBytes } from '../../lib/format';
import { AnnotationBadges } from './AnnotationBadges';
import { matchesFilter } from '../../components/FilterBox';
import { ItemIcon } from '../../components/ItemIcon';
import type { PagedList } from '../../lib/paged-list';
import type { ResourceItem, TemplateItem } from './resources-store';

/** Rows past this many are behind a "show more", so a huge list does not stall the page. */
const RENDER_LIMIT = 500;

export function filterResources(items: ResourceItem[], filter: string): ResourceItem[] {
  return items.filter((r) =>
    matchesFilter(filter, [r.name, r.title, r.uri, r.description, r.mimeType]),
  );
}

export function filterTemplates(items: TemplateItem[], filter: string): TemplateItem[] {
  return items.filter((t) =>
    matchesFilter(filter, [t.name, t.title, t.uriTemplate, t.description, t.mimeType]),
  );
}

/** The resources loaded so far, filtered. */
export function ResourceList({
  items,
  list,
  selectedUri,
  subscribed,
  onSelect,
  limit,
  onShowMore,
}: {
  items: ResourceItem[];
  list: PagedList<ResourceItem>;
  selectedUri: string | undefined;
  subscribed: (uri: string) => boolean;
  onSelect: (item: ResourceItem) => void;
  limit: number;
  onShowMore: () => void;
}) {
  if (list.loaded && list.items.length === 0)
    return <p className="p-4 text-sm text-zinc-500">The server lists no resources.</p>;
  if (list.items.length > 0 && items.length === 0)
    return <p className="p-4 text-sm text-zinc-500">No resource matches the filter.</p>;
  return (
    <ul aria-label="Resources" className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
      {items.slice(0, limit).map((r, i) => {
        const selected = r.uri !== undefined && r.uri === selectedUri;
        return (
          <li key={`${i}:${r.uri}`}>
            <button
              type="button"
              onClick={() => onSelect(r)}
              aria-current={selected ? 'true' : undefined}
              className={`block w-full space-y-0.5 px-3 py-2 text-left ${
                selected
                  ? 'bg-indigo-50 dark:bg-indigo-950/50'
                  : 'hover:bg-zinc-50 dark:hover:bg-zinc-900'
              }`}
            >
              <div className="flex items-center gap-1.5">
                <ItemIcon icons={r.icons} />
                <span className="min-w-0 flex-1 truncate text-sm font-medium">
                  {r.title ?? r.name ?? r.uri ?? '(unnamed)'}
                </span>
                {r.mimeType !== undefined && <Badge>{r.mimeType}</Badge>}
                {r.size !== undefined && <Badge>{formatBytes(r.size)}</Badge>}
                {r.uri !== undefined && subscribed(r.uri) && (
                  <Bell
                    size={13}
                    className="shrink-0 text-emerald-600 dark:text-emerald-400"
                    aria-label="subscribed"
                  />
                )}
              </div>
              <div className="truncate font-mono text-[11px] text-zinc-500" title={r.uri}>
                {r.uri ?? <span className="text-amber-600">no uri</span>}
              </div>
              {r.annotations !== undefined && (
                <div className="flex flex-wrap items-center gap-1 pt-0.5">
                  <AnnotationBadges annotations={r.annotations} />
                </div>
              )}
              {r.description !== undefined && (
                <p className="line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400">
                  {r.description}
                </p>
              )}
            </button>
          </li>
        );
      })}
      {items.length > limit && (
        <li className="p-2 text-center">
          <button
            type="button"
            onClick={onShowMore}
            className="text-xs text-indigo-600 hover:underline dark:text-indigo-400"
          >
            Show {Math.min(RENDER_LIMIT, items.length - limit)} more of {items.length - limit}
          </button>
        </li>
      )}
    </ul>
  );
}

/** Initial and step size of {@link ResourceList}'s rendering. */
export const RESOURCE_RENDER_STEP = RENDER_LIMIT;

/** The templates loaded so far, filtered. */
export function TemplateList({
  items,
  list,
  selected,
  onSelect,
}: {
  items: TemplateItem[];
  list: PagedList<TemplateItem>;
  selected: string | undefined;
  onSelect: (item: TemplateItem) => void;
}) {
  if (list.loaded && list.items.length === 0)
    return <p className="p-4 text-sm text-zinc-500">The server lists no resource templates.</p>;
  if (list.items.length > 0 && items.length === 0)
    return <p className="p-4 text-sm text-zinc-500">No template matches the filter.</p>;
  return (
    <ul
      aria-label="Resource templates"
      className="divide-y divide-zinc-100 dark:divide-zinc-800/70"
    >
      {items.map((t, i) => {
        const isSelected = t.uriTemplate !== undefined && t.uriTemplate === selected;
        return (
          <li key={`${i}:${t.uriTemplate}`}>
            <button
              type="button"
              onClick={() => onSelect(t)}
              aria-current={isSelected ? 'true' : undefined}
              className={`block w-full space-y-0.5 px-3 py-2 text-left ${
                isSelected
                  ? 'bg-indigo-50 dark:bg-indigo-950/50'
                  : 'hover:bg-zinc-50 dark:hover:bg-zinc-900'
              }`}
            >
              <div className="flex items-center gap-1.5">
                <ItemIcon icons={t.icons} />
                <span className="min-w-0 flex-1 truncate text-sm font-medium">
                  {t.title ?? t.name ?? t.uriTemplate ?? '(unnamed)'}
                </span>
                {t.mimeType !== undefined && <Badge>{t.mimeType}</Badge>}
              </div>
              <div className="font-mono text-[11px] break-all text-zinc-500">
                {t.uriTemplate ?? <span className="text-amber-600">no uriTemplate</span>}
              </div>
              {t.description !== undefined && (
                <p className="line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400">
                  {t.description}
                </p>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
