import { join } from 'node:path';
import { maskSecret, type OAuthCredentialsSummary } from '@mcpscope/protocol';
import { z } from 'zod';
import { PrivateJsonFile } from '../storage/private-json-file.js';
import { configDir } from '../storage/paths.js';

const Loose = z.record(z.string(), z.unknown());

/** What mcpscope keeps for one protected server. The SDK's objects are stored unchanged. */
const EntrySchema = z.object({
  serverUrl: z.string(),
  /** `OAuthClientInformationMixed` as the SDK handed it over (it carries `issuer`). */
  client: Loose.optional(),
  registration: z.enum(['pre-registered', 'metadata-document', 'dynamic']).optional(),
  /** `OAuthTokens` as the SDK handed them over (they carry `issuer`). */
  tokens: Loose.optional(),
  /** When `tokens` were saved, to turn `expires_in` into a time. */
  tokensSavedAt: z.string().optional(),
  /** `OAuthDiscoveryState`: skips discovery next time. */
  discovery: Loose.optional(),
  /** The redirect URI the tokens were obtained with: a refresh grant needs the same client. */
  redirectUri: z.string().optional(),
  savedAt: z.string(),
});
/** One server's stored credentials. */
export type StoredCredentials = z.infer<typeof EntrySchema>;

const FileSchema = z.object({ version: z.literal(1), servers: z.array(EntrySchema) });

/**
 * OAuth clients and tokens, per server URL, in `oauth.json` under the config directory
 * (a {@link PrivateJsonFile}: 0600, atomic, one change at a time, so that a CLI call and the
 * UI refreshing at once do not lose each other's update).
 */
export class CredentialStore {
  private readonly file: PrivateJsonFile<z.infer<typeof FileSchema>>;

  constructor(dir = configDir()) {
    this.file = new PrivateJsonFile(join(dir, 'oauth.json'), FileSchema, () => ({
      version: 1 as const,
      servers: [],
    }));
  }

  get path(): string {
    return this.file.path;
  }

  async list(): Promise<StoredCredentials[]> {
    return (await this.file.read()).servers;
  }

  async get(serverUrl: string): Promise<StoredCredentials | undefined> {
    const key = normalizeServerUrl(serverUrl);
    return (await this.list()).find((e) => e.serverUrl === key);
  }

  /** Applies `change` to the server's entry (a fresh one when there is none). */
  update(
    serverUrl: string,
    change: (entry: StoredCredentials) => StoredCredentials,
  ): Promise<StoredCredentials> {
    const key = normalizeServerUrl(serverUrl);
    return this.file.update(({ servers }) => {
      const current = servers.find((e) => e.serverUrl === key) ?? {
        serverUrl: key,
        savedAt: new Date().toISOString(),
      };
      const next = { ...change(current), serverUrl: key, savedAt: new Date().toISOString() };
      return {
        next: {
          version: 1 as const,
          servers: [...servers.filter((e) => e.serverUrl !== key), next],
        },
        result: next,
      };
    });
  }

  /** Forgets everything stored for the server. True when there was something. */
  remove(serverUrl: string): Promise<boolean> {
    const key = normalizeServerUrl(serverUrl);
    return this.file.update(({ servers }) => {
      const kept = servers.filter((e) => e.serverUrl !== key);
      return {
        next: { version: 1 as const, servers: kept },
        result: kept.length !== servers.length,
      };
    });
  }
}

/** The key of a server: its URL without fragment, so that `…/mcp#x` and `…/mcp` share tokens. */
export function normalizeServerUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/** The stored credentials as the UI and `mcpscope auth status` show them. */
export function summarize(entry: StoredCredentials): OAuthCredentialsSummary {
  const tokens = entry.tokens ?? {};
  const access = typeof tokens['access_token'] === 'string' ? tokens['access_token'] : undefined;
  const expiresIn = typeof tokens['expires_in'] === 'number' ? tokens['expires_in'] : undefined;
  const summary: OAuthCredentialsSummary = {
    serverUrl: entry.serverUrl,
    hasRefreshToken: typeof tokens['refresh_token'] === 'string',
    savedAt: entry.savedAt,
  };
  const issuer = tokens['issuer'] ?? entry.client?.['issuer'];
  if (typeof issuer === 'string') summary.issuer = issuer;
  const clientId = entry.client?.['client_id'];
  if (typeof clientId === 'string') summary.clientId = clientId;
  if (entry.registration !== undefined) summary.registration = entry.registration;
  if (access !== undefined) summary.accessToken = maskSecret(access);
  if (typeof tokens['token_type'] === 'string') summary.tokenType = tokens['token_type'];
  if (typeof tokens['scope'] === 'string') summary.scope = tokens['scope'];
  if (expiresIn !== undefined && entry.tokensSavedAt !== undefined) {
    summary.expiresAt = new Date(Date.parse(entry.tokensSavedAt) + expiresIn * 1000).toISOString();
  }
  return summary;
}
