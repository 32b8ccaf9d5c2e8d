import { BellRing, Loader2, RefreshCw } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import type { SessionView } from '../../lib/store';
import { FilterBox } from '../../components/FilterBox';
import { ListChangedBanner } from '../../components/ListChangedBanner';
import { ListPager } from './ListPager';
import { handshakeEpoch, serverCaps } from '../../lib/mcp-shapes';
import { FailureBox } from '../../components/RequestOutcome';
import { ResourceDetail, type DetailContext } from './ResourceDetail';
import {
  filterResources,
  filterTemplates,
  RESOURCE_RENDER_STEP,
  ResourceList,
  TemplateList,
} from './ResourceList';
import {
  getResourcesState,
  loadResources,
  loadTemplates,
  readResource,
  syncEpoch,
  updateResources,
  useResourcesState,
  type ResourcesTab,
} from './resources-store';
import type { RequestFailure } from '../../lib/send-request';
import { useListenStore } from './listen-store';
import { listenRows, subscriptionRows } from './subscriptions';
import { notifiedSince } from '../../lib/traffic-scan';
import { SubscriptionsView, updateCount } from './SubscriptionsView';
import { TemplateDetail } from './TemplateDetail';

function loadIfNeeded(sessionId: string): void {
  const s = getResourcesState(sessionId);
  if (!s.resources.loaded && !s.resources.loading && s.resources.failure === undefined)
    void loadResources(sessionId, 'first');
  if (!s.templates.loaded && !s.templates.loading && s.templates.failure === undefined)
    void loadTemplates(sessionId, 'first');
}

function refresh(sessionId: string): void {
  void loadResources(sessionId, 'first');
  void loadTemplates(sessionId, 'first');
}

/**
 * Resources of the session's server: the paginated list and templates, reading with
 * MIME-aware rendering, subscriptions and their update feed.
 */
