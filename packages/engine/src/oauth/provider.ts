import {
  checkResourceAllowed,
  resourceUrlFromServerUrl,
  type AuthorizationServerMetadata,
  type OAuthClientInformationMixed,
  type OAuthClientMetadata,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  type OAuthTokens,
} from '@modelcontextprotocol/client';
import type { AuthorizationResponse } from './callback.js';
import type { FlowRecorder } from './flow.js';
import type { CredentialStore, StoredCredentials } from './store.js';

/**
 * How the authorization step is completed, when one is needed.
 * - `stored`: never: stored tokens are used and refreshed; otherwise the run fails with
 *   AUTH_REQUIRED and says which option to use (one-shot calls, `mcpscope test`).
 * - `browser`: a person completes it in a browser; `open` hands over the URL (the UI's
 *   new tab, or the CLI printing it) and `wait` resolves with the loopback redirect.
 * - `follow`: mcpscope follows the authorization server's redirects itself, for test
 *   identity providers that approve without a login page (`--oauth-non-interactive`).
 * - `client-credentials`: no authorization step; the client's own credentials buy a token.
 */
export type AuthorizationMode =
  | { kind: 'stored'; hint: string }
  | {
      kind: 'browser';
      redirectUri: string;
      open: (authorizationUrl: URL) => void | Promise<void>;
      wait: (state: string) => Promise<AuthorizationResponse>;
      newState: () => string;
      /** Stops waiting (the session closed). */
      cancel?: (state: string, reason: string) => void;
    }
  | {
      kind: 'follow';
      redirectUri: string;
      follow: (authorizationUrl: URL) => Promise<AuthorizationResponse>;
      newState: () => string;
    }
  | { kind: 'client-credentials' };

/** The user's OAuth settings for one server (CLI flags or the UI's form). */
export interface OAuthSettings {
  /** A pre-registered client. */
  clientId?: string;
  clientSecret?: string;
  /** A Client ID Metadata Document URL (HTTPS), used when the server supports it. */
  clientMetadataUrl?: string;
  /** Scope to ask for when neither the challenge nor the server's metadata names one. */
  scope?: string;
  /**
   * Make the violations a debugger otherwise shows and goes past fatal: today the RFC 8414
   * §3.3 issuer mismatch (`--strict`, the UI's Strict OAuth switch).
   */
  strict?: boolean;
}

/** An expected end of the flow: the message says what to do next. */
export class AuthRequiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthRequiredError';
  }
}

/**
 * mcpscope's `OAuthClientProvider` for the SDK's `auth()`: credentials live in the
 * {@link CredentialStore}, every callback is a step of the guided flow, and the checks the
 * SDK leaves to its caller are made here: the metadata's `issuer` (RFC 8414 §3.3), the
 * redirect's `state` and `iss` (RFC 9207).
 */
export class McpscopeOAuthProvider implements OAuthClientProvider {
  private verifier: string | undefined;
  private issuedState: string | undefined;
  private metadata: AuthorizationServerMetadata | undefined;
  private discoveredServerUrl: string | undefined;
  private discovery: OAuthDiscoveryState | undefined;
  private code: { code: string; iss?: string } | undefined;
  /** Set by a 403 insufficient_scope: the refresh token cannot widen scope, so it is hidden. */
  private stepUpScope: string | undefined;
  readonly clientMetadataUrl: string | undefined;

  constructor(
    readonly serverUrl: string,
    private readonly store: CredentialStore,
    private readonly mode: AuthorizationMode,
    private readonly settings: OAuthSettings,
    private readonly recorder: FlowRecorder,
    /** The client's version, for dynamic registration's `software_version`. */
    private readonly softwareVersion = '0.0.0',
  ) {
    this.clientMetadataUrl = settings.clientMetadataUrl;
  }

  /** The registration endpoint, once discovery found it: requests to it are OAuth traffic. */
  get registrationEndpoint(): string | undefined {
    if (this.metadata !== undefined) return this.metadata.registration_endpoint;
    // Without metadata the SDK registers at the 2025-03-26 default, /register.
    return this.discoveredServerUrl === undefined
      ? undefined
      : new URL('/register', this.discoveredServerUrl).href;
  }

  /**
   * The authorization code the last redirect brought back, once, with the redirect's `iss`
   * (the SDK checks it again, RFC 9207, when it exchanges the code).
   */
  takeAuthorizationCode(): { code: string; iss?: string } | undefined {
    const code = this.code;
    this.code = undefined;
    return code;
  }

  /** A 403 insufficient_scope asked for `scope`; the next `auth()` must re-authorize. */
  requestStepUp(scope: string | undefined): void {
    this.stepUpScope = scope ?? '';
  }

