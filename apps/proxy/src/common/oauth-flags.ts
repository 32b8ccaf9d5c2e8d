import type { Command } from 'commander';
import type { OAuthOptions } from '@mcpscope/engine/oauth/http-auth';
import { UsageError } from './usage-error.js';

/** The OAuth flags shared by one-shot calls and `mcpscope auth login`. */
export interface OAuthFlags {
  clientId?: string;
  clientSecret?: string;
  clientMetadataUrl?: string;
  scope?: string;
  oauthNonInteractive?: boolean;
  /** Also makes an RFC 8414 issuer mismatch fatal (otherwise a warning). */
  strict?: boolean;
}

/** Adds the OAuth flags to a command. */
export function addOAuthOptions(command: Command): Command {
  return command
    .option('--client-id <id>', 'OAuth: a pre-registered client id')
    .option(
      '--client-secret <secret>',
      'OAuth: its secret; with --client-id and no --oauth-non-interactive, a one-shot call uses the client-credentials grant',
    )
    .option(
      '--client-metadata-url <https-url>',
      'OAuth: a Client ID Metadata Document URL, for servers that accept one instead of registration',
    )
    .option(
      '--scope <scope>',
      'OAuth: the scope to ask for when neither the server nor its metadata names one',
    )
    .option(
      '--oauth-non-interactive',
      "OAuth: complete the authorization step by following the authorization server's redirects (test identity providers without a login page)",
    );
}

/**
 * The settings of a run that cannot ask a person: `--oauth-non-interactive` follows the
 * redirects, a client id and secret alone use the client-credentials grant, and otherwise
 * only stored tokens (`mcpscope auth login`) are used.
 */
export function headlessOAuthOptions(flags: OAuthFlags): OAuthOptions {
  if (flags.clientSecret !== undefined && flags.clientId === undefined)
    throw new UsageError('--client-secret needs --client-id');
  if (flags.clientMetadataUrl !== undefined && !/^https:\/\/[^/]+\/./.test(flags.clientMetadataUrl))
    throw new UsageError(
      `--client-metadata-url must be an https:// URL with a path, got "${flags.clientMetadataUrl}"`,
    );
  const mode =
    flags.oauthNonInteractive === true
      ? 'follow'
      : flags.clientId !== undefined && flags.clientSecret !== undefined
        ? 'client-credentials'
        : 'stored';
  return { mode, settings: oauthSettings(flags) };
}

/** The client settings the flags name. */
export function oauthSettings(flags: OAuthFlags): NonNullable<OAuthOptions['settings']> {
  return {
    ...(flags.clientId !== undefined && { clientId: flags.clientId }),
    ...(flags.clientSecret !== undefined && { clientSecret: flags.clientSecret }),
    ...(flags.clientMetadataUrl !== undefined && { clientMetadataUrl: flags.clientMetadataUrl }),
    ...(flags.scope !== undefined && { scope: flags.scope }),
    ...(flags.strict === true && { strict: true }),
  };
}
