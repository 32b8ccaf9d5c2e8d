import { Bell, BellOff, Loader2 } from 'lucide-react';
import { Button } from '../../components/Button';
import { useReadOnly } from '../../lib/inspector';
import { useApp } from '../../lib/store';
import { setSubscribed } from './resources-store';
import type { SubscriptionRow } from './subscriptions';

/** Subscribe to or unsubscribe from one URI (`resources/subscribe` / `resources/unsubscribe`). */
export function SubscribeButton({
  sessionId,
  uri,
  row,
  canSend,
}: {
  sessionId: string;
  uri: string;
  row: SubscriptionRow | undefined;
  canSend: boolean;
}) {
  const readOnly = useReadOnly(sessionId);
  const subscribed = row?.subscribed === true;
  const modern = useApp((s) => s.sessions[sessionId]?.summary.handshake?.era === 'modern');
  const busy = row?.busy;
  const Icon = busy !== undefined ? Loader2 : subscribed ? BellOff : Bell;
  return (
    <Button
      disabled={!canSend || busy !== undefined || readOnly !== undefined}
      onClick={() => void setSubscribed(sessionId, uri, !subscribed)}
      title={
        readOnly ??
        (modern
          ? `subscriptions/listen ${subscribed ? 'without' : 'with'} ${uri}`
          : `${subscribed ? 'resources/unsubscribe' : 'resources/subscribe'} ${uri}`)
      }
      aria-pressed={subscribed}
    >
      <Icon size={14} className={busy !== undefined ? 'animate-spin' : ''} />
      {busy === 'subscribing'
        ? 'Subscribing…'
        : busy === 'unsubscribing'
          ? 'Unsubscribing…'
          : subscribed
            ? 'Unsubscribe'
            : 'Subscribe'}
    </Button>
  );
}
