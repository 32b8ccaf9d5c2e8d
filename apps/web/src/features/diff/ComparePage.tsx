import { jsonPathProblem } from '@mcpscope/protocol/compare';
import { diffSessions, type SessionDiff } from '@mcpscope/protocol/session-diff';
import { ArrowLeftRight, X } from 'lucide-react';
import { useMemo } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { useRecorded } from '../../lib/recorded-store';
import { useApp } from '../../lib/store';
import { sessionName } from '../shell/session-name';
import { closeCompare, useCompare } from './compare-store';
import { DiffRow } from './DiffRow';
import { FramesView } from './FramesView';
import { StatusBadge } from './StatusBadge';

const frames = (title: string, a: (number | undefined)[], b: (number | undefined)[]) => ({
  title,
  a: a.filter((s): s is number => s !== undefined),
  b: b.filter((s): s is number => s !== undefined),
});

function useDiff(): { diff: SessionDiff } | { error: string } | undefined {
  const { a, b, ignore } = useCompare();
  const left = useApp((s) => (a === undefined ? undefined : s.sessions[a]));
  const right = useApp((s) => (b === undefined ? undefined : s.sessions[b]));
  return useMemo(() => {
    if (left === undefined || right === undefined) return undefined;
    const paths = ignore
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    for (const path of paths) {
      const problem = jsonPathProblem(path);
      if (problem !== undefined) return { error: `Ignored path ${path}: ${problem}` };
    }
    return { diff: diffSessions(left.entries, right.entries, { ignore: paths }) };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- entries mutate in place; version says when
  }, [left?.summary.id, left?.version, right?.summary.id, right?.version, ignore]);
}

/** A picker of one side: every open session, live or recorded. */
function SessionPicker({ side, label }: { side: 'a' | 'b'; label: string }) {
  const order = useApp((s) => s.order);
  const sessions = useApp((s) => s.sessions);
  const recorded = useRecorded((s) => s.byId);
  const value = useCompare((s) => s[side]);
  return (
    <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
      {label}
      <select
        className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        value={value ?? ''}
        onChange={(event) => useCompare.setState({ [side]: event.target.value, frames: undefined })}
      >
        <option value="" disabled>
          Choose a session
        </option>
        {order.map((id) => {
          const view = sessions[id];
          if (view === undefined) return null;
          const file = recorded[id]?.name;
          return (
            <option key={id} value={id}>
              {file === undefined ? `${sessionName(view)} (live)` : `${file} (recording)`}
            </option>
          );
        })}
      </select>
    </label>
  );
}

function Summary({ diff }: { diff: SessionDiff }) {
  const { exchanges: e, notifications: n, surface, differs } = diff.summary;
  return (
    <p
      role="status"
      className={`rounded-md px-3 py-2 text-sm ${differs ? 'bg-red-50 text-red-900 dark:bg-red-950/40 dark:text-red-200' : 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200'}`}
    >
      <strong>{differs ? 'The sessions differ' : 'The sessions are the same'}</strong>: {surface}{' '}
      surface change{surface === 1 ? '' : 's'}; exchanges {e.same} same, {e.different} different,{' '}
      {e.onlyA} only in a, {e.onlyB} only in b
      {e.notCompared > 0 && `, ${e.notCompared} not compared`}; notifications {n.same} same,{' '}
      {n.different} different, {n.onlyA} only in a, {n.onlyB} only in b
    </p>
  );
}

function Section({
  title,
  count,
  children,
}: {
  title: string;
  count: number;
  children: React.ReactNode;
}) {
  return (
    <section aria-label={title} className="space-y-2">
      <h2 className="text-sm font-semibold">
        {title} <span className="font-normal text-zinc-500">({count})</span>
      </h2>
      <ul className="space-y-1.5">{children}</ul>
    </section>
  );
}

/**
 * Two sessions side by side, live or recorded (a recording as of its timeline): what the
 * server offered and how each exchange compares, with the same comparison as `mcpscope diff`.
 */
