import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
  isInitializeRequest,
  type WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { loopbackHosts } from '../common/loopback.js';
import { LegacySseServerTransport } from './legacy-sse.js';
import { MockResponder, type MockLog } from './responder.js';
import type { MockScript } from './script.js';

export interface MockLogs {
  served?: MockLog;
  warn: MockLog;
}

/** Serves the script on this process's stdin and stdout until stdin ends or `signal` aborts. */
export async function serveStdio(
  script: MockScript,
  logs: MockLogs,
  signal: AbortSignal,
): Promise<void> {
  const transport = new StdioServerTransport();
  const responder = new MockResponder(script, transport, logs);
  await transport.start();
  await new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  responder.close();
  await transport.close();
}

/** A running HTTP mock. */
export interface HttpMock {
  url: string;
  close: () => Promise<void>;
}

interface Connection {
  transport: WebStandardStreamableHTTPServerTransport | LegacySseServerTransport;
  responder: MockResponder;
}

/**
 * Serves the script over HTTP on 127.0.0.1: Streamable HTTP at `/mcp`, one transport and
 * one responder per `Mcp-Session-Id`, or with `sse` the legacy transport (`GET /sse`,
 * `POST /messages`). Requests whose Host or Origin is not this loopback address are refused
 * (DNS rebinding).
 */
export async function serveHttp(
  script: MockScript,
  options: { port: number; sse: boolean },
  logs: MockLogs,
): Promise<HttpMock> {
  // Loaded here: stdio does without the HTTP transport.
  const { WebStandardStreamableHTTPServerTransport } = await import('@modelcontextprotocol/server');
  const connections = new Map<string, Connection>();
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) reply(res, 500, (error as Error).message);
    });
  });
  let port = options.port;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = refusal(req, port);
    if (refused !== undefined) return reply(res, 403, refused);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (options.sse) return handleSse(req, res, url);
    if (url.pathname !== '/mcp')
      return reply(res, 404, `no MCP endpoint at ${url.pathname}; use /mcp`);
    const sessionId = req.headers['mcp-session-id'];
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    if (body !== undefined && !body.ok) return reply(res, 400, body.message, -32700);
    if (typeof sessionId === 'string') {
      const known = connections.get(sessionId);
      if (known === undefined) return reply(res, 404, `no session ${sessionId}: initialize again`);
      await forward(known.transport as WebStandardStreamableHTTPServerTransport, req, res, body);
      return;
    }
    if (body === undefined || !isInitializeRequest(body.value))
      return reply(res, 400, 'no Mcp-Session-Id header: send initialize first');
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        connections.set(id, { transport, responder });
      },
    });
    const responder = new MockResponder(script, transport, logs);
    transport.onclose = () => {
      responder.close();
      if (transport.sessionId !== undefined) connections.delete(transport.sessionId);
    };
    await forward(transport, req, res, body);
  }

  async function handleSse(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'GET' && url.pathname === '/sse') {
      const transport = new LegacySseServerTransport('/messages', res);
      const responder = new MockResponder(script, transport, logs);
      connections.set(transport.sessionId, { transport, responder });
      res.on('close', () => {
        responder.close();
        connections.delete(transport.sessionId);
      });
      await transport.start();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/messages') {
      const id = url.searchParams.get('sessionId') ?? '';
      const known = connections.get(id);
      if (known === undefined) return reply(res, 404, `no session "${id}": open GET /sse first`);
      await (known.transport as LegacySseServerTransport).handlePostMessage(req, res);
      return;
    }
    reply(res, 404, `no MCP endpoint at ${req.method ?? ''} ${url.pathname}; use GET /sse`);
  }

  await listen(server, options.port);
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${options.sse ? '/sse' : '/mcp'}`,
    close: async () => {
      for (const { transport, responder } of connections.values()) {
        responder.close();
        await transport.close().catch(() => undefined);
      }
      connections.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Hands a Node request to the SDK's Web-standard transport and streams its answer back: the
 * body was already read (and size-checked) by {@link readJson}, so it goes in parsed.
 */
async function forward(
  transport: WebStandardStreamableHTTPServerTransport,
  req: IncomingMessage,
  res: ServerResponse,
  body: { ok: true; value: unknown } | undefined,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    signal: abort.signal,
    ...(body !== undefined && { body: JSON.stringify(body.value) }),
  });
  const response = await transport.handleRequest(
    request,
    body !== undefined ? { parsedBody: body.value } : {},
  );
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  if (response.body === null) {
    res.end();
    return;
  }
  const stream = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  res.once('close', () => stream.destroy());
  stream.pipe(res);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Why a request may not reach the mock, or undefined. */
function refusal(req: IncomingMessage, port: number): string | undefined {
  const hosts = loopbackHosts(port);
  const host = req.headers.host?.toLowerCase();
  if (host === undefined || !hosts.includes(host))
    return `Host "${host ?? ''}" is not this mock (expected ${hosts[0]})`;
  const origin = req.headers.origin?.toLowerCase();
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`))
    return `Origin "${origin}" is not allowed`;
  return undefined;
}

const MAX_BODY = 64 * 1024 * 1024;

async function readJson(
  req: IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return { ok: false, message: 'request body too large' };
    chunks.push(chunk);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch (error) {
    return { ok: false, message: `body is not JSON: ${(error as Error).message}` };
  }
}

function reply(res: ServerResponse, status: number, message: string, code = -32000): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } }));
}
