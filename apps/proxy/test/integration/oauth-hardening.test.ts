import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeRun, runCli, toolText } from '../helpers/cli.js';
import { readStore, startOAuthFixture } from '../helpers/oauth.js';
import type { RunningServer } from '../helpers/processes.js';

/**
 * Issue 18's OAuth yardsticks, over real sockets against our fixture server: a bare 401 from
 * plain Bearer middleware is not reported as OAuth, and an RFC 8414 issuer mismatch is a
 * warning unless --strict.
 */
let configDir: string;
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'mcpscope-oauth-h-'));
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
const call = (url: string, ...more: string[]): ReturnType<typeof runCli> =>
  runCli(['--method', 'tools/call', '--tool-name', 'whoami', ...more, url]);

describe('a bare 401 (plain Bearer middleware, no OAuth)', () => {
  it('says what the server answered and leads with --header, not OAuth', async () => {
    const url = await fixture('--bare-bearer', 's3cret-token-for-tests');
    for (const extra of [[], ['--oauth-non-interactive']]) {
      const run = await call(url, ...extra);
      expect(run.code, describeRun(run)).toBe(3);
      expect(run.stderr).toContain('HTTP 401');
      expect(run.stderr).toContain('no WWW-Authenticate header');
      // What discovery tried, each URL with its status.
      expect(run.stderr).toContain('/.well-known/oauth-protected-resource');
      expect(run.stderr).toMatch(/oauth-authorization-server → 404/);
      expect(run.stderr).not.toContain('wants OAuth authorization');
      const lead = run.stderr.indexOf('--header "Authorization: Bearer');
      expect(lead, describeRun(run)).toBeGreaterThan(-1);
      const oauth = run.stderr.indexOf('mcpscope auth login');
      expect(oauth === -1 || oauth > lead).toBe(true);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    const ok = await call(url, '--header', 'Authorization: Bearer s3cret-token-for-tests');
    expect(ok.code, describeRun(ok)).toBe(0);
    expect(toolText(ok)).toBe('scopes: bare');
  });

  it('a real OAuth server still gets the OAuth options', async () => {
    const url = await fixture();
    const run = await call(url);
    expect(run.code, describeRun(run)).toBe(3);
    expect(run.stderr).toContain(`mcpscope auth login ${url}`);
    expect(run.stderr).toContain('--oauth-non-interactive');
  });
});

describe('an RFC 8414 issuer mismatch', () => {
  it('2025-03-26 server whose metadata says issuer …/oauth: a warning, and the call goes on', async () => {
    const url = await fixture('--legacy', '--issuer-path', '/oauth');
    const run = await call(url, '--oauth-non-interactive');
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('scopes: mcp:read');
    expect(run.stderr).toMatch(
      /mcpscope: warning: OAuth authorization-server-metadata: RFC 8414 violation.*\/oauth/,
    );
    expect(readStore(configDir).servers[0]?.tokens?.['access_token']).toBeDefined();

    const login = await runCli(['auth', 'login', '--oauth-non-interactive', url]);
    expect(login.code, describeRun(login)).toBe(0);
    expect(login.stderr).toMatch(/\[WARN\] authorization-server-metadata: RFC 8414 violation/);
  });

  it('--strict makes it fatal at authorization-server-metadata, before anything is registered', async () => {
    const url = await fixture('--legacy', '--issuer-path', '/oauth');
    const run = await call(url, '--oauth-non-interactive', '--strict');
    expect(run.code, describeRun(run)).toBe(3);
    expect(run.stderr).toContain('OAuth authorization-server-metadata failed');
    expect(run.stderr).toContain('--strict makes this fatal');
    expect(run.stderr).not.toContain('client-registration');

    const login = await runCli(['auth', 'login', '--oauth-non-interactive', '--strict', url]);
    expect(login.code, describeRun(login)).toBe(3);
    expect(login.stderr).toContain('[FAIL] authorization-server-metadata');
  });
});