  get redirectUrl(): string | undefined {
    switch (this.mode.kind) {
      case 'browser':
      case 'follow':
        return this.mode.redirectUri;
      case 'client-credentials':
        return undefined;
      case 'stored':
        // A refresh needs the client the tokens came with; a placeholder keeps the SDK on
        // the refresh path, and redirectToAuthorization stops before it could be used.
        return this.cached?.redirectUri ?? 'http://127.0.0.1/mcpscope/oauth/callback';
      default: {
        const _exhaustive: never = this.mode;
        return _exhaustive;
      }
    }
  }

  get clientMetadata(): OAuthClientMetadata {
    const credentials = this.mode.kind === 'client-credentials';
    return {
      client_name: 'mcpscope',
      client_uri: 'https://github.com/mcpscope/mcpscope',
      software_id: 'mcpscope',
      software_version: this.softwareVersion,
      redirect_uris: credentials ? [] : [this.redirectUrl!],
      grant_types: credentials ? ['client_credentials'] : ['authorization_code', 'refresh_token'],
      response_types: credentials ? [] : ['code'],
      token_endpoint_auth_method:
        this.settings.clientSecret !== undefined ? 'client_secret_basic' : 'none',
      ...(this.settings.scope !== undefined && { scope: this.settings.scope }),
    };
  }

  /** The entry read at the start of the flow (kept so `redirectUrl` can stay synchronous). */
  private cached: StoredCredentials | undefined;

  /** Loads the stored entry; called before the transport starts. */
  async load(): Promise<void> {
    this.cached = await this.store.get(this.serverUrl);
  }

  async state(): Promise<string> {
    if (this.mode.kind !== 'browser' && this.mode.kind !== 'follow')
      throw new AuthRequiredError('no authorization step is possible in this mode');
    this.issuedState = this.mode.newState();
    return Promise.resolve(this.issuedState);
  }

  async clientInformation(): Promise<OAuthClientInformationMixed | undefined> {
    // The SDK asks again before the token request; the step is told once.
    const told = this.recorder.statusOf('client-registration') === 'ok';
    if (!told) this.recorder.begin('client-registration');
    if (this.settings.clientId !== undefined) {
      if (!told)
        this.recorder.ok(
          'client-registration',
          `pre-registered client ${this.settings.clientId}${this.settings.clientSecret !== undefined ? ' with a secret' : ''}`,
        );
      return {
        client_id: this.settings.clientId,
        ...(this.settings.clientSecret !== undefined && {
          client_secret: this.settings.clientSecret,
        }),
      };
    }
    const stored = (await this.entry())?.client as OAuthClientInformationMixed | undefined;
    if (stored !== undefined) {
      if (!told) this.recorder.ok('client-registration', `stored client ${stored.client_id}`);
      return stored;
    }
    if (this.mode.kind === 'stored') throw new AuthRequiredError(this.mode.hint);
    if (this.mode.kind === 'client-credentials')
      throw new AuthRequiredError(
        'the client-credentials grant needs a pre-registered client: pass --client-id and --client-secret',
      );
    if (this.metadata?.registration_endpoint === undefined && this.metadata !== undefined) {
      const cimd = this.metadata.client_id_metadata_document_supported === true;
      if (!cimd || this.clientMetadataUrl === undefined) {
        throw new AuthRequiredError(
          `the authorization server offers no dynamic client registration${cimd ? ' (it accepts a Client ID Metadata Document URL: pass --client-metadata-url)' : ''}: pass a pre-registered client with --client-id`,
        );
      }
    }
    return undefined;
  }

  async saveClientInformation(info: OAuthClientInformationMixed): Promise<void> {
    const registration =
      this.settings.clientId !== undefined
        ? 'pre-registered'
        : info.client_id === this.clientMetadataUrl
          ? 'metadata-document'
          : 'dynamic';
    if (registration !== 'pre-registered') {
      this.recorder.ok(
        'client-registration',
        registration === 'dynamic'
          ? `dynamic registration: client ${info.client_id}`
          : `Client ID Metadata Document ${info.client_id}`,
      );
    }
    await this.store.update(this.serverUrl, (e) => ({ ...e, client: { ...info }, registration }));
  }

  async tokens(): Promise<OAuthTokens | undefined> {
    const tokens = (await this.entry())?.tokens as OAuthTokens | undefined;
    if (tokens === undefined || this.stepUpScope === undefined) return tokens;
    // A step-up needs a new authorization: without a refresh token the SDK starts one.
    const { refresh_token: _dropped, ...rest } = tokens;
    return rest;
  }