export function ResourcesPanel({ session }: { session: SessionView }) {
  const { summary } = session;
  const id = summary.id;
  const caps = serverCaps(summary);
  const epoch = handshakeEpoch(summary);
  const canSend = summary.state === 'ready';
  const state = useResourcesState(id);
  const listen = useListenStore((s) => s.bySession[id]);
  const offered = caps?.resources !== undefined || state.forced;
  const [limit, setLimit] = useState(RESOURCE_RENDER_STEP);

  useEffect(() => {
    if (!canSend || !offered) return;
    syncEpoch(id, epoch);
    loadIfNeeded(id);
  }, [id, epoch, canSend, offered]);

  if (caps === undefined) {
    return (
      <EmptyState title="No handshake yet">
        Resources are listed once the server has answered <code>initialize</code>.
      </EmptyState>
    );
  }
  if (!offered) {
    return (
      <EmptyState title="This server offers no resources">
        <p>
          Its <code>initialize</code> result has no <code>resources</code> capability, so a client
          would not ask for any.
        </p>
        <Button disabled={!canSend} onClick={() => updateResources(id, () => ({ forced: true }))}>
          Send resources/list anyway
        </Button>
      </EmptyState>
    );
  }

  const ctx: DetailContext = {
    sessionId: id,
    canSend,
    canSubscribe: caps.resources?.subscribe === true,
    subscriptions:
      summary.handshake?.era === 'modern'
        ? listenRows(session, listen)
        : subscriptionRows(session, state.subscriptionOps),
  };
  const listChanged = notifiedSince(
    session,
    'notifications/resources/list_changed',
    state.resources.sinceSeq,
  );
  const resources = filterResources(state.resources.items, state.filter);
  const templates = filterTemplates(state.templates.items, state.filter);
  const subscribedCount = [...ctx.subscriptions.values()].filter((r) => r.subscribed).length;
  const updates = updateCount(session);
  const selection = state.selection;
  const setTab = (tab: ResourcesTab): void => updateResources(id, () => ({ tab }));
  const readUri = (uri: string): void => {
    updateResources(id, () => ({ selection: { kind: 'uri', uri } }));
    if (canSend) void readResource(id, uri);
  };

  let detail: ReactNode;
  if (selection === undefined) {
    detail = (
      <EmptyState title="Select a resource or a template">
        Selecting a resource reads it; a template asks for its variables first.
      </EmptyState>
    );
  } else if (selection.kind === 'template') {
    const template = state.templates.items.find((t) => t.uriTemplate === selection.uriTemplate);
    detail =
      template === undefined ? (
        <EmptyState title="Template no longer listed">
          <code>{selection.uriTemplate}</code> is not in the latest templates list.
        </EmptyState>
      ) : (
        <TemplateDetail
          key={selection.uriTemplate}
          template={template}
          ctx={ctx}
          completions={caps.completions}
        />
      );
  } else {
    const item = state.resources.items.find((r) => r.uri === selection.uri);
    detail = <ResourceDetail key={selection.uri} uri={selection.uri} item={item} ctx={ctx} />;
  }

  const busy = state.resources.loading || state.templates.loading;
  return (
    <div className="flex h-full flex-col">
      {listChanged && (
        <ListChangedBanner what="resource" busy={busy} onRefresh={() => refresh(id)} />
      )}
      <div className="flex min-h-0 flex-1">
        <aside className="flex w-[24rem] shrink-0 flex-col border-r border-zinc-200 dark:border-zinc-800">
          <div className="space-y-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
            <div className="flex items-center gap-1">
              <div role="tablist" aria-label="Resources views" className="flex flex-1 gap-1">
                <Tab current={state.tab} id="resources" onSelect={setTab}>
                  Resources <Count list={state.resources} />
                </Tab>
                <Tab current={state.tab} id="templates" onSelect={setTab}>
                  Templates <Count list={state.templates} />
                </Tab>
                {(ctx.canSubscribe || ctx.subscriptions.size > 0 || updates > 0) && (
                  <Tab current={state.tab} id="subscriptions" onSelect={setTab}>
                    Subscribed <span className="text-zinc-400">{subscribedCount}</span>
                    {updates > 0 && (
                      <span
                        className="ml-1 inline-flex items-center gap-0.5 rounded-full bg-emerald-100 px-1.5 text-[10px] text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-300"
                        title={`${updates} notifications/resources/updated received`}
                      >
                        <BellRing size={10} />
                        {updates}
                      </span>
                    )}
                  </Tab>
                )}
              </div>
              <button
                type="button"
                onClick={() => refresh(id)}
                disabled={!canSend || busy}
                title="List again (resources/list and resources/templates/list)"
                aria-label="Refresh lists"
                className="rounded p-1.5 text-zinc-500 hover:bg-zinc-100 disabled:opacity-50 dark:hover:bg-zinc-800"
              >
                <RefreshCw size={14} className={busy ? 'animate-spin' : ''} />
              </button>
            </div>
            {state.tab !== 'subscriptions' && (
              <FilterBox
                value={state.filter}
                onChange={(filter) => updateResources(id, () => ({ filter }))}
                placeholder="Filter by name, URI, type…"
                label="Filter resources"
              />
            )}
          </div>
          <div className="min-h-0 flex-1 overflow-auto">
            {state.tab === 'resources' && (
              <ListBody
                list={state.resources}
                what="resources"
                method="resources/list"
                onRetry={() => refresh(id)}
              >
                <ResourceList
                  items={resources}
                  list={state.resources}
                  selectedUri={selection?.kind === 'template' ? undefined : selection?.uri}
                  subscribed={(uri) => ctx.subscriptions.get(uri)?.subscribed === true}
                  limit={limit}
                  onShowMore={() => setLimit(limit + RESOURCE_RENDER_STEP)}
                  onSelect={(r) => {
                    if (r.uri === undefined) return;
                    const uri = r.uri;
                    updateResources(id, () => ({ selection: { kind: 'resource', uri } }));
                    if (canSend && getResourcesState(id).reads.get(uri) === undefined)
                      void readResource(id, uri);
                  }}
                />
              </ListBody>
            )}
            {state.tab === 'templates' && (
              <ListBody
                list={state.templates}
                what="templates"
                method="resources/templates/list"
                onRetry={() => refresh(id)}
              >
                <TemplateList
                  items={templates}
                  list={state.templates}
                  selected={selection?.kind === 'template' ? selection.uriTemplate : undefined}
                  onSelect={(t) => {
                    if (t.uriTemplate === undefined) return;
                    const uriTemplate = t.uriTemplate;
                    updateResources(id, () => ({ selection: { kind: 'template', uriTemplate } }));
                  }}
                />
              </ListBody>
            )}
            {state.tab === 'subscriptions' && (
              <SubscriptionsView session={session} ctx={ctx} onRead={readUri} />
            )}
          </div>
          {state.tab === 'resources' && (
            <ListPager
              list={state.resources}
              noun="resources"
              shown={state.filter === '' ? undefined : resources.length}
              canSend={canSend}
              onMore={() => void loadResources(id, 'more')}
              onAll={() => void loadResources(id, 'all')}
            />
          )}
          {state.tab === 'templates' && (
            <ListPager
              list={state.templates}
              noun="templates"
              shown={state.filter === '' ? undefined : templates.length}
              canSend={canSend}
              onMore={() => void loadTemplates(id, 'more')}
              onAll={() => void loadTemplates(id, 'all')}
            />
          )}
        </aside>
        <section className="min-w-0 flex-1 overflow-auto p-4" aria-label="Resource detail">
          {!canSend && (
            <p className="mb-3 rounded-md bg-zinc-100 px-3 py-2 text-sm text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
              The session is {summary.state}: what is shown is from before. Reconnect to send
              requests.
            </p>
          )}
          {detail}
        </section>
      </div>
    </div>
  );
}

