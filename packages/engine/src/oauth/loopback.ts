import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callbackPage, type PendingAuthorizations } from './callback.js';

/** The CLI's loopback redirect target (RFC 8252 §7.3): one path on 127.0.0.1, nothing else. */
export interface LoopbackCallback {
  redirectUri: string;
  close: () => Promise<void>;
}

/**
 * Listens on 127.0.0.1 for the authorization server's redirect and hands its query to
 * `pending`, which accepts only a state it issued. Port 0 lets the OS choose: loopback
 * redirect URIs may use any port.
 */
export async function listenForCallback(
  pending: PendingAuthorizations,
  port = 0,
): Promise<LoopbackCallback> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/callback') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const { ok, message } = pending.deliver(url.searchParams);
    res
      .writeHead(ok ? 200 : 400, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      })
      .end(callbackPage(ok, message));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${bound}/callback`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
