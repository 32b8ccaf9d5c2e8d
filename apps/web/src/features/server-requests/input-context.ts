import type { PendingServerRequest } from '@mcpscope/protocol';
import { entryBySeq, type SessionView } from '../../lib/store';

/** Where an input request of an `input_required` result comes from, in words. */
export interface InputContext {
  inputKey: string;
  /** "tools/call book-trip", "resources/read fixture://vault", or just the method. */
  call: string | undefined;
  /** 1 for the call's first request, then 2, 3, … for each retry. */
  round: number | undefined;
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * The call behind an input request: `request.seq` is the `input_required` response, whose
 * `pairSeq` is the request that got it (and that request's `round`, when it was a retry).
 * Undefined for an ordinary server-to-client request.
 */
export function inputContext(
  view: SessionView | undefined,
  request: PendingServerRequest,
): InputContext | undefined {
  if (request.inputKey === undefined) return undefined;
  const response = view === undefined ? undefined : entryBySeq(view, request.seq);
  const call =
    view === undefined || response?.pairSeq === undefined
      ? undefined
      : entryBySeq(view, response.pairSeq);
  if (call === undefined) return { inputKey: request.inputKey, call: undefined, round: undefined };
  const msg = objectOf(call.msg);
  const method = typeof msg['method'] === 'string' ? msg['method'] : undefined;
  const params = objectOf(msg['params']);
  const target = params['name'] ?? params['uri'];
  return {
    inputKey: request.inputKey,
    call:
      method === undefined
        ? undefined
        : typeof target === 'string'
          ? `${method} ${target}`
          : method,
    round: call.round?.n ?? 1,
  };
}
