import type { OAuthExchange, OAuthStepName } from '@mcpscope/protocol';
import type { FetchLike } from '@modelcontextprotocol/client';
import { REDACTED, redactHeaders } from '../recording/redact.js';
import type { TrafficLog } from '../session/traffic-log.js';
import { headersToRecord } from '../transports/tapped-fetch.js';
import type { FlowRecorder } from './flow.js';

/** Fields of OAuth requests, responses and redirects whose values are secrets. */
const SECRET_FIELDS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  'code_verifier',
  'client_secret',
  'client_assertion',
  'registration_access_token',
  'assertion',
  'password',
]);

/** Bodies longer than this are cut in the flow view (metadata documents are small). */
const BODY_LIMIT = 16 * 1024;

/** Which OAuth step a request belongs to, or undefined for MCP traffic. */
export function classifyRequest(
  url: string,
  init: RequestInit | undefined,
  registrationEndpoint: string | undefined,
): OAuthStepName | undefined {
  const path = new URL(url).pathname;
  if (path.includes('/.well-known/oauth-protected-resource')) return 'resource-metadata';
  if (
    path.includes('/.well-known/oauth-authorization-server') ||
    path.includes('/.well-known/openid-configuration')
  )
    return 'authorization-server-metadata';
  if (init?.body instanceof URLSearchParams) {
    return init.body.get('grant_type') === 'refresh_token' ? 'refresh' : 'token';
  }
  if (registrationEndpoint !== undefined && sameEndpoint(url, registrationEndpoint))
    return 'client-registration';
  return undefined;
}

function sameEndpoint(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

/**
 * A `fetch` for the SDK's `auth()`: every OAuth exchange goes into the flow's step and into
 * the traffic log as an `http` entry, redacted before it is stored anywhere (tokens, codes,
 * client secrets and PKCE verifiers never reach the UI, a recording or a log).
 */
export function createOAuthFetch(
  recorder: FlowRecorder,
  log: TrafficLog,
  stepFor: (url: string, init: RequestInit | undefined) => OAuthStepName,
  base: FetchLike = fetch,
): FetchLike {
  return async (input, init) => {
    const url = String(input);
    const step = stepFor(url, init);
    const method = init?.method ?? 'GET';
    const exchange: OAuthExchange = {
      method,
      url: redactUrlParams(url),
      requestHeaders: redactHeaders(headersToRecord(init?.headers)),
    };
    const body = requestBodyText(init?.body);
    if (body !== undefined) exchange.requestBody = redactBody(body);
    const started = performance.now();
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      exchange.error = (error as Error).message;
      recorder.exchange(step, exchange);
      log.appendFact('http', {
        transport: {
          http: { method, url: exchange.url },
          detail: `OAuth ${step}: ${exchange.error}`,
        },
        issues: [{ severity: 'error', code: 'OAUTH_NETWORK_ERROR', message: exchange.error }],
      });
      throw error;
    }
    exchange.durationMs = Math.round(performance.now() - started);
    exchange.status = response.status;
    exchange.responseHeaders = redactHeaders(headersToRecord(response.headers));
    // A redirect back to the client carries the authorization code in its Location.
    const location = exchange.responseHeaders['location'];
    if (location !== undefined) exchange.responseHeaders['location'] = redactUrlParams(location);
    // The SDK reads the body itself; a clone lets both read it (these are small documents).
    const text = await response
      .clone()
      .text()
      .catch(() => '');
    if (text !== '') exchange.responseBody = redactBody(text);
    recorder.exchange(step, exchange);
    log.appendFact('http', {
      ...(exchange.responseBody !== undefined && { raw: exchange.responseBody }),
      transport: {
        http: {
          method,
          url: exchange.url,
          status: response.status,
          statusText: response.statusText,
          requestHeaders: exchange.requestHeaders,
          responseHeaders: exchange.responseHeaders,
        },
        detail: `OAuth ${step}: ${method} ${exchange.url} → HTTP ${response.status}`,
      },
    });
    return response;
  };
}

function requestBodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  return '[body]';
}

/** A form or JSON body with secret fields replaced; anything else is cut to size. */
export function redactBody(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactJson(JSON.parse(trimmed)), null, 2).slice(0, BODY_LIMIT);
    } catch {
      // not JSON after all
    }
  }
  if (/^[\w.%+-]+=[^\s]*$/.test(trimmed)) {
    // Shown decoded, one field per line: this is for reading, not for sending again.
    return [...new URLSearchParams(trimmed)]
      .map(([name, value]) => `${name}=${SECRET_FIELDS.has(name) ? REDACTED : value}`)
      .join('\n')
      .slice(0, BODY_LIMIT);
  }
  return text.slice(0, BODY_LIMIT);
}

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_FIELDS.has(k) && typeof v === 'string' ? REDACTED : redactJson(v),
    ]),
  );
}

/** A URL (absolute or relative) with secret query parameters, such as a redirect's `code`, replaced. */
export function redactUrlParams(url: string): string {
  return url.replace(/([?&])([^=&#]+)=([^&#]*)/g, (match, sep: string, name: string) =>
    SECRET_FIELDS.has(name) ? `${sep}${name}=${REDACTED}` : match,
  );
}
