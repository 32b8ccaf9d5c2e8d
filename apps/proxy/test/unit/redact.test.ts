import type { ServerConfig, TrafficEntry } from '@mcpscope/protocol';
import { describe, expect, it } from 'vitest';
import {
  parseRedactPatterns,
  REDACTED,
  Redactor,
  redactFreeText,
  redactHeaders,
  redactUrl,
} from '@mcpscope/engine/recording/redact';

const stdio: ServerConfig = {
  transport: 'stdio',
  command: 'node',
  args: ['server.js'],
  env: {
    API_TOKEN: 'supersecretvalue',
    GITHUB_PAT: 'ghp_abcdef123456',
    LOG_LEVEL: 'debug',
    DB_PASSWORD: 'hunter2hunter2',
  },
};

const http: ServerConfig = {
  transport: 'streamable-http',
  url: 'http://127.0.0.1:3001/mcp',
  headers: {
    Authorization: 'Bearer tok_live_123456789',
    'X-Trace': 'trace-visible',
    Cookie: 'sid=cookievalue42',
  },
  sseFallback: false,
};

function response(text: string): TrafficEntry {
  return {
    seq: 5,
    t: 1,
    dir: 's2c',
    kind: 'response',
    msg: { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text }] } },
  };
}

describe('Redactor.config', () => {
  it('redacts secret env values by name and keeps the rest', () => {
    const safe = new Redactor({ config: stdio }).config(stdio);
    expect(safe).toEqual({
      ...stdio,
      env: { API_TOKEN: REDACTED, GITHUB_PAT: REDACTED, LOG_LEVEL: 'debug', DB_PASSWORD: REDACTED },
    });
  });

  it('redacts secret headers and URL credentials of an HTTP target', () => {
    const config: ServerConfig = {
      ...http,
      url: 'https://user:pw123456@example.com/mcp?api_key=k123456&x=1',
    };
    const safe = new Redactor({ config }).config(config);
    expect(safe).toMatchObject({
      headers: { Authorization: REDACTED, 'X-Trace': 'trace-visible', Cookie: REDACTED },
    });
    expect(safe.transport === 'streamable-http' && safe.url).not.toMatch(/pw123456|k123456/);
    expect(safe.transport === 'streamable-http' && safe.url).toContain('x=1');
  });
});

