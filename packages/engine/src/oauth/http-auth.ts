import { maskSecret, type OAuthFlow } from '@mcpscope/protocol';
import { extractWWWAuthenticateParams, type FetchLike } from '@modelcontextprotocol/client';
import type { TrafficLog } from '../session/traffic-log.js';
import { followAuthorizationRedirects } from './follow-redirects.js';
import { FlowRecorder } from './flow.js';
import { classifyRequest, createOAuthFetch } from './oauth-fetch.js';
import {
  AuthRequiredError,
  McpscopeOAuthProvider,
  type AuthorizationMode,
  type OAuthSettings,
} from './provider.js';
import { CredentialStore } from './store.js';

/** How a session authorizes against HTTP servers that ask for OAuth. */
export interface OAuthOptions {
  store?: CredentialStore;
  settings?: OAuthSettings;
  /**
   * How the authorization step is completed. `follow` needs no more than the redirect URI;
   * without a mode, only stored tokens are used (see {@link storedOnlyHint}).
   */
  mode?:
    'stored' | 'follow' | 'client-credentials' | Extract<AuthorizationMode, { kind: 'browser' }>;
  /** Every new version of the guided flow. */
  onFlow?: (flow: OAuthFlow) => void;
  /** The client's version, sent as `software_version` when it registers. */
  softwareVersion?: string;
}

/** The redirect URI used when mcpscope follows the redirects itself: nothing listens there. */
export const FOLLOW_REDIRECT_URI = 'http://127.0.0.1:33418/mcpscope/oauth/callback';

/** Request headers with the bearer token masked, as the traffic log keeps them. */
export function maskBearer(headers: Record<string, string>): Record<string, string> {
  const value = headers['authorization'];
  const token = value === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(value)?.[1];
  return token === undefined
    ? headers
    : { ...headers, authorization: `Bearer ${maskSecret(token)}` };
}

/** What a one-shot run says when the server wants authorization and no token fits. */
export function storedOnlyHint(url: string): string {
  return `the server wants OAuth authorization and no stored token fits: run mcpscope auth login ${url} once, or pass --oauth-non-interactive (test identity providers that approve without a login page), --client-id ID --client-secret SECRET (client-credentials grant), or --header "Authorization: Bearer <token>"`;
}

/**
 * The OAuth side of one HTTP connection: the SDK transport's `authProvider`, a fetch that
 * sends OAuth requests through the flow recorder and watches MCP responses for challenges,
 * and the translation of the SDK's auth errors into messages that name the failed step.
 */
export class HttpAuth {
  readonly recorder: FlowRecorder;
  readonly provider: McpscopeOAuthProvider;
  private readonly oauthFetch: FetchLike;

  constructor(
    serverUrl: string,
    private readonly log: TrafficLog,
    options: OAuthOptions = {},
  ) {
    this.recorder = new FlowRecorder(serverUrl, options.onFlow);
    const store = options.store ?? new CredentialStore();
    const settings = options.settings ?? {};
    this.oauthFetch = createOAuthFetch(
      this.recorder,
      log,
      (url, init) =>
        classifyRequest(url, init, this.provider.registrationEndpoint) ?? 'authorization',
    );
    this.provider = new McpscopeOAuthProvider(
      serverUrl,
      store,
      this.modeFor(options.mode ?? 'stored', serverUrl),
      settings,
      this.recorder,
      options.softwareVersion,
    );
  }

  private modeFor(mode: NonNullable<OAuthOptions['mode']>, serverUrl: string): AuthorizationMode {
    if (typeof mode !== 'string') return mode;
    switch (mode) {
      case 'stored':
        return { kind: 'stored', hint: storedOnlyHint(serverUrl) };
      case 'client-credentials':
        return { kind: 'client-credentials' };
      case 'follow': {
        const follow = createOAuthFetch(this.recorder, this.log, () => 'authorization');
        let state = '';
        return {
          kind: 'follow',
          redirectUri: FOLLOW_REDIRECT_URI,
          newState: () => {
            state = crypto.randomUUID() + crypto.randomUUID();
            return state;
          },
          follow: (url) => followAuthorizationRedirects(url, FOLLOW_REDIRECT_URI, follow),
        };
      }
      default: {
        const _exhaustive: never = mode;
        return _exhaustive;
      }
    }
  }

