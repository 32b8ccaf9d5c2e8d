import type { Answer, PendingServerRequest, SessionSummary } from '@mcpscope/protocol';
import { describeTarget } from '@mcpscope/protocol';

/** A server request waiting for the human, with the session that received it. */
export interface QueuedRequest {
  /** Unique across sessions: request keys are only unique within one. */
  id: string;
  sessionId: string;
  request: PendingServerRequest;
}

/** How a dialog body answers its request. Rejects with a message to show when it fails. */
export type AnswerFn = (answer: Answer) => Promise<void>;

/** The pending requests of every session, oldest first. */
export function queueOf(pendingBySession: Record<string, PendingServerRequest[]>): QueuedRequest[] {
  const queue: QueuedRequest[] = [];
  for (const [sessionId, pending] of Object.entries(pendingBySession)) {
    for (const request of pending)
      queue.push({ id: `${sessionId}:${request.key}`, sessionId, request });
  }
  // receivedAt is an ISO string, so string order is time order; seq breaks ties in a session.
  return queue.sort(
    (a, b) =>
      a.request.receivedAt.localeCompare(b.request.receivedAt) || a.request.seq - b.request.seq,
  );
}

/** Who asked: the server's own name (title first) and version, and the target it runs as. */
export function describeAsker(summary: SessionSummary | undefined): {
  server: string;
  version: string | undefined;
  target: string;
} {
  if (summary === undefined) return { server: 'unknown session', version: undefined, target: '' };
  const info = summary.handshake?.agreed.serverInfo ?? {};
  const title = typeof info['title'] === 'string' ? info['title'] : undefined;
  const name = typeof info['name'] === 'string' ? info['name'] : undefined;
  const version = typeof info['version'] === 'string' ? info['version'] : undefined;
  const target = describeTarget(summary.config);
  return { server: title ?? name ?? target, version, target };
}

/** What a request is, in words, for titles and notices. */
export function requestKind(method: string, params: Record<string, unknown>): string {
  switch (method) {
    case 'sampling/createMessage':
      return 'Sampling request';
    case 'elicitation/create':
      return params['mode'] === 'url' ? 'URL elicitation' : 'Elicitation request';
    default:
      return 'Server request';
  }
}
