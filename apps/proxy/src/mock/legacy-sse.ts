import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/core';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';

const MAX_BODY = 4 * 1024 * 1024;

/**
 * The server side of the legacy HTTP+SSE transport (protocol 2024-11-05): `GET /sse` opens a
 * stream whose first event names the POST endpoint, and each POST carries one message. The
 * v2 SDK dropped this transport, but servers in the field (and recordings of them) still
 * speak it, so the mock serves it with this small implementation of the same contract.
 */
export class LegacySseServerTransport implements Transport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private closed = false;

  constructor(
    private readonly endpoint: string,
    private readonly res: ServerResponse,
  ) {}

  start(): Promise<void> {
    this.res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    });
    const url = `${this.endpoint}?sessionId=${encodeURIComponent(this.sessionId)}`;
    this.res.write(`event: endpoint\ndata: ${url}\n\n`);
    this.res.once('close', () => this.finish());
    return Promise.resolve();
  }

  /** One POSTed message: answered 202 at once; what it asks for goes out on the stream. */
  async handlePostMessage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) {
        res.writeHead(413).end('message too large');
        return;
      }
      chunks.push(chunk);
    }
    let message: JSONRPCMessage;
    try {
      message = JSONRPCMessageSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch (error) {
      res.writeHead(400).end(`invalid message: ${(error as Error).message}`);
      this.onerror?.(error as Error);
      return;
    }
    res.writeHead(202).end('Accepted');
    this.onmessage?.(message);
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the SSE stream is closed'));
    this.res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.res.end();
    this.finish();
    return Promise.resolve();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}
