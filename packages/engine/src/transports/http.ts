import type { SseServerConfig, StreamableHttpServerConfig } from '@mcpscope/protocol';
import {
  SdkHttpError,
  SSEClientTransport,
  SseError,
  StreamableHTTPClientTransport,
  UnauthorizedError,
  type JSONRPCMessage,
  type Transport,
} from '@modelcontextprotocol/client';
import { maskBearer, type HttpAuth } from '../oauth/http-auth.js';
import type { TrafficLog } from '../session/traffic-log.js';
import { ConnectError, type CloseReason, type Connection, type SendOptions } from './connection.js';
import { createTappedFetch, describeNetworkError, type TappedFetch } from './tapped-fetch.js';

/**
 * A server reached over Streamable HTTP or legacy HTTP+SSE, through the SDK's transports.
 * Their `fetch` is our tapped one: everything the server sends reaches the traffic log from
 * the HTTP bodies, so the SDK's own `onmessage` is not used for dispatch.
 */
export class HttpConnection implements Connection {
  readonly kind: 'sse' | 'streamable-http';
  onclose?: (reason: CloseReason) => void;
  onanswerslost?: Connection['onanswerslost'];
  private transport: (Transport & { sessionId?: string }) | undefined;
  private tapped: TappedFetch | undefined;
  private closing = false;
  private closed = false;

  constructor(
    private readonly config: SseServerConfig | StreamableHttpServerConfig,
    private readonly log: TrafficLog,
    /** OAuth for servers that ask for it; absent when the user sends an Authorization header. */
    private readonly auth?: HttpAuth,
  ) {
    this.kind = config.transport;
  }

  get sessionId(): string | undefined {
    return this.transport?.sessionId;
  }

  async start(): Promise<void> {
    await this.auth?.provider.load();
    try {
      await this.open();
    } catch (error) {
      // Legacy SSE authorizes on the GET that opens the stream: with the code in hand, a
      // new transport starts with the token.
      const code = this.auth?.provider.takeAuthorizationCode();
      if (code === undefined || !(error instanceof UnauthorizedError)) throw error;
      await this.finishAuth(code);
      await this.open();
    }
  }

  private async open(): Promise<void> {
    const url = new URL(this.config.url);
    const tapped = (this.tapped = createTappedFetch(this.log, fetch, {
      onAnswersLost: (ids, message) => this.onanswerslost?.(ids, message),
      ...(this.auth !== undefined && { logRequestHeaders: maskBearer }),
    }));
    const options = {
      fetch: this.auth?.wrapFetch(tapped) ?? tapped,
      requestInit: { headers: this.config.headers },
      // The SDK's issuer check throws; the provider makes it instead, as a warning unless
      // strict (McpscopeOAuthProvider.saveDiscoveryState).
      ...(this.auth !== undefined && {
        authProvider: this.auth.provider,
        skipIssuerMetadataValidation: true,
      }),
    };
    const transport =
      this.config.transport === 'sse'
        ? new SSEClientTransport(url, options)
        : new StreamableHTTPClientTransport(url, options);
    this.transport = transport;
    transport.onmessage = () => undefined;
    transport.onerror = (error) => {
      if (this.closing) return;
      this.log.appendFact('lifecycle', {
        transport: { detail: `transport error: ${error.message}` },
        issues: [{ severity: 'warning', code: 'TRANSPORT_ERROR', message: error.message }],
      });
    };
    transport.onclose = () =>
      this.finish({
        cause: this.closing ? 'closed' : 'error',
        message: 'the HTTP transport closed',
      });
    try {
      await transport.start();
    } catch (error) {
      if (error instanceof UnauthorizedError && this.auth !== undefined) {
        transport.onclose = undefined;
        await transport.close();
        throw error;
      }
      throw this.toConnectError(error);
    }
  }

  async send(message: JSONRPCMessage, options: SendOptions = {}): Promise<void> {
    const transport = this.transport;
    if (transport === undefined || this.closed) throw new Error('not connected');
    // The SDK's Streamable HTTP transport takes per-request headers and an abort signal for
    // the request's own response stream; its reserved headers (Authorization, MCP-*) are
    // derived from the body and cannot be overridden this way.
    const sendOptions = {
      ...(options.headers !== undefined && { headers: options.headers }),
      ...(options.signal !== undefined && { requestSignal: options.signal }),
    } as Parameters<Transport['send']>[1];
    // The tap learns which entry this body carries (the SDK's body is this same serialisation).
    const release =
      options.seq === undefined
        ? undefined
        : this.tapped?.expect(JSON.stringify(message), options.seq);
    try {
      await this.sendWithAuth(transport, message, sendOptions);
    } finally {
      release?.();
    }
  }

  private async sendWithAuth(
    transport: Transport,
    message: JSONRPCMessage,
    sendOptions: Parameters<Transport['send']>[1],
  ): Promise<void> {
    try {
      await transport.send(message, sendOptions);
    } catch (error) {
      // The provider completed the authorization step while the SDK's auth() ran: exchange
      // the code and send the message again, once.
      const code = this.auth?.provider.takeAuthorizationCode();
      if (code === undefined || !(error instanceof UnauthorizedError))
        throw this.toConnectError(error);
      await this.finishAuth(code);
      try {
        await transport.send(message, sendOptions);
      } catch (retryError) {
        throw this.toConnectError(retryError);
      }
    }
  }

