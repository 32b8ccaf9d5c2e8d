import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Diagnostic, HttpFacts, RequestId, TransportFacts } from '@mcpscope/protocol';
import type { FetchLike } from '@modelcontextprotocol/client';
import type { TrafficLog } from '../session/traffic-log.js';
import { nullObject } from '../util/safe-keys.js';

/** Non-JSON error bodies (HTML pages, plain text) are kept up to this many characters. */
const ERROR_BODY_LIMIT = 64 * 1024;

/**
 * The tapped `fetch`, and a way to wait until every POST it carried is logged: a session that
 * closes right after its answer came over another stream must not lose the POST's exchange.
 * `expect` tells it which entry a body about to be POSTed carries (see {@link SentBodies}).
 */
export type TappedFetch = FetchLike & {
  settled(): Promise<void>;
  expect(body: string, seq: number): () => void;
};

/**
 * The bodies the connection is sending, each with the seq of the `c2s` entry the session
 * logged it as. The connection serialises the message as the SDK will (`JSON.stringify` of
 * the same object), so a POST's body names its entry exactly: nothing searches the log.
 * Two equal bodies in flight (two identical notifications) are told apart by order.
 */
class SentBodies {
  private readonly bodies = new Map<string, number[]>();

  /** Registers a body until the returned function is called (when its send has ended). */
  expect(body: string, seq: number): () => void {
    const seqs = this.bodies.get(body);
    if (seqs === undefined) this.bodies.set(body, [seq]);
    else seqs.push(seq);
    return () => {
      const left = this.bodies.get(body)?.filter((s) => s !== seq);
      if (left === undefined || left.length === 0) this.bodies.delete(body);
      else this.bodies.set(body, left);
    };
  }

  seqOf(body: unknown): number | undefined {
    return typeof body === 'string' ? this.bodies.get(body)?.[0] : undefined;
  }
}

/** What the connection learns from the tap beyond the traffic log. */
export interface TapHooks {
  /**
   * A POST's SSE response stream ended (closed or broken) before answering these requests,
   * and carried no event id to resume from: their answers are lost with it.
   */
  onAnswersLost?: (requestIds: RequestId[], message: string) => void;
  /**
   * How request headers are written into the log; OAuth masks the bearer token it added
   * (the user never typed it, and the UI shows it masked everywhere).
   */
  logRequestHeaders?: (headers: Record<string, string>) => Record<string, string>;
}

/**
 * A `fetch` for the SDK's HTTP transports that writes every exchange into the traffic log:
 * an `http` entry per response (status, headers, session id), and one entry per JSON-RPC
 * message found in a JSON body or an SSE stream, with the SSE event id. Bodies are read
 * through a pass-through stream, so the tap sees each frame before the SDK does and whatever
 * the SDK would reject (not JSON, wrong shape) is still logged exactly as sent.
 */
