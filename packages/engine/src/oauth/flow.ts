import type { OAuthExchange, OAuthFlow, OAuthStep, OAuthStepName } from '@mcpscope/protocol';

/** Hints per step, appended to a failure: what to check or which option to use. */
const HINTS: Record<OAuthStepName, string> = {
  'resource-metadata':
    'the server should serve RFC 9728 metadata at the resource_metadata URL of its WWW-Authenticate header or at /.well-known/oauth-protected-resource',
  'authorization-server-metadata':
    'the authorization server should serve RFC 8414 metadata at /.well-known/oauth-authorization-server or OpenID discovery at /.well-known/openid-configuration',
  'client-registration':
    'without dynamic registration, pass a pre-registered client with --client-id (and --client-secret), or a Client ID Metadata Document URL with --client-metadata-url',
  authorization:
    'the authorization server did not send the browser back with a code; check the redirect URI registered for the client',
  token: 'check the client credentials and the token endpoint auth methods the server supports',
  refresh: 'the refresh token was refused; run mcpscope auth login again',
};

/**
 * The guided flow's record of one authorization: which steps ran, their HTTP exchanges, and
 * which one failed and why. The provider and the OAuth fetch write into it; `onChange`
 * pushes each new version to the UI.
 */
export class FlowRecorder {
  private flow: OAuthFlow;

  constructor(
    serverUrl: string,
    private readonly onChange: (flow: OAuthFlow) => void = () => undefined,
  ) {
    this.flow = { serverUrl, state: 'running', steps: [] };
  }

  get snapshot(): OAuthFlow {
    return this.flow;
  }

  /** True once any step ran: a connection that never needed OAuth has nothing to show. */
  get started(): boolean {
    return this.flow.steps.length > 0;
  }

  /** A new challenge (401, or 403 insufficient_scope) starts a new flow. */
  challenge(reason: string): void {
    this.flow = { serverUrl: this.flow.serverUrl, state: 'running', reason, steps: [] };
    this.emit();
  }

  /** The step's entry, created as running when it is new. */
  begin(name: OAuthStepName, detail?: string): void {
    const step = this.find(name);
    if (step === undefined) {
      this.flow.steps.push({ name, status: 'running', exchanges: [], ...(detail && { detail }) });
    } else if (step.status !== 'running') {
      step.status = 'running';
      delete step.error;
      if (detail !== undefined) step.detail = detail;
    }
    if (this.flow.state !== 'waiting-for-user') this.flow.state = 'running';
    this.emit();
  }

  ok(name: OAuthStepName, detail?: string): void {
    this.settle(name, 'ok', detail);
  }

  /** A violation the flow goes past: kept on the step, shown as a warning. */
  warn(name: OAuthStepName, message: string): void {
    if (this.find(name) === undefined) this.begin(name);
    const step = this.find(name)!;
    step.warnings = [...(step.warnings ?? []), message];
    this.emit();
  }

  skip(name: OAuthStepName, detail: string): void {
    this.settle(name, 'skipped', detail);
  }

  exchange(name: OAuthStepName, exchange: OAuthExchange): void {
    if (this.find(name) === undefined) this.begin(name);
    this.find(name)!.exchanges.push(exchange);
    this.emit();
  }

  statusOf(name: OAuthStepName): OAuthStep['status'] | undefined {
    return this.find(name)?.status;
  }

  /** The step currently running, to blame an error on. */
  get running(): OAuthStepName | undefined {
    return [...this.flow.steps].reverse().find((s) => s.status === 'running')?.name;
  }

  waitForUser(authorizationUrl: string): void {
    this.flow.state = 'waiting-for-user';
    this.flow.authorizationUrl = authorizationUrl;
    this.emit();
  }

  authorized(): void {
    for (const step of this.flow.steps) if (step.status === 'running') step.status = 'ok';
    this.flow.state = 'authorized';
    delete this.flow.authorizationUrl;
    this.emit();
  }

  /** Marks the flow failed at `name` (or the running step) and returns the message to show. */
  fail(message: string, name: OAuthStepName | undefined = this.running, hint = true): string {
    const full =
      name === undefined
        ? message
        : hint
          ? `OAuth ${name} failed: ${message} (${HINTS[name]})`
          : message;
    if (name !== undefined) {
      if (this.find(name) === undefined) this.begin(name);
      const step = this.find(name)!;
      step.status = 'failed';
      step.error = message;
      this.flow.failedStep = name;
    }
    this.flow.state = 'failed';
    this.flow.error = full;
    delete this.flow.authorizationUrl;
    this.emit();
    return full;
  }

  cancel(): void {
    this.flow.state = 'cancelled';
    delete this.flow.authorizationUrl;
    this.emit();
  }

  private settle(name: OAuthStepName, status: OAuthStep['status'], detail?: string): void {
    if (this.find(name) === undefined) this.begin(name);
    const step = this.find(name)!;
    step.status = status;
    if (detail !== undefined) step.detail = detail;
    this.emit();
  }

  private find(name: OAuthStepName): OAuthStep | undefined {
    return this.flow.steps.find((s) => s.name === name);
  }

  private emit(): void {
    // A copy: listeners keep what they were given while the flow moves on.
    this.onChange(structuredClone(this.flow));
  }
}
