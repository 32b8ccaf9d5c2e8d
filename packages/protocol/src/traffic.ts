import { z } from 'zod';

/** Where a traffic entry came from: client to server, server to client, or about the connection. */
export const DirectionSchema = z.enum(['c2s', 's2c', 'meta']);
/** @see DirectionSchema */
export type Direction = z.infer<typeof DirectionSchema>;

/**
 * What a traffic entry is. `request`, `response`, `notification` and `error` are parsed
 * JSON-RPC messages (`error` is a JSON-RPC error response); `raw` is a frame that did not
 * parse as JSON-RPC; `stderr`, `http` and `lifecycle` are transport facts.
 */
export const EntryKindSchema = z.enum([
  'request',
  'response',
  'notification',
  'error',
  'raw',
  'stderr',
  'http',
  'lifecycle',
]);
/** @see EntryKindSchema */
export type EntryKind = z.infer<typeof EntryKindSchema>;

/**
 * The lifecycle of one session. `initializing` covers whatever handshake the protocol era
 * uses; `closed` is a clean end, `failed` an end with an error.
 */
export const LifecycleStateSchema = z.enum([
  'idle',
  'connecting',
  'initializing',
  'ready',
  'closing',
  'closed',
  'failed',
]);
/** @see LifecycleStateSchema */
export type LifecycleState = z.infer<typeof LifecycleStateSchema>;

/** A diagnostic attached to an entry. It never hides or changes the message it describes. */
export const DiagnosticSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  /** A stable, searchable code, e.g. `INVALID_RESULT`, `OUTPUT_SCHEMA_MISMATCH`, `NOT_JSON`. */
  code: z.string(),
  message: z.string(),
  /** JSON path inside the message the diagnostic is about, e.g. `result.tools[3].inputSchema`. */
  path: z.string().optional(),
});
/** @see DiagnosticSchema */
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

/** One HTTP exchange as seen by the tapped `fetch` of the HTTP transports. */
export const HttpFactsSchema = z.object({
  method: z.string(),
  url: z.string(),
  status: z.number().int().optional(),
  statusText: z.string().optional(),
  requestHeaders: z.record(z.string(), z.string()).optional(),
  responseHeaders: z.record(z.string(), z.string()).optional(),
  contentType: z.string().optional(),
  /**
   * The seq of the `c2s` entry whose JSON-RPC message this request's body carried (POSTs
   * of the HTTP transports), so an export can rebuild the request without guessing.
   */
  requestSeq: z.number().int().nonnegative().optional(),
});
/** @see HttpFactsSchema */
export type HttpFacts = z.infer<typeof HttpFactsSchema>;

/** Facts about the transport that carried (or ended) a frame. All optional. */
export const TransportFactsSchema = z.object({
  http: HttpFactsSchema.optional(),
  /**
   * On a frame read from an HTTP response body (a JSON body, an SSE event): the seq of that
   * response's `http` entry, so frames of concurrent streams can be told apart.
   */
  httpSeq: z.number().int().nonnegative().optional(),
  /** The `id:` field of the SSE event that carried this message. */
  sseEventId: z.string().optional(),
  /** The `Mcp-Session-Id` in force when the frame crossed. */
  sessionId: z.string().optional(),
  pid: z.number().int().optional(),
  exitCode: z.number().int().nullable().optional(),
  signal: z.string().nullable().optional(),
  /** For lifecycle entries: the state entered. */
  state: LifecycleStateSchema.optional(),
  /** A human sentence about what happened, for lifecycle and http entries. */
  detail: z.string().optional(),
});
/** @see TransportFactsSchema */
export type TransportFacts = z.infer<typeof TransportFactsSchema>;

/**
 * One entry of the traffic log: every frame that crossed the target transport, plus the
 * transport facts around it. `t` is milliseconds since session start (monotonic clock).
 */
export const TrafficEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  t: z.number().nonnegative(),
  dir: DirectionSchema,
  kind: EntryKindSchema,
  /** The parsed JSON-RPC message, exactly as sent or received. */
  msg: z.unknown().optional(),
  /** The frame's text when it was not JSON-RPC, or a stderr line. */
  raw: z.string().optional(),
  /** Size of the frame on the wire in bytes, when known. */
  size: z.number().int().nonnegative().optional(),
  /** For a response or error response: the seq of the request it answers. */
  pairSeq: z.number().int().nonnegative().optional(),
  /** For a response: milliseconds since its request was sent or received. */
  durationMs: z.number().nonnegative().optional(),
  transport: TransportFactsSchema.optional(),
  issues: z.array(DiagnosticSchema).optional(),
  /**
   * On a retry of a multi-round-trip call (2026-07-28 `input_required`): `of` is the seq of
   * the call's first request, `n` the round (2, 3, …). The rounds of one logical call share `of`.
   */
  round: z.object({ of: z.number().int().nonnegative(), n: z.number().int().min(2) }).optional(),
  /**
   * On a request the user did not make by hand: `app` when an MCP App rendered by the
   * inspector asked the host for it (a tool call, a resource read from inside the app).
   */
  via: z.literal('app').optional(),
  /**
   * Set only on entries sent to the UI whose `msg`/`raw` was too big to show: the payload is
   * a preview (long strings cut, long arrays shortened) and `bytes` is the size of the whole
   * entry as JSON. The proxy's `entry` command returns the full entry. Recordings never
   * carry this field: they keep every payload whole.
   */
  truncated: z.object({ bytes: z.number().int().nonnegative() }).optional(),
  /**
   * Set on entries that `mcpscope tap` observed passing between a real host (Claude Desktop,
   * an agent, …) and its server: mcpscope neither sent nor answered them, it watched. `dir`
   * keeps its meaning (`c2s` is host to server). Absent on the traffic of mcpscope's own
   * sessions, where mcpscope is the client.
   */
  observed: z.literal(true).optional(),
});
/** @see TrafficEntrySchema */
export type TrafficEntry = z.infer<typeof TrafficEntrySchema>;
