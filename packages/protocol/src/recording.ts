import { z } from 'zod';
import { ProtocolEraSchema } from './eras.js';
import { ServerConfigSchema } from './server-config.js';
import { TrafficEntrySchema, type TrafficEntry } from './traffic.js';

/** The `format` value of every recording header. */
export const RECORDING_FORMAT = 'mcpscope-recording';
/** The major version this build writes and reads. A different major is refused. */
export const RECORDING_VERSION = 1;

/** The first line of a recording file. */
export const RecordingHeaderSchema = z.object({
  format: z.literal(RECORDING_FORMAT),
  version: z.literal(RECORDING_VERSION),
  /** ISO 8601 time the session started. */
  createdAt: z.string(),
  /** The target, with secrets redacted. */
  target: ServerConfigSchema,
  /** The recording client, e.g. `{name: "mcpscope", version: "0.1.0"}`. */
  client: z.object({ name: z.string(), version: z.string() }),
  /** The protocol version the client offered. The agreed one is in the handshake entries. */
  protocolVersion: z.string().optional(),
  /**
   * The era the session spoke, written when it is known as the recording starts (a pinned
   * `--protocol-version`). Absent otherwise (auto, and recordings made before 2026-07-28
   * support): readers infer it from the first handshake request, `server/discover` (modern)
   * or `initialize` (legacy). Replay re-negotiates the same era.
   */
  era: ProtocolEraSchema.optional(),
});
/** @see RecordingHeaderSchema */
export type RecordingHeader = z.infer<typeof RecordingHeaderSchema>;

/** Every line after the header is one traffic entry. */
export const RecordingEntrySchema = TrafficEntrySchema;

/** One parsed line of a recording, or why it could not be read. */
export type RecordingLine =
  { ok: true; line: number; entry: TrafficEntry } | { ok: false; line: number; message: string };

/**
 * Parses a recording's header line. Refuses other formats and other major versions with a
 * message that says what to do.
 */
export function parseRecordingHeader(
  text: string,
): { ok: true; header: RecordingHeader } | { ok: false; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'line 1 is not JSON: this is not an mcpscope recording' };
  }
  const obj = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (obj['format'] !== RECORDING_FORMAT) {
    return {
      ok: false,
      message: `line 1 does not start an mcpscope recording (expected "format": "${RECORDING_FORMAT}")`,
    };
  }
  if (obj['version'] !== RECORDING_VERSION) {
    return {
      ok: false,
      message: `recording format version ${JSON.stringify(obj['version'])} is not supported by this mcpscope (reads version ${RECORDING_VERSION}); upgrade mcpscope to read it`,
    };
  }
  const parsed = RecordingHeaderSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `invalid recording header: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown problem'}`,
    };
  }
  return { ok: true, header: parsed.data };
}

/** Parses one entry line of a recording (line numbers are 1-based, the header is line 1). */
export function parseRecordingEntry(text: string, line: number): RecordingLine {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {
      ok: false,
      line,
      message: `line ${line} is not JSON (a truncated last line is expected after a crash)`,
    };
  }
  const parsed = RecordingEntrySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      line,
      message: `line ${line} is not a traffic entry: ${issue ? `${issue.path.join('.')}: ${issue.message}` : ''}`,
    };
  }
  return { ok: true, line, entry: parsed.data };
}

/** One recording in the proxy's recordings directory, as the recordings list shows it. */
export const RecordingInfoSchema = z.object({
  /** The file name inside the recordings directory; also its download route's last segment. */
  name: z.string(),
  /** Bytes on disk. */
  size: z.number().int().nonnegative(),
  /** The header's `createdAt`, else the file's modification time. */
  createdAt: z.string(),
  /** A short label of the recorded target (its name, URL or command line), when the header reads. */
  target: z.string().optional(),
  /** Traffic entries in the file, when counting them was cheap (small files). */
  entries: z.number().int().nonnegative().optional(),
  /** True while a session of this proxy is still writing to it. */
  active: z.boolean(),
});
/** @see RecordingInfoSchema */
export type RecordingInfo = z.infer<typeof RecordingInfoSchema>;

/** The body of `GET /api/recordings`: newest first, and the retention limits in force. */
export const RecordingListSchema = z.object({
  recordings: z.array(RecordingInfoSchema),
  /** Where they are, so the user can find them outside the UI. */
  dir: z.string(),
  limits: z.object({ maxFiles: z.number().int(), maxBytes: z.number().int() }),
});
/** @see RecordingListSchema */
export type RecordingList = z.infer<typeof RecordingListSchema>;

/** What a recording keeps in place of a secret (headers, env values, matched patterns). */
export const REDACTED = '[REDACTED]';
