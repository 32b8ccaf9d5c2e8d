import type { ErrorCode, RpcErrorObject } from '@mcpscope/protocol';

/**
 * How a request ended. Expected failures are values, not exceptions: a timeout, a
 * cancellation or a JSON-RPC error is something to show, not a crash.
 */
export type RequestOutcome =
  | {
      ok: true;
      result: unknown;
      requestSeq?: number;
      responseSeq?: number;
      durationMs?: number;
    }
  | {
      ok: false;
      code: ErrorCode;
      message: string;
      /** Set when `code` is `RPC_ERROR`: the error object exactly as the server sent it. */
      error?: RpcErrorObject;
      /** The HTTP status, when the transport failed with one. */
      status?: number;
      requestSeq?: number;
      responseSeq?: number;
      durationMs?: number;
    };

/** A failed {@link RequestOutcome}. */
export type RequestFailure = Extract<RequestOutcome, { ok: false }>;
