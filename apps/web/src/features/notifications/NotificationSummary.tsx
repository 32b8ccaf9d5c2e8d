import type { TrafficEntry } from '@mcpscope/protocol';
import { Ban, FileText, RefreshCw } from 'lucide-react';
import { LevelBadge } from './LevelBadge';
import { methodOf, tokenKey, type NotificationIndex } from './notification-index';
import { own } from '../../lib/name-map';

type Params = Record<string, unknown>;

function paramsOf(entry: TrafficEntry): Params {
  const params = (entry.msg as { params?: unknown } | undefined)?.params;
  return typeof params === 'object' && params !== null ? (params as Params) : {};
}

/** One line of JSON, cut short: rows are one line high until expanded. */
export function compact(value: unknown, max = 400): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const LIST_CHANGED: Record<string, string> = {
  'notifications/tools/list_changed': 'tools/list',
  'notifications/resources/list_changed': 'resources/list',
  'notifications/prompts/list_changed': 'prompts/list',
};

/** The one-line body of a notification row, by method. */
export function NotificationSummary({
  entry,
  index,
}: {
  entry: TrafficEntry;
  index: NotificationIndex;
}) {
  const method = methodOf(entry);
  const params = paramsOf(entry);
  switch (method) {
    case 'notifications/message':
      return (
        <span className="flex min-w-0 items-center gap-2">
          <LevelBadge level={params['level']} />
          {params['logger'] !== undefined && (
            <span className="shrink-0 font-mono text-xs text-violet-700 dark:text-violet-300">
              {compact(params['logger'], 60)}
            </span>
          )}
          <span
            className={`truncate ${typeof params['data'] === 'string' ? '' : 'font-mono text-xs'}`}
          >
            {compact(params['data'])}
          </span>
        </span>
      );
    case 'notifications/progress':
      return <ProgressSummary params={params} index={index} />;
    case 'notifications/resources/updated':
      return (
        <span className="flex min-w-0 items-center gap-2">
          <FileText size={13} className="shrink-0 text-sky-600 dark:text-sky-400" />
          <span className="shrink-0 text-zinc-500">resource updated</span>
          <code className="truncate">{compact(params['uri'], 200)}</code>
        </span>
      );
    case 'notifications/cancelled':
      return (
        <span className="flex min-w-0 items-center gap-2">
          <Ban size={13} className="shrink-0 text-red-500" />
          <span className="shrink-0">
            request <code>#{compact(params['requestId'], 40)}</code> cancelled
          </span>
          {params['reason'] !== undefined && (
            <span className="truncate text-zinc-500">{compact(params['reason'])}</span>
          )}
        </span>
      );
    default: {
      const list = own(LIST_CHANGED, method);
      if (list !== undefined)
        return (
          <span className="flex min-w-0 items-center gap-2 font-medium text-indigo-700 dark:text-indigo-300">
            <RefreshCw size={13} className="shrink-0" />
            {method.split('/')[1]} list changed
            <span className="truncate font-normal text-zinc-500">
              call <code>{list}</code> again to see it
            </span>
          </span>
        );
      return (
        <span className="truncate font-mono text-xs text-zinc-600 dark:text-zinc-400">
          {Object.keys(params).length === 0 ? '' : compact(params)}
        </span>
      );
    }
  }
}

function ProgressSummary({ params, index }: { params: Params; index: NotificationIndex }) {
  const request = index.progressRequests.get(tokenKey(params['progressToken']));
  const msg = request?.msg as { id?: unknown; method?: unknown; params?: Params } | undefined;
  const target = msg?.params?.['name'] ?? msg?.params?.['uri'];
  const progress = typeof params['progress'] === 'number' ? params['progress'] : undefined;
  const total = typeof params['total'] === 'number' ? params['total'] : undefined;
  const ratio =
    progress !== undefined && total !== undefined && total > 0
      ? Math.min(1, progress / total)
      : undefined;
  return (
    <span className="flex min-w-0 items-center gap-2">
      {msg === undefined ? (
        <span className="shrink-0 text-zinc-500">
          token <code>{compact(params['progressToken'], 40)}</code> (no matching request)
        </span>
      ) : (
        <span className="shrink-0">
          <code>{compact(msg.method, 40)}</code>
          {target !== undefined && <span className="ml-1 font-medium">{compact(target, 60)}</span>}
          <span className="ml-1 text-zinc-500">#{compact(msg.id, 20)}</span>
        </span>
      )}
      <span
        className="h-1.5 w-28 shrink-0 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        role="progressbar"
        aria-valuenow={progress}
        aria-valuemax={total}
      >
        {ratio !== undefined && (
          <span
            className="block h-full rounded-full bg-indigo-500"
            style={{ width: `${ratio * 100}%` }}
          />
        )}
      </span>
      <span className="shrink-0 font-mono text-xs tabular-nums">
        {progress ?? '?'}
        {total !== undefined && `/${total}`}
      </span>
      {params['message'] !== undefined && (
        <span className="truncate text-zinc-500">{compact(params['message'])}</span>
      )}
    </span>
  );
}
