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

/** The seqs of an outcome's request and response, only where known (for spreading). */
export function seqsOf(outcome: { requestSeq?: number; responseSeq?: number }): {
  requestSeq?: number;
  responseSeq?: number;
} {
  return {
    ...(outcome.requestSeq !== undefined && { requestSeq: outcome.requestSeq }),
    ...(outcome.responseSeq !== undefined && { responseSeq: outcome.responseSeq }),
  };
}

/** {@link seqsOf} and the duration: where an outcome's timing is carried to another. */
export function timingOf(outcome: RequestOutcome): {
  requestSeq?: number;
  responseSeq?: number;
  durationMs?: number;
} {
  return {
    ...seqsOf(outcome),
    ...(outcome.durationMs !== undefined && { durationMs: outcome.durationMs }),
  };
}
