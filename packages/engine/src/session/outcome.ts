import type { RequestFailure, RequestOutcome } from '@mcpscope/protocol';

/**
 * How a request ended: the wire contract's type (packages/protocol, replies.ts), so the
 * engine and the browser cannot drift. Re-exported for the engine's many users.
 */
export type { RequestFailure, RequestOutcome };

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
