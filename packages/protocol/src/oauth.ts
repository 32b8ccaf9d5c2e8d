import { z } from 'zod';

/**
 * The steps of an MCP OAuth authorization, in the order a client takes them. The CLI and the
 * UI's guided flow name the step that failed with these words.
 */
export const OAuthStepNameSchema = z.enum([
  /** RFC 9728: the `resource_metadata` of `WWW-Authenticate`, then the well-known fallbacks. */
  'resource-metadata',
  /** RFC 8414 and OpenID Connect discovery, including the `issuer` check. */
  'authorization-server-metadata',
  /** A pre-registered client, a Client ID Metadata Document URL, or dynamic registration (RFC 7591). */
  'client-registration',
  /** The authorization request (PKCE S256) and the redirect back to the loopback callback. */
  'authorization',
  /** The token request: authorization code or client credentials. */
  'token',
  /** A refresh-token grant. */
  'refresh',
]);
/** @see OAuthStepNameSchema */
export type OAuthStepName = z.infer<typeof OAuthStepNameSchema>;

/** One HTTP request of an OAuth step and its response, with secrets already redacted. */
export const OAuthExchangeSchema = z.object({
  method: z.string(),
  url: z.string(),
  requestHeaders: z.record(z.string(), z.string()),
  requestBody: z.string().optional(),
  status: z.number().int().optional(),
  responseHeaders: z.record(z.string(), z.string()).optional(),
  responseBody: z.string().optional(),
  /** A network failure, when there was no response. */
  error: z.string().optional(),
  durationMs: z.number().nonnegative().optional(),
});
/** @see OAuthExchangeSchema */
export type OAuthExchange = z.infer<typeof OAuthExchangeSchema>;

/** One step as it went. */
export const OAuthStepSchema = z.object({
  name: OAuthStepNameSchema,
  status: z.enum(['running', 'ok', 'failed', 'skipped']),
  /** What happened, in a sentence ("found at …", "dynamic registration: client id …"). */
  detail: z.string().optional(),
  /** Why the step failed and what to do next. */
  error: z.string().optional(),
  /**
   * What the server got wrong that the flow went past (an RFC 8414 issuer mismatch without
   * --strict): shown loudly, not fatal.
   */
  warnings: z.array(z.string()).optional(),
  exchanges: z.array(OAuthExchangeSchema),
});
/** @see OAuthStepSchema */
export type OAuthStep = z.infer<typeof OAuthStepSchema>;

/** An authorization flow for one server, as the guided flow shows it. */
export const OAuthFlowSchema = z.object({
  serverUrl: z.string(),
  state: z.enum(['running', 'waiting-for-user', 'authorized', 'failed', 'cancelled']),
  /** The page to open in a new tab, while `state` is `waiting-for-user`. */
  authorizationUrl: z.string().optional(),
  /** Why the flow started: the `WWW-Authenticate` challenge, or a scope step-up. */
  reason: z.string().optional(),
  steps: z.array(OAuthStepSchema),
  /** The failed step, when `state` is `failed`. */
  failedStep: OAuthStepNameSchema.optional(),
  error: z.string().optional(),
});
/** @see OAuthFlowSchema */
export type OAuthFlow = z.infer<typeof OAuthFlowSchema>;

/** What is stored for one server, safe to show: tokens are masked. */
export const OAuthCredentialsSummarySchema = z.object({
  serverUrl: z.string(),
  issuer: z.string().optional(),
  clientId: z.string().optional(),
  /** How the client was obtained. */
  registration: z.enum(['pre-registered', 'metadata-document', 'dynamic']).optional(),
  /** The access token with all but its first and last 4 characters masked. */
  accessToken: z.string().optional(),
  tokenType: z.string().optional(),
  scope: z.string().optional(),
  /** ISO time the access token expires, when the server said. */
  expiresAt: z.string().optional(),
  hasRefreshToken: z.boolean(),
  savedAt: z.string(),
});
/** @see OAuthCredentialsSummarySchema */
export type OAuthCredentialsSummary = z.infer<typeof OAuthCredentialsSummarySchema>;

/** A secret shown as its first and last 4 characters, or only stars when it is short. */
export function maskSecret(secret: string): string {
  if (secret.length <= 12) return '•'.repeat(8);
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}
