import { useApp } from './store';
import { walkPages } from '@mcpscope/protocol';
import { sendRequest, type RequestFailure, type RequestResult } from './send-request';

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
  const all = mode === 'all' || mode === 'reload-all';
  const walk = await walkPages<Extract<RequestResult, { ok: true }>, RequestFailure>(
    (cursor) =>
      sendRequest(source.sessionId, source.method, cursor === undefined ? undefined : { cursor }),
    {
      itemsField: source.field,
      ...(!fresh && start.nextCursor !== undefined && { from: start.nextCursor }),
      ...(!all && { maxPages: 1 }),
      // Each page is shown as it arrives.
      onPage: ({ outcome, items, nextCursor }) => {
        list = {
          ...list,
          items: [...list.items, ...items.map(source.parse)],
          pages: list.pages + 1,
          nextCursor,
          loaded: true,
          durationMs: outcome.durationMs,
          sinceSeq:
            fresh && list.pages === 0 ? (outcome.requestSeq ?? list.sinceSeq) : list.sinceSeq,
        };
        source.set(list);
      },
    },
  );
  source.set(
    walk.ok
      ? { ...list, loading: false }
      : { ...list, loading: false, failure: walk.failure, durationMs: walk.failure.durationMs },
  );
}
