import { Loader2, RefreshCw } from 'lucide-react';
import { useEffect } from 'react';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import type { SessionView } from '../../lib/store';
import { FilterBox } from '../../components/FilterBox';
import { ListChangedBanner } from '../../components/ListChangedBanner';
import { handshakeEpoch, serverCaps } from '../../lib/mcp-shapes';
import { FailureBox, formatDuration } from '../../components/RequestOutcome';
import { notifiedSince } from '../../lib/traffic-scan';
import { PromptDetail } from './PromptDetail';
import { filterPrompts, PromptList } from './PromptList';
import {
  getPromptsState,
  loadPrompts,
  syncPromptsEpoch,
  updatePrompts,
  usePromptsState,
} from './prompts-store';

/** Prompts of the session's server: the list, an arguments form with completions, the messages. */
export function PromptsPanel({ session }: { session: SessionView }) {
  const { summary } = session;
  const id = summary.id;
  const caps = serverCaps(summary);
  const epoch = handshakeEpoch(summary);
  const canSend = summary.state === 'ready';
  const state = usePromptsState(id);
  const offered = caps?.prompts !== undefined || state.forced;

  useEffect(() => {
    if (!canSend || !offered) return;
    syncPromptsEpoch(id, epoch);
    const { list } = getPromptsState(id);
    if (!list.loaded && !list.loading && list.failure === undefined) void loadPrompts(id);
  }, [id, epoch, canSend, offered]);

  if (caps === undefined) {
    return (
      <EmptyState title="No handshake yet">
        Prompts are listed once the server has answered <code>initialize</code>.
      </EmptyState>
    );
  }
  if (!offered) {
    return (
      <EmptyState title="This server offers no prompts">
        <p>
          Its <code>initialize</code> result has no <code>prompts</code> capability, so a client
          would not ask for any.
        </p>
        <Button disabled={!canSend} onClick={() => updatePrompts(id, () => ({ forced: true }))}>
          Send prompts/list anyway
        </Button>
      </EmptyState>
    );
  }

  const { list } = state;
  const listChanged = notifiedSince(session, 'notifications/prompts/list_changed', list.sinceSeq);
  const prompts = filterPrompts(list.items, state.filter);
  const selected =
    state.selected === undefined ? undefined : list.items.find((p) => p.name === state.selected);

  return (
    <div className="flex h-full flex-col">
      {listChanged && (
        <ListChangedBanner
          what="prompt"
          busy={list.loading}
          onRefresh={() => void loadPrompts(id)}
        />
      )}
      <div className="flex min-h-0 flex-1">
        <aside className="flex w-[22rem] shrink-0 flex-col border-r border-zinc-200 dark:border-zinc-800">
          <div className="space-y-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
            <div className="flex items-center gap-1">
              <h2 className="flex-1 text-sm font-semibold">
                Prompts{' '}
                {list.loaded && (
                  <span className="font-normal text-zinc-400">{list.items.length}</span>
                )}
              </h2>
              <button
                type="button"
                onClick={() => void loadPrompts(id)}
                disabled={!canSend || list.loading}
                title="List again (prompts/list, every page)"
                aria-label="Refresh prompts"
                className="rounded p-1.5 text-zinc-500 hover:bg-zinc-100 disabled:opacity-50 dark:hover:bg-zinc-800"
              >
                <RefreshCw size={14} className={list.loading ? 'animate-spin' : ''} />
              </button>
            </div>
            <FilterBox
              value={state.filter}
              onChange={(filter) => updatePrompts(id, () => ({ filter }))}
              placeholder="Filter by name, description, argument…"
              label="Filter prompts"
            />
          </div>
          <div className="min-h-0 flex-1 overflow-auto">
            {list.failure !== undefined && (
              <div className="space-y-2 p-3">
                <FailureBox failure={list.failure} title="Listing prompts failed" />
                <Button onClick={() => void loadPrompts(id)} disabled={!canSend}>
                  Try again
                </Button>
              </div>
            )}
            {!list.loaded && list.loading && (
              <p className="flex items-center gap-2 p-4 text-sm text-zinc-500">
                <Loader2 size={14} className="animate-spin" /> Listing prompts…
              </p>
            )}
            {list.loaded && (
              <PromptList
                items={prompts}
                total={list.items.length}
                selected={state.selected}
                onSelect={(p) => updatePrompts(id, () => ({ selected: p.name }))}
              />
            )}
          </div>
          {list.loaded && (
            <div className="border-t border-zinc-200 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-800">
              {state.filter !== '' && `${prompts.length} of `}
              {list.items.length} prompts
              {list.pages > 1 && ` · ${list.pages} pages`}
              {list.durationMs !== undefined && ` · last page ${formatDuration(list.durationMs)}`}
              {list.nextCursor !== undefined && !list.loading && list.failure === undefined && (
                <span className="text-amber-700 dark:text-amber-400">
                  {' '}
                  · stopped with a cursor left: the server repeated one or passed the page limit
                </span>
              )}
            </div>
          )}
        </aside>
        <section className="min-w-0 flex-1 overflow-auto p-4" aria-label="Prompt detail">
          {!canSend && (
            <p className="mb-3 rounded-md bg-zinc-100 px-3 py-2 text-sm text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
              The session is {summary.state}: what is shown is from before. Reconnect to send
              requests.
            </p>
          )}
          {selected === undefined ? (
            <EmptyState
              title={state.selected === undefined ? 'Select a prompt' : 'Prompt no longer listed'}
            >
              {state.selected === undefined ? (
                'Its arguments form opens here; Get prompt shows the messages it expands to.'
              ) : (
                <>
                  <code>{state.selected}</code> is not in the latest prompts list.
                </>
              )}
            </EmptyState>
          ) : (
            <PromptDetail
              key={selected.name}
              prompt={selected}
              sessionId={id}
              canSend={canSend}
              completions={caps.completions}
            />
          )}
        </section>
      </div>
    </div>
  );
}
