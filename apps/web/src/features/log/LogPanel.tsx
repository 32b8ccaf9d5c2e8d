import type { Direction, EntryKind } from '@mcpscope/protocol';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDownToLine, SquarePen } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { loadOlder, olderBlocked } from '../../lib/history';
import { useApp, type SessionView } from '../../lib/store';
import { methodOf, warmSearchText } from './entry-text';
import { EntryDetail } from './EntryDetail';
import { ALL_KINDS, defaultFilter, type LogFilter } from './log-filter';
import { LogRow } from './LogRow';
import { OlderBar } from './OlderBar';
import { roundSiblings } from './rounds';
import { RequestComposer } from './RequestComposer';
import { REPORT_MODE } from '../../lib/report-mode';
import { useLogIndex } from './use-log-index';

const ROW_HEIGHT = 28;

/** Every frame of the session: filterable, searchable, paired, virtualised for 100,000 entries. */
export function LogPanel({ session }: { session: SessionView }) {
  const [filter, setFilter] = useState<LogFilter>(defaultFilter);
  const [searchInput, setSearchInput] = useState('');
  const [selected, setSelected] = useState<number>();
  const [follow, setFollow] = useState(true);
  const [composing, setComposing] = useState(false);
  const { rows, responseOf, requestOf } = useLogIndex(session, filter);
  const scroller = useRef<HTMLDivElement>(null);
  const sessionId = session.summary.id;
  const firstSeq = session.entries[0]?.seq ?? 0;
  const blocked = olderBlocked(session.entries);
  /** Seq of the top row when older entries were asked for: it stays where it was on screen. */
  const anchor = useRef<number>(undefined);

  // Search text is prepared while the browser is idle, so that typing finds it ready.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- entries mutate in place; version says when
  useEffect(() => warmSearchText(session.entries), [session.summary.id, session.version]);

  // Typing updates the box at once; the (possibly 100k-entry) filter runs after a pause.
  useEffect(() => {
    const timer = setTimeout(
      () => setFilter((f) => (f.search === searchInput ? f : { ...f, search: searchInput })),
      30,
    );
    return () => clearTimeout(timer);
  }, [searchInput]);

  // TanStack Virtual is not React Compiler-safe; this app does not use the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  useEffect(() => {
    // Jump to the end without asking the virtualiser, which measures the scroll range (a
    // forced layout) on every call; the browser clamps scrollTop to the real maximum.
    const el = scroller.current;
    if (follow && el !== null && rows.length > 0) el.scrollTop = rows.length * ROW_HEIGHT;
  }, [follow, rows.length]);

  const showOlder = (): void => {
    if (blocked !== undefined) return;
    setFollow(false);
    anchor.current = rows[0]?.seq;
    void loadOlder(sessionId);
  };
  // Older rows went in above: scroll down by as many rows, so the view does not jump. The
  // entries array changes in place before `rows` catch up, so wait for rows that moved.
  useLayoutEffect(() => {
    const seq = anchor.current;
    const el = scroller.current;
    if (seq === undefined || el === null) return;
    const above = rows.findIndex((r) => r.seq === seq);
    if (above === 0) return;
    anchor.current = undefined;
    // Through the virtualiser: it keeps its own idea of the offset and would write it back.
    if (above > 0) virtualizer.scrollToOffset(el.scrollTop + above * ROW_HEIGHT);
  }, [rows, virtualizer]);
  // A new filter makes a new list: nothing on screen to keep in place.
  useEffect(() => {
    anchor.current = undefined;
  }, [filter]);

  const select = useCallback((seq: number) => setSelected(seq), []);
  // Another panel (the Overview's negotiation steps) asked to show one entry.
  const focus = useApp((s) => s.logFocus);
  useEffect(() => {
    if (focus === undefined) return;
    useApp.setState({ logFocus: undefined });
    setSelected(focus);
    setFollow(false);
    const index = rows.findIndex((r) => r.seq === focus);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  }, [focus, rows, virtualizer]);
  const toggleKind = (kind: EntryKind): void =>
    setFilter((f) => {
      const kinds = new Set(f.kinds);
      if (kinds.has(kind)) kinds.delete(kind);
      else kinds.add(kind);
      return { ...f, kinds };
    });
  const selectedEntry =
    selected === undefined
      ? undefined
      : (rows.find((r) => r.seq === selected) ?? session.entries.find((e) => e.seq === selected));
  const pair =
    selectedEntry === undefined
      ? undefined
      : selectedEntry.kind === 'request'
        ? responseOf(selectedEntry.seq)
        : requestOf(selectedEntry);

  const selectedRequest =
    selectedEntry?.pairSeq === undefined ? undefined : requestOf(selectedEntry);
  const siblings = useMemo(
    () =>
      selectedEntry === undefined
        ? new Set<number>()
        : roundSiblings(session.entries, selectedEntry, selectedRequest),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- entries mutate in place; version says when
    [selectedEntry, selectedRequest, session.entries, session.version],
  );

  return (
    <div className="flex h-full flex-col">
      <div
        className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800"
        role="toolbar"
        aria-label="Traffic filters"
      >
        <input
          id="log-search"
          aria-label="Search traffic"
          type="search"
          placeholder={firstSeq > 0 ? 'Search loaded entries  ( / )' : 'Search everything  ( / )'}
          value={searchInput}
          onChange={(e) => setSearchInput(e.target.value)}
          className="w-64 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <input
          aria-label="Filter by method"
          placeholder="method"
          value={filter.method}
          onChange={(e) => setFilter({ ...filter, method: e.target.value })}
          className="w-36 rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <select
          aria-label="Direction"
          value={filter.dir}
          onChange={(e) => setFilter({ ...filter, dir: e.target.value as Direction | 'all' })}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="all">both ways</option>
          <option value="c2s">→ to server</option>
          <option value="s2c">← from server</option>
          <option value="meta">· transport</option>
        </select>
        <div className="flex flex-wrap gap-1" role="group" aria-label="Kinds">
          {ALL_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              aria-pressed={filter.kinds.has(kind)}
              onClick={() => toggleKind(kind)}
              className={`rounded-full border px-2 py-0.5 text-xs ${filter.kinds.has(kind) ? 'border-indigo-300 bg-indigo-50 text-indigo-800 dark:border-indigo-800 dark:bg-indigo-950 dark:text-indigo-200' : 'border-zinc-300 text-zinc-400 dark:border-zinc-700'}`}
            >
              {kind}
            </button>
          ))}
        </div>
        <label className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
          <input
            type="checkbox"
            checked={filter.problemsOnly}
            onChange={(e) => setFilter({ ...filter, problemsOnly: e.target.checked })}
          />{' '}
          problems only
        </label>
        <span className="flex-1" />
        <span className="text-xs text-zinc-500" data-testid="log-count">
          {rows.length === session.entries.length
            ? `${rows.length} entries`
            : `${rows.length} of ${session.entries.length}`}
          {firstSeq > 0 && ' loaded'}
        </span>
        <button
          type="button"
          aria-pressed={follow}
          onClick={() => setFollow(!follow)}
          title="Follow new entries"
          className={`rounded p-1 ${follow ? 'text-indigo-600' : 'text-zinc-400'} hover:bg-zinc-100 dark:hover:bg-zinc-800`}
        >
          <ArrowDownToLine size={15} />
        </button>
        {/* A tap only watches, and the report sends nothing (and leaves the editor out of its
            one file): there is nothing to compose a request into. */}
        {session.summary.tap === undefined && !REPORT_MODE && (
          <Button onClick={() => setComposing(!composing)}>
            <SquarePen size={13} /> Compose
          </Button>
        )}
      </div>
      {composing && session.summary.tap === undefined && !REPORT_MODE && (
        <RequestComposer session={session} onClose={() => setComposing(false)} />
      )}
      {firstSeq > 0 && (
        <OlderBar sessionId={sessionId} firstSeq={firstSeq} blocked={blocked} onLoad={showOlder} />
      )}
      <div className="flex min-h-0 flex-1">
        <div
          ref={scroller}
          className="min-w-0 flex-1 overflow-auto"
          role="grid"
          aria-label="Traffic"
          onWheel={(e) => {
            if (e.deltaY < 0) setFollow(false);
          }}
          onScroll={(e) => {
            // Reaching the top by hand pages the next older entries in.
            if (e.currentTarget.scrollTop === 0 && !follow && firstSeq > 0) showOlder();
          }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const entry = rows[item.index]!;
              const request = entry.pairSeq !== undefined ? requestOf(entry) : undefined;
              return (
                <div
                  key={entry.seq}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <LogRow
                    entry={entry}
                    requestMethod={request === undefined ? undefined : methodOf(request)}
                    round={entry.round}
                    fromApp={entry.via === 'app' || request?.via === 'app'}
                    selected={entry.seq === selected}
                    sibling={entry.seq !== selected && siblings.has(entry.seq)}
                    onSelect={select}
                  />
                </div>
              );
            })}
          </div>
          {rows.length === 0 && (
            <p className="p-6 text-center text-sm text-zinc-500">
              {session.entries.length === 0 ? 'No traffic yet.' : 'Nothing matches the filters.'}
            </p>
          )}
        </div>
        {selectedEntry !== undefined && (
          <div className="w-[42%] min-w-[22rem] shrink-0 border-l border-zinc-200 dark:border-zinc-800">
            <EntryDetail
              sessionId={sessionId}
              entry={selectedEntry}
              pair={pair}
              config={session.summary.config}
              onClose={() => setSelected(undefined)}
              onSelect={select}
            />
          </div>
        )}
      </div>
    </div>
  );
}