  /** The transport's fetch: OAuth requests go to the flow, MCP requests to `mcpFetch`. */
  wrapFetch(mcpFetch: FetchLike): FetchLike {
    return async (input, init) => {
      const url = String(input);
      if (classifyRequest(url, init, this.provider.registrationEndpoint) !== undefined)
        return this.oauthFetch(input, init);
      const response = await mcpFetch(input, init);
      this.watchChallenge(response, init?.method ?? 'GET', url);
      return response;
    };
  }

  /** The last 401 the MCP endpoint answered: what the server said, for a bare 401's message. */
  private last401: { method: string; path: string; header: string | null } | undefined;

  private watchChallenge(response: Response, method: string, url: string): void {
    const header = response.headers.get('www-authenticate');
    const path = new URL(url).pathname;
    if (response.status === 401) this.last401 = { method, path, header };
    if (header === null) {
      if (response.status === 401)
        this.recorder.challenge(`HTTP 401 from ${method} ${path} with no WWW-Authenticate header`);
      return;
    }
    if (response.status === 401) {
      this.recorder.challenge(`HTTP 401 from ${method} ${path}: WWW-Authenticate: ${header}`);
    } else if (response.status === 403) {
      const { error, scope } = extractWWWAuthenticateParams(response);
      if (error !== 'insufficient_scope') return;
      this.provider.requestStepUp(scope);
      this.recorder.challenge(
        `HTTP 403 insufficient_scope from ${method} ${path}: step-up to scope "${scope ?? '?'}"`,
      );
    }
  }

  /**
   * A 401 where nothing points to OAuth (no `resource_metadata` in the challenge, no discovery
   * document at any URL tried), as plain Bearer middleware answers: the message says what the
   * server said and leads with `--header`. Undefined when the server did point to OAuth.
   */
  private bare401(): string | undefined {
    const last = this.last401;
    if (last === undefined || /resource_metadata\s*=/i.test(last.header ?? '')) return undefined;
    const tried = this.recorder.snapshot.steps
      .filter((s) => s.name === 'resource-metadata' || s.name === 'authorization-server-metadata')
      .flatMap((s) => s.exchanges);
    if (tried.some((e) => e.status !== undefined && e.status >= 200 && e.status < 300))
      return undefined;
    const said =
      last.header === null
        ? 'with no WWW-Authenticate header'
        : `with "WWW-Authenticate: ${last.header.slice(0, 200)}" (no resource_metadata)`;
    const found =
      tried.length === 0
        ? 'no OAuth discovery ran'
        : `OAuth discovery found nothing (${tried.map((e) => `${e.method} ${e.url} → ${e.status ?? e.error ?? '?'}`).join('; ')})`;
    const url = this.recorder.snapshot.serverUrl;
    return `the server answered HTTP 401 to ${last.method} ${last.path} ${said}, and ${found}: nothing points to OAuth, so it most likely wants a static credential: pass it with --header "Authorization: Bearer <token>" (in the UI: Headers of the connect form; or the header its documentation names). Only if it does use OAuth after all: mcpscope auth login ${url}`;
  }

  /**
   * The message for an error the transport threw, when it came from the OAuth flow; the
   * flow is marked failed at the step that was running.
   */
  describe(error: unknown): string | undefined {
    const flow = this.recorder.snapshot;
    const inFlow =
      this.recorder.started && (flow.state === 'running' || flow.state === 'waiting-for-user');
    const message = error instanceof Error ? error.message : String(error);
    const bare = this.bare401();
    if (bare !== undefined) return this.recorder.fail(bare, undefined, false);
    if (error instanceof AuthRequiredError)
      return this.recorder.fail(message, this.recorder.running, false);
    if (inFlow) return this.recorder.fail(message);
    if (error instanceof Error && error.name === 'UnauthorizedError')
      return this.recorder.fail(storedOnlyHint(flow.serverUrl), undefined, false);
    if (/401 after successful authentication|403 after trying upscoping/.test(message))
      return this.recorder.fail(
        `${message}: the server refused the token it just got (check the resource and scope it expects)`,
        undefined,
        false,
      );
    return undefined;
  }
}