export function ComparePage() {
  const { a, b, ignore, frames: shown } = useCompare();
  const count = useApp((s) => s.order.length);
  const result = useDiff();
  return (
    <div className="flex h-full flex-col">
      <div className="min-h-0 flex-1 space-y-4 overflow-auto p-4">
        <div className="flex items-center gap-2">
          <h1 className="flex-1 text-base font-semibold">Compare sessions</h1>
          <button
            type="button"
            aria-label="Close the comparison"
            className="rounded p-1.5 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            onClick={closeCompare}
          >
            <X size={16} />
          </button>
        </div>
        {count < 2 ? (
          <EmptyState title="Open two sessions to compare them">
            Connect a server or open a recording (drop a .jsonl file on the page), twice.
          </EmptyState>
        ) : (
          <>
            <div className="flex items-end gap-2">
              <SessionPicker side="a" label="Session a (the baseline)" />
              <button
                type="button"
                aria-label="Swap a and b"
                title="Swap a and b"
                className="mb-1 rounded p-1.5 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                onClick={() => useCompare.setState({ a: b, b: a, frames: undefined })}
              >
                <ArrowLeftRight size={16} />
              </button>
              <SessionPicker side="b" label="Session b" />
            </div>
            <details className="text-sm">
              <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">
                Ignored paths in exchanges (
                {ignore.split('\n').filter((l) => l.trim() !== '').length})
              </summary>
              <textarea
                aria-label="Ignored paths, one JSONPath a line"
                className="mt-1 h-32 w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
                value={ignore}
                onChange={(event) => useCompare.setState({ ignore: event.target.value })}
              />
            </details>
            {result === undefined && <p className="text-sm text-zinc-500">Choose two sessions.</p>}
            {result !== undefined && 'error' in result && (
              <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                {result.error}
              </p>
            )}
            {result !== undefined && 'diff' in result && <Report diff={result.diff} />}
          </>
        )}
      </div>
      {shown !== undefined && <FramesView frames={shown} a={a} b={b} />}
    </div>
  );
}

function Report({ diff }: { diff: SessionDiff }) {
  const notices = diff.notifications.filter((n) => n.status !== 'same');
  return (
    <>
      <Summary diff={diff} />
      <Section title="Surface" count={diff.surface.length}>
        {diff.surface.length === 0 && (
          <li className="text-sm text-zinc-500">The same on both sides.</li>
        )}
        {diff.surface.map((change) => {
          const title = `${change.kind === 'server' ? 'server' : change.kind.replace(/s$/, '')} ${change.name}`;
          return (
            <DiffRow
              key={`${change.kind}:${change.name}`}
              badge={<StatusBadge status={change.change} />}
              title={title}
              frames={frames(title, [change.a], [change.b])}
              differences={change.differences}
            />
          );
        })}
      </Section>
      <Section title="Exchanges" count={diff.exchanges.length}>
        {diff.exchanges.map((exchange, i) => {
          const title =
            exchange.dir === 's2c' ? `${exchange.label} (from the server)` : exchange.label;
          return (
            <DiffRow
              key={i}
              badge={<StatusBadge status={exchange.status} />}
              title={title}
              frames={frames(
                title,
                [exchange.a?.request, exchange.a?.response],
                [exchange.b?.request, exchange.b?.response],
              )}
              differences={exchange.differences}
              ignored={exchange.ignored}
            />
          );
        })}
      </Section>
      <Section title="Server notifications that differ" count={notices.length}>
        {notices.length === 0 && (
          <li className="text-sm text-zinc-500">
            {diff.summary.notifications.same} compared, all the same.
          </li>
        )}
        {notices.map((n, i) => (
          <DiffRow
            key={i}
            badge={<StatusBadge status={n.status} />}
            title={n.method}
            frames={frames(n.method, [n.a], [n.b])}
            differences={n.differences}
            ignored={n.ignored}
          />
        ))}
      </Section>
    </>
  );
}
