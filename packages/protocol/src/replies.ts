import { z } from 'zod';
import { ErrorCodeSchema, RpcErrorSchema } from './errors.js';
import type { TrafficEntry } from './traffic.js';
import type { ClientCommand } from './wire.js';
import { FullEntrySchema, HistoryPageSchema, StagedAppSchema } from './wire.js';

/**
 * What each command's `reply` carries, one schema per command, so that the browser's `send()`
 * knows the type of the answer from the command it sent and the proxy cannot reply off the
 * contract. The request outcome is also the engine's own type: there is one definition.
 */

const timing = {
  /** Seq of the request's traffic entry (of the first round, for a multi-round call). */
  requestSeq: z.number().int().optional(),
  /** Seq of the entry that answered it (a response, an error response, or a raw frame). */
  responseSeq: z.number().int().optional(),
  durationMs: z.number().optional(),
};

/** A request that the server answered with a result. */
export const RequestSuccessSchema = z.object({
  ok: z.literal(true),
  result: z.unknown(),
  ...timing,
  /**
   * Set when `result` is a preview of a result too big to send to the UI whole; `bytes` is
   * the size of the response entry as JSON. `entry {seq: responseSeq}` fetches it whole.
   */
  truncated: z.object({ bytes: z.number().int().nonnegative() }).optional(),
});

/**
 * How a request failed. Expected failures are values, not exceptions: a timeout, a
 * cancellation or a JSON-RPC error is something to show, not a crash.
 */
export const RequestFailureSchema = z.object({
  ok: z.literal(false),
  code: ErrorCodeSchema,
  message: z.string(),
  /** Set when `code` is `RPC_ERROR`: the error object exactly as the server sent it. */
  error: RpcErrorSchema.optional(),
  /** The HTTP status, when the transport failed with one. */
  status: z.number().int().optional(),
  ...timing,
});
/** @see RequestFailureSchema */
export type RequestFailure = z.infer<typeof RequestFailureSchema>;

/** How a request ended: the engine's outcome, and what the UI gets once the reply is read. */
export const RequestOutcomeSchema = z.union([RequestSuccessSchema, RequestFailureSchema]);
/** @see RequestOutcomeSchema */
export type RequestOutcome = z.infer<typeof RequestOutcomeSchema>;
/** The older name of {@link RequestOutcome}, kept for the code that uses it. */
export type RequestOutcomeWire = RequestOutcome;

/**
 * A successful request whose result is in a traffic entry the socket sent just before this
 * reply (`responseSeq`, `msg.result`): the result crosses the socket once, in the entry,
 * instead of a second time in the reply. The browser's client puts it back into the outcome.
 */
export const ResultInEntrySchema = z.object({
  ok: z.literal(true),
  resultIn: z.literal('entry'),
  requestSeq: timing.requestSeq,
  responseSeq: z.number().int(),
  durationMs: timing.durationMs,
});
/** @see ResultInEntrySchema */
export type ResultInEntry = z.infer<typeof ResultInEntrySchema>;

/** The reply to `request` and `setLogLevel` as it crosses the socket. */
export const OutcomeReplySchema = z.union([ResultInEntrySchema, RequestOutcomeSchema]);
/** @see OutcomeReplySchema */
export type OutcomeReply = z.infer<typeof OutcomeReplySchema>;

/** The reply to `notify`: sent, or why not. */
export const NotifyOutcomeSchema = z.union([
  z.object({ ok: z.literal(true) }),
  RequestFailureSchema,
]);
/** @see NotifyOutcomeSchema */
export type NotifyOutcome = z.infer<typeof NotifyOutcomeSchema>;

const none = z.undefined();

/** The schema of each command's reply `result`, by command type. */
export const CommandReplySchemas = {
  connect: z.object({ sessionId: z.string() }),
  disconnect: none,
  reconnect: none,
  remove: none,
  request: OutcomeReplySchema,
  notify: NotifyOutcomeSchema,
  /** Whether a pending request (or task) of that command was found and cancelled. */
  cancel: z.object({ cancelled: z.boolean() }),
  respond: none,
  setRoots: none,
  /** The seq of the session's newest entry when the history was sent. */
  attach: z.object({ lastSeq: z.number().int() }),
  history: HistoryPageSchema,
  entry: FullEntrySchema,
  /** Whether stored credentials were found and removed. */
  forgetCredentials: z.object({ removed: z.boolean() }),
  setRecording: none,
  setLogLevel: OutcomeReplySchema,
  stageApp: StagedAppSchema,
  saveServer: none,
  deleteServer: none,
} satisfies Record<ClientCommand['type'], z.ZodType>;

/** The type of a command, e.g. `request`. */
export type CommandType = ClientCommand['type'];

/** The `result` of the reply to a command of type `T`, exactly as it crosses the socket. */
export type ReplyOnWire<T extends CommandType> = z.infer<(typeof CommandReplySchemas)[T]>;

/**
 * What the browser's `send()` resolves with for a command of type `T`: the reply as on the
 * wire, except that a request outcome has its result back from the entry it referred to.
 */
export type CommandReply<T extends CommandType> = T extends 'request' | 'setLogLevel'
  ? RequestOutcome
  : ReplyOnWire<T>;

/**
 * A request outcome as the UI uses it, from its reply and the traffic entry the reply refers
 * to (the one with seq `reply.responseSeq`, which the socket sent before the reply). A reply
 * that carries its result is returned as it is. The entry's preview (`truncated`) stays a
 * preview: `entry {seq}` fetches it whole.
 */
export function resolveOutcome(
  reply: OutcomeReply,
  entry: TrafficEntry | undefined,
): RequestOutcome {
  if (!('resultIn' in reply)) return reply;
  const { resultIn: _in, ok: _ok, ...timing } = reply;
  const msg = entry?.msg as { result?: unknown } | undefined;
  if (entry === undefined || entry.seq !== reply.responseSeq || msg === undefined) {
    return {
      ok: false,
      code: 'BAD_RESPONSE',
      message: `the proxy's reply refers to traffic entry #${reply.responseSeq}, which this client does not have; reload the page`,
      ...timing,
    };
  }
  const outcome: RequestOutcome = { ok: true, ...timing, result: msg.result };
  if (entry.truncated !== undefined) outcome.truncated = entry.truncated;
  return outcome;
}
