import { useMemo } from 'react';
import type { SessionView } from '../../lib/store';
import { Badge } from '../../components/Badge';
import { JsonView } from '../../components/JsonView';
import { clockTime, findRootsAsked } from './roots-traffic';

/** When the server last asked `roots/list`, and what it was told. */
export function RootsAskedCard({ session }: { session: SessionView }) {
  const asked = useMemo(
    () => findRootsAsked(session.entries),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- entries mutate in place; version says when
    [session.entries, session.version],
  );
  const createdAt = session.summary.createdAt;
  return (
    <section className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        Last asked by the server
      </h3>
      {asked === undefined ? (
        <p className="text-sm text-zinc-500">
          The server has not sent <code>roots/list</code> in this session yet. Servers usually ask
          when they need to know which folders they may use, e.g. the <code>get-roots-list</code>{' '}
          tool of server-everything.
        </p>
      ) : (
        <div className="space-y-2 text-sm">
          <p>
            <code>roots/list</code> at{' '}
            <span className="font-medium">{clockTime(createdAt, asked.request.t)}</span>{' '}
            <span className="text-zinc-500">
              (#{asked.request.seq}, asked {asked.count} {asked.count === 1 ? 'time' : 'times'})
            </span>
          </p>
          {asked.response === undefined ? (
            <Badge tone="amber">not answered yet</Badge>
          ) : (
            <div>
              <p className="mb-1 text-xs text-zinc-500">
                {asked.response.kind === 'error' ? (
                  <Badge tone="red">error</Badge>
                ) : (
                  <Badge tone="green">answered</Badge>
                )}{' '}
                at {clockTime(createdAt, asked.response.t)} (#{asked.response.seq})
              </p>
              <div className="max-h-64 overflow-auto rounded bg-zinc-50 py-2 pr-2 pl-5 dark:bg-zinc-900">
                <JsonView value={rootsOrMessage(asked.response.msg)} expandDepth={3} />
              </div>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function rootsOrMessage(msg: unknown): unknown {
  const m = msg as { result?: unknown; error?: unknown } | undefined;
  return m?.result ?? m?.error ?? msg;
}