export function createTappedFetch(
  log: TrafficLog,
  base: FetchLike = fetch,
  hooks: TapHooks = {},
): TappedFetch {
  /** Requests whose answers a broken stream still owes, by the last event id it carried. */
  const owed = new Map<string, RequestId[]>();
  /** POSTs and DELETEs whose exchange is not logged yet (GET streams never end, so not those). */
  const inflight = new Set<Promise<unknown>>();
  const sent = new SentBodies();
  const tapped: FetchLike = async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const headers = headersToRecord(init?.headers);
    const http: HttpFacts = {
      method,
      url,
      requestHeaders: hooks.logRequestHeaders?.(headers) ?? headers,
    };
    const requestSeq = sent.seqOf(init?.body);
    if (requestSeq !== undefined) http.requestSeq = requestSeq;
    const resumingAfter = http.requestHeaders?.['last-event-id'];
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      if (!isAbort(error)) {
        log.appendFact('http', {
          transport: { http, detail: describeNetworkError(url, error) },
          issues: [
            { severity: 'error', code: 'NETWORK_ERROR', message: describeNetworkError(url, error) },
          ],
        });
      }
      throw error;
    }
    http.status = response.status;
    http.statusText = response.statusText;
    http.responseHeaders = headersToRecord(response.headers);
    const contentType = response.headers.get('content-type') ?? undefined;
    if (contentType !== undefined) http.contentType = contentType;
    const sessionId = response.headers.get('mcp-session-id') ?? undefined;
    const facts: TransportFacts = { http };
    if (sessionId !== undefined) facts.sessionId = sessionId;
    if (resumingAfter !== undefined)
      facts.detail = `resuming the SSE stream after event ${resumingAfter} (Last-Event-ID)`;
    const httpEntry = log.appendFact('http', {
      transport: facts,
      issues: response.ok
        ? []
        : [
            {
              severity: 'error',
              code: 'HTTP_STATUS',
              message: `HTTP ${response.status} ${response.statusText}`.trim(),
            },
          ],
    });
    const resumedFor = resumingAfter === undefined ? [] : (owed.get(resumingAfter) ?? []);
    if (resumingAfter !== undefined) owed.delete(resumingAfter);
    if (!response.ok && resumedFor.length > 0) {
      // The SDK gives up on a refused resumption without a word: the answers are lost.
      const message = `the server refused to resume its response stream after event ${resumingAfter} (HTTP ${response.status})`;
      log.appendFact('http', {
        transport: { httpSeq: httpEntry.seq, detail: message },
        issues: [{ severity: 'error', code: 'STREAM_LOST', message }],
      });
      hooks.onAnswersLost?.(resumedFor, message);
    }
    if (response.body === null) return response;

    const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
    const frameFacts: TransportFacts = { httpSeq: httpEntry.seq };
    if (sessionId !== undefined) frameFacts.sessionId = sessionId;
    let tap: TransformStream<Uint8Array, Uint8Array>;
    if (mediaType === 'text/event-stream') {
      const awaited = method === 'POST' ? requestIds(init?.body) : resumedFor;
      const stream = sseTap(response.body, log, frameFacts, awaited, {
        ...hooks,
        onResumable: (eventId, ids) => owed.set(eventId, ids),
      });
      return new Response(stream, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } else if (mediaType === 'application/json') {
      tap = bodyTap((bytes) => {
        const text = decode(bytes);
        if (text.trim() !== '') log.appendText('s2c', text, { bytes, transport: frameFacts });
      });
    } else if (!response.ok) {
      tap = bodyTap((bytes) => {
        const text = decode(bytes);
        if (text === '') return;
        log.appendFact('http', {
          raw: text.length > ERROR_BODY_LIMIT ? text.slice(0, ERROR_BODY_LIMIT) : text,
          transport: {
            httpSeq: httpEntry.seq,
            detail: `body of HTTP ${response.status} from ${method} ${url}`,
          },
        });
      });
    } else {
      return response;
    }
    return new Response(response.body.pipeThrough(tap), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  const wrapped = ((input, init) => {
    const exchange = tapped(input, init);
    if ((init?.method ?? 'GET') !== 'GET') {
      inflight.add(exchange);
      exchange.then(
        () => inflight.delete(exchange),
        () => inflight.delete(exchange),
      );
    }
    return exchange;
  }) as TappedFetch;
  wrapped.settled = async () => {
    await Promise.allSettled([...inflight]);
  };
  wrapped.expect = (body, seq) => sent.expect(body, seq);
  return wrapped;
}

function bodyTap(onEnd: (bytes: Uint8Array) => void): TransformStream<Uint8Array, Uint8Array> {
  const chunks: Uint8Array[] = [];
  return new TransformStream({
    transform(chunk, controller) {
      chunks.push(chunk);
      controller.enqueue(chunk);
    },
    flush() {
      onEnd(Buffer.concat(chunks));
    },
  });
}

/**
 * Reads an SSE body for the SDK, logging each event as it passes. It also sees the stream
 * end: when a POST's stream ends before the responses to the requests it carried, the answers
 * are either resumable (an event id was seen: the SDK reconnects with Last-Event-ID, and the
 * log says so) or lost, which `hooks.onAnswersLost` reports at once rather than leaving the
 * requests to time out.
 */
function sseTap(
  body: ReadableStream<Uint8Array>,
  log: TrafficLog,
  facts: TransportFacts,
  awaited: RequestId[],
  hooks: TapHooks & { onResumable: (eventId: string, ids: RequestId[]) => void },
): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  // Decodes the same bytes strictly, only to notice invalid UTF-8 in the chunk at hand.
  let strict = new TextDecoder('utf-8', { fatal: true });
  let chunkIssues: Diagnostic[] = [];
  let lastEventId: string | undefined;
  const unanswered = new Set(awaited.map((id) => JSON.stringify(id)));
  const parser = createParser({
    onEvent(event: EventSourceMessage) {
      const transport: TransportFacts = { ...facts };
      if (event.id !== undefined) {
        transport.sseEventId = event.id;
        lastEventId = event.id;
      }
      const type = event.event ?? 'message';
      if (type === 'message' && event.data.trim() !== '') {
        const entries = log.appendText('s2c', event.data, { transport, issues: chunkIssues });
        for (const entry of entries) {
          const msg = entry.msg as { id?: unknown; method?: unknown } | undefined;
          if (msg !== undefined && msg.method === undefined && msg.id !== undefined)
            unanswered.delete(JSON.stringify(msg.id));
        }
      } else if (type === 'endpoint') {
        log.appendFact('http', {
          raw: event.data,
          transport: { ...transport, detail: `SSE endpoint event: messages go to ${event.data}` },
        });
      } else {
        const what =
          type === 'message'
            ? 'SSE event with no data (a resumption point)'
            : `SSE event "${type}"`;
        log.appendFact('http', { raw: event.data, transport: { ...transport, detail: what } });
      }
    },
    onError(error) {
      log.appendFact('http', {
        transport: { ...facts, detail: `malformed SSE stream: ${error.message}` },
        issues: [{ severity: 'error', code: 'SSE_PARSE', message: error.message }],
      });
    },
  });
  let ended = false;
  const end = (how: 'ended' | 'broke' | 'cancelled', error?: unknown): void => {
    if (ended) return;
    ended = true;
    // The client cancelling a stream (closing the session) loses nothing it still wants.
    if (how === 'cancelled' || unanswered.size === 0) return;
    const ids = [...unanswered].map((id) => JSON.parse(id) as RequestId);
    const which = ids.map((id) => `#${JSON.stringify(id)}`).join(', ');
    const why = how === 'broke' ? `broke (${describeStreamError(error)})` : 'ended';
    if (lastEventId !== undefined) {
      hooks.onResumable(lastEventId, ids);
      log.appendFact('http', {
        transport: {
          ...facts,
          sseEventId: lastEventId,
          detail: `the response stream ${why} before answering request ${which}; resuming with Last-Event-ID ${lastEventId}`,
        },
      });
      return;
    }
    const message = `the server's response stream ${why} before answering, with no SSE event id to resume from`;
    log.appendFact('http', {
      transport: { ...facts, detail: `${message} (request ${which})` },
      issues: [{ severity: 'error', code: 'STREAM_LOST', message }],
    });
    hooks.onAnswersLost?.(ids, message);
  };
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        end('broke', error);
        controller.error(error);
        return;
      }
      if (chunk.done) {
        end('ended');
        controller.close();
        return;
      }
      try {
        strict.decode(chunk.value, { stream: true });
        chunkIssues = [];
      } catch {
        strict = new TextDecoder('utf-8', { fatal: true });
        chunkIssues = [
          {
            severity: 'error',
            code: 'INVALID_UTF8',
            message: 'frame is not valid UTF-8; invalid bytes are shown as U+FFFD',
          },
        ];
      }
      parser.feed(decoder.decode(chunk.value, { stream: true }));
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      end('cancelled');
      return reader.cancel(reason);
    },
  });
}

