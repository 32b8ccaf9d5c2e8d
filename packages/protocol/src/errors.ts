import { z } from 'zod';

/**
 * Codes of local failures (never sent to the server), searchable by users. JSON-RPC errors
 * from the server keep their numeric code and travel as `RPC_ERROR` with the original error.
 */
export const ErrorCodeSchema = z.enum([
  /** The server process could not be started (command not found, not executable, bad cwd). */
  'SPAWN_FAILED',
  /** The server could not be reached (DNS, refused, TLS, HTTP error before a session). */
  'CONNECT_FAILED',
  /**
   * The server wants OAuth authorization (401, or 403 insufficient_scope) and none could be
   * obtained without the user: no stored token, or the flow failed at a named step.
   */
  'AUTH_REQUIRED',
  /** The handshake did not complete (initialize failed or the server closed during it). */
  'HANDSHAKE_FAILED',
  /** A command needs a connected session. */
  'NOT_CONNECTED',
  /** No response within the timeout (reset by progress notifications). */
  'TIMEOUT',
  /** The request was cancelled by the user. */
  'CANCELLED',
  /** The connection ended while the request was pending. */
  'CONNECTION_CLOSED',
  /** The message could not be written to the transport. */
  'SEND_FAILED',
  /** The server answered with a JSON-RPC error. */
  'RPC_ERROR',
  /** The input of a command was invalid. */
  'BAD_REQUEST',
  /**
   * The server's response could not be read: it nests too deep, or its stdout line was over
   * the size cap (docs/limits.md). The raw text is in the traffic log.
   */
  'BAD_RESPONSE',
  /**
   * The client could not answer a server's `input_required` result (2026-07-28): an input
   * request was refused, or the server kept asking past the round limit.
   */
  'INPUT_FAILED',
]);
/** @see ErrorCodeSchema */
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** A JSON-RPC error object, as sent by a server or by the user answering one. */
export const RpcErrorSchema = z.object({
  code: z.number().int(),
  message: z.string(),
  data: z.unknown().optional(),
});
/** @see RpcErrorSchema */
export type RpcErrorObject = z.infer<typeof RpcErrorSchema>;

/**
 * Codes of the proxy's own `error` events (a command it could not run), apart from request
 * failures, which travel as {@link ErrorCode} in a reply's outcome. Searchable by users.
 */
export const ProxyErrorCodeSchema = z.enum([
  /** The frame was not JSON, or nested too deep to read. */
  'BAD_FRAME',
  /** The frame was JSON but no command of the wire contract. */
  'BAD_COMMAND',
  /** A command nested past the depth limit (docs/limits.md): it was not run. */
  'BAD_REQUEST',
  /** The command names a session this proxy does not have. */
  'UNKNOWN_SESSION',
  /** A `respond` for a server request that is no longer waiting. */
  'NOT_PENDING',
  /** An `entry` command for a seq the session's history does not hold. */
  'NO_SUCH_ENTRY',
  /** The session's older history could not be read (its spill file failed). */
  'HISTORY_UNAVAILABLE',
  /** The proxy keeps `--max-sessions` sessions already. */
  'TOO_MANY_SESSIONS',
  /**
   * The command would send into, or change, a tapped session (`mcpscope tap`): mcpscope only
   * watches the traffic between a real host and its server, it never speaks into it. The
   * browser's client also answers with it for a recording opened in the page (read-only too).
   */
  'READ_ONLY',
  /** Something failed inside the proxy; the message says what. */
  'INTERNAL',
  /**
   * Never sent by the proxy: the browser's own client rejects a command with it when the
   * socket is down (it reconnects by itself).
   */
  'PROXY_UNREACHABLE',
]);
/** @see ProxyErrorCodeSchema */
export type ProxyErrorCode = z.infer<typeof ProxyErrorCodeSchema>;
