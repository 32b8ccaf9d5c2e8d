import { once } from 'node:events';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createParser } from 'eventsource-parser';
import type { HttpFacts, ServerConfig, TransportFacts } from '@mcpscope/protocol';
import type { CliIo } from '../common/io.js';
import { UsageError } from '../common/usage-error.js';
import { TapObserver } from './observer.js';

export interface HttpTapOptions {
  port: number;
  url: URL;
  record: string | false | undefined;
  redact: boolean;
  ui: boolean;
  io: CliIo;
  name?: string;
  /** Called once listening, with the address to give the host; tests stop the tap with `stop`. */
  ready?: (address: string, stop: () => void) => void;
}

/** Headers of one hop, never passed on (RFC 9110 §7.6.1); the rest goes through as it came. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);
/** Bodies are copied for the log up to this size; the bytes passed on are never cut. */
const MAX_LOGGED_BODY = 64 * 1024 * 1024;
/** Non-JSON bodies (error pages) are kept up to this many characters. */
const ERROR_BODY_LIMIT = 64 * 1024;

/**
 * `mcpscope tap --listen PORT URL`: a reverse proxy on 127.0.0.1:PORT for an MCP server over
 * Streamable HTTP or legacy HTTP+SSE. Each request goes to the same path on the URL's origin
 * with its headers and body unchanged (bar hop-by-hop headers and Host); each response comes
 * back the same way, streamed: an SSE event reaches the host as soon as the server wrote it.
 * A copy of every body becomes observed traffic entries, with one `http` entry per exchange
 * (status and headers; Authorization and cookies are redacted in the recording and the UI,
 * never on the wire).
 */
export async function runHttpTap(options: HttpTapOptions): Promise<number> {
  const { url, io } = options;
  const config: ServerConfig = /\/sse\/?$/.test(url.pathname)
    ? { transport: 'sse', url: url.href, headers: {} }
    : { transport: 'streamable-http', url: url.href, headers: {}, sseFallback: false };
  if (options.name !== undefined) config.name = options.name;
  const observer = await TapObserver.start({
    source: 'http',
    config,
    record: options.record,
    redact: options.redact,
    ui: options.ui,
    warn: (message) => io.stderr(message),
  });
  const server = createServer((request, response) => relay(request, response, url, observer));
  server.on('clientError', (_error, socket) => socket.destroy());
  server.listen(options.port, '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch (error) {
    await observer.end('the tap could not listen');
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot listen on 127.0.0.1:${options.port}: ${code === 'EADDRINUSE' ? 'the port is in use (pick another, or 0 for any free one)' : (error as Error).message}`,
    );
  }
  const { port } = server.address() as AddressInfo;
  const address = `http://127.0.0.1:${port}${url.pathname}${url.search}`;
  observer.fact('lifecycle', {
    transport: {
      state: 'connecting',
      detail: `tap: listening on ${address}, passing on to ${url.origin}`,
    },
  });
  // stderr: a host may start the tap itself, and stdout is nobody's business here either way.
  io.stderr(`mcpscope tap: point the host at ${address} (passing requests on to ${url.href})`);
  if (observer.recording !== undefined)
    io.stderr(`mcpscope tap: recording to ${observer.recording}`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    options.ready?.(address, stop);
  });
  server.close();
  server.closeAllConnections();
  await observer.end('the tap stopped', { state: 'closed' });
  return 0;
}

