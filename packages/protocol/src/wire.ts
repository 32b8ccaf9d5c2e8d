import { z } from 'zod';
import { ProtocolEraSchema } from './eras.js';
import { ErrorCodeSchema, ProxyErrorCodeSchema, RpcErrorSchema } from './errors.js';
import { OAuthCredentialsSummarySchema, OAuthFlowSchema } from './oauth.js';
import { ServerConfigSchema } from './server-config.js';
import { TapInfoSchema } from './tap.js';
import { DiagnosticSchema, LifecycleStateSchema, TrafficEntrySchema } from './traffic.js';

/**
 * The browser <-> proxy wire contract. The browser never speaks MCP to a target: it sends
 * {@link ClientCommand}s and receives {@link ProxyEvent}s over one WebSocket, each frame a
 * JSON object validated with these schemas on both ends.
 */

const Json = z.record(z.string(), z.unknown());

/** A root the client exposes to the server (`roots/list`). */
export const RootSchema = z.object({ uri: z.string(), name: z.string().optional() });
/** @see RootSchema */
export type Root = z.infer<typeof RootSchema>;

/** The answer to a server-to-client request: a result or a JSON-RPC error. */
export const AnswerSchema = z.union([
  z.object({ result: Json }),
  z.object({ error: RpcErrorSchema }),
]);
/** @see AnswerSchema */
export type Answer = z.infer<typeof AnswerSchema>;

/** A saved server in the user's list, persisted by the proxy. */
export const SavedServerSchema = z.object({
  id: z.string(),
  name: z.string(),
  config: ServerConfigSchema,
});
/** @see SavedServerSchema */
export type SavedServer = z.infer<typeof SavedServerSchema>;

/** A pre-registered OAuth client, or a Client ID Metadata Document URL, for a session. */
export const OAuthClientSettingsSchema = z.object({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  clientMetadataUrl: z.string().url().optional(),
  scope: z.string().min(1).optional(),
  /** An RFC 8414 issuer mismatch stops the flow instead of being a warning (the CLI's --strict). */
  strict: z.boolean().optional(),
});
/** @see OAuthClientSettingsSchema */
export type OAuthClientSettings = z.infer<typeof OAuthClientSettingsSchema>;

/** Options of a new session. */
export const ConnectOptionsSchema = z.object({
  protocolVersion: z.string().optional(),
  timeoutMs: z.number().int().positive().optional(),
  roots: z.array(RootSchema).optional(),
  oauth: OAuthClientSettingsSchema.optional(),
});

const base = { id: z.string().min(1).max(100) };

/** The most entries one `history` command may ask for. */
export const HISTORY_PAGE_MAX = 10_000;
const sessionRef = { ...base, sessionId: z.string().min(1).max(100) };

