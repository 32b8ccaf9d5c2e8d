import { BellRing, Loader2, RefreshCw } from 'lucide-react';
import { Badge } from '../../components/Badge';
import type { SessionView } from '../../lib/store';
import { ListenStatus } from './ListenStatus';
import { clock } from '../../components/RequestOutcome';
import type { DetailContext } from './ResourceDetail';
import { dismissSubscriptionOp, setSubscribed } from './resources-store';
import { entryTime, serverNotifications } from '../../lib/traffic-scan';

/** Updates past this many are not drawn; the Traffic panel has them all. */
const FEED_LIMIT = 200;

const UPDATED = 'notifications/resources/updated';

/** How many `notifications/resources/updated` the server has sent in this session. */
export function updateCount(session: SessionView): number {
  return serverNotifications(session, UPDATED).length;
}

/** The URIs we subscribed to, and the server's `notifications/resources/updated`, newest first. */
export function SubscriptionsView({
  session,
  ctx,
  onRead,
}: {
  session: SessionView;
  ctx: DetailContext;
  onRead: (uri: string) => void;
}) {
  const subs = [...ctx.subscriptions.values()];
  const updates = serverNotifications(session, UPDATED);
  const newest = updates.slice(-FEED_LIMIT).reverse();
  return (
    <div className="space-y-4 p-3">
      {session.summary.handshake?.era === 'modern' && (
        <ListenStatus session={session} canSend={ctx.canSend} />
      )}
      <section aria-label="Subscriptions" className="space-y-1.5">
        <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">Subscribed</h3>
        {subs.length === 0 && (
          <p className="text-sm text-zinc-500">
            None yet. Select a resource and press Subscribe; the server then sends{' '}
            <code className="text-xs">{UPDATED}</code> when it changes.
          </p>
        )}
        <ul className="space-y-1.5">
          {subs.map((sub) => (
            <li
              key={sub.uri}
              className="rounded-md border border-zinc-200 px-2 py-1.5 dark:border-zinc-800"
            >
              <div className="flex items-center gap-1.5">
                <button
                  type="button"
                  onClick={() => onRead(sub.uri)}
                  className="min-w-0 flex-1 text-left font-mono text-xs break-all hover:underline"
                  title={`Read ${sub.uri}`}
                >
                  {sub.uri}
                </button>
                {sub.busy !== undefined ? (
                  <Loader2 size={12} className="animate-spin text-zinc-400" />
                ) : sub.subscribed ? (
                  <Badge tone="green">subscribed</Badge>
                ) : (
                  <Badge tone="red">refused</Badge>
                )}
                {sub.subscribed ? (
                  <button
                    type="button"
                    disabled={!ctx.canSend || sub.busy !== undefined}
                    onClick={() => void setSubscribed(ctx.sessionId, sub.uri, false)}
                    className="rounded px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-100 disabled:opacity-60 dark:text-zinc-300 dark:hover:bg-zinc-800"
                  >
                    Unsubscribe
                  </button>
                ) : (
                  sub.failure !== undefined && (
                    <button
                      type="button"
                      onClick={() => dismissSubscriptionOp(ctx.sessionId, sub.uri)}
                      className="rounded px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                    >
                      Dismiss
                    </button>
                  )
                )}
              </div>
              {sub.failure !== undefined && (
                <p className="mt-0.5 text-[11px] text-red-700 dark:text-red-400">
                  resources/{sub.failure.subscribe ? 'subscribe' : 'unsubscribe'} failed:{' '}
                  <code>{sub.failure.failure.error?.code ?? sub.failure.failure.code}</code>{' '}
                  {sub.failure.failure.error?.message ?? sub.failure.failure.message}
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Resource updates" className="space-y-1.5">
        <h3 className="flex items-center gap-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
          Updates
          {updates.length > 0 && <Badge>{updates.length}</Badge>}
        </h3>
        {updates.length === 0 ? (
          <p className="text-sm text-zinc-500">
            No <code className="text-xs">{UPDATED}</code> received yet.
          </p>
        ) : (
          <ol className="space-y-1" data-testid="update-feed">
            {newest.map((hit) => {
              const uri = typeof hit.params.uri === 'string' ? hit.params.uri : undefined;
              const subscribed =
                uri !== undefined && ctx.subscriptions.get(uri)?.subscribed === true;
              return (
                <li
                  key={hit.seq}
                  className="space-y-0.5 rounded-md px-1.5 py-1 text-xs hover:bg-zinc-50 dark:hover:bg-zinc-900"
                >
                  <div className="flex items-center gap-1.5">
                    <BellRing size={12} className="shrink-0 text-zinc-400" />
                    <time className="font-mono text-zinc-500 tabular-nums">
                      {clock(entryTime(session, hit.t))}
                    </time>
                    <span className="flex-1" />
                    {uri !== undefined && !subscribed && (
                      <Badge tone="amber" title="This URI is not subscribed now">
                        not subscribed
                      </Badge>
                    )}
                    {uri !== undefined && (
                      <button
                        type="button"
                        disabled={!ctx.canSend}
                        onClick={() => onRead(uri)}
                        className="inline-flex shrink-0 items-center gap-1 rounded border border-zinc-300 px-1.5 py-0.5 hover:bg-white disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
                      >
                        <RefreshCw size={11} /> Read again
                      </button>
                    )}
                  </div>
                  <div className="pl-[18px] font-mono break-all text-zinc-700 dark:text-zinc-300">
                    {uri ?? <span className="text-amber-600">params.uri missing</span>}
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        {updates.length > FEED_LIMIT && (
          <p className="text-[11px] text-zinc-500">
            Showing the newest {FEED_LIMIT}; the Traffic panel has all {updates.length}.
          </p>
        )}
      </section>
    </div>
  );
}
