import { Loader2 } from 'lucide-react';
import { useCallback, useEffect, useMemo } from 'react';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { JsonView } from '../../components/JsonView';
import type { SessionView } from '../../lib/store';
import { listTools } from './tool-actions';
import { ToolDetail } from './ToolDetail';
import { ToolList } from './ToolList';
import { useSessionTools } from './tools-store';
import './tools.css';

/** True when a `notifications/tools/list_changed` arrived after the seq of the last list. */
function listChangedSince(session: SessionView, listedSeq: number | undefined): boolean {
  if (listedSeq === undefined) return false;
  for (let i = session.entries.length - 1; i >= 0; i--) {
    const entry = session.entries[i];
    if (entry === undefined || entry.seq <= listedSeq) return false;
    if (
      entry.dir === 's2c' &&
      entry.kind === 'notification' &&
      (entry.msg as { method?: unknown } | undefined)?.method === 'notifications/tools/list_changed'
    )
      return true;
  }
  return false;
}

/**
 * The Tools panel: every tool of `tools/list` on the left; on the right a form generated from
 * the selected tool's inputSchema (or raw JSON), the call with its progress and result, and
 * the tool's call history. What it lists and sent is kept per session across panel switches.
 */
export function ToolsPanel({ session }: { session: SessionView }) {
  const sessionId = session.summary.id;
  const state = useSessionTools(sessionId);
  const handshake = session.summary.handshake;
  const offersTools = handshake?.agreed.capabilities.tools !== undefined;
  const ready = session.summary.state === 'ready';
  const status = state.list.status;

  // List on first sight, and again after a reconnect (a new handshake may bring other tools).
  useEffect(() => {
    if (!ready || !offersTools || status === 'loading' || status === 'error') return;
    if (status === 'idle' || state.handshakeSeq !== handshake?.responseSeq)
      void listTools(sessionId);
  }, [ready, offersTools, status, state.handshakeSeq, handshake?.responseSeq, sessionId]);

  const listChanged = useMemo(
    () => listChangedSince(session, state.listedSeq),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- entries mutate in place; version says when
    [session.version, session.summary.id, state.listedSeq],
  );
  const runningTools = useMemo(() => {
    const names = new Set<string>();
    for (const [name, calls] of state.history)
      if (calls.some((c) => c.outcome === undefined && c.failure === undefined)) names.add(name);
    return names;
  }, [state.history]);

  const refresh = useCallback((): void => void listTools(sessionId), [sessionId]);

  if (handshake === undefined) {
    const starting = ['idle', 'connecting', 'initializing'].includes(session.summary.state);
    return (
      <EmptyState
        title={starting ? 'Not connected yet' : `The session is ${session.summary.state}`}
      >
        <p>
          {starting
            ? 'Tools appear once the handshake completes.'
            : 'The handshake did not complete, so there are no tools to list. Reconnect from the session tab; the Stderr and Traffic panels say what went wrong.'}
        </p>
        {session.summary.detail !== undefined && (
          <p className="max-w-xl font-mono text-xs">{session.summary.detail}</p>
        )}
      </EmptyState>
    );
  }
  if (!offersTools && state.tools.length === 0 && status !== 'loading') {
    return (
      <EmptyState title="This server does not offer tools">
        <p>
          Its <code>initialize</code> result has no <code>capabilities.tools</code>, so a client
          would not call <code>tools/list</code>.
        </p>
        {status === 'error' && (
          <p className="text-red-700 dark:text-red-400">
            <code>tools/list</code> failed: {state.list.status === 'error' && state.list.message}
          </p>
        )}
        <Button onClick={refresh} disabled={!ready}>
          Send tools/list anyway
        </Button>
      </EmptyState>
    );
  }
  if (state.tools.length === 0) {
    if (state.list.status === 'error') {
      const list = state.list;
      return (
        <EmptyState title="tools/list failed">
          <p className="max-w-xl">
            <code className="font-semibold text-red-700 dark:text-red-400">{list.code}</code>{' '}
            {list.message}
            {list.pages > 0 && ` (after ${list.pages} page${list.pages === 1 ? '' : 's'})`}
          </p>
          {list.data !== undefined && (
            <div className="max-w-xl text-left">
              <JsonView value={list.data} />
            </div>
          )}
          <Button onClick={refresh} disabled={!ready}>
            Retry
          </Button>
        </EmptyState>
      );
    }
    if (status === 'loading' || status === 'idle') {
      return (
        <EmptyState title="Listing tools…">
          <Loader2 className="animate-spin text-zinc-400" size={18} />
        </EmptyState>
      );
    }
    return (
      <EmptyState title="The server lists no tools">
        <p>
          <code>tools/list</code> returned an empty list.
        </p>
        <Button onClick={refresh} disabled={!ready}>
          Refresh
        </Button>
      </EmptyState>
    );
  }

  const tool = state.tools.find((t) => t.name === state.selected);
  return (
    <div className="flex h-full flex-col">
      {state.list.status === 'error' && (
        <div
          role="alert"
          className="flex items-center justify-between gap-2 border-b border-red-200 bg-red-50 px-3 py-1.5 text-xs text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300"
        >
          <span>
            Refreshing failed: <code className="font-semibold">{state.list.code}</code>{' '}
            {state.list.message}. The list below is from before.
          </span>
          <Button onClick={refresh} className="!py-0.5 text-xs" disabled={!ready}>
            Retry
          </Button>
        </div>
      )}
      <div className="flex min-h-0 flex-1">
        <ToolList
          sessionId={sessionId}
          state={state}
          listChanged={listChanged}
          runningTools={runningTools}
          onRefresh={refresh}
        />
        {tool === undefined ? (
          <EmptyState title="Pick a tool">
            <p>Choose a tool on the left to fill in its arguments and call it.</p>
          </EmptyState>
        ) : (
          <ToolDetail session={session} state={state} tool={tool} />
        )}
      </div>
    </div>
  );
}