/** Commands the browser sends. Each carries an `id`; the proxy answers with a `reply` or `error` bearing it. */
export const ClientCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('connect'),
    ...base,
    config: ServerConfigSchema,
    options: ConnectOptionsSchema.optional(),
  }),
  z.object({ type: z.literal('disconnect'), ...sessionRef }),
  z.object({ type: z.literal('reconnect'), ...sessionRef }),
  z.object({ type: z.literal('remove'), ...sessionRef }),
  z.object({
    type: z.literal('request'),
    ...sessionRef,
    method: z.string().min(1),
    params: Json.optional(),
    timeoutMs: z.number().int().positive().optional(),
    /**
     * Run it as a task (2025-11-25 task augmentation): the proxy polls `tasks/get` and replies
     * with the outcome of `tasks/result`; cancelling it sends `tasks/cancel`.
     */
    task: z.boolean().optional(),
    /** Made by an MCP App through the host: its traffic entry is marked `via: "app"`. */
    via: z.literal('app').optional(),
  }),
  z.object({
    type: z.literal('notify'),
    ...sessionRef,
    method: z.string().min(1),
    params: Json.optional(),
  }),
  /** Cancels the `request` command whose id is `requestCommandId`. */
  z.object({ type: z.literal('cancel'), ...sessionRef, requestCommandId: z.string() }),
  /** Answers a pending server-to-client request (sampling, elicitation). */
  z.object({
    type: z.literal('respond'),
    ...sessionRef,
    serverRequestId: z.string(),
    answer: AnswerSchema,
  }),
  z.object({ type: z.literal('setRoots'), ...sessionRef, roots: z.array(RootSchema) }),
  /** Subscribes this socket to a session: history since `sinceSeq`, then live traffic. */
  z.object({
    type: z.literal('attach'),
    ...sessionRef,
    sinceSeq: z.number().int().nonnegative().default(0),
  }),
  /**
   * Older traffic than the browser holds: up to `limit` entries with `seq < beforeSeq`,
   * newest last, read from the proxy's memory or its spill file. Reply: {@link HistoryPage}.
   */
  z.object({
    type: z.literal('history'),
    ...sessionRef,
    beforeSeq: z.number().int().nonnegative(),
    limit: z.number().int().positive().max(HISTORY_PAGE_MAX).default(2000),
  }),
  /** One entry whole, never truncated (the "load full" of a huge payload). Reply: `{entry}`. */
  z.object({ type: z.literal('entry'), ...sessionRef, seq: z.number().int().nonnegative() }),
  /** Removes the stored OAuth client and tokens of the session's server. */
  z.object({ type: z.literal('forgetCredentials'), ...sessionRef }),
  /** Starts or stops writing the session to a recording file in the recordings directory. */
  z.object({ type: z.literal('setRecording'), ...sessionRef, enabled: z.boolean() }),
  /**
   * Sets the server's log level the way the session's era does it: `logging/setLevel` before
   * 2026-07-28, the `logLevel` in every later request's `_meta` since. Replies with the outcome.
   */
  z.object({ type: z.literal('setLogLevel'), ...sessionRef, level: z.string().min(1) }),
  /**
   * Stages an MCP App's `ui://` document on the proxy's sandbox listener (its own origin),
   * with the resource's `_meta.ui.csp` and `permissions`. Reply: {@link StagedApp}.
   */
  z.object({
    type: z.literal('stageApp'),
    ...base,
    html: z.string(),
    csp: z
      .object({
        connectDomains: z.array(z.string()).optional(),
        resourceDomains: z.array(z.string()).optional(),
        frameDomains: z.array(z.string()).optional(),
        baseUriDomains: z.array(z.string()).optional(),
      })
      .optional(),
    permissions: z
      .object({
        camera: z.object({}).optional(),
        microphone: z.object({}).optional(),
        geolocation: z.object({}).optional(),
        clipboardWrite: z.object({}).optional(),
      })
      .optional(),
  }),
  z.object({ type: z.literal('saveServer'), ...base, server: SavedServerSchema }),
  z.object({ type: z.literal('deleteServer'), ...base, serverId: z.string() }),
]);
/** @see ClientCommandSchema */
export type ClientCommand = z.infer<typeof ClientCommandSchema>;
/** A command before defaults are applied, as the browser builds it. */
export type ClientCommandInput = z.input<typeof ClientCommandSchema>;

/** The reply to `history`: entries in seq order (display-truncated like live traffic). */
export const HistoryPageSchema = z.object({
  entries: z.array(TrafficEntrySchema),
  /** True when `entries` reaches seq 0: there is nothing older. */
  complete: z.boolean(),
});
/** @see HistoryPageSchema */
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

/** The reply to `entry`: the entry with its whole payload. */
export const FullEntrySchema = z.object({ entry: TrafficEntrySchema });
/** @see FullEntrySchema */
export type FullEntry = z.infer<typeof FullEntrySchema>;

/** How a session chose its protocol era: the user's choice and each step taken. */
export const NegotiationSchema = z.object({
  /** What the user asked for: `auto`, `legacy` or a pinned revision date. */
  choice: z.string(),
  steps: z.array(
    z.object({
      /** What happened, e.g. "server/discover answered -32601: falling back to initialize". */
      detail: z.string(),
      requestSeq: z.number().int().optional(),
      responseSeq: z.number().int().optional(),
    }),
  ),
  /** True when the verdict came from an earlier connection to the same target. */
  cached: z.boolean().optional(),
});
/** @see NegotiationSchema */
export type Negotiation = z.infer<typeof NegotiationSchema>;

/** Offered and agreed handshake, as the engine saw it. */
export const HandshakeSchema = z.object({
  /** `legacy`: `initialize`; `modern`: `server/discover` and per-request `_meta` (2026-07-28). */
  era: ProtocolEraSchema,
  offered: z.object({ protocolVersion: z.string(), capabilities: Json, clientInfo: Json }),
  agreed: z.object({
    protocolVersion: z.string(),
    capabilities: Json,
    serverInfo: Json,
    instructions: z.string().optional(),
  }),
  requestSeq: z.number().int().optional(),
  responseSeq: z.number().int().optional(),
  issues: z.array(DiagnosticSchema),
  /** How the era was chosen, step by step, each step pointing at its traffic entries. */
  negotiation: NegotiationSchema.optional(),
  /** The modern era's `server/discover` result, as the server sent it. */
  discover: z
    .object({
      supportedVersions: z.array(z.string()),
      capabilities: Json,
      instructions: z.string().optional(),
      serverInfo: Json.optional(),
    })
    .optional(),
});
/** @see HandshakeSchema */
export type Handshake = z.infer<typeof HandshakeSchema>;

