import { useEffect, useMemo, useRef, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import type { SessionView } from '../../lib/store';

/** Everything the server wrote to stderr, plus process starts and exits, as a console. */
export function StderrPanel({ session }: { session: SessionView }) {
  const [filter, setFilter] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const lines = useMemo(
    () =>
      session.entries.filter(
        (e) =>
          (e.kind === 'stderr' ||
            (e.kind === 'lifecycle' &&
              (e.transport?.pid !== undefined || e.transport?.exitCode !== undefined))) &&
          (filter === '' ||
            (e.raw ?? e.transport?.detail ?? '').toLowerCase().includes(filter.toLowerCase())),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- entries mutate in place; version says when
    [session.version, filter],
  );
  useEffect(() => {
    if (stick.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);
  if (session.summary.config.transport !== 'stdio') {
    return (
      <EmptyState title="No stderr over HTTP">
        Only servers started as a command have a stderr; HTTP exchanges are in the Traffic panel.
      </EmptyState>
    );
  }
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-2 border-b border-zinc-200 p-2 dark:border-zinc-800">
        <input
          aria-label="Filter stderr"
          placeholder="Filter"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="w-64 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <span className="text-xs text-zinc-500">{lines.length} lines</span>
      </div>
      <div
        ref={box}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
        className="min-h-0 flex-1 overflow-auto bg-zinc-950 p-3 font-mono text-xs leading-5 text-zinc-200"
        role="log"
        aria-label="Server stderr"
      >
        {lines.length === 0 && (
          <p className="text-zinc-500">The server has written nothing to stderr.</p>
        )}
        {lines.map((e) => (
          <div key={e.seq} className={e.kind === 'lifecycle' ? 'text-amber-300' : ''}>
            <span className="mr-3 text-zinc-500 select-none">{(e.t / 1000).toFixed(3)}s</span>
            {e.kind === 'stderr' ? e.raw : `— ${e.transport?.detail ?? ''}`}
          </div>
        ))}
      </div>
    </div>
  );
}
