import { useApp } from '../../lib/store';
import { isObject, str } from './mcp-shapes';
import { sendRequest, type RequestFailure } from './send-request';

/** A cursor-paginated MCP list (`resources/list`, `prompts/list`, …) as far as it was fetched. */
export interface PagedList<T> {
  items: T[];
  pages: number;
  nextCursor: string | undefined;
  loading: boolean;
  /** True once the first page came back (even empty). */
  loaded: boolean;
  failure: RequestFailure | undefined;
  /**
   * Seq of the traffic log when the first page was requested: a `list_changed` notification
   * after it means what is shown may be stale.
   */
  sinceSeq: number | undefined;
  durationMs: number | undefined;
}

export function emptyList<T>(): PagedList<T> {
  return {
    items: [],
    pages: 0,
    nextCursor: undefined,
    loading: false,
    loaded: false,
    failure: undefined,
    sinceSeq: undefined,
    durationMs: undefined,
  };
}

/** A guard against a server that hands out cursors forever. */
const MAX_PAGES = 1000;

/** How to fetch one list and where to keep it. */
export interface ListSource<T> {
  sessionId: string;
  method: string;
  /** The result field holding the items, e.g. `resources`. */
  field: string;
  parse: (raw: unknown) => T;
  get: () => PagedList<T>;
  set: (next: PagedList<T>) => void;
}

/**
 * How much to fetch: `first` starts over with one page, `more` fetches the next page, `all`
 * every remaining page (starting over when nothing is loaded yet), `reload-all` starts over
 * and fetches every page.
 */
export type LoadMode = 'first' | 'more' | 'all' | 'reload-all';

/**
 * Fetches pages of a list. Each page is shown as it arrives. A failure stops the walk and is
 * kept beside what was already loaded.
 */
export async function loadPages<T>(source: ListSource<T>, mode: LoadMode): Promise<void> {
  const start = source.get();
  if (start.loading) return;
  const fresh = mode === 'first' || mode === 'reload-all' || !start.loaded;
  if (!fresh && start.nextCursor === undefined) return;
  let list: PagedList<T> = fresh
    ? {
        ...emptyList<T>(),
        loading: true,
        sinceSeq: useApp.getState().sessions[source.sessionId]?.summary.lastSeq,
      }
    : { ...start, loading: true, failure: undefined };
  source.set(list);
  const seen = new Set<string>();
  let cursor = fresh ? undefined : start.nextCursor;
  for (;;) {
    const result = await sendRequest(
      source.sessionId,
      source.method,
      cursor === undefined ? undefined : { cursor },
    );
    if (!result.ok) {
      source.set({ ...list, loading: false, failure: result, durationMs: result.durationMs });
      return;
    }
    const body = isObject(result.result) ? result.result : {};
    const raw = body[source.field];
    const items = Array.isArray(raw) ? raw.map(source.parse) : [];
    const nextCursor = str(body.nextCursor);
    list = {
      ...list,
      items: [...list.items, ...items],
      pages: list.pages + 1,
      nextCursor,
      loaded: true,
      durationMs: result.durationMs,
      sinceSeq: fresh && list.pages === 0 ? (result.requestSeq ?? list.sinceSeq) : list.sinceSeq,
    };
    if (cursor !== undefined) seen.add(cursor);
    const again =
      (mode === 'all' || mode === 'reload-all') &&
      nextCursor !== undefined &&
      !seen.has(nextCursor) &&
      list.pages < MAX_PAGES;
    if (!again) {
      source.set({ ...list, loading: false });
      return;
    }
    source.set(list);
    cursor = nextCursor;
  }
}