/** The ids of the requests in a JSON-RPC POST body (one message or a batch). */
function requestIds(body: unknown): RequestId[] {
  if (typeof body !== 'string') return [];
  try {
    const parsed = JSON.parse(body) as unknown;
    return (Array.isArray(parsed) ? parsed : [parsed]).flatMap((m) => {
      const msg = m as { id?: unknown; method?: unknown };
      return typeof msg.method === 'string' &&
        (typeof msg.id === 'string' || typeof msg.id === 'number')
        ? [msg.id]
        : [];
    });
  } catch {
    return [];
  }
}

function describeStreamError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** Headers in any of fetch's shapes as a plain record with lower-case names. */
export function headersToRecord(
  headers: ConstructorParameters<typeof Headers>[0] | undefined,
): Record<string, string> {
  // Header names are the server's; `__proto__` is a valid one.
  const out = nullObject<string>();
  if (headers === undefined) return out;
  new Headers(headers).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** A network failure in words that say what to check. */
export function describeNetworkError(url: string, error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the whole string
  }
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused by ${host}: is the server running and listening on that port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found: ${host} (check the URL)`;
    case 'ECONNRESET':
      return `connection reset by ${host}`;
    case 'UND_ERR_SOCKET':
      return `${host} closed the connection before answering (did the server crash? see its logs)`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connecting to ${host} timed out`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS error from ${host}: ${code} (for a private CA, point NODE_EXTRA_CA_CERTS at its certificate)`;
    default:
      if (code?.startsWith('ERR_SSL') === true || code?.includes('TLS') === true) {
        return `TLS error from ${host}: ${cause?.message ?? code} (is it an http:// server addressed as https://?)`;
      }
      return `could not reach ${host}: ${cause?.message ?? (error as Error).message}`;
  }
}
