import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerConfig } from '@mcpscope/protocol';
import { WebSocketServer } from 'ws';
import { RecordingLibrary } from '@mcpscope/engine/recording/library';
import { SessionHub } from './hub.js';
import { recordingRoute, type RouteResponse } from './recording-routes.js';
import type { SavedServers } from './saved-servers.js';
import { callbackPage, pendingAuthorizations } from '@mcpscope/engine/oauth/callback';
import {
  checkAccess,
  checkCallbackAccess,
  checkTapAccess,
  TAP_PATH,
  cookieName,
  requestUrl,
  isOAuthCallback,
  OAUTH_CALLBACK_PATH,
  type AccessPolicy,
} from './security.js';
import type { SocketClient, SocketContext } from './socket.js';
import { loadStaticFiles } from './static-files.js';
import { AppSandbox } from './app-sandbox.js';

/** Largest WebSocket frame accepted from a browser. Commands are small; this bounds abuse. */
export const MAX_COMMAND_BYTES = 4 * 1024 * 1024;
/** How long closing sockets may take their close handshake before they are cut. */
const SOCKET_CLOSE_GRACE_MS = 1000;

export interface AppOptions {
  access: AccessPolicy;
  /**
   * The secret of the tap feed (`/tap`, see checkTapAccess), written to the runtime file;
   * without it, the feed is closed to everyone.
   */
  tapToken?: string;
  /** Directory of the built web UI. */
  webRoot: string;
  hub?: SessionHub;
  saved?: SavedServers;
  /** The ready-made first connection offered by the UI. */
  demo?: ServerConfig;
  /** Where sessions are recorded (default: the user's data directory; null: nowhere); ignored with `hub`. */
  recordings?: RecordingLibrary | null;
  /** False: new sessions start unrecorded (`mcpscope ui --no-record`). */
  recordByDefault?: boolean;
  /** The cap on one stdout line of a stdio server (`--max-line-mb`); ignored with `hub`. */
  maxLineBytes?: number;
  /** The cap on sessions (`--max-sessions`); ignored with `hub`. */
  maxSessions?: number;
  /** A recording file to serve at `/api/view-file` (`mcpscope view FILE`). */
  viewFile?: string;
}

/** The proxy's HTTP server and its WebSocket endpoint. */
export interface ProxyApp {
  readonly server: Server;
  readonly websocketServer: WebSocketServer;
  /** The MCP Apps sandbox, on its own loopback port (listening once `listen` resolved). */
  readonly sandbox: AppSandbox;
  listen(options: { host: string; port: number }): Promise<void>;
  /** Closes every socket (close handshake, then cut) and the HTTP server. */
  close(): Promise<void>;
}

const UNAUTHORIZED_PAGE = `<!doctype html><meta charset="utf-8"><title>mcpscope: token needed</title>
<body style="font:16px system-ui;margin:4rem;max-width:40rem">
<h1>mcpscope needs its launch token</h1>
<p>Open the URL that <code>mcpscope</code> printed in the terminal where it started; it ends in <code>?token=…</code>.
The token keeps other web pages and other users of this machine from driving the proxy, which can start programs.</p>`;

/**
 * Security headers on everything served: no framing, no sniffing, no referrer leaks. The
 * page may frame only the MCP Apps sandbox origin (`frame-src`), nothing else.
 */