function relay(
  request: IncomingMessage,
  response: ServerResponse,
  upstream: URL,
  observer: TapObserver,
): void {
  const target = new URL(request.url ?? '/', upstream.origin);
  const headers: OutgoingHttpHeaders = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower)) continue;
    const value = lower === 'host' ? upstream.host : request.rawHeaders[i + 1]!;
    const previous = headers[name];
    headers[name] = previous === undefined ? value : [...[previous].flat().map(String), value];
  }
  const http: HttpFacts = {
    method: request.method ?? 'GET',
    url: target.href,
    requestHeaders: flatHeaders(request.headers),
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const outgoing = send(target, { method: request.method, headers });
  const body: Buffer[] = [];
  let bodyBytes = 0;
  request.on('data', (chunk: Buffer) => {
    if (!outgoing.write(chunk)) {
      request.pause();
      outgoing.once('drain', () => request.resume());
    }
    if (bodyBytes + chunk.length <= MAX_LOGGED_BODY) body.push(chunk);
    bodyBytes += chunk.length;
  });
  request.on('end', () => {
    outgoing.end();
    const text = Buffer.concat(body).toString('utf8');
    if (text.trim() === '') return;
    const sent = observer.frame('c2s', text, sessionFacts(request.headers['mcp-session-id']));
    if (sent[0] !== undefined) http.requestSeq = sent[0].seq;
  });
  // The host went away: so does the exchange upstream (a GET stream would otherwise stay).
  response.on('close', () => {
    if (!response.writableFinished) outgoing.destroy();
  });
  outgoing.on('error', (error) => {
    const detail = `mcpscope tap: cannot reach ${target.origin}: ${error.message}`;
    observer.fact('http', { transport: { http, detail } });
    if (!response.headersSent) {
      response.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(detail + '\n');
    } else {
      response.destroy();
    }
  });
  outgoing.on('response', (answer) => {
    const raw: string[] = [];
    for (let i = 0; i < answer.rawHeaders.length; i += 2) {
      if (HOP_BY_HOP.has(answer.rawHeaders[i]!.toLowerCase())) continue;
      raw.push(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
    }
    response.writeHead(answer.statusCode ?? 502, answer.statusMessage, raw);
    // An SSE stream's headers must reach the host now, not with its first event.
    response.flushHeaders();
    http.status = answer.statusCode ?? 0;
    if (answer.statusMessage !== undefined) http.statusText = answer.statusMessage;
    http.responseHeaders = flatHeaders(answer.headers);
    const contentType = answer.headers['content-type'];
    if (contentType !== undefined) http.contentType = contentType;
    const sessionId = stringOf(
      answer.headers['mcp-session-id'] ?? request.headers['mcp-session-id'],
    );
    const exchange = observer.fact('http', {
      transport: { http, ...(sessionId !== undefined && { sessionId }) },
    });
    const facts: TransportFacts = {
      ...(exchange !== undefined && { httpSeq: exchange.seq }),
      ...(sessionId !== undefined && { sessionId }),
    };
    const observe = bodyObserver(contentType, observer, facts);
    answer.on('data', (chunk: Buffer) => {
      if (!response.write(chunk)) {
        answer.pause();
        response.once('drain', () => answer.resume());
      }
      observe.chunk(chunk);
    });
    answer.on('end', () => {
      response.end();
      observe.end();
    });
    answer.on('error', () => response.destroy());
  });
}

/** Reads a copy of a response body: SSE event by event as it streams, JSON once it is whole. */
function bodyObserver(
  contentType: string | undefined,
  observer: TapObserver,
  facts: TransportFacts,
): { chunk: (chunk: Buffer) => void; end: () => void } {
  const media = contentType?.split(';')[0]?.trim().toLowerCase();
  if (media === 'text/event-stream') {
    const decoder = new TextDecoder();
    const parser = createParser({
      onEvent(event) {
        const transport: TransportFacts = {
          ...facts,
          ...(event.id !== undefined && { sseEventId: event.id }),
        };
        const type = event.event ?? 'message';
        if (type === 'message' && event.data.trim() !== '')
          observer.frame('s2c', event.data, transport);
        else if (type === 'endpoint')
          observer.fact('http', {
            raw: event.data,
            transport: { ...transport, detail: `SSE endpoint event: messages go to ${event.data}` },
          });
        else
          observer.fact('http', {
            raw: event.data,
            transport: {
              ...transport,
              detail: type === 'message' ? 'SSE event with no data' : `SSE event "${type}"`,
            },
          });
      },
    });
    return {
      chunk: (chunk) => parser.feed(decoder.decode(chunk, { stream: true })),
      end: () => parser.feed(decoder.decode()),
    };
  }
  const parts: Buffer[] = [];
  let bytes = 0;
  return {
    chunk: (chunk) => {
      if (bytes + chunk.length <= MAX_LOGGED_BODY) parts.push(chunk);
      bytes += chunk.length;
    },
    end: () => {
      const text = Buffer.concat(parts).toString('utf8');
      if (text.trim() === '') return;
      if (media === 'application/json') observer.frame('s2c', text, facts);
      else
        observer.fact('http', {
          raw: text.slice(0, ERROR_BODY_LIMIT),
          transport: { ...facts, detail: `response body (${media ?? 'no content type'})` },
        });
    },
  };
}

function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

function stringOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function sessionFacts(sessionId: string | string[] | undefined): TransportFacts | undefined {
  const id = stringOf(sessionId);
  return id === undefined ? undefined : { sessionId: id };
}
