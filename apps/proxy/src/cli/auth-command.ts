import type { OAuthFlow, OAuthStep } from '@mcpscope/protocol';
import { Command, CommanderError } from 'commander';
import { PendingAuthorizations } from '@mcpscope/engine/oauth/callback';
import type { OAuthOptions } from '@mcpscope/engine/oauth/http-auth';
import { listenForCallback, type LoopbackCallback } from '@mcpscope/engine/oauth/loopback';
import { CredentialStore, normalizeServerUrl, summarize } from '@mcpscope/engine/oauth/store';
import { Session } from '@mcpscope/engine/session/session';
import { CLIENT_INFO } from '../version.js';
import { splitArgv } from '../common/argv.js';
import { ExitCode, exitCodeFor, type ExitCodeValue } from '../common/exit-codes.js';
import { addOAuthOptions, oauthSettings, type OAuthFlags } from '../common/oauth-flags.js';
import type { CliIo } from './oneshot.js';
import { openBrowser } from './open-browser.js';
import { resolveTarget, type TargetFlags } from '../common/target.js';
import { UsageError } from '../common/usage-error.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface LoginFlags extends OAuthFlags, TargetFlags {
  open?: boolean;
  callbackPort?: string;
  clientCredentials?: boolean;
  timeout?: string;
}

const HELP = `
Examples:
  mcpscope auth login https://example.com/mcp                 (prints the URL to open; waits for the redirect)
  mcpscope auth login --open https://example.com/mcp          (opens it in the browser too)
  mcpscope auth login --oauth-non-interactive http://127.0.0.1:3000/mcp   (test IdPs without a login page)
  mcpscope auth login --client-id ID --client-secret S --client-credentials https://example.com/mcp
  mcpscope auth status [--json] [url]
  mcpscope auth logout <url> | --all

Tokens are kept in $MCPSCOPE_CONFIG_DIR/oauth.json (default ~/.config/mcpscope), mode 0600,
and reused (and refreshed) by one-shot calls and mcpscope test.`;

function program(name: string, io: CliIo): Command {
  return new Command(`mcpscope auth ${name}`).exitOverride().configureOutput({
    writeOut: (s) => io.stdout(s.trimEnd()),
    writeErr: (s) => io.stderr(s.trimEnd()),
  });
}

/** `mcpscope auth login|status|logout`. Returns the exit code. */
export async function runAuthCommand(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const [verb, ...rest] = argv;
  try {
    switch (verb) {
      case 'login':
        return await login(rest, io);
      case 'status':
        return await status(rest, io);
      case 'logout':
        return await logout(rest, io);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(`Usage: mcpscope auth login|status|logout [options] [url]\n${HELP}`);
        return verb === undefined ? ExitCode.USAGE : ExitCode.OK;
      default:
        throw new UsageError(`unknown auth command "${verb}": use login, status or logout`);
    }
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    if (error instanceof UsageError) {
      io.stderr(`mcpscope: ${error.message}`);
      io.stderr('mcpscope: see mcpscope auth --help');
      return ExitCode.USAGE;
    }
    throw error;
  }
}