/** What the browser knows about a session without its traffic. */
export const SessionSummarySchema = z.object({
  id: z.string(),
  config: ServerConfigSchema,
  /** The transport actually in use (differs after a fallback from Streamable HTTP to SSE). */
  transport: z.enum(['stdio', 'sse', 'streamable-http']),
  state: LifecycleStateSchema,
  /** Why the session is in its state, e.g. the exit code or the connection error. */
  detail: z.string().optional(),
  errorCode: ErrorCodeSchema.optional(),
  createdAt: z.string(),
  handshake: HandshakeSchema.optional(),
  mcpSessionId: z.string().optional(),
  roots: z.array(RootSchema),
  /** Seq of the newest traffic entry. */
  lastSeq: z.number().int(),
  /** The latest OAuth authorization of this session, step by step (the guided flow). */
  oauth: OAuthFlowSchema.optional(),
  /** What the proxy stores for this server's OAuth, tokens masked. */
  oauthCredentials: OAuthCredentialsSummarySchema.optional(),
  /** Whether the session is being written to a recording file, and which. */
  recording: z
    .object({
      enabled: z.boolean(),
      /** File name in the recordings directory (see `GET /api/recordings`). */
      file: z.string().optional(),
      /** Why recording stopped or could not start (a write error). */
      error: z.string().optional(),
    })
    .optional(),
  /**
   * Set on a tapped session (`mcpscope tap`): the traffic of a real host and its server,
   * observed. Such a session is read-only: commands that would send into it are refused
   * with `READ_ONLY`.
   */
  tap: TapInfoSchema.optional(),
});
/** @see SessionSummarySchema */
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

/** A server-to-client request waiting for a human. */
export const PendingServerRequestSchema = z.object({
  key: z.string(),
  method: z.string(),
  params: Json,
  /** Seq of the request's traffic entry (in the 2026-07-28 era, of the input_required result). */
  seq: z.number().int(),
  receivedAt: z.string(),
  /** In the 2026-07-28 era: this request's key in the result's `inputRequests`. */
  inputKey: z.string().optional(),
});
/** @see PendingServerRequestSchema */
export type PendingServerRequest = z.infer<typeof PendingServerRequestSchema>;

/** The reply to `stageApp`: where the app's sandbox page is, and what to put on its iframe. */
export const StagedAppSchema = z.object({
  id: z.string(),
  /** The sandbox page (outer iframe), on the sandbox origin. */
  url: z.string(),
  /** The sandbox origin: the host accepts app messages only from it. */
  origin: z.string(),
  /** The iframe `allow` attribute from the resource's permissions. */
  allow: z.string(),
});
/** @see StagedAppSchema */
export type StagedApp = z.infer<typeof StagedAppSchema>;

/** Events the proxy pushes. */
export const ProxyEventSchema = z.discriminatedUnion('type', [
  /** First frame on every socket. */
  z.object({
    type: z.literal('hello'),
    version: z.string(),
    sessions: z.array(SessionSummarySchema),
    savedServers: z.array(SavedServerSchema),
    /** A ready-made first connection (the bundled demo server), when one is available. */
    demo: ServerConfigSchema.optional(),
  }),
  z.object({ type: z.literal('session'), session: SessionSummarySchema }),
  z.object({ type: z.literal('sessionRemoved'), sessionId: z.string() }),
  /** Traffic of one session, batched; `reset` means the list replaces what the client had. */
  z.object({
    type: z.literal('traffic'),
    sessionId: z.string(),
    entries: z.array(TrafficEntrySchema),
    reset: z.boolean().optional(),
    /**
     * The `request` commands of this socket whose request went out in this batch: the id of
     * the command and the seq of its request's entry (the first round's, for a multi-round
     * call). Sent only to the socket that sent the command, so a tab follows its own call
     * (progress, the request) before the reply, without matching entries by content.
     */
    sent: z.array(z.object({ id: z.string(), requestSeq: z.number().int() })).optional(),
  }),
  z.object({
    type: z.literal('pendingServerRequest'),
    sessionId: z.string(),
    request: PendingServerRequestSchema,
  }),
  z.object({
    type: z.literal('serverRequestSettled'),
    sessionId: z.string(),
    key: z.string(),
    how: z.enum(['answered', 'cancelled-by-server', 'session-ended']),
  }),
  z.object({ type: z.literal('savedServers'), servers: z.array(SavedServerSchema) }),
  /**
   * Success of the command with this id; `result` depends on the command: its schema is
   * `CommandReplySchemas[command.type]` (replies.ts).
   */
  z.object({ type: z.literal('reply'), id: z.string(), result: z.unknown().optional() }),
  /** Failure of the command with this id, or of the socket itself when `id` is absent. */
  z.object({
    type: z.literal('error'),
    id: z.string().optional(),
    code: ProxyErrorCodeSchema,
    message: z.string(),
  }),
]);
/** @see ProxyEventSchema */
export type ProxyEvent = z.infer<typeof ProxyEventSchema>;