describe('Redactor.line', () => {
  it('removes a secret env value wherever it appears in a message', () => {
    const redactor = new Redactor({ config: stdio });
    const line = redactor.line(
      response('API_TOKEN=supersecretvalue and again supersecretvalue; PAT ghp_abcdef123456'),
    );
    expect(line).not.toContain('supersecretvalue');
    expect(line).not.toContain('ghp_abcdef123456');
    expect(line.split(REDACTED)).toHaveLength(4);
    expect(JSON.parse(line)).toMatchObject({ seq: 5, kind: 'response' });
  });

  it('finds a secret with JSON-escaped characters inside a JSON string', () => {
    const config: ServerConfig = { ...stdio, env: { SECRET: 'pa"ss\\word!' } };
    const line = new Redactor({ config }).line(response('the secret is pa"ss\\word!'));
    expect(line).not.toContain('pa\\"ss\\\\word!');
    expect(line).toContain(REDACTED);
    expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('leaves non-secret env values and values shorter than 6 characters alone', () => {
    const config: ServerConfig = { ...stdio, env: { LOG_LEVEL: 'debug', TOKEN: 'abc' } };
    const line = new Redactor({ config }).line(response('level debug, token abc'));
    expect(line).toContain('level debug, token abc');
  });

  it('redacts secret HTTP headers and URL query tokens of every exchange', () => {
    const redactor = new Redactor({ config: http });
    const entry: TrafficEntry = {
      seq: 2,
      t: 3,
      dir: 'meta',
      kind: 'http',
      transport: {
        http: {
          method: 'POST',
          url: 'http://127.0.0.1:3001/mcp?access_token=querytoken987&page=2',
          status: 200,
          requestHeaders: {
            authorization: 'Bearer tok_live_123456789',
            'x-api-key': 'k-998877',
            accept: 'text/event-stream',
          },
          responseHeaders: {
            'set-cookie': 'sid=cookievalue42; HttpOnly',
            'mcp-session-id': 'sess-1',
          },
        },
      },
    };
    const parsed = JSON.parse(redactor.line(entry)) as TrafficEntry;
    const facts = parsed.transport!.http!;
    expect(facts.requestHeaders).toEqual({
      authorization: REDACTED,
      'x-api-key': REDACTED,
      accept: 'text/event-stream',
    });
    expect(facts.responseHeaders).toEqual({ 'set-cookie': REDACTED, 'mcp-session-id': 'sess-1' });
    expect(facts.url).not.toContain('querytoken987');
    expect(facts.url).toContain('page=2');
  });

  it('redacts the bare bearer token and the cookie value when the server echoes them', () => {
    const line = new Redactor({ config: http }).line(
      response('you sent tok_live_123456789 and cookie sid=cookievalue42'),
    );
    expect(line).not.toContain('tok_live_123456789');
    expect(line).not.toContain('sid=cookievalue42');
  });

  it('applies user patterns to every occurrence, with or without the g flag', () => {
    const redactor = new Redactor({ config: stdio, patterns: [/sk-[a-z0-9]{8}/, /acct-\d+/gi] });
    const line = redactor.line(response('sk-abcd1234 then sk-efgh5678, ACCT-42 and acct-7'));
    expect(line).not.toMatch(/sk-[a-z0-9]{8}|acct-\d+/i);
    expect(line.split(REDACTED)).toHaveLength(5);
    expect(redactor.text('nothing here')).toBe('nothing here');
  });

  // Bug: a URL's secret query parameter is redacted in transport.http.url, but the same URL
  // also appears in free-text transport facts (e.g. "body of HTTP 404 from POST <url>").
  it('does not leak a URL query token through the detail text of an HTTP fact', () => {
    const config: ServerConfig = {
      ...http,
      url: 'http://127.0.0.1:3001/nope?token=abcdefsecret',
      headers: {},
    };
    const entry: TrafficEntry = {
      seq: 4,
      t: 1,
      dir: 'meta',
      kind: 'http',
      raw: 'Cannot POST /nope',
      transport: {
        detail: 'body of HTTP 404 from POST http://127.0.0.1:3001/nope?token=abcdefsecret',
      },
    };
    expect(new Redactor({ config }).line(entry)).not.toContain('abcdefsecret');
  });
});

describe('redactHeaders and redactUrl', () => {
  it('redact by name, case-insensitively', () => {
    expect(
      redactHeaders({
        AUTHORIZATION: 'x',
        'Proxy-Authorization': 'y',
        'X-Session-Key': 'z',
        Accept: 'a',
      }),
    ).toEqual({
      AUTHORIZATION: REDACTED,
      'Proxy-Authorization': REDACTED,
      'X-Session-Key': REDACTED,
      Accept: 'a',
    });
  });

  it('returns URLs without secrets unchanged, and redacts passwords and secret parameters', () => {
    expect(redactUrl('http://127.0.0.1:3001/mcp?page=2')).toBe('http://127.0.0.1:3001/mcp?page=2');
    expect(redactUrl('not a url ?token=x')).toBe('not a url ?token=x');
    const safe = redactUrl(
      'https://bob:hunter2@example.com/sse?apiKey=abc123&client_secret=s3&q=ok',
    );
    expect(safe).not.toMatch(/hunter2|abc123|=s3/);
    expect(safe).toContain('bob');
    expect(safe).toContain('q=ok');
  });
});

describe('user patterns (--redact)', () => {
  it('never break the JSON line, even when a pattern could match past a closing quote', () => {
    const redactor = new Redactor({ config: stdio, patterns: [/sk-\S+/, /"/] });
    const line = redactor.line(response('key sk-abc123 end'));
    const parsed = JSON.parse(line) as { msg: { result: { content: { text: string }[] } } };
    expect(parsed.msg.result.content[0]!.text).toBe(`key ${REDACTED} end`);
    expect(parsed).toMatchObject({ seq: 5, kind: 'response' });
  });

  it('apply to the target too, where a secret may sit in the arguments', () => {
    const config: ServerConfig = { ...stdio, args: ['server.js', '--key', 'sk-live-998877'] };
    const redactor = new Redactor({ config, patterns: [/sk-live-\d+/] });
    expect(redactor.config(config)).toMatchObject({ args: ['server.js', '--key', REDACTED] });
  });

  it('redact what a --no-redact recording kept, when its header target names the secret', () => {
    // The header of such a recording has the real value; a redacted one has the placeholder.
    const kept = new Redactor({ config: stdio }).line(response('supersecretvalue'));
    expect(kept).not.toContain('supersecretvalue');
    const placeholder: ServerConfig = { ...stdio, env: { API_TOKEN: REDACTED } };
    const text = `already ${REDACTED}`;
    expect(new Redactor({ config: placeholder }).line(response(text))).toContain(text);
  });

  it('parse bare and /literal/flags forms, and reject invalid or empty-matching ones', () => {
    const parsed = parseRedactPatterns(['sk-[a-z]+', '/Bearer \\S+/i']);
    expect(parsed.ok && parsed.patterns.map(String)).toEqual(['/sk-[a-z]+/', '/Bearer \\S+/i']);
    const bad = parseRedactPatterns(['ok', '(unclosed']);
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.message).toMatch(
      /^--redact "\(unclosed" is not a valid regular expression: /,
    );
    expect(parseRedactPatterns(['a*'])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/matches the empty string/) as unknown,
    });
  });
});

describe('redactFreeText', () => {
  it("replaces secret URL parameters of any URL in the text, and the config's secrets", () => {
    const redactor = new Redactor({ config: stdio });
    const text =
      'GET http://example.test/sse?token=abc123xyz&page=2 failed; env API_TOKEN=supersecretvalue';
    expect(redactFreeText(text, redactor)).toBe(
      `GET http://example.test/sse?token=${encodeURIComponent(REDACTED)}&page=2 failed; env API_TOKEN=${REDACTED}`,
    );
    expect(redactFreeText('no secrets here: http://example.test/mcp')).toBe(
      'no secrets here: http://example.test/mcp',
    );
  });
});
