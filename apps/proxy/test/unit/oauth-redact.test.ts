import { describe, expect, it } from 'vitest';
import { classifyRequest, redactBody, redactUrlParams } from '@mcpscope/engine/oauth/oauth-fetch';

describe('OAuth redaction', () => {
  it('replaces secret fields of form bodies and keeps the rest', () => {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code: 'the-code-123',
      code_verifier: 'verifier-456',
      client_id: 'visible-client',
      client_secret: 'secret-789',
      redirect_uri: 'http://127.0.0.1:1/callback',
    }).toString();
    const out = redactBody(body);
    for (const secret of ['the-code-123', 'verifier-456', 'secret-789'])
      expect(out).not.toContain(secret);
    expect(out).toContain('visible-client');
    expect(out).toContain('grant_type=authorization_code');
    expect(out).toContain('code=[REDACTED]');
    expect(out).toContain('redirect_uri=http://127.0.0.1:1/callback');
  });

  it('replaces tokens in JSON bodies, nested or not', () => {
    const out = redactBody(
      JSON.stringify({
        access_token: 'at-1',
        refresh_token: 'rt-2',
        token_type: 'Bearer',
        nested: { id_token: 'it-3' },
      }),
    );
    expect(out).not.toMatch(/at-1|rt-2|it-3/);
    expect(out).toContain('Bearer');
  });

  it('replaces the code of a redirect URL, absolute or relative', () => {
    expect(redactUrlParams('http://127.0.0.1:5/cb?code=abc123&state=s1')).toBe(
      'http://127.0.0.1:5/cb?code=[REDACTED]&state=s1',
    );
    expect(redactUrlParams('/cb?state=s&code=xyz')).toBe('/cb?state=s&code=[REDACTED]');
  });

  it('tells OAuth requests from MCP requests', () => {
    expect(
      classifyRequest('http://a/.well-known/oauth-protected-resource/mcp', undefined, undefined),
    ).toBe('resource-metadata');
    expect(classifyRequest('http://a/.well-known/openid-configuration', undefined, undefined)).toBe(
      'authorization-server-metadata',
    );
    const refresh = { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token' }) };
    expect(classifyRequest('http://a/token', refresh, undefined)).toBe('refresh');
    expect(
      classifyRequest('http://a/register', { method: 'POST', body: '{}' }, 'http://a/register'),
    ).toBe('client-registration');
    expect(
      classifyRequest(
        'http://a/mcp',
        { method: 'POST', body: '{"jsonrpc":"2.0"}' },
        'http://a/register',
      ),
    ).toBe(undefined);
  });
});
