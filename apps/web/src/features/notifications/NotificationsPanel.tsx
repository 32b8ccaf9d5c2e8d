import type { TrafficEntry } from '@mcpscope/protocol';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, Search, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SessionView } from '../../lib/store';
import { EmptyState } from '../../components/EmptyState';
import { LogLevelControl } from './LogLevelControl';
import { MethodChips } from './MethodChips';
import {
  clockTime,
  LEVELS,
  levelRank,
  methodOf,
  notificationIndex,
  searchText,
} from './notification-index';
import { NotificationRow } from './NotificationRow';

/** How close to the bottom (px) still counts as "following" new notifications. */
const STICK_THRESHOLD = 40;

function levelOf(entry: TrafficEntry): unknown {
  return (entry.msg as { params?: { level?: unknown } } | undefined)?.params?.level;
}

/** Every notification the server sent in this session, newest at the bottom. */
export function NotificationsPanel({ session }: { session: SessionView }) {
  const index = useMemo(
    () => notificationIndex(session.entries),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- entries mutate in place; version says when
    [session.entries, session.version],
  );
  const [methods, setMethods] = useState<Set<string>>(() => new Set());
  const [text, setText] = useState('');
  const [minLevel, setMinLevel] = useState('');
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set());

  const visible = useMemo(() => {
    const query = text.trim().toLowerCase();
    const minRank = minLevel === '' ? -1 : levelRank(minLevel);
    if (methods.size === 0 && query === '' && minRank < 0) return index.items;
    return index.items.filter((entry) => {
      const method = methodOf(entry);
      if (methods.size > 0 && !methods.has(method)) return false;
      if (minRank >= 0 && method === 'notifications/message' && levelRank(levelOf(entry)) < minRank)
        return false;
      return query === '' || searchText(entry).includes(query);
    });
  }, [index, methods, text, minLevel]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // Follow new notifications until the user scrolls up; scrolling back down resumes.
  const stick = useRef(true);
  const [following, setFollowing] = useState(true);
  // How many rows there were when the user scrolled up, to say how many arrived since.
  const [seenCount, setSeenCount] = useState(0);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read through its own API only
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 31,
    overscan: 15,
    getItemKey: (i) => visible[i]?.seq ?? i,
  });

  useEffect(() => {
    if (stick.current && visible.length > 0)
      virtualizer.scrollToIndex(visible.length - 1, { align: 'end' });
  }, [visible.length, virtualizer]);

  const onScroll = (): void => {
    const el = scrollRef.current;
    if (el === null) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD;
    stick.current = atBottom;
    if (atBottom !== following) {
      setFollowing(atBottom);
      setSeenCount(visible.length);
    }
  };

  const jumpToNewest = (): void => {
    stick.current = true;
    setFollowing(true);
    virtualizer.scrollToIndex(visible.length - 1, { align: 'end' });
  };

  const toggle = (seq: number): void =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });

  const filtered = visible !== index.items;
  const logging = session.summary.handshake?.agreed.capabilities['logging'] !== undefined;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="shrink-0 space-y-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <div className="flex flex-wrap items-center gap-3">
          <label className="relative flex w-72 items-center">
            <Search size={13} className="pointer-events-none absolute left-2 text-zinc-400" />
            <input
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="Filter by text"
              aria-label="Filter notifications by text"
              className="w-full rounded-md border border-zinc-300 bg-white py-1 pr-2 pl-7 text-sm placeholder:text-zinc-400 focus:border-indigo-500 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900"
            />
          </label>
          <label className="flex items-center gap-1.5 text-xs text-zinc-500">
            Log level ≥
            <select
              value={minLevel}
              onChange={(e) => setMinLevel(e.target.value)}
              aria-label="Show log messages at or above this level"
              className="rounded-md border border-zinc-300 bg-white px-1.5 py-1 text-xs text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200"
            >
              <option value="">all</option>
              {LEVELS.map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </select>
          </label>
          <span className="text-xs text-zinc-500 tabular-nums">
            {filtered ? `${visible.length} of ${index.items.length}` : index.items.length}{' '}
            notifications
          </span>
          {filtered && (
            <button
              type="button"
              className="inline-flex items-center gap-1 text-xs text-indigo-600 hover:underline dark:text-indigo-400"
              onClick={() => {
                setMethods(new Set());
                setText('');
                setMinLevel('');
              }}
            >
              <X size={12} /> clear filters
            </button>
          )}
          <div className="ml-auto">
            <LogLevelControl
              sessionId={session.summary.id}
              supported={logging}
              lastSent={index.setLevel}
            />
          </div>
        </div>
        {index.counts.size > 0 && (
          <MethodChips counts={index.counts} selected={methods} onChange={setMethods} />
        )}
      </div>

      <div className="relative min-h-0 flex-1">
        {index.items.length === 0 ? (
          <EmptyState title="No notifications yet">
            <p className="max-w-md">
              Log messages (<code>notifications/message</code>), progress, <code>list_changed</code>{' '}
              and resource updates from the server appear here as they arrive. With
              server-everything, call the <code>toggle-simulated-logging</code> tool.
            </p>
          </EmptyState>
        ) : visible.length === 0 ? (
          <EmptyState title="No notification matches the filters">
            <p>Clear the filters above to see all {index.items.length}.</p>
          </EmptyState>
        ) : (
          <div
            ref={scrollRef}
            onScroll={onScroll}
            className="h-full overflow-auto"
            role="log"
            aria-label="Server notifications"
          >
            <div style={{ height: virtualizer.getTotalSize() }} className="relative w-full">
              {virtualizer.getVirtualItems().map((item) => {
                const entry = visible[item.index]!;
                return (
                  <div
                    key={item.key}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="absolute top-0 left-0 w-full"
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    <NotificationRow
                      entry={entry}
                      index={index}
                      expanded={expanded.has(entry.seq)}
                      onToggle={() => toggle(entry.seq)}
                      clock={clockTime(session.summary.createdAt, entry.t)}
                    />
                  </div>
                );
              })}
            </div>
          </div>
        )}
        {!following && visible.length > 0 && (
          <button
            type="button"
            onClick={jumpToNewest}
            className="absolute right-5 bottom-4 inline-flex items-center gap-1 rounded-full bg-indigo-600 px-3 py-1 text-xs font-medium text-white shadow-lg hover:bg-indigo-500"
          >
            <ArrowDown size={13} /> Newest
            {visible.length > seenCount && ` (+${visible.length - seenCount})`}
          </button>
        )}
      </div>
    </div>
  );
}
