import { connect } from 'node:net';
import { ProxyEventSchema } from '@mcpscope/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/temp.js';
import {
  APP_JS,
  INDEX_HTML,
  rawGet,
  startUi,
  tryOpenSocket,
  writeWebRoot,
  type RawResponse,
  type RunningUi,
} from '../helpers/ui.js';

/**
 * The proxy's HTTP face and WebSocket upgrade, over real loopback sockets, against the
 * security model in DESIGN.md: a launch token traded for an httpOnly SameSite=Strict cookie,
 * `Host` pinned to the loopback names of the bound port (DNS rebinding), `Origin` checked
 * (cross-site requests, WebSocket hijacking), and headers that forbid framing and sniffing.
 * Each test asserts what an attacker would get if the matching defence were missing.
 */
const tmp = tempDir('ui-server');
let ui: RunningUi;

beforeAll(async () => {
  ui = await startUi({ webRoot: writeWebRoot(tmp.path('web')), configDir: tmp.path('config') });
});

afterAll(async () => {
  await ui?.close();
  tmp.remove();
});

const html = { accept: 'text/html,application/xhtml+xml' };
const withCookie = (): Record<string, string> => ({ cookie: ui.cookie });

function describeResponse(res: RawResponse): string {
  return `HTTP ${res.status} ${JSON.stringify(res.headers)}\n${res.body.slice(0, 500)}`;
}