async function login(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const cmd = addOAuthOptions(
    program('login', io)
      .description(
        'Authorize mcpscope to an OAuth-protected server and store the tokens. Prints each step of the flow on stderr.',
      )
      .argument('[url]', 'the server URL')
      .option('--server-url <url>', 'the server URL (instead of the argument)')
      .option('--transport <kind>', 'sse or http')
      .option('--header <"Name: value">', 'an HTTP header (repeatable)', collect)
      .option('--open', 'open the authorization URL in the default browser')
      .option('--callback-port <port>', 'port of the loopback redirect (default: any free port)')
      .option(
        '--client-credentials',
        'use the client-credentials grant with --client-id and --client-secret (no browser)',
      )
      .option('--timeout <ms>', 'how long to wait for the browser to come back', '300000')
      .option(
        '--strict',
        "fail on an RFC 8414 issuer mismatch in the authorization server's metadata (otherwise a warning)",
      ),
  ).addHelpText('after', HELP);
  const { own, target } = splitArgv(argv, cmd.options);
  cmd.parse([...own, '--', ...target], { from: 'user' });
  const flags = cmd.opts<LoginFlags>();
  if (cmd.args.length === 0 && flags.serverUrl === undefined)
    throw new UsageError(
      'auth login needs the server URL, e.g. mcpscope auth login https://example.com/mcp',
    );
  const config = await resolveTarget(cmd.args, flags);
  if (config.transport === 'stdio')
    throw new UsageError(
      'auth login needs the URL of an HTTP server (stdio servers take no OAuth)',
    );
  const timeoutMs = Number(flags.timeout);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new UsageError(
      `--timeout must be a positive number of milliseconds, got "${flags.timeout}"`,
    );
  if (
    flags.clientCredentials === true &&
    (flags.clientId === undefined || flags.clientSecret === undefined)
  )
    throw new UsageError('--client-credentials needs --client-id and --client-secret');

  const store = new CredentialStore();
  // A login means a new authorization: stored tokens would make it a no-op. The client
  // registration is kept.
  if ((await store.get(config.url))?.tokens !== undefined)
    await store.update(config.url, ({ tokens: _t, tokensSavedAt: _s, ...rest }) => rest);

  const pending = new PendingAuthorizations();
  let loopback: LoopbackCallback | undefined;
  let mode: OAuthOptions['mode'];
  if (flags.clientCredentials === true) {
    mode = 'client-credentials';
  } else if (flags.oauthNonInteractive === true) {
    mode = 'follow';
  } else {
    const port = flags.callbackPort === undefined ? 0 : Number(flags.callbackPort);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--callback-port must be a port number, got "${flags.callbackPort}"`);
    loopback = await listenForCallback(pending, port);
    mode = {
      kind: 'browser',
      redirectUri: loopback.redirectUri,
      newState: () => pending.newState(),
      wait: (state) => pending.expect(state, timeoutMs),
      open: (url) => {
        io.stderr(`mcpscope: open this URL to authorize (waiting on ${loopback!.redirectUri}):`);
        io.stderr(url.href);
        if (flags.open === true) openBrowser(url.href);
      },
    };
  }
  const printer = flowPrinter(io);
  const session = new Session(config, {
    clientInfo: CLIENT_INFO,
    exitGraceMs: 20,
    oauth: { store, mode, settings: oauthSettings(flags), onFlow: printer },
  });
  try {
    const connected = await session.connect();
    if (!connected.ok) {
      io.stderr(`mcpscope: ${connected.message}`);
      return exitCodeFor(connected.code);
    }
    const entry = await store.get(config.url);
    if (entry?.tokens === undefined) {
      io.stdout(`${config.url} did not ask for authorization: nothing to store`);
      return ExitCode.OK;
    }
    const summary = summarize(entry);
    const server = connected.handshake.agreed.serverInfo as { name?: string; version?: string };
    io.stdout(
      [
        `Authorized: ${config.url} (server ${server.name ?? '?'} ${server.version ?? ''})`.trimEnd(),
        `  token      ${summary.accessToken ?? '?'} (${summary.tokenType ?? 'Bearer'}${summary.scope !== undefined ? `, scope "${summary.scope}"` : ''}${summary.expiresAt !== undefined ? `, expires ${summary.expiresAt}` : ''}${summary.hasRefreshToken ? ', refreshable' : ''})`,
        `  client     ${summary.clientId ?? '?'}${summary.registration !== undefined ? ` (${summary.registration})` : ''}`,
        `  issuer     ${summary.issuer ?? '?'}`,
        `  stored in  ${store.path}`,
      ].join('\n'),
    );
    return ExitCode.OK;
  } finally {
    await session.close();
    await loopback?.close();
  }
}

/** Prints each step once it settles, so a user sees how far the flow got. */
function flowPrinter(io: CliIo): (flow: OAuthFlow) => void {
  const printed = new Map<string, OAuthStep['status']>();
  return (flow) => {
    for (const step of flow.steps) {
      if (step.status === 'running' || printed.get(step.name) === step.status) continue;
      printed.set(step.name, step.status);
      const mark = step.status === 'ok' ? 'ok  ' : step.status === 'skipped' ? 'skip' : 'FAIL';
      io.stderr(`mcpscope: [${mark}] ${step.name}: ${step.error ?? step.detail ?? ''}`);
      for (const warning of step.warnings ?? [])
        io.stderr(`mcpscope: [WARN] ${step.name}: ${warning}`);
    }
    if (flow.state === 'running' && flow.steps.length === 0 && flow.reason !== undefined)
      io.stderr(`mcpscope: ${flow.reason}`);
  };
}

async function status(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const cmd = program('status', io)
    .description('Show the stored OAuth credentials (tokens masked)')
    .argument('[url]', 'only this server')
    .option('--json', 'print JSON');
  cmd.parse([...argv], { from: 'user' });
  const store = new CredentialStore();
  const url = cmd.args[0];
  const key = url === undefined ? undefined : serverKey(url);
  const entries = (await store.list())
    .filter((e) => key === undefined || e.serverUrl === key)
    .map(summarize);
  if (cmd.opts<{ json?: boolean }>().json === true) {
    io.stdout(JSON.stringify(entries, null, 2));
  } else if (entries.length === 0) {
    io.stdout(
      url === undefined ? `no stored credentials (${store.path})` : `nothing stored for ${url}`,
    );
  } else {
    for (const e of entries) {
      const expired = e.expiresAt !== undefined && Date.parse(e.expiresAt) < Date.now();
      io.stdout(
        `${e.serverUrl}\n  token   ${e.accessToken ?? 'none'}${e.scope !== undefined ? ` scope "${e.scope}"` : ''}${e.expiresAt !== undefined ? ` ${expired ? 'expired' : 'expires'} ${e.expiresAt}` : ''}${e.hasRefreshToken ? ' (refreshable)' : ''}\n  client  ${e.clientId ?? 'none'}${e.registration !== undefined ? ` (${e.registration})` : ''}  issuer ${e.issuer ?? '?'}`,
      );
    }
  }
  return url !== undefined && entries.length === 0 ? ExitCode.TOOL_ERROR : ExitCode.OK;
}

async function logout(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const cmd = program('logout', io)
    .description('Forget the stored OAuth client and tokens of a server')
    .argument('[url]', 'the server')
    .option('--all', 'forget every server');
  cmd.parse([...argv], { from: 'user' });
  const store = new CredentialStore();
  const url = cmd.args[0];
  if (cmd.opts<{ all?: boolean }>().all === true) {
    const all = await store.list();
    for (const e of all) await store.remove(e.serverUrl);
    io.stdout(`forgot ${all.length} server(s)`);
    return ExitCode.OK;
  }
  if (url === undefined) throw new UsageError('auth logout needs a server URL, or --all');
  const removed = await store.remove(serverKey(url));
  io.stdout(removed ? `forgot the credentials of ${url}` : `nothing was stored for ${url}`);
  return ExitCode.OK;
}

function serverKey(url: string): string {
  try {
    return normalizeServerUrl(url);
  } catch {
    throw new UsageError(`not a URL: "${url}"`);
  }
}
