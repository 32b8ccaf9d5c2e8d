import { BookOpen, Loader2, RefreshCw } from 'lucide-react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { formatBytes } from '../../lib/format';
import { CopyButton } from '../../components/CopyButton';
import { AnnotationBadges } from './AnnotationBadges';
import { IconStrip, ItemIcon } from '../../components/ItemIcon';
import { ReadResultView } from './ReadResultView';
import { FailureBox, RawJson } from '../../components/RequestOutcome';
import { readResource, useResourcesState, type ResourceItem } from './resources-store';
import { SubscribeButton } from './SubscribeButton';
import type { SubscriptionRow } from './subscriptions';

export interface DetailContext {
  sessionId: string;
  canSend: boolean;
  canSubscribe: boolean;
  subscriptions: ReadonlyMap<string, SubscriptionRow>;
}

/** One resource (or any URI): what the list said about it, Read, Subscribe, the last read. */
export function ResourceDetail({
  uri,
  item,
  ctx,
}: {
  uri: string;
  /** The list entry, when the URI came from `resources/list`. */
  item: ResourceItem | undefined;
  ctx: DetailContext;
}) {
  const state = useResourcesState(ctx.sessionId);
  const read = state.reads.get(uri);
  const sub = ctx.subscriptions.get(uri);
  const heading = item?.title ?? item?.name ?? uri;
  return (
    <div className="space-y-4" data-testid="resource-detail">
      <header className="space-y-1.5">
        <div className="flex items-start gap-2">
          {item !== undefined && item.icons.length > 0 ? (
            <span className="mt-1">
              <ItemIcon icons={item.icons} size={20} />
            </span>
          ) : (
            <BookOpen size={18} className="mt-1 shrink-0 text-zinc-400" />
          )}
          <div className="min-w-0 flex-1">
            <h2 className="text-base font-semibold break-words">{heading}</h2>
            {item?.title !== undefined && item.name !== undefined && (
              <p className="font-mono text-xs text-zinc-500">{item.name}</p>
            )}
          </div>
        </div>
        <div className="flex items-center gap-1">
          <code className="min-w-0 rounded bg-zinc-100 px-1.5 py-0.5 text-xs break-all text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            {uri}
          </code>
          <CopyButton text={() => uri} label="Copy URI" />
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          {item?.mimeType !== undefined && <Badge>{item.mimeType}</Badge>}
          {item?.size !== undefined && (
            <Badge title={`${item.size} bytes`}>{formatBytes(item.size)}</Badge>
          )}
          {sub?.subscribed === true && <Badge tone="green">subscribed</Badge>}
          <AnnotationBadges annotations={item?.annotations} />
          {item === undefined && (
            <Badge title="Not in the resources/list pages loaded so far">not listed</Badge>
          )}
        </div>
        {item?.description !== undefined && (
          <p className="text-sm whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">
            {item.description}
          </p>
        )}
        {item !== undefined && <IconStrip icons={item.icons} />}
      </header>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="primary"
          disabled={!ctx.canSend || read?.pending === true}
          onClick={() => void readResource(ctx.sessionId, uri)}
          title={`resources/read ${uri}`}
        >
          {read?.pending === true ? (
            <Loader2 size={14} className="animate-spin" />
          ) : (
            read !== undefined && <RefreshCw size={14} />
          )}
          {read === undefined ? 'Read' : 'Read again'}
        </Button>
        {ctx.canSubscribe && (
          <SubscribeButton sessionId={ctx.sessionId} uri={uri} row={sub} canSend={ctx.canSend} />
        )}
      </div>
      {sub?.failure !== undefined && (
        <FailureBox
          failure={sub.failure.failure}
          title={`resources/${sub.failure.subscribe ? 'subscribe' : 'unsubscribe'} failed`}
        />
      )}
      <ReadResultView sessionId={ctx.sessionId} read={read} />
      {item !== undefined && <RawJson value={item.raw} label="Listed as (resources/list entry)" />}
    </div>
  );
}