  async saveTokens(tokens: OAuthTokens): Promise<void> {
    const refreshed = this.recorderHasRunning('refresh');
    this.stepUpScope = undefined;
    await this.store.update(this.serverUrl, (e) => ({
      ...e,
      tokens: { ...tokens },
      tokensSavedAt: new Date().toISOString(),
      ...(this.redirectUrl !== undefined &&
        this.mode.kind !== 'stored' && { redirectUri: this.redirectUrl }),
    }));
    this.cached = await this.store.get(this.serverUrl);
    this.recorder.ok(
      refreshed ? 'refresh' : 'token',
      `${tokens.token_type} token${tokens.scope ? ` for scope "${tokens.scope}"` : ''}${tokens.expires_in !== undefined ? `, expires in ${tokens.expires_in} s` : ''}${tokens.refresh_token !== undefined ? ', with a refresh token' : ''}`,
    );
    this.recorder.authorized();
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    const mode = this.mode;
    if (mode.kind === 'stored') {
      throw new AuthRequiredError(mode.hint);
    }
    if (mode.kind === 'client-credentials') {
      throw new AuthRequiredError('the client-credentials flow cannot open an authorization page');
    }
    this.recorder.begin(
      'authorization',
      `PKCE S256, state and redirect to ${mode.redirectUri}${authorizationUrl.searchParams.has('resource') ? `, resource ${authorizationUrl.searchParams.get('resource')}` : ''}`,
    );
    let response: AuthorizationResponse;
    if (mode.kind === 'browser') {
      this.recorder.waitForUser(authorizationUrl.href);
      const waiting = mode.wait(this.issuedState ?? '');
      await mode.open(authorizationUrl);
      response = await waiting;
    } else {
      response = await mode.follow(authorizationUrl);
    }
    this.code = {
      code: this.checkAuthorizationResponse(response),
      ...(response.iss !== undefined && { iss: response.iss }),
    };
    this.recorder.ok('authorization', 'the redirect brought a code; state and iss checked');
    this.recorder.begin('token');
  }

  /** RFC 6749 §4.1.2 and RFC 9207: the redirect must carry our state and the right issuer. */
  private checkAuthorizationResponse(response: AuthorizationResponse): string {
    if (response.state !== this.issuedState)
      throw new Error('the redirect carried a different state: it does not belong to this flow');
    const issuer = this.metadata?.issuer;
    if (response.iss !== undefined && issuer !== undefined && response.iss !== issuer) {
      throw new Error(
        `the redirect's iss is "${response.iss}" but the authorization server is "${issuer}" (RFC 9207: a mix-up attack, or a misconfigured issuer)`,
      );
    }
    if (
      response.iss === undefined &&
      // RFC 9207's field; the SDK's schema passes unknown fields through.
      (this.metadata as Record<string, unknown> | undefined)?.[
        'authorization_response_iss_parameter_supported'
      ] === true
    ) {
      throw new Error(
        'the authorization server says it sends iss with the redirect (authorization_response_iss_parameter_supported) but did not',
      );
    }
    if (response.error !== undefined) {
      throw new Error(
        `the authorization server refused: ${response.error}${response.errorDescription !== undefined ? ` (${response.errorDescription})` : ''}`,
      );
    }
    if (response.code === undefined || response.code === '')
      throw new Error('the redirect carried no code');
    return response.code;
  }

  /** Gives up on an authorization that waits for the user (the connection is closing). */
  cancelAuthorization(reason: string): void {
    if (this.mode.kind === 'browser' && this.issuedState !== undefined)
      this.mode.cancel?.(this.issuedState, reason);
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.verifier = codeVerifier;
  }

  codeVerifier(): string {
    if (this.verifier === undefined)
      throw new Error('no PKCE code verifier: the flow was not started here');
    return this.verifier;
  }

