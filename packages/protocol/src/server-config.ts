import { z } from 'zod';
import { ProtocolVersionChoiceSchema } from './eras.js';

/**
 * The era and version to speak with this server (`auto` when absent): see
 * {@link ProtocolVersionChoiceSchema}. Saved with the server, so a reconnect speaks the same.
 */
const protocolVersion = ProtocolVersionChoiceSchema.optional();

/** A string-to-string map, as used for environment variables and HTTP headers. */
export const StringMapSchema = z.record(z.string(), z.string());

/** A server started as a child process and spoken to over its stdin/stdout. */
export const StdioServerConfigSchema = z.object({
  transport: z.literal('stdio'),
  /** Display name, e.g. the key of an `mcpServers` entry. */
  name: z.string().optional(),
  command: z.string().min(1, 'command must not be empty'),
  args: z.array(z.string()).default([]),
  /** Added to the minimal inherited environment; never the whole parent environment. */
  env: StringMapSchema.default({}),
  cwd: z.string().optional(),
  protocolVersion,
});

const httpUrl = z
  .string()
  .url('must be an absolute URL, e.g. http://127.0.0.1:3001/mcp')
  .refine((u) => /^https?:/i.test(u), 'must be an http:// or https:// URL');

/** A server reached over the legacy HTTP+SSE transport (protocol 2024-11-05). */
export const SseServerConfigSchema = z.object({
  transport: z.literal('sse'),
  name: z.string().optional(),
  url: httpUrl,
  headers: StringMapSchema.default({}),
  protocolVersion,
});

/** A server reached over Streamable HTTP (protocol 2025-03-26 and later). */
export const StreamableHttpServerConfigSchema = z.object({
  transport: z.literal('streamable-http'),
  name: z.string().optional(),
  url: httpUrl,
  headers: StringMapSchema.default({}),
  /**
   * Set when the transport was inferred rather than chosen: if the server rejects the
   * initialize POST the way the spec's backwards-compatibility section describes
   * (4xx), the engine retries over legacy SSE.
   */
  sseFallback: z.boolean().default(false),
  protocolVersion,
});

/** Everything mcpscope needs to reach one target server, tagged by `transport`. */
export const ServerConfigSchema = z.discriminatedUnion('transport', [
  StdioServerConfigSchema,
  SseServerConfigSchema,
  StreamableHttpServerConfigSchema,
]);

/** A validated server configuration. */
export type ServerConfig = z.infer<typeof ServerConfigSchema>;
/** Input accepted before defaults are applied. */
export type ServerConfigInput = z.input<typeof ServerConfigSchema>;
/** The stdio variant of {@link ServerConfig}. */
export type StdioServerConfig = z.infer<typeof StdioServerConfigSchema>;
/** The SSE variant of {@link ServerConfig}. */
export type SseServerConfig = z.infer<typeof SseServerConfigSchema>;
/** The Streamable HTTP variant of {@link ServerConfig}. */
export type StreamableHttpServerConfig = z.infer<typeof StreamableHttpServerConfigSchema>;
/** The tag of {@link ServerConfig}. */
export type TransportKind = ServerConfig['transport'];

/** A short human label for a target: its name, its URL, or its command line. */
export function describeTarget(config: ServerConfig): string {
  switch (config.transport) {
    case 'stdio':
      return config.name ?? [config.command, ...config.args].join(' ');
    case 'sse':
    case 'streamable-http':
      return config.name ?? config.url;
    default: {
      const _exhaustive: never = config;
      return _exhaustive;
    }
  }
}
