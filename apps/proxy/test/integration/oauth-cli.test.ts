import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { Session } from '@mcpscope/engine/session/session';
import { describeRun, runCli, toolText } from '../helpers/cli.js';
import { readStore, startOAuthFixture, startSdkOAuthExample } from '../helpers/oauth.js';
import type { RunningServer } from '../helpers/processes.js';

/**
 * OAuth from the CLI against real servers: the SDK's example server with its demo
 * authorization server, and our fixture authorization servers that vary registration,
 * client authentication, scope step-up, issuer and metadata locations. Every flow runs
 * headless and ends with a tool call.
 */
let configDir: string;
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'mcpscope-oauth-'));
  process.env['MCPSCOPE_CONFIG_DIR'] = configDir;
});
afterEach(() => {
  delete process.env['MCPSCOPE_CONFIG_DIR'];
  rmSync(configDir, { recursive: true, force: true });
});

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});
async function fixture(...flags: string[]): Promise<string> {
  const server = await startOAuthFixture(...flags);
  servers.push(server);
  return `${server.origin}/mcp`;
}
const call = (
  url: string,
  tool: string,
  ...more: string[]
): Promise<Awaited<ReturnType<typeof runCli>>> =>
  runCli(['--method', 'tools/call', '--tool-name', tool, ...more, url]);

