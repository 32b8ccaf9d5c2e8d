import type { Answer, PendingServerRequest } from '@mcpscope/protocol';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { actions, client } from '../../lib/inspector';
import { useApp, type AppState } from '../../lib/store';
import { describeAsker, queueOf, type QueuedRequest } from './pending-queue';
import { RequestDialog } from './RequestDialog';
import { SettledNotices, type Notice } from './SettledNotices';
import { WaitingPill } from './WaitingPill';

const NOTICE_MS = 8000;

// Pending lists keep their identity across traffic events, so this only changes when a
// request arrives or leaves, not on every message.
function selectPending(state: AppState): Record<string, PendingServerRequest[]> {
  const out: Record<string, PendingServerRequest[]> = {};
  for (const id of state.order) {
    const pending = state.sessions[id]?.pending;
    if (pending !== undefined && pending.length > 0) out[id] = pending;
  }
  return out;
}

/**
 * The server-to-client requests of every session, answered by the human one at a time,
 * oldest first. Nothing is answered automatically: Esc only minimizes to a reminder pill.
 */
export function ServerRequestsHost() {
  const pendingBySession = useApp(useShallow(selectPending));
  const queue = useMemo(() => queueOf(pendingBySession), [pendingBySession]);
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [minimized, setMinimized] = useState(false);
  const [notices, setNotices] = useState<Notice[]>([]);
  // The next request after an empty queue opens the dialog again.
  if (minimized && queue.length === 0) setMinimized(false);

  const position = Math.max(
    0,
    queue.findIndex((q) => q.id === selectedId),
  );
  const current: QueuedRequest | undefined = queue[position];
  const open = current !== undefined && !minimized;

  // Requests this tab answered: their settling is expected, not news.
  const answeredHere = useRef(new Set<string>());
  // What the dialog shows, read by the socket listener when a request settles.
  const shown = useRef<{ id: string; what: string } | undefined>(undefined);
  const summary = useApp((s) =>
    current === undefined ? undefined : s.sessions[current.sessionId]?.summary,
  );
  const shownWhat =
    current === undefined
      ? ''
      : `${current.request.method} request from ${describeAsker(summary).server}`;
  useEffect(() => {
    shown.current = open ? { id: current.id, what: shownWhat } : undefined;
  }, [open, current, shownWhat]);

  const notify = useCallback((text: string) => {
    const id = Date.now() + Math.random();
    setNotices((prev) => [...prev, { id, text }]);
    setTimeout(() => setNotices((prev) => prev.filter((n) => n.id !== id)), NOTICE_MS);
  }, []);

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type !== 'serverRequestSettled') return;
        const id = `${event.sessionId}:${event.key}`;
        if (answeredHere.current.delete(id)) return;
        const was = shown.current;
        if (was?.id !== id) return;
        if (event.how === 'cancelled-by-server')
          notify(`The ${was.what} was cancelled by the server; it no longer needs an answer.`);
        else if (event.how === 'session-ended')
          notify(`The ${was.what} was dropped: the session ended.`);
        else notify(`The ${was.what} was answered in another tab.`);
      }),
    [notify],
  );

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      setMinimized(true);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);

  const respond = useCallback(async (item: QueuedRequest, value: Answer): Promise<void> => {
    answeredHere.current.add(item.id);
    try {
      await actions.respond(item.sessionId, item.request.key, value);
    } catch (error) {
      answeredHere.current.delete(item.id);
      throw error;
    }
  }, []);

  return (
    <>
      {open && (
        <RequestDialog
          item={current}
          position={position + 1}
          total={queue.length}
          onMove={(delta) => setSelectedId(queue[position + delta]?.id ?? current.id)}
          onMinimize={() => setMinimized(true)}
          onAnswer={(value) => respond(current, value)}
        />
      )}
      {minimized && queue.length > 0 && (
        <WaitingPill count={queue.length} onOpen={() => setMinimized(false)} />
      )}
      <SettledNotices
        notices={notices}
        onDismiss={(id) => setNotices((prev) => prev.filter((n) => n.id !== id))}
      />
    </>
  );
}