  prepareTokenRequest(scope?: string): URLSearchParams | undefined {
    if (this.mode.kind !== 'client-credentials') return undefined;
    this.recorder.begin('token', 'client-credentials grant');
    const params = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope !== undefined && scope !== '') params.set('scope', scope);
    return params;
  }

  /**
   * Called by `auth()` after discovery. The transport tells the SDK to skip its own issuer
   * check (which throws) so that the check is made here, where a mismatch (RFC 8414 §3.3)
   * is a loud warning on the step, or, with `strict`, stops the flow before a client secret
   * or a code goes anywhere.
   */
  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
    this.metadata = state.authorizationServerMetadata;
    this.discoveredServerUrl = state.authorizationServerUrl;
    if (state.resourceMetadata !== undefined) {
      this.recorder.ok(
        'resource-metadata',
        `resource ${state.resourceMetadata.resource}, authorization server ${state.authorizationServerUrl}`,
      );
    } else {
      this.recorder.skip(
        'resource-metadata',
        `no protected resource metadata; as in protocol 2025-03-26, the authorization server is ${state.authorizationServerUrl}`,
      );
    }
    const metadata = state.authorizationServerMetadata;
    if (metadata === undefined) {
      this.recorder.skip(
        'authorization-server-metadata',
        'no metadata found; using the default endpoints /authorize, /token and /register',
      );
      return;
    }
    if (!sameIssuer(metadata.issuer, state.authorizationServerUrl)) {
      const violation = `the metadata's issuer is "${metadata.issuer}" but it was fetched for "${state.authorizationServerUrl}" (RFC 8414 §3.3 requires them to be identical)`;
      if (this.settings.strict === true) throw new Error(`${violation}; --strict makes this fatal`);
      // Hosts (and the SDK's v1 client) go on; a debugger shows the violation and goes on too.
      this.recorder.warn(
        'authorization-server-metadata',
        `RFC 8414 violation, continuing (--strict makes it fatal): ${violation}`,
      );
    }
    // MCP's authorization spec: a client must see S256 in the metadata before it sends anyone
    // to authorize, and refuse to go on without it (the SDK would go ahead).
    const challenges = metadata.code_challenge_methods_supported;
    if (this.mode.kind !== 'client-credentials' && !(challenges ?? []).includes('S256')) {
      throw new Error(
        challenges === undefined
          ? 'the metadata has no code_challenge_methods_supported, so PKCE support is not advertised; MCP clients must refuse to proceed (fix the authorization server to advertise S256)'
          : `the metadata's code_challenge_methods_supported is ${challenges.join(', ')}, without S256, which MCP requires`,
      );
    }
    if (this.mode.kind === 'client-credentials') {
      const grants = metadata.grant_types_supported;
      if (grants !== undefined && !grants.includes('client_credentials'))
        throw new AuthRequiredError(
          `the authorization server does not support the client-credentials grant (grant_types_supported: ${grants.join(', ')}): use --oauth-non-interactive or mcpscope auth login`,
        );
    }
    this.recorder.ok(
      'authorization-server-metadata',
      `issuer ${metadata.issuer}; token endpoint auth: ${(metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic (default)']).join(', ')}; registration: ${metadata.registration_endpoint !== undefined ? 'dynamic' : 'none'}${metadata.client_id_metadata_document_supported === true ? ', client ID metadata documents' : ''}`,
    );
  }

  /**
   * RFC 8707: every authorization and token request (authorization code, refresh, client
   * credentials) names the MCP server it is for. Left to itself the SDK sends `resource` only
   * when the server serves protected resource metadata, so a 2025-03-26 server got none; the
   * server's own URL (without fragment) stands in then.
   */
  validateResourceURL(serverUrl: string | URL, resource?: string): Promise<URL | undefined> {
    const own = resourceUrlFromServerUrl(serverUrl);
    if (resource === undefined) return Promise.resolve(own);
    if (!checkResourceAllowed({ requestedResource: own, configuredResource: resource }))
      return Promise.reject(
        new Error(
          `the protected resource metadata names resource "${resource}", which does not cover ${own.href} (RFC 9728 §3.3: the resource must be the server's URL)`,
        ),
      );
    return Promise.resolve(new URL(resource));
  }

  /**
   * The discovery of this flow, for the SDK's callback leg only: it binds the code and the
   * PKCE verifier to the authorization server that issued them. Outside a flow, `auth()`
   * discovers afresh, so every step stays visible in the OAuth panel.
   */
  discoveryState(): OAuthDiscoveryState | undefined {
    return this.verifier !== undefined ? this.discovery : undefined;
  }

  async invalidateCredentials(
    scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery',
  ): Promise<void> {
    if (scope === 'verifier') {
      this.verifier = undefined;
      return;
    }
    if (scope === 'discovery') {
      this.discovery = undefined;
      return;
    }
    await this.store.update(this.serverUrl, (e) => {
      const next = { ...e };
      if (scope === 'all' || scope === 'tokens') delete next.tokens;
      if (scope === 'all' || scope === 'client') delete next.client;
      return next;
    });
    this.cached = await this.store.get(this.serverUrl);
  }

  private async entry(): Promise<StoredCredentials | undefined> {
    this.cached = await this.store.get(this.serverUrl);
    return this.cached;
  }

  private recorderHasRunning(name: 'refresh'): boolean {
    return this.recorder.running === name;
  }
}

/** Issuers compare as identical strings; a pathless URL's trailing slash is not a difference. */
function sameIssuer(issuer: string, fetchedFor: string): boolean {
  const strip = (u: string): string => u.replace(/\/$/, '');
  return strip(issuer) === strip(fetchedFor);
}
