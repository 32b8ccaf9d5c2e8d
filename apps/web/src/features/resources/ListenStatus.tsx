import { Radio, Square } from 'lucide-react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { JsonView } from '../../components/JsonView';
import type { SessionView } from '../../lib/store';
import { acknowledged, LISTEN, openListen, stopListen, useListenStore } from './listen-store';
import { FailureBox } from '../../components/RequestOutcome';

/**
 * The session's one `subscriptions/listen` (2026-07-28): what it asks for, what the server
 * acknowledged, and Stop listening / Listen again.
 */
export function ListenStatus({ session, canSend }: { session: SessionView; canSend: boolean }) {
  const id = session.summary.id;
  const listen = useListenStore((s) => s.bySession[id]);
  const open = listen?.commandId !== undefined;
  const ack = acknowledged(session, listen);
  return (
    <section
      aria-label="Listen"
      className="space-y-1.5 rounded-md border border-violet-200 bg-violet-50/50 p-2 dark:border-violet-900 dark:bg-violet-950/30"
      data-testid="listen-status"
    >
      <div className="flex items-center gap-1.5 text-xs">
        <Radio size={13} className={open ? 'text-violet-600' : 'text-zinc-400'} />
        <code className="font-semibold">{LISTEN}</code>
        {open ? (
          ack === undefined ? (
            <Badge tone="amber">waiting for acknowledgement</Badge>
          ) : (
            <Badge tone="green">listening</Badge>
          )
        ) : (
          <Badge>not listening</Badge>
        )}
        <span className="flex-1" />
        {open ? (
          <Button
            className="!px-2 !py-0.5 text-xs whitespace-nowrap"
            onClick={() => void stopListen(id)}
            disabled={!canSend}
          >
            <Square size={11} /> Stop listening
          </Button>
        ) : (
          <Button
            className="!px-2 !py-0.5 text-xs whitespace-nowrap"
            onClick={() => void openListen(id, listen?.uris ?? [])}
            disabled={!canSend}
          >
            <Radio size={11} /> Listen
          </Button>
        )}
      </div>
      <p className="text-[11px] text-zinc-600 dark:text-zinc-400">
        The 2026-07-28 era has no resources/subscribe: one open {LISTEN} names every URI and
        list_changed it wants. Changing the subscribed URIs cancels it and opens a new one.
      </p>
      {ack !== undefined && (
        <div data-testid="listen-ack">
          <p className="text-[11px] font-medium text-zinc-500">
            acknowledged filter (notifications/subscriptions/acknowledged #{ack.seq})
          </p>
          <JsonView value={ack.notifications} label="notifications" expandDepth={2} />
        </div>
      )}
      {listen?.failure !== undefined && (
        <FailureBox failure={listen.failure} title={`${LISTEN} ended`} />
      )}
    </section>
  );
}
