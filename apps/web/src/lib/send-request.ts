import { actions, type Outcome } from './inspector';
import { CommandError } from './proxy-client';

/** A request that failed: on the wire (`error` holds the JSON-RPC error) or before it. */
export interface RequestFailure {
  ok: false;
  /** A searchable code: the engine's (`RPC_ERROR`, `TIMEOUT`, …) or the proxy's (`NOT_CONNECTED`). */
  code: string;
  message: string;
  error?: { code: number; message: string; data?: unknown };
  status?: number;
  durationMs?: number;
  requestSeq?: number;
}

/** What a panel keeps of a request: the engine's outcome, or a failure to even send it. */
export type RequestResult = Extract<Outcome, { ok: true }> | RequestFailure;

/**
 * Sends a request through the proxy. Never rejects: a command the proxy refused (the session
 * closed, the socket dropped) becomes a failure like any other, so the panel can show it.
 */
export async function sendRequest(
  sessionId: string,
  method: string,
  params?: Record<string, unknown>,
): Promise<RequestResult> {
  try {
    return await actions.request(sessionId, method, params);
  } catch (error) {
    if (error instanceof CommandError)
      return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'CLIENT_ERROR', message: (error as Error).message };
  }
}