describe('the SDK example server (simpleStreamableHttp --oauth)', () => {
  let url: string;
  it('starts', async () => {
    const server = await startSdkOAuthExample();
    servers.push(server);
    url = server.url;
  });

  it('a 401 without a stored token fails fast with exit 3 and names the options', async () => {
    const run = await call(url, 'greet', '--tool-arg', 'name=Ada');
    expect(run.code, describeRun(run)).toBe(3);
    expect(run.stderr).toContain(`mcpscope auth login ${url}`);
    expect(run.stderr).toContain('--oauth-non-interactive');
    expect(run.stderr).toContain('--client-id');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('auth login --oauth-non-interactive stores a token that later calls reuse', async () => {
    const login = await runCli(['auth', 'login', '--oauth-non-interactive', url]);
    expect(login.code, describeRun(login)).toBe(0);
    expect(login.stdout).toContain('Authorized');
    for (const step of [
      'resource-metadata',
      'authorization-server-metadata',
      'client-registration',
      'authorization',
      'token',
    ])
      expect(login.stderr).toMatch(new RegExp(`\\[ok {2}\\] ${step}:`));
    const store = readStore(configDir);
    expect(store.mode).toBe(0o600);
    const token = String(store.servers[0]?.tokens?.['access_token']);
    expect(token.length).toBeGreaterThan(12);
    expect(login.stdout + login.stderr).not.toContain(token);

    const greet = await call(url, 'greet', '--tool-arg', 'name=Ada');
    expect(greet.code, describeRun(greet)).toBe(0);
    expect(toolText(greet)).toBe('Hello, Ada!');

    const status = await runCli(['auth', 'status', url]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('mcp:tools');
    expect(status.stdout).not.toContain(token);

    // A static token works as a header too, without OAuth.
    const header = await call(
      url,
      'greet',
      '--tool-arg',
      'name=Bob',
      '--header',
      `Authorization: Bearer ${token}`,
    );
    expect(toolText(header)).toBe('Hello, Bob!');

    const logout = await runCli(['auth', 'logout', url]);
    expect(logout.stdout).toContain('forgot');
    expect((await call(url, 'greet', '--tool-arg', 'name=Ada')).code).toBe(3);
  });

  it('a one-shot call with --oauth-non-interactive authorizes in-line, redacting every secret in --verbose', async () => {
    const run = await call(
      url,
      'greet',
      '--tool-arg',
      'name=Eve',
      '--oauth-non-interactive',
      '--verbose',
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('Hello, Eve!');
    const token = String(readStore(configDir).servers[0]?.tokens?.['access_token']);
    expect(run.stderr).toContain('OAuth token');
    expect(run.stderr).not.toContain(token);
    expect(run.stderr).not.toMatch(/code_verifier=(?!%5BREDACTED)/);
  });
});

describe('auth usage errors', () => {
  it('say what is missing, exit 2, and send nothing', async () => {
    const none = await runCli(['auth', 'login']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('auth login needs the server URL');
    const stdio = await runCli(['auth', 'login', '--transport', 'stdio', 'node']);
    expect(stdio.code).toBe(2);
    const secretOnly = await runCli([
      '--method',
      'tools/list',
      '--client-secret',
      's',
      'http://127.0.0.1:9/mcp',
    ]);
    expect(secretOnly.code).toBe(2);
    expect(secretOnly.stderr).toContain('--client-secret needs --client-id');
    const unknown = await runCli(['auth', 'whoami']);
    expect(unknown.code).toBe(2);
  });
});

describe('auth login with a browser', () => {
  it('prints the URL, refuses a forged redirect, and completes on the real one', async () => {
    const url = await fixture('--iss-param');
    const err: string[] = [];
    let printed: (line: string) => void = () => undefined;
    const authUrl = new Promise<string>((resolve) => (printed = resolve));
    const login = main(['auth', 'login', url], {
      stdout: () => undefined,
      stderr: (line) => {
        err.push(line);
        if (line.startsWith('http')) printed(line);
      },
    });
    const authorization = new URL(await authUrl);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('resource')).toBe(url);
    const redirectUri = authorization.searchParams.get('redirect_uri')!;
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    // A page that does not know the state cannot complete the flow.
    const forged = await fetch(`${redirectUri}?code=stolen&state=guess`);
    expect(forged.status).toBe(400);
    // The "browser": the authorization server approves at once and redirects back.
    const approved = await fetch(authorization, { redirect: 'manual' });
    const back = await fetch(approved.headers.get('location')!);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('You can close this tab');
    expect(await login, err.join('\n')).toBe(0);
    expect(toolText(await call(url, 'whoami'))).toBe('scopes: mcp:read');
  });
});

describe('fixture authorization servers', () => {
  it('dynamic registration with client_secret_basic (the default)', async () => {
    const url = await fixture();
    const run = await call(url, 'whoami', '--oauth-non-interactive');
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('scopes: mcp:read');
  });

  it('the live traffic log (what the UI shows) never holds a token, code or secret', async () => {
    const url = await fixture();
    const session = new Session(
      { transport: 'streamable-http', url, headers: {}, sseFallback: false },
      { oauth: { mode: 'follow' } },
    );
    const connected = await session.connect();
    expect(connected.ok, JSON.stringify(connected)).toBe(true);
    await session.close();
    const stored = readStore(configDir).servers[0]!;
    const log = JSON.stringify(session.log.entries());
    for (const secret of [
      stored.tokens?.['access_token'],
      stored.tokens?.['refresh_token'],
      stored.client?.['client_secret'],
    ])
      expect(log).not.toContain(String(secret));
    expect(log).toContain('Bearer at_'); // masked, first characters kept
  });

  it('dynamic registration with client_secret_post', async () => {
    const url = await fixture('--auth-method', 'client_secret_post');
    const run = await call(url, 'whoami', '--oauth-non-interactive');
    expect(run.code, describeRun(run)).toBe(0);
  });

  it('dynamic registration of a public client (token endpoint auth none)', async () => {
    const url = await fixture('--auth-method', 'none');
    const run = await call(url, 'whoami', '--oauth-non-interactive');
    expect(run.code, describeRun(run)).toBe(0);
  });

  it('pre-registration only: says to pass --client-id, then works with it (client_secret_post)', async () => {
    const url = await fixture(
      '--no-dcr',
      '--client',
      'ci-app:s3cret-value',
      '--auth-method',
      'client_secret_post',
    );
    const without = await call(url, 'whoami', '--oauth-non-interactive');
    expect(without.code, describeRun(without)).toBe(3);
    expect(without.stderr).toContain('no dynamic client registration');
    expect(without.stderr).toContain('--client-id');
    const run = await call(
      url,
      'whoami',
      '--oauth-non-interactive',
      '--client-id',
      'ci-app',
      '--client-secret',
      's3cret-value',
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr).not.toContain('s3cret-value');
  });

  it('a Client ID Metadata Document URL where the server accepts one', async () => {
    const url = await fixture('--no-dcr', '--cimd', '--auth-method', 'none');
    const run = await runCli([
      'auth',
      'login',
      '--oauth-non-interactive',
      '--client-metadata-url',
      'https://client.example.com/mcpscope.json',
      url,
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr).toContain(
      'client-registration: Client ID Metadata Document https://client.example.com/mcpscope.json',
    );
    expect(toolText(await call(url, 'whoami'))).toBe('scopes: mcp:read');
  });

  it('pre-registered public client without DCR (auth none)', async () => {
    const url = await fixture('--no-dcr', '--client', 'public-app:', '--auth-method', 'none');
    const run = await call(url, 'whoami', '--oauth-non-interactive', '--client-id', 'public-app');
    expect(run.code, describeRun(run)).toBe(0);
  });

  it('the client-credentials grant where supported, and a clear refusal where not', async () => {
    const url = await fixture('--no-dcr', '--client', 'svc:svc-secret-1', '--client-credentials');
    const run = await call(url, 'whoami', '--client-id', 'svc', '--client-secret', 'svc-secret-1');
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('scopes: mcp:read');

    const other = await fixture('--no-dcr', '--client', 'svc:svc-secret-1');
    const refused = await call(
      other,
      'whoami',
      '--client-id',
      'svc',
      '--client-secret',
      'svc-secret-1',
    );
    expect(refused.code, describeRun(refused)).toBe(3);
    expect(refused.stderr).toContain('does not support the client-credentials grant');
  });

  it('scope step-up on 403 insufficient_scope re-authorizes with the wider scope', async () => {
    const url = await fixture('--step-up');
    const login = await runCli(['auth', 'login', '--oauth-non-interactive', url]);
    expect(login.code, describeRun(login)).toBe(0);
    // Stored token only: the step-up needs an authorization, which this run may not do.
    const stored = await call(url, 'admin-echo', '--tool-arg', 'message=hi');
    expect(stored.code, describeRun(stored)).toBe(3);
    const run = await call(
      url,
      'admin-echo',
      '--tool-arg',
      'message=hi',
      '--oauth-non-interactive',
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('admin: hi');
    const status = await runCli(['auth', 'status', url]);
    expect(status.stdout).toContain('mcp:read mcp:admin');
  });

  it('a wrong issuer in the metadata: a warning, and with --strict the flow stops at authorization-server-metadata', async () => {
    const url = await fixture('--wrong-iss');
    const lenient = await call(url, 'whoami', '--oauth-non-interactive');
    expect(lenient.code, describeRun(lenient)).toBe(0);
    expect(lenient.stderr).toMatch(/warning: OAuth authorization-server-metadata: RFC 8414/);
    rmSync(join(configDir, 'oauth.json'));
    const run = await call(url, 'whoami', '--oauth-non-interactive', '--strict');
    expect(run.code, describeRun(run)).toBe(3);
    expect(run.stderr).toContain('OAuth authorization-server-metadata failed');
    expect(run.stderr).toContain('https://issuer.example.com');
    // Nothing was registered or sent to the wrong issuer.
    expect(run.stderr).not.toContain('client-registration');
  });

  it('refuses an authorization server whose metadata does not advertise PKCE S256', async () => {
    const url = await fixture('--no-pkce-metadata');
    const run = await call(url, 'whoami', '--oauth-non-interactive');
    expect(run.code, describeRun(run)).toBe(3);
    expect(run.stderr).toContain('OAuth authorization-server-metadata failed');
    expect(run.stderr).toContain('code_challenge_methods_supported');
    // Nothing was registered or sent to authorize.
    expect(run.stderr).not.toContain('client-registration');
  });

  it('checks the redirect iss (RFC 9207) when the server sends it', async () => {
    const url = await fixture('--iss-param');
    const run = await call(url, 'whoami', '--oauth-non-interactive', '--verbose');
    expect(run.code, describeRun(run)).toBe(0);
  });

  it('refuses a redirect whose iss names another server (RFC 9207 mix-up)', async () => {
    const url = await fixture('--bad-iss-param');
    const run = await call(url, 'whoami', '--oauth-non-interactive');
    expect(run.code, describeRun(run)).toBe(3);
    expect(run.stderr).toContain('OAuth authorization failed');
    expect(run.stderr).toContain('https://attacker.example.com');
    expect(readStore(configDir).servers[0]?.tokens).toBeUndefined();
  });

  it('mcpscope test reuses the stored token', async () => {
    const url = await fixture();
    expect((await runCli(['auth', 'login', '--oauth-non-interactive', url])).code).toBe(0);
    const spec = join(configDir, 'spec.yaml');
    writeFileSync(
      spec,
      `servers:\n  protected: { url: ${url}, transport: http }\ntests:\n  - name: whoami\n    server: protected\n    steps:\n      - call: whoami\n        expect: { text: { equals: 'scopes: mcp:read' } }\n`,
    );
    const run = await runCli(['test', spec]);
    expect(run.code, describeRun(run)).toBe(0);
  });

  it('legacy HTTP+SSE: the stream GET is authorized, then a new stream opens with the token', async () => {
    const mcp = await fixture();
    const sse = mcp.replace(/\/mcp$/, '/sse');
    const run = await call(sse, 'whoami', '--transport', 'sse', '--oauth-non-interactive');
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('scopes: mcp:read');
    expect(toolText(await call(sse, 'whoami', '--transport', 'sse'))).toBe('scopes: mcp:read');
  });

  it('metadata at the legacy 2025-03-26 locations (no resource metadata, server root)', async () => {
    const url = await fixture('--legacy');
    const login = await runCli(['auth', 'login', '--oauth-non-interactive', url]);
    expect(login.code, describeRun(login)).toBe(0);
    expect(login.stderr).toMatch(/\[skip\] resource-metadata: .*2025-03-26/);
    expect(toolText(await call(url, 'whoami'))).toBe('scopes: mcp:read');
  });

  it('refreshes an expired access token without asking anyone', async () => {
    const url = await fixture('--expires-in', '1');
    expect((await runCli(['auth', 'login', '--oauth-non-interactive', url])).code).toBe(0);
    const before = readStore(configDir).servers[0]?.tokens?.['access_token'];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const run = await call(url, 'whoami');
    expect(run.code, describeRun(run)).toBe(0);
    const after = readStore(configDir).servers[0]?.tokens?.['access_token'];
    expect(after).not.toBe(before);
  });
});
