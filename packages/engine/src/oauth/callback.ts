import { randomBytes } from 'node:crypto';

/** What the authorization server sent back on the redirect (RFC 6749 §4.1.2, RFC 9207). */
export interface AuthorizationResponse {
  code?: string;
  state?: string;
  iss?: string;
  error?: string;
  errorDescription?: string;
}

/** The authorization response in a redirect's query. */
export function authorizationResponseFrom(query: URLSearchParams): AuthorizationResponse {
  const response: AuthorizationResponse = {};
  for (const [key, field] of [
    ['code', 'code'],
    ['state', 'state'],
    ['iss', 'iss'],
    ['error', 'error'],
    ['error_description', 'errorDescription'],
  ] as const) {
    const value = query.get(key);
    if (value !== null) response[field] = value;
  }
  return response;
}

interface Waiter {
  resolve: (response: AuthorizationResponse) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Authorizations waiting for their redirect, by `state`. The loopback callback (a route on
 * the proxy, or the CLI's own listener) hands every redirect here; only a `state` this
 * process issued and still waits for is accepted. The state is 32 random bytes, so the
 * callback needs no session cookie: a page that cannot guess it cannot complete a flow.
 */
export class PendingAuthorizations {
  private readonly waiting = new Map<string, Waiter>();

  /** A fresh, unguessable `state` value. */
  newState(): string {
    return randomBytes(32).toString('base64url');
  }

  /** Waits for the redirect carrying `state`, up to `timeoutMs`. */
  expect(state: string, timeoutMs: number): Promise<AuthorizationResponse> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(state);
        reject(
          new Error(
            `no redirect came back within ${Math.round(timeoutMs / 1000)} s (was the authorization page completed?)`,
          ),
        );
      }, timeoutMs);
      timer.unref();
      this.waiting.set(state, { resolve, reject, timer });
    });
  }

  /** True while a flow waits for this state. */
  has(state: string): boolean {
    return this.waiting.has(state);
  }

  /**
   * Delivers a redirect's query. Returns what to tell the browser; `ok: false` means the
   * state is unknown (nothing was resolved: a stray or forged request).
   */
  deliver(query: URLSearchParams): { ok: boolean; message: string } {
    const state = query.get('state') ?? '';
    const waiter = this.waiting.get(state);
    if (state === '' || waiter === undefined) {
      return {
        ok: false,
        message:
          'This authorization response does not belong to a flow mcpscope is waiting for (unknown or expired state). Start the authorization again.',
      };
    }
    this.waiting.delete(state);
    clearTimeout(waiter.timer);
    const response = authorizationResponseFrom(query);
    waiter.resolve(response);
    return response.error !== undefined
      ? {
          ok: true,
          message: `The authorization server answered with an error: ${response.error}${response.errorDescription ? ` (${response.errorDescription})` : ''}. mcpscope shows the details.`,
        }
      : { ok: true, message: 'Authorized. You can close this tab and go back to mcpscope.' };
  }

  /** Gives up on a flow (the user cancelled, the session closed). */
  cancel(state: string, reason: string): void {
    const waiter = this.waiting.get(state);
    if (waiter === undefined) return;
    this.waiting.delete(state);
    clearTimeout(waiter.timer);
    waiter.reject(new Error(reason));
  }
}

/** The small page the browser shows after the redirect. No script, nothing from outside. */
export function callbackPage(ok: boolean, message: string): string {
  const escaped = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>mcpscope authorization</title>
<style>body{font:16px system-ui,sans-serif;margin:3rem;color:#1f2937}h1{font-size:1.25rem}</style></head>
<body><h1>${ok ? 'mcpscope: authorization received' : 'mcpscope: authorization not accepted'}</h1><p>${escaped}</p></body></html>`;
}

/** The process-wide registry: the proxy's callback route and the providers share it. */
export const pendingAuthorizations = new PendingAuthorizations();
