import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { loopbackHosts } from '../common/loopback.js';
import { requestUrl } from './security.js';
import {
  allowAttribute,
  appCspHeader,
  permissionsPolicyHeader,
  type AppCsp,
  type AppPermissions,
} from './app-sandbox-policy.js';
import { SANDBOX_SCRIPT, sandboxPage } from './app-sandbox-page.js';

/** How many staged apps are kept; the oldest goes first (each call of a tool stages one). */
const MAX_STAGED = 100;

/** One `ui://` resource ready to be framed. */
interface StagedApp {
  html: string;
  csp: AppCsp | undefined;
  permissions: AppPermissions | undefined;
  /** The inspector origin that staged it: the only one its sandbox talks to and may be framed by. */
  hostOrigin: string;
}

/** What the inspector page needs to frame a staged app. */
export interface StagedAppRef {
  id: string;
  /** The sandbox page to put in the outer iframe. */
  url: string;
  /** The sandbox origin, which the host checks on every message. */
  origin: string;
  /** The outer iframe's `allow` attribute. */
  allow: string;
}

const HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  // The app's origin is not the inspector's, but it must not reach into its opener either.
  'cross-origin-resource-policy': 'same-origin',
};

type Reply = { status: number; headers: Record<string, string>; body: string };
const plain = (status: number, body: string): Reply => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

/**
 * The MCP Apps sandbox: a second HTTP listener on its own loopback port, so an app never
 * shares the inspector's origin (and so never its cookie, token or WebSocket). It serves
 * only the sandbox page, its script and the staged apps' documents, to GET and HEAD, for a
 * loopback `Host` of its own port. It reads no cookie and no token, has no WebSocket, and
 * answers everything else 404.
 */
export class AppSandbox {
  readonly server: Server;
  private readonly staged = new Map<string, StagedApp>();
  private port = 0;

  constructor() {
    this.server = createServer((request, response) => {
      const reply = this.route(request.method ?? 'GET', request.url, request.headers.host);
      response.writeHead(reply.status, {
        ...HEADERS,
        ...reply.headers,
        'content-length': Buffer.byteLength(reply.body),
      });
      response.end(request.method === 'HEAD' ? undefined : reply.body);
    });
    this.server.on('upgrade', (_request, socket: Duplex) => refuseUpgrade(socket));
  }

  /** `http://127.0.0.1:PORT`, once listening. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens on loopback only, whatever the inspector is bound to: apps are local. */
  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : port;
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Stages one app's HTML and returns where its sandbox page is. */
  stage(app: StagedApp): StagedAppRef {
    const id = randomBytes(16).toString('base64url');
    this.staged.set(id, app);
    while (this.staged.size > MAX_STAGED) {
      const oldest = this.staged.keys().next().value;
      if (oldest === undefined) break;
      this.staged.delete(oldest);
    }
    return {
      id,
      url: `${this.origin}/sandbox/${id}`,
      origin: this.origin,
      allow: allowAttribute(app.permissions),
    };
  }

  /** One request's answer; exported through the server only. */
  private route(method: string, target: string | undefined, host: string | undefined): Reply {
    if (host === undefined || !loopbackHosts(this.port).includes(host.toLowerCase())) {
      return plain(403, `Host "${host ?? ''}" is not this MCP App sandbox`);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      const reply = plain(405, 'the MCP App sandbox only serves GET');
      reply.headers['allow'] = 'GET, HEAD';
      return reply;
    }
    const url = requestUrl(target);
    if (url === undefined) return plain(400, 'malformed request target');
    if (url.pathname === '/sandbox.js') {
      return {
        status: 200,
        headers: { 'content-type': 'text/javascript; charset=utf-8' },
        body: SANDBOX_SCRIPT,
      };
    }
    const match = /^\/(sandbox|app)\/([A-Za-z0-9_-]{22})$/.exec(url.pathname);
    const app = match === null ? undefined : this.staged.get(match[2]!);
    if (match === null || app === undefined) {
      return plain(404, 'no such MCP App here (apps are staged by the inspector page)');
    }
    const ancestors = `${this.origin} ${app.hostOrigin}`;
    if (match[1] === 'sandbox') {
      return {
        status: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ${app.hostOrigin}`,
          'permissions-policy': permissionsPolicyHeader(app.permissions),
        },
        body: sandboxPage({
          appPath: `/app/${match[2]!}`,
          hostOrigin: app.hostOrigin,
          allow: allowAttribute(app.permissions),
        }),
      };
    }
    return {
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': appCspHeader(app.csp, ancestors),
        'permissions-policy': permissionsPolicyHeader(app.permissions),
      },
      body: app.html,
    };
  }
}

/** There is no WebSocket here: an upgrade is answered 404 and its connection ended. */
function refuseUpgrade(socket: Duplex): void {
  socket.on('error', () => socket.destroy());
  const body = 'the MCP App sandbox has no WebSocket';
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 404 ${STATUS_CODES[404]}\r\nconnection: close\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
