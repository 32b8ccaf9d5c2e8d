import { request as httpRequest } from 'node:http';
import { StagedAppSchema, type StagedApp } from '@mcpscope/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';
import {
  openSocket,
  rawGet,
  startUi,
  tryOpenSocket,
  writeWebRoot,
  type RunningUi,
  type UiSocket,
} from '../helpers/ui.js';

/**
 * The MCP Apps sandbox listener, over real loopback sockets: an app's document is served on
 * an origin of its own, which must never become a second door into the inspector (its page,
 * its token, its cookie, its WebSocket), and must send the CSP and Permissions-Policy its
 * resource declared. Each test states what an app (or a rebinding page) would get otherwise.
 */
const tmp = tempDir('app-sandbox');
let ui: RunningUi;
let socket: UiSocket;
let sandboxPort: number;
const APP_HTML = '<!doctype html><title>the app</title><p>hello from the app</p>';

beforeAll(async () => {
  ui = await startUi({ webRoot: writeWebRoot(tmp.path('web')), configDir: tmp.path('config') });
  sandboxPort = Number(new URL(ui.app.sandbox.origin).port);
  socket = await openSocket(ui.wsUrl, { origin: ui.origin, cookie: ui.cookie });
});

afterAll(async () => {
  socket?.ws.close();
  await ui?.close();
  tmp.remove();
});

async function stage(extra: Record<string, unknown> = {}): Promise<StagedApp> {
  const answer = await socket.send({ type: 'stageApp', html: APP_HTML, ...extra }).answer;
  if (answer.type !== 'reply') throw new Error(`stageApp failed: ${answer.message}`);
  return StagedAppSchema.parse(answer.result);
}

const pathOf = (url: string): string => new URL(url).pathname;

function send(method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: sandboxPort,
        path,
        method,
        headers: { host: `127.0.0.1:${sandboxPort}`, ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end('x');
  });
}

describe('the sandbox listener', () => {
  it('is its own origin on another loopback port, and the inspector may frame only it', async () => {
    expect(sandboxPort).toBeGreaterThan(0);
    expect(sandboxPort).not.toBe(ui.port);
    const page = await rawGet(ui.port, '/', { cookie: ui.cookie });
    expect(page.headers['content-security-policy']).toContain(
      `frame-src http://127.0.0.1:${sandboxPort};`,
    );
  });

  it('serves a staged app: the sandbox page relays to the page origin, the document carries its CSP', async () => {
    const app = await stage({
      csp: {
        connectDomains: ['https://api.example.com'],
        resourceDomains: ['https://cdn.example.com'],
      },
      permissions: { clipboardWrite: {} },
    });
    expect(app.origin).toBe(`http://127.0.0.1:${sandboxPort}`);
    expect(app.allow).toBe('clipboard-write');
    const outer = await rawGet(sandboxPort, pathOf(app.url));
    expect(outer.status).toBe(200);
    expect(outer.body).toContain(`data-host-origin="${ui.origin}"`);
    expect(outer.headers['content-security-policy']).toContain(`frame-ancestors ${ui.origin}`);
    expect(outer.headers['content-security-policy']).toContain("script-src 'self'");
    const inner = await rawGet(sandboxPort, `/app/${app.id}`);
    expect(inner.status).toBe(200);
    expect(inner.body).toBe(APP_HTML);
    const csp = inner.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('connect-src https://api.example.com;');
    expect(csp).toContain("script-src 'unsafe-inline' https://cdn.example.com;");
    expect(csp).toContain("frame-src 'none'");
    expect(csp).toContain(`frame-ancestors http://127.0.0.1:${sandboxPort} ${ui.origin}`);
    expect(inner.headers['permissions-policy']).toBe(
      'camera=(), microphone=(), geolocation=(), clipboard-write=*',
    );
    const script = await rawGet(sandboxPort, '/sandbox.js');
    expect(script.status).toBe(200);
    expect(script.body).toContain('sandbox-proxy-ready');
  });

  it('with no csp declared, the app reaches no network at all', async () => {
    const app = await stage();
    const csp = (await rawGet(sandboxPort, `/app/${app.id}`)).headers['content-security-policy'];
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain('img-src data: blob:;');
  });

  it('drops declared "domains" that would widen the policy (keywords, wildcards, a new directive)', async () => {
    const app = await stage({
      csp: { connectDomains: ["'unsafe-eval'", '*', 'https://ok.example; script-src *', 'data:'] },
    });
    const csp = (await rawGet(sandboxPort, `/app/${app.id}`)).headers['content-security-policy'];
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('refuses a Host that is not its own port (DNS rebinding), even for a staged app', async () => {
    const app = await stage();
    for (const host of ['evil.example', `evil.example:${sandboxPort}`, `127.0.0.1:${ui.port}`]) {
      const res = await rawGet(sandboxPort, `/app/${app.id}`, { host });
      expect(res.status, host).toBe(403);
      expect(res.body).not.toContain('hello from the app');
    }
  });

  it('serves nothing of the inspector: no page, no assets, no API, no token-for-cookie trade', async () => {
    const withInspectorCreds = { cookie: ui.cookie, origin: ui.origin };
    for (const path of [
      '/',
      '/index.html',
      '/assets/app.js',
      `/?token=${ui.token}`,
      '/api/recordings',
      '/oauth/callback?state=x',
      '/ws',
      '/sandbox/unknown-id-unknown-idxx',
      '/app/../index.html',
    ]) {
      const res = await rawGet(sandboxPort, path, withInspectorCreds);
      expect(res.status, path).toBe(404);
      expect(res.headers['set-cookie'], path).toBeUndefined();
      expect(res.body, path).not.toContain(ui.token);
    }
  });

  it('answers only GET and HEAD', async () => {
    const app = await stage();
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await send(method, `/app/${app.id}`);
      expect(res.status, method).toBe(405);
      expect(res.body).not.toContain('hello from the app');
    }
  });

  it('has no WebSocket, with or without the inspector token and cookie', async () => {
    for (const path of ['/ws', `/ws?token=${ui.token}`, '/']) {
      const outcome = await tryOpenSocket(`ws://127.0.0.1:${sandboxPort}${path}`, {
        origin: ui.origin,
        cookie: ui.cookie,
      });
      expect(outcome.ok, path).toBe(false);
      if (!outcome.ok) expect(outcome.status).toBe(404);
    }
  });

  it('the inspector refuses what a sandboxed app would send: Origin null or the sandbox origin', async () => {
    for (const origin of ['null', `http://127.0.0.1:${sandboxPort}`]) {
      const ws = await tryOpenSocket(ui.wsUrl, { origin, cookie: ui.cookie });
      expect(ws.ok, origin).toBe(false);
      if (!ws.ok) expect(ws.status).toBe(403);
      const page = await rawGet(ui.port, '/', { origin, cookie: ui.cookie });
      expect(page.status, origin).toBe(403);
    }
  });
});