describe('the launch token and its cookie', () => {
  it('GET / without a token is 401 with a help page that does not give the token away', async () => {
    const res = await rawGet(ui.port, '/', html);
    expect(res.status, describeResponse(res)).toBe(401);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('mcpscope needs its launch token');
    expect(res.body).not.toContain(ui.token);
    expect(res.body).not.toContain(INDEX_HTML);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('a wrong ?token= is 401 and sets no cookie', async () => {
    const res = await rawGet(ui.port, `/?token=${'A'.repeat(ui.token.length)}`, html);
    expect(res.status, describeResponse(res)).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).not.toContain(ui.token);
  });

  it('the right ?token= is traded for an httpOnly SameSite=Strict cookie and dropped from the URL', async () => {
    const res = await rawGet(ui.port, `/?token=${ui.token}`, html);
    expect(res.status, describeResponse(res)).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(res.headers['set-cookie']).toEqual([
      `mcpscope_${ui.port}=${ui.token}; HttpOnly; SameSite=Strict; Path=/`,
    ]);
    // Other query parameters and the path survive; only the token leaves the address bar.
    const deep = await rawGet(ui.port, `/sessions/x?token=${ui.token}&panel=log`, html);
    expect(deep.status).toBe(302);
    expect(deep.headers.location).toBe('/sessions/x?panel=log');
    expect(deep.headers.location).not.toContain(ui.token);
  });

  it('the token redirect never leaves this origin (/.//evil.example/ is not //evil.example/)', async () => {
    for (const path of [
      '/.//evil.example/',
      '//evil.example/',
      '/\\evil.example/',
      '/./\\/evil.example/',
    ]) {
      const res = await rawGet(ui.port, `${path}?token=${ui.token}`, html);
      expect(res.status, describeResponse(res)).toBe(302);
      // Root-relative, one slash: never protocol-relative (//host) or backslash-tricked.
      expect(res.headers.location).toMatch(/^\/(?![/\\])/);
    }
  });

  it('a malformed request target is 400, over HTTP and on an upgrade, and the proxy stays up', async () => {
    for (const upgrade of [false, true]) {
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(ui.port, '127.0.0.1');
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString('latin1')));
        socket.on('end', () => resolve(data));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
        socket.write(
          `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${ui.port}\r\n${upgrade ? 'Upgrade: x\r\nConnection: Upgrade\r\n' : ''}\r\n`,
        );
        setTimeout(() => socket.end(), 500);
      });
      expect(reply, `upgrade=${upgrade}`).toMatch(/^HTTP\/1\.1 400 /);
    }
    const after = await rawGet(ui.port, '/', { ...html, ...withCookie() });
    expect(after.status).toBe(200);
  });

  it('a tossed cookie of our name (another port sets it with Path=/ws) does not lock the UI out', async () => {
    const tossed = `mcpscope_${ui.port}=x; ${ui.cookie}`;
    const res = await rawGet(ui.port, '/', { ...html, cookie: tossed });
    expect(res.status, describeResponse(res)).toBe(200);
    const socket = await tryOpenSocket(ui.wsUrl, { cookie: tossed, origin: ui.origin });
    expect(socket.ok).toBe(true);
    if (socket.ok) await socket.socket.close();
    // Only our cookies, all wrong: still refused.
    expect(
      (
        await rawGet(ui.port, '/', {
          ...html,
          cookie: `mcpscope_${ui.port}=x; mcpscope_${ui.port}=y`,
        })
      ).status,
    ).toBe(401);
  });

  it('with the cookie, / serves index.html, not cached', async () => {
    const res = await rawGet(ui.port, '/', { ...html, ...withCookie() });
    expect(res.status, describeResponse(res)).toBe(200);
    expect(res.body).toBe(INDEX_HTML);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('with the cookie, an asset is served with its content type and an immutable cache header', async () => {
    const res = await rawGet(ui.port, '/assets/app.js', withCookie());
    expect(res.status, describeResponse(res)).toBe(200);
    expect(res.body).toBe(APP_JS);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('a client-side route gets index.html; a missing asset is a 404, not the page', async () => {
    const route = await rawGet(ui.port, '/sessions/abc', { ...html, ...withCookie() });
    expect(route.status).toBe(200);
    expect(route.body).toBe(INDEX_HTML);
    const missing = await rawGet(ui.port, '/assets/missing-0123.js', withCookie());
    expect(missing.status).toBe(404);
    expect(missing.body).not.toBe(INDEX_HTML);
  });

  it('an asset without the cookie is 401: nothing is served before the guard', async () => {
    const res = await rawGet(ui.port, '/assets/app.js');
    expect(res.status).toBe(401);
    expect(res.body).not.toContain(APP_JS);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it("the cookie of another port's mcpscope does not open this one", async () => {
    // Cookies are per host, not per port: the name carries the port so two proxies differ.
    const res = await rawGet(ui.port, '/', { cookie: `mcpscope_${ui.port + 1}=${ui.token}` });
    expect(res.status).toBe(401);
  });

  it('a malformed cookie value is refused with 401, not a server error', async () => {
    // Any page on 127.0.0.1 (another port) can set cookies this proxy receives.
    const res = await rawGet(ui.port, '/', { ...html, cookie: `mcpscope_${ui.port}=%E0%A4%A` });
    expect(res.status, describeResponse(res)).toBe(401);
  });
});

describe('Host and Origin checks', () => {
  it('a DNS-rebinding Host (evil.example:PORT) is 403 even with a valid cookie', async () => {
    const res = await rawGet(ui.port, '/', {
      ...html,
      ...withCookie(),
      host: `evil.example:${ui.port}`,
    });
    expect(res.status, describeResponse(res)).toBe(403);
    expect(res.body).not.toContain(INDEX_HTML);
    expect(res.body).toContain('evil.example');
  });

  it('the same loopback name with another port in Host is 403', async () => {
    const res = await rawGet(ui.port, '/', { ...withCookie(), host: `127.0.0.1:${ui.port + 1}` });
    expect(res.status).toBe(403);
  });

  it('localhost:PORT and [::1]:PORT are accepted as Host', async () => {
    for (const host of [`localhost:${ui.port}`, `[::1]:${ui.port}`, `LOCALHOST:${ui.port}`]) {
      const res = await rawGet(ui.port, '/', { ...withCookie(), host });
      expect(res.status, `Host: ${host}\n${describeResponse(res)}`).toBe(200);
      expect(res.body).toBe(INDEX_HTML);
    }
  });

  it('a cross-site Origin is 403 on GET even with a valid cookie', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${ui.port + 1}`]) {
      const res = await rawGet(ui.port, '/', { ...withCookie(), origin });
      expect(res.status, `Origin: ${origin}\n${describeResponse(res)}`).toBe(403);
      expect(res.body).not.toContain(INDEX_HTML);
    }
  });

  it('our own Origin is accepted on GET', async () => {
    for (const origin of [ui.origin, `http://localhost:${ui.port}`]) {
      const res = await rawGet(ui.port, '/', { ...withCookie(), origin });
      expect(res.status, `Origin: ${origin}`).toBe(200);
    }
  });
});

describe('the WebSocket upgrade', () => {
  const wsWithToken = (): string => `${ui.wsUrl}?token=${ui.token}`;

  it('a cross-site Origin is refused with 403, even with the token', async () => {
    const outcome = await tryOpenSocket(wsWithToken(), {
      origin: 'http://evil.example',
      cookie: ui.cookie,
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.status).toBe(403);
      expect(outcome.body).toContain('Origin');
    }
  });

  it('an upgrade without an Origin header is refused with 403, even with the token', async () => {
    const outcome = await tryOpenSocket(wsWithToken(), { cookie: ui.cookie });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.status).toBe(403);
      expect(outcome.body).toContain('without an Origin');
    }
  });

  it('a rebinding Host is refused with 403 on the upgrade too', async () => {
    const outcome = await tryOpenSocket(wsWithToken(), {
      origin: `http://evil.example:${ui.port}`,
      host: `evil.example:${ui.port}`,
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.status).toBe(403);
  });

  it('the right Origin without a token, or with a wrong one, is 401', async () => {
    const none = await tryOpenSocket(ui.wsUrl, { origin: ui.origin });
    expect(none.ok ? 'open' : none.status).toBe(401);
    const wrong = await tryOpenSocket(`${ui.wsUrl}?token=${'x'.repeat(43)}`, { origin: ui.origin });
    expect(wrong.ok ? 'open' : wrong.status).toBe(401);
    const wrongCookie = await tryOpenSocket(ui.wsUrl, {
      origin: ui.origin,
      cookie: `mcpscope_${ui.port}=${'x'.repeat(43)}`,
    });
    expect(wrongCookie.ok ? 'open' : wrongCookie.status).toBe(401);
  });

  it('a refused upgrade does not keep its connection once the client hangs up', async () => {
    // A refused upgrade is out of the HTTP server's hands (its parser is detached), so
    // nobody but the app can close it. Left open, every refused reconnect attempt of a stale
    // tab leaks a socket, and app.close() (Ctrl-C) waits for them forever.
    const socket = connect(ui.port, '127.0.0.1');
    let response = '';
    socket.on('data', (chunk: Buffer) => (response += chunk.toString('utf8')));
    let closedAt: number | undefined;
    socket.once('close', () => (closedAt = Date.now()));
    socket.write(
      [
        'GET /ws HTTP/1.1',
        `Host: 127.0.0.1:${ui.port}`,
        'Origin: http://evil.example',
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        '',
        '',
      ].join('\r\n'),
    );
    await vi.waitFor(() => expect(response).toContain('is not allowed'), { timeout: 10_000 });
    expect(response.startsWith('HTTP/1.1 403 ')).toBe(true);
    socket.end();
    const wasClosed = await vi
      .waitFor(() => expect(closedAt).toBeDefined(), { timeout: 3000, interval: 50 })
      .then(
        () => true,
        () => false,
      );
    socket.destroy();
    expect(
      wasClosed,
      'the proxy still holds the refused connection 3 s after the client hung up',
    ).toBe(true);
  });

  it('the right Origin and ?token= opens the socket; the first frame is a valid hello', async () => {
    const outcome = await tryOpenSocket(wsWithToken(), { origin: ui.origin });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const socket = outcome.socket;
    try {
      const hello = await socket.waitFor('hello');
      expect(socket.events[0]).toBe(hello);
      expect(ProxyEventSchema.parse(hello)).toEqual(hello);
      expect(hello.sessions).toEqual([]);
      expect(hello.savedServers).toEqual([]);
      expect(socket.invalid).toEqual([]);
    } finally {
      await socket.close();
    }
  });

  it('the right Origin and the cookie open the socket, as the page itself does', async () => {
    const outcome = await tryOpenSocket(ui.wsUrl, {
      origin: `http://localhost:${ui.port}`,
      cookie: ui.cookie,
      host: `localhost:${ui.port}`,
    });
    expect(outcome.ok ? 'open' : outcome.status).toBe('open');
    if (!outcome.ok) return;
    const hello = await outcome.socket.waitFor('hello');
    expect(hello.type).toBe('hello');
    await outcome.socket.close();
  });
});

describe('security headers', () => {
  const expectHeaders = (res: RawResponse): void => {
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const csp = res.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
  };

  it('are on the page, on assets, and on refusals', async () => {
    const page = await rawGet(ui.port, '/', { ...html, ...withCookie() });
    expect(page.status).toBe(200);
    expectHeaders(page);
    const asset = await rawGet(ui.port, '/assets/app.js', withCookie());
    expect(asset.status).toBe(200);
    expectHeaders(asset);
    const refused = await rawGet(ui.port, '/', html);
    expect(refused.status).toBe(401);
    expectHeaders(refused);
    const forbidden = await rawGet(ui.port, '/', { host: 'evil.example' });
    expect(forbidden.status).toBe(403);
    expectHeaders(forbidden);
  });
});
