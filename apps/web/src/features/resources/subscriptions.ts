import type { SessionView } from '../../lib/store';
import { acknowledged, type ListenState } from './listen-store';
import type { SubscriptionOp } from './resources-store';
import type { RequestFailure } from '../../lib/send-request';
import { trafficSubscriptions } from '../../lib/traffic-scan';

/** One URI's subscription as the panel shows it. */
export interface SubscriptionRow {
  uri: string;
  /** The server holds a subscription (it answered a subscribe, and no unsubscribe since). */
  subscribed: boolean;
  busy: 'subscribing' | 'unsubscribing' | undefined;
  /** The last subscribe or unsubscribe that failed. */
  failure: { subscribe: boolean; failure: RequestFailure } | undefined;
}

/**
 * Subscriptions by URI: what the traffic shows the server acknowledged, plus this page's
 * requests in flight, answers the traffic has not caught up with yet, and failures.
 */
export function subscriptionRows(
  view: SessionView,
  ops: ReadonlyMap<string, SubscriptionOp>,
): Map<string, SubscriptionRow> {
  const { subscribed, lastSeq } = trafficSubscriptions(view);
  const rows = new Map<string, SubscriptionRow>();
  for (const uri of subscribed.keys())
    rows.set(uri, { uri, subscribed: true, busy: undefined, failure: undefined });
  for (const op of ops.values()) {
    const row = rows.get(op.uri) ?? {
      uri: op.uri,
      subscribed: false,
      busy: undefined,
      failure: undefined,
    };
    if (op.state === 'pending') row.busy = op.subscribe ? 'subscribing' : 'unsubscribing';
    else if (op.state === 'done' && (op.responseSeq ?? Infinity) > lastSeq)
      row.subscribed = op.subscribe;
    else if (op.state === 'failed' && op.failure !== undefined)
      row.failure = { subscribe: op.subscribe, failure: op.failure };
    if (row.subscribed || row.busy !== undefined || row.failure !== undefined)
      rows.set(op.uri, row);
  }
  return rows;
}

/**
 * Subscriptions in the 2026-07-28 era: the URIs of the session's one listen, subscribed once
 * the server acknowledged them, subscribing until then; a failed listen marks them all.
 */
export function listenRows(
  view: SessionView,
  listen: ListenState | undefined,
): Map<string, SubscriptionRow> {
  const rows = new Map<string, SubscriptionRow>();
  if (listen === undefined) return rows;
  const ack = acknowledged(view, listen);
  const acked = ack?.notifications['resourceSubscriptions'];
  const ackedUris = Array.isArray(acked) ? acked.filter((u) => typeof u === 'string') : [];
  const open = listen.commandId !== undefined;
  // Stopped by the user: nothing is subscribed, and nothing failed either.
  if (!open && listen.failure === undefined) return rows;
  for (const uri of listen.uris) {
    rows.set(uri, {
      uri,
      subscribed: open && ackedUris.includes(uri),
      busy: open && ack === undefined ? 'subscribing' : undefined,
      failure:
        listen.failure === undefined ? undefined : { subscribe: true, failure: listen.failure },
    });
  }
  return rows;
}
