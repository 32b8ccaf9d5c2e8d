import websocket from '@fastify/websocket';
import type { ServerConfig } from '@mcpscope/protocol';
import Fastify, { type FastifyInstance } from 'fastify';
import { SessionHub } from './hub.js';
import { SavedServers } from './saved-servers.js';
import { checkAccess, cookieName, type AccessPolicy } from './security.js';
import { SocketClient } from './socket.js';
import { loadStaticFiles } from './static-files.js';

/** Largest WebSocket frame accepted from a browser. Commands are small; this bounds abuse. */
export const MAX_COMMAND_BYTES = 4 * 1024 * 1024;

export interface AppOptions {
  access: AccessPolicy;
  /** Directory of the built web UI. */
  webRoot: string;
  hub?: SessionHub;
  saved?: SavedServers;
  /** The ready-made first connection offered by the UI. */
  demo?: ServerConfig;
}

const UNAUTHORIZED_PAGE = `<!doctype html><meta charset="utf-8"><title>mcpscope: token needed</title>
<body style="font:16px system-ui;margin:4rem;max-width:40rem">
<h1>mcpscope needs its launch token</h1>
<p>Open the URL that <code>mcpscope</code> printed in the terminal where it started; it ends in <code>?token=…</code>.
The token keeps other web pages and other users of this machine from driving the proxy, which can start programs.</p>`;

/**
 * The proxy's HTTP face: the built UI, and the WebSocket at `/ws`. Every route and the
 * upgrade pass the access guard first (Host, Origin, token); nothing is spawned or served
 * before that.
 */
export async function buildApp(
  options: AppOptions,
): Promise<{ app: FastifyInstance; hub: SessionHub }> {
  const hub = options.hub ?? new SessionHub();
  const saved = options.saved ?? new SavedServers();
  const files = await loadStaticFiles(options.webRoot);
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  const { access } = options;

  // Registered before the access guard: the plugin's own hooks mark upgrade requests, so a
  // refused upgrade's socket is destroyed instead of lingering and holding app.close().
  await app.register(websocket, { options: { maxPayload: MAX_COMMAND_BYTES } });

  app.addHook('onRequest', async (request, reply) => {
    const url = new URL(request.url, 'http://placeholder');
    const verdict = checkAccess(access, {
      host: request.headers.host,
      origin: request.headers.origin,
      cookie: request.headers.cookie,
      queryToken: url.searchParams.get('token') ?? undefined,
      upgrade: request.headers.upgrade?.toLowerCase() === 'websocket',
    });
    if (verdict.ok) return;
    const wantsHtml =
      verdict.status === 401 &&
      request.method === 'GET' &&
      (request.headers.accept ?? '').includes('text/html');
    await reply
      .code(verdict.status)
      .header('cache-control', 'no-store')
      .type(wantsHtml ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8')
      .send(wantsHtml ? UNAUTHORIZED_PAGE : verdict.reason);
  });

  // Security headers on everything served: no framing, no sniffing, no referrer leaks.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data: blob: https: http:; media-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
  });

  app.get('/ws', { websocket: true }, (socket) => {
    new SocketClient(socket, { hub, saved, demo: options.demo });
  });

  app.get('/*', async (request, reply) => {
    const url = new URL(request.url, 'http://placeholder');
    const token = url.searchParams.get('token');
    if (token !== null) {
      // Trade the token for a cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      return reply
        .header(
          'set-cookie',
          `${cookieName(access.port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        )
        .redirect(`${url.pathname}${url.search}`, 302);
    }
    const path =
      url.pathname === '/' || (!files.has(url.pathname) && !url.pathname.startsWith('/assets/'))
        ? '/index.html'
        : url.pathname;
    const file = files.get(path);
    if (file === undefined) {
      return reply
        .code(path === '/index.html' ? 503 : 404)
        .type('text/plain')
        .send(
          path === '/index.html'
            ? 'the web UI is not built: run `npm start` from the repository, or reinstall mcpscope'
            : 'not found',
        );
    }
    return reply
      .type(file.type)
      .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(file.body);
  });

  return { app, hub };
}