function Tab({
  id,
  current,
  onSelect,
  children,
}: {
  id: ResourcesTab;
  current: ResourcesTab;
  onSelect: (tab: ResourcesTab) => void;
  children: ReactNode;
}) {
  const selected = id === current;
  return (
    <button
      type="button"
      role="tab"
      aria-selected={selected}
      onClick={() => onSelect(id)}
      className={`rounded-md px-2 py-1 text-xs font-medium whitespace-nowrap ${
        selected
          ? 'bg-zinc-200 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100'
          : 'text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-900'
      }`}
    >
      {children}
    </button>
  );
}

function Count({
  list,
}: {
  list: { items: unknown[]; nextCursor: string | undefined; loaded: boolean };
}) {
  if (!list.loaded) return null;
  return (
    <span className="text-zinc-400">
      {list.items.length}
      {list.nextCursor !== undefined && '+'}
    </span>
  );
}

/** A list's body: loading, a failure with Try again, or the list itself. */
function ListBody({
  list,
  what,
  method,
  onRetry,
  children,
}: {
  list: { loading: boolean; loaded: boolean; failure: RequestFailure | undefined };
  what: string;
  method: string;
  onRetry: () => void;
  children: ReactNode;
}) {
  return (
    <>
      {list.failure?.error?.code === -32601 && (
        <p className="p-4 text-sm text-zinc-500">
          The server does not implement <code>{method}</code> (JSON-RPC error -32601).
        </p>
      )}
      {list.failure !== undefined && list.failure.error?.code !== -32601 && (
        <div className="space-y-2 p-3">
          <FailureBox failure={list.failure} title={`Listing ${what} failed`} />
          <Button onClick={onRetry}>Try again</Button>
        </div>
      )}
      {!list.loaded && list.loading && (
        <p className="flex items-center gap-2 p-4 text-sm text-zinc-500">
          <Loader2 size={14} className="animate-spin" /> Listing {what}…
        </p>
      )}
      {children}
    </>
  );
}