  private async finishAuth(code: { code: string; iss?: string }): Promise<void> {
    try {
      await (this.transport as StreamableHTTPClientTransport | SSEClientTransport).finishAuth(
        code.code,
        code.iss,
      );
    } catch (error) {
      throw this.toConnectError(error);
    }
  }

  setProtocolVersion(version: string): void {
    this.transport?.setProtocolVersion?.(version);
  }

  async close(options: { graceful?: boolean } = {}): Promise<void> {
    this.auth?.provider.cancelAuthorization('the connection was closed');
    const transport = this.transport;
    if (transport === undefined || this.closed) return;
    this.closing = true;
    // The last answer may have come over another stream (SSE) before its POST's exchange was
    // logged: give that exchange a moment, so the log and the recording keep it.
    await withTimeout(this.tapped?.settled() ?? Promise.resolve(), 1000);
    if (
      options.graceful !== false &&
      transport instanceof StreamableHTTPClientTransport &&
      transport.sessionId !== undefined
    ) {
      // Tell the server the session is over (spec: DELETE with Mcp-Session-Id); a server
      // that does not allow it answers 405, which is fine.
      await withTimeout(transport.terminateSession(), 1000).catch(() => undefined);
    }
    // The SDK's close ends its streams; a stream stuck in a read must not hold up the close
    // of a session (the UI's tab waits for it).
    await withTimeout(transport.close(), 2000).catch(() => undefined);
    this.finish({ cause: 'closed', message: 'closed by the client' });
  }

  private finish(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    this.log.appendFact('lifecycle', { transport: { detail: reason.message } });
    this.onclose?.(reason);
  }

  private toConnectError(error: unknown): Error {
    if (error instanceof ConnectError) return error;
    const oauth = this.auth?.describe(error);
    if (oauth !== undefined) return new ConnectError('AUTH_REQUIRED', oauth);
    const url = this.config.url;
    const status =
      error instanceof SdkHttpError
        ? error.status
        : error instanceof SseError
          ? (error.code ?? undefined)
          : undefined;
    if (typeof status === 'number' && status > 0) {
      return new ConnectError('CONNECT_FAILED', describeHttpStatus(this.kind, url, status), status);
    }
    const cause = (error as { cause?: unknown }).cause;
    // The SDK's SSE transport flattens network failures into its message ("SSE error:
    // TypeError: fetch failed: connect ECONNREFUSED …"); recover the errno from the text.
    const errno =
      error instanceof Error
        ? /\b(E[A-Z]{3,}|[A-Z_]*CERT[A-Z_]*|ERR_TLS_[A-Z_]+|ERR_SSL_[A-Z_]+)\b/.exec(
            error.message,
          )?.[1]
        : undefined;
    if (error instanceof SseError && errno !== undefined) {
      return new ConnectError(
        'CONNECT_FAILED',
        describeNetworkError(url, { cause: { code: errno } }),
      );
    }
    if (
      error instanceof TypeError ||
      cause !== undefined ||
      (error as { code?: unknown }).code !== undefined
    ) {
      if (error instanceof Error && /Unexpected content type/.test(error.message)) {
        return new ConnectError(
          'CONNECT_FAILED',
          `${url} did not answer with JSON or an SSE stream: ${error.message} (is this an MCP endpoint?)`,
        );
      }
      return new ConnectError(
        'CONNECT_FAILED',
        describeNetworkError(url, cause !== undefined ? error : { cause: error }),
      );
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** What an HTTP status at the endpoint most likely means, and what to try next. */
export function describeHttpStatus(
  kind: 'sse' | 'streamable-http',
  url: string,
  status: number,
): string {
  const path = new URL(url).pathname;
  const at = `HTTP ${status} at ${path}`;
  switch (status) {
    case 401:
      return `${at}: the server wants authorization (pass --header "Authorization: Bearer <token>")`;
    case 403:
      return `${at}: forbidden (check the token's scopes, or the server's allowed origins and hosts)`;
    case 404: {
      // Suggest the sibling endpoint of the same base: /api/mcp -> /api/sse, / -> /sse.
      const base = path.replace(/\/+$/, '').replace(/\/(mcp|sse)$/i, '');
      const other = kind === 'streamable-http' ? `${base}/sse` : `${base}/mcp`;
      const same = kind === 'streamable-http' ? `${base}/mcp` : `${base}/sse`;
      const alternatives = same === path ? `${other}` : `${same} or ${other}`;
      return kind === 'streamable-http'
        ? `${at}: no MCP endpoint there — is the endpoint ${alternatives}? (${other} would be legacy SSE)`
        : `${at}: no SSE endpoint there — is the endpoint ${alternatives}? (${other} would be Streamable HTTP)`;
    }
    case 405:
      return kind === 'streamable-http'
        ? `${at}: the server does not accept POST there — it may be a legacy SSE server (try --transport sse)`
        : `${at}: the server does not accept GET there — it may be a Streamable HTTP server (try --transport http)`;
    default:
      return status >= 500 ? `${at}: the server failed (see its logs)` : `${at}`;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
