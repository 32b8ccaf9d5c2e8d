import { loopbackHosts } from '../common/loopback.js';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh launch token: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares a presented token with the real one in constant time (lengths hidden by hashing). */
export function tokenMatches(presented: string | undefined, token: string): boolean {
  if (presented === undefined || presented === '') return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** The cookie name carries the port: cookies are per host, not per port, and two mcpscopes may run. */
export function cookieName(port: number): string {
  return `mcpscope_${port}`;
}

/**
 * Reads every value of one cookie from a Cookie header. Any page on another 127.0.0.1 port
 * can set cookies for our host (cookies are per host, not per port), even one of our name
 * with a more specific Path that the browser sends first: all of them are candidates.
 */
export function readCookies(header: string | undefined, name: string): string[] {
  if (header === undefined) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      // A malformed value is simply not a token (401), never a server error.
      try {
        values.push(decodeURIComponent(part.slice(eq + 1).trim()));
      } catch {
        continue;
      }
    }
  }
  return values;
}

/** Reads the first value of one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  return readCookies(header, name)[0];
}

/**
 * The request target as a URL, or undefined when it is not one (`GET http://[ HTTP/1.1`):
 * such a request is answered 400, and must never throw inside a handler.
 */
export function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://placeholder');
  } catch {
    return undefined;
  }
}

/** The guard's verdict on one request. */
export type AccessVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export interface AccessPolicy {
  token: string;
  port: number;
  /** Extra allowed `Host` values (`host:port`), e.g. when bound to a LAN address on purpose. */
  extraHosts?: string[];
  /** Extra allowed origins, e.g. a Vite dev server. */
  extraOrigins?: string[];
}

/**
 * Decides whether a request may proceed: the `Host` must be a loopback name for our port
 * (DNS rebinding), a present `Origin` must be our own (cross-site requests and WebSocket
 * hijacking), a WebSocket upgrade must carry an `Origin` at all, and the token must match,
 * from the cookie or `?token=`.
 */
export function checkAccess(
  policy: AccessPolicy,
  request: {
    host: string | undefined;
    origin: string | undefined;
    cookie: string | undefined;
    queryToken: string | undefined;
    upgrade: boolean;
  },
): AccessVerdict {
  const hostVerdict = checkHost(policy, request.host);
  if (!hostVerdict.ok) return hostVerdict;
  const hosts = [...loopbackHosts(policy.port), ...(policy.extraHosts ?? [])];
  const origins = [...hosts.map((h) => `http://${h}`), ...(policy.extraOrigins ?? [])];
  if (request.origin !== undefined && !origins.includes(request.origin.toLowerCase())) {
    return { ok: false, status: 403, reason: `Origin "${request.origin}" is not allowed` };
  }
  if (request.upgrade && request.origin === undefined) {
    return {
      ok: false,
      status: 403,
      reason: 'a WebSocket upgrade without an Origin header is not accepted',
    };
  }
  // The URL's token always wins (so re-opening the printed URL recovers from any cookie);
  // otherwise any cookie of our name may carry it. Each is compared in constant time.
  const presented =
    request.queryToken !== undefined
      ? [request.queryToken]
      : readCookies(request.cookie, cookieName(policy.port));
  if (!presented.some((candidate) => tokenMatches(candidate, policy.token))) {
    return {
      ok: false,
      status: 401,
      reason: 'missing or wrong token: open the URL that mcpscope printed when it started',
    };
  }
  return { ok: true };
}

/** The proxy's OAuth redirect URI path (the guided flow's loopback callback). */
export const OAUTH_CALLBACK_PATH = '/oauth/callback';

/** True for the OAuth redirect: a GET of {@link OAUTH_CALLBACK_PATH}. */
export function isOAuthCallback(method: string, url: URL): boolean {
  return method === 'GET' && url.pathname === OAUTH_CALLBACK_PATH;
}

/**
 * The guard of the OAuth callback. The authorization server sends the browser here by a
 * cross-site navigation, so the SameSite=Strict cookie is absent and there may be a foreign
 * Referer: the token cannot be asked for. The Host is still checked (DNS rebinding), and the
 * route itself accepts only a `state` this proxy issued and is waiting for (32 random bytes,
 * single use), so a page that cannot read the authorization URL cannot complete a flow.
 */
export function checkCallbackAccess(
  policy: AccessPolicy,
  request: { host: string | undefined; upgrade: boolean },
): AccessVerdict {
  const hostVerdict = checkHost(policy, request.host);
  if (!hostVerdict.ok) return hostVerdict;
  if (request.upgrade) return { ok: false, status: 403, reason: 'not a WebSocket endpoint' };
  return { ok: true };
}

/** The WebSocket path where `mcpscope tap` feeds observed traffic (see docs/tap.md). */
export const TAP_PATH = '/tap';

/**
 * The guard of the tap feed, a WebSocket that a local non-browser process (`mcpscope tap`)
 * opens. The Host and Origin checks are the same as for `/ws` (a page elsewhere still cannot
 * reach it, a rebinding name is still refused, and the upgrade must still carry our own
 * Origin); what differs is the credential: not the launch token from a cookie or the URL, but
 * the separate tap token, presented as `Authorization: Bearer …`, which the proxy wrote to
 * its 0600 runtime file. A browser cannot set that header on a WebSocket, and the tap token
 * opens only this feed (adding observed sessions), never `/ws` or an HTTP route: it cannot
 * start programs or read sessions.
 */
export function checkTapAccess(
  policy: AccessPolicy & { tapToken: string | undefined },
  request: {
    host: string | undefined;
    origin: string | undefined;
    authorization: string | undefined;
    upgrade: boolean;
  },
): AccessVerdict {
  const hostVerdict = checkHost(policy, request.host);
  if (!hostVerdict.ok) return hostVerdict;
  if (!request.upgrade) return { ok: false, status: 403, reason: 'the tap feed is a WebSocket' };
  const origins = loopbackHosts(policy.port).map((h) => `http://${h}`);
  if (request.origin === undefined || !origins.includes(request.origin.toLowerCase())) {
    return {
      ok: false,
      status: 403,
      reason: `the tap feed needs this proxy's own Origin (${origins[0]}), got "${request.origin ?? ''}"`,
    };
  }
  const bearer = /^Bearer (\S+)$/.exec(request.authorization ?? '')?.[1];
  if (policy.tapToken === undefined || !tokenMatches(bearer, policy.tapToken)) {
    return {
      ok: false,
      status: 401,
      reason:
        'missing or wrong tap token: mcpscope tap reads it from the runtime file of mcpscope ui',
    };
  }
  return { ok: true };
}

/** The `Host` must be a loopback name for our port (or an extra host the user allowed). */
function checkHost(policy: AccessPolicy, host: string | undefined): AccessVerdict {
  const hosts = [...loopbackHosts(policy.port), ...(policy.extraHosts ?? [])];
  if (host === undefined || !hosts.includes(host.toLowerCase())) {
    return {
      ok: false,
      status: 403,
      reason: `Host "${host ?? ''}" is not this mcpscope (expected ${hosts[0]})`,
    };
  }
  return { ok: true };
}
