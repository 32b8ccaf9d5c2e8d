// Cursor pagination of the MCP list methods (`tools/list`, `resources/list`,
// `resources/templates/list`, `prompts/list`), walked the same way by the engine (the CLI's
// merged listings) and the web app (the Tools, Resources and Prompts panels): which cursor
// comes next, when the walk stops, and what a page holds.

/** A server that keeps handing out cursors is cut off after this many pages. */
export const MAX_LIST_PAGES = 1000;

/** The field of each list method's result that holds its items. */
export const LIST_ITEMS_FIELD: Readonly<Record<string, string>> = {
  'tools/list': 'tools',
  'resources/list': 'resources',
  'resources/templates/list': 'resourceTemplates',
  'prompts/list': 'prompts',
  'tasks/list': 'tasks',
};

function field(result: unknown, key: string): unknown {
  return typeof result === 'object' && result !== null && !Array.isArray(result)
    ? (result as Record<string, unknown>)[key]
    : undefined;
}

/** The cursor a list result names for its next page; undefined at the end (none, not a string, or empty). */
export function nextCursorOf(result: unknown): string | undefined {
  const cursor = field(result, 'nextCursor');
  return typeof cursor === 'string' && cursor !== '' ? cursor : undefined;
}

/** The items of one page: `result[itemsField]` when it is an array, else none. */
export function pageItems(result: unknown, itemsField: string): unknown[] {
  const items = field(result, itemsField);
  return Array.isArray(items) ? items : [];
}

/** One page as the walk saw it, handed to `onPage` as soon as it arrived. */
export interface ListPage<S> {
  outcome: S;
  items: unknown[];
  nextCursor: string | undefined;
  /** Pages fetched so far in this walk, this one included. */
  pages: number;
}

/** How a walk ended: every page it was allowed, or the first failure (after `pages` pages). */
export type PageWalk<S, F> =
  | { ok: true; items: unknown[]; pages: number; nextCursor: string | undefined; last: S }
  | { ok: false; failure: F; items: unknown[]; pages: number };

/**
 * Fetches pages by cursor, from `from` (undefined: the first page), until a page names no
 * next cursor, names one already seen, or `maxPages` pages were fetched (the cursor of the
 * last page is returned so a caller can go on later). A failure stops the walk.
 */
export async function walkPages<S extends { ok: true; result?: unknown }, F extends { ok: false }>(
  fetchPage: (cursor: string | undefined) => Promise<S | F>,
  options: {
    itemsField: string;
    from?: string;
    maxPages?: number;
    onPage?: (page: ListPage<S>) => void;
  },
): Promise<PageWalk<S, F>> {
  const maxPages = Math.min(options.maxPages ?? MAX_LIST_PAGES, MAX_LIST_PAGES);
  const items: unknown[] = [];
  const seen = new Set<string>();
  let cursor = options.from;
  for (let pages = 1; ; pages++) {
    if (cursor !== undefined) seen.add(cursor);
    const outcome = await fetchPage(cursor);
    if (!outcome.ok) return { ok: false, failure: outcome, items, pages: pages - 1 };
    const page = pageItems(outcome.result, options.itemsField);
    for (const item of page) items.push(item);
    const next = nextCursorOf(outcome.result);
    options.onPage?.({ outcome, items: page, nextCursor: next, pages });
    if (next === undefined || seen.has(next) || pages >= maxPages)
      return { ok: true, items, pages, nextCursor: next, last: outcome };
    cursor = next;
  }
}