function securityHeaders(sandboxOrigin: string): Record<string, string> {
  return {
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'content-security-policy': `default-src 'self'; img-src 'self' data: blob: https: http:; media-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-src ${sandboxOrigin}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
  };
}

const TEXT = 'text/plain; charset=utf-8';

type Response = RouteResponse;

const text = (status: number, body: string, type = TEXT): Response => ({
  status,
  headers: { 'content-type': type },
  body,
});

/**
 * The proxy's HTTP face: the built UI, and the WebSocket at `/ws`. Every request and every
 * upgrade passes the access guard first (Host, Origin, token); nothing is spawned or served
 * before that.
 *
 * Plain node:http and ws rather than a framework: there are two routes, and loading Fastify
 * (with ajv, pino and fast-json-stringify) took longer than everything else `mcpscope ui`
 * does before it can serve the page (see docs/benchmarks.md).
 */
export async function buildApp(options: AppOptions): Promise<{ app: ProxyApp; hub: SessionHub }> {
  const { access } = options;
  const hub =
    options.hub ??
    new SessionHub({
      oauthCallbackUrl: () => `http://127.0.0.1:${access.port}${OAUTH_CALLBACK_PATH}`,
      ...(options.recordings !== null && {
        recordings: options.recordings ?? new RecordingLibrary(),
      }),
      ...(options.recordByDefault !== undefined && { recordByDefault: options.recordByDefault }),
      ...(options.maxLineBytes !== undefined && { maxLineBytes: options.maxLineBytes }),
      ...(options.maxSessions !== undefined && { maxSessions: options.maxSessions }),
    });
  const files = await loadStaticFiles(options.webRoot);
  const sandbox = new AppSandbox();
  let context: Promise<SocketContext> | undefined;
  const socketContext = (): Promise<SocketContext> =>
    (context ??= (async () => ({
      hub,
      saved: options.saved ?? new (await import('./saved-servers.js')).SavedServers(),
      demo: options.demo,
      sandbox,
    }))());
  let socketClass: Promise<typeof SocketClient> | undefined;
  const loadSocketClass = (): Promise<typeof SocketClient> =>
    (socketClass ??= import('./socket.js').then((m) => m.SocketClient));

  const guard = (request: IncomingMessage, upgrade: boolean): Response | undefined => {
    const target = requestUrl(request.url);
    if (target === undefined) return text(400, 'malformed request target');
    const callback = isOAuthCallback(request.method ?? 'GET', target);
    const verdict = (callback ? checkCallbackAccess : checkAccess)(access, {
      host: request.headers.host,
      origin: request.headers.origin,
      cookie: request.headers.cookie,
      queryToken: queryToken(request.url),
      upgrade,
    });
    if (verdict.ok) return undefined;
    const wantsHtml =
      verdict.status === 401 &&
      request.method === 'GET' &&
      (request.headers.accept ?? '').includes('text/html');
    const refusal = wantsHtml
      ? text(verdict.status, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8')
      : text(verdict.status, verdict.reason);
    refusal.headers['cache-control'] = 'no-store';
    return refusal;
  };

  const route = (request: IncomingMessage): Response => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const refusal = text(405, `${request.method ?? 'this method'} is not supported here`);
      refusal.headers['allow'] = 'GET, HEAD';
      return refusal;
    }
    const url = requestUrl(request.url);
    if (url === undefined) return text(400, 'malformed request target');
    if (url.pathname === '/ws') return text(426, 'this is the WebSocket endpoint: upgrade to it');
    if (isOAuthCallback(request.method, url)) {
      // The OAuth redirect (see checkCallbackAccess): only a state this proxy issued counts.
      const { ok, message } = pendingAuthorizations.deliver(url.searchParams);
      const page = text(ok ? 200 : 400, callbackPage(ok, message), 'text/html; charset=utf-8');
      page.headers['cache-control'] = 'no-store';
      return page;
    }
    const token = url.searchParams.get('token');
    if (token !== null) {
      // Trade the token for a cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      return {
        status: 302,
        headers: {
          // Never off this origin: `/.//evil.example/` normalises to `//evil.example/`, a
          // protocol-relative URL (an open redirect), so leading slashes collapse to one.
          location: `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`,
          'set-cookie': [
            `${cookieName(access.port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
          ],
        },
        body: '',
      };
    }
    const path =
      url.pathname === '/' || (!files.has(url.pathname) && !url.pathname.startsWith('/assets/'))
        ? '/index.html'
        : url.pathname;
    const file = files.get(path);
    if (file === undefined) {
      return path === '/index.html'
        ? text(
            503,
            'the web UI is not built: run `npm start` from the repository, or reinstall mcpscope',
          )
        : text(404, 'not found');
    }
    return {
      status: 200,
      headers: {
        'content-type': file.type,
        'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
      body: file.body,
    };
  };

  /** The guard of `/tap`, or undefined for any other upgrade. */
  const tapGuard = (request: IncomingMessage): Response | undefined => {
    const verdict = checkTapAccess(
      { ...access, tapToken: options.tapToken },
      {
        host: request.headers.host,
        origin: request.headers.origin,
        authorization: request.headers.authorization,
        upgrade: true,
      },
    );
    return verdict.ok ? undefined : text(verdict.status, verdict.reason);
  };

  const server = createServer((request, reply) => {
    const send = (response: Response): void => {
      reply.writeHead(response.status, {
        ...securityHeaders(sandbox.origin),
        ...response.headers,
        'content-length': Buffer.byteLength(response.body),
      });
      reply.end(request.method === 'HEAD' ? undefined : response.body);
    };
    const failed = (error: unknown): Response =>
      text(500, `internal error: ${(error as Error).message}`);
    try {
      const refusal = guard(request, false);
      // The recordings API reads files: the only routes that answer asynchronously.
      const api =
        refusal === undefined
          ? recordingRoute(request, { library: hub.recordings, viewFile: options.viewFile })
          : undefined;
      if (api !== undefined) {
        api.then(send, (error: unknown) => send(failed(error)));
        return;
      }
      send(refusal ?? route(request));
    } catch (error) {
      send(failed(error));
    }
  });

  const websocketServer = new WebSocketServer({ noServer: true, maxPayload: MAX_COMMAND_BYTES });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    let refusal: Response | undefined;
    const tap = requestUrl(request.url)?.pathname === TAP_PATH;
    try {
      refusal = tap
        ? tapGuard(request)
        : (guard(request, true) ??
          (requestUrl(request.url)?.pathname === '/ws' ? undefined : text(404, 'not found')));
    } catch (error) {
      // No request, authenticated or not, may take the proxy (and every session) down.
      refusal = text(500, `internal error: ${(error as Error).message}`);
    }
    if (refusal !== undefined) {
      refuseUpgrade(socket, refusal, sandbox.origin);
      return;
    }
    if (tap) {
      import('./tap-feed.js').then(
        ({ acceptTapFeed }) =>
          websocketServer.handleUpgrade(request, socket, head, (ws) => {
            ws.on('error', () => undefined);
            acceptTapFeed(ws, hub);
          }),
        (error: unknown) =>
          refuseUpgrade(
            socket,
            text(500, `internal error: ${(error as Error).message}`),
            sandbox.origin,
          ),
      );
      return;
    }
    // The socket layer (zod, the wire schemas) loads with the first socket, not before the
    // page: its compile time would otherwise delay the first response.
    Promise.all([loadSocketClass(), socketContext()]).then(
      ([SocketClient, ctx]) =>
        websocketServer.handleUpgrade(request, socket, head, (ws) => {
          // A protocol error (e.g. a frame over maxPayload) closes that socket with its code
          // (1009, 1002); the error event itself only repeats it.
          ws.on('error', () => undefined);
          websocketServer.emit('connection', ws, request);
          new SocketClient(ws, ctx, request.headers.origin);
        }),
      (error: unknown) =>
        refuseUpgrade(
          socket,
          text(500, `internal error: ${(error as Error).message}`),
          sandbox.origin,
        ),
    );
  });

  const app: ProxyApp = {
    server,
    websocketServer,
    sandbox,
    async listen({ host, port }) {
      await sandbox.listen();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    },
    async close() {
      for (const ws of websocketServer.clients) ws.close(1001, 'mcpscope is shutting down');
      const cut = setTimeout(() => {
        for (const ws of websocketServer.clients) ws.terminate();
      }, SOCKET_CLOSE_GRACE_MS);
      await new Promise<void>((resolve) => {
        websocketServer.close(() => resolve());
      });
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      clearTimeout(cut);
      await sandbox.close();
    },
  };
  return { app, hub };
}

/** The `?token=` of a request URL, if any. */
function queryToken(url: string | undefined): string | undefined {
  if (url === undefined || !url.includes('token=')) return undefined;
  return requestUrl(url)?.searchParams.get('token') ?? undefined;
}

/**
 * Answers a refused upgrade and ends the connection. The HTTP server no longer owns an
 * upgrade's socket: left open, every refused reconnect of a stale tab would leak one, and
 * close() would wait for them forever.
 */
function refuseUpgrade(socket: Duplex, response: Response, sandboxOrigin: string): void {
  const body = Buffer.from(response.body);
  const headers = {
    ...securityHeaders(sandboxOrigin),
    ...response.headers,
    connection: 'close',
    'content-length': String(body.length),
  };
  const head = [
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${String(value)}`),
    '',
    '',
  ].join('\r\n');
  socket.once('finish', () => socket.destroy());
  socket.end(Buffer.concat([Buffer.from(head), body]));
}
