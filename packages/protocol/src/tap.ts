import { z } from 'zod';
import { ServerConfigSchema } from './server-config.js';
import { TrafficEntrySchema } from './traffic.js';

/**
 * The tap feed: what `mcpscope tap` (a stdio shim or an HTTP reverse proxy between a real
 * host and its server) sends to a running `mcpscope ui` over the WebSocket at `/tap`, and
 * what the UI answers. The feed is one way in substance: the UI never sends MCP into a
 * tapped connection. See docs/tap.md.
 */

/** How the tap sits between the host and the server. */
export const TapSourceSchema = z.enum(['stdio', 'http']);
/** @see TapSourceSchema */
export type TapSource = z.infer<typeof TapSourceSchema>;

/** What the UI shows about a tapped session, besides its traffic. */
export const TapInfoSchema = z.object({
  source: TapSourceSchema,
  /** The process id of the `mcpscope tap` process. */
  pid: z.number().int(),
  /** The recording file the tap writes, whether or not the UI is attached. */
  recording: z.string().optional(),
  /** False once the tap's feed has closed: the connection ended, or the tap went away. */
  live: z.boolean(),
});
/** @see TapInfoSchema */
export type TapInfo = z.infer<typeof TapInfoSchema>;

/** Messages from the tap to the UI. */
export const TapFeedMessageSchema = z.discriminatedUnion('type', [
  /** First message: the tapped connection. Its history follows as `traffic`, from seq 0. */
  z.object({
    type: z.literal('open'),
    source: TapSourceSchema,
    /** The tapped server, as the host reaches it (secrets redacted). */
    config: ServerConfigSchema,
    /** ISO 8601 time the tap started. */
    startedAt: z.string(),
    pid: z.number().int(),
    recording: z.string().optional(),
  }),
  /** Entries in seq order, each `observed`; the first batch of a feed starts at its oldest entry. */
  z.object({ type: z.literal('traffic'), entries: z.array(TrafficEntrySchema) }),
  /** The tapped connection ended (the server exited, the host went away). */
  z.object({ type: z.literal('closed'), detail: z.string().optional() }),
]);
/** @see TapFeedMessageSchema */
export type TapFeedMessage = z.infer<typeof TapFeedMessageSchema>;

/** The UI's answer to `open`, or why it refused the feed. */
export const TapReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), sessionId: z.string() }),
  z.object({ type: z.literal('refused'), code: z.string(), message: z.string() }),
]);
/** @see TapReplySchema */
export type TapReply = z.infer<typeof TapReplySchema>;

/** WebSocket close code the UI uses when the user removed the tapped session: do not come back. */
export const TAP_REMOVED_CLOSE_CODE = 4001;
