import type { Entry, Har, Header, PostData, Response } from 'har-format';
import type { TrafficEntry } from '@mcpscope/protocol';
import { VERSION } from '../version.js';
import { entriesOf, type LoadedRecording } from './load.js';

/** Why a recording cannot become a HAR. */
export class HarExportError extends Error {
  override name = 'HarExportError';
}

/**
 * A HAR 1.2 log of an HTTP-transport recording: one entry per HTTP response the tap saw
 * (`http` entries with a status or a network failure), its request body rebuilt from the
 * `c2s` message it carried (`http.requestSeq`) and its response body from the frames read
 * from it (`transport.httpSeq`): a JSON body as JSON, an SSE stream as `text/event-stream`.
 */
export function recordingToHar(recording: LoadedRecording, file: string): Har {
  const { header } = recording;
  if (header.target.transport === 'stdio') {
    throw new HarExportError(
      `${file} records a stdio server: HAR describes HTTP exchanges, so only sse and streamable-http recordings export to it; use --html OUT.html for a stdio recording`,
    );
  }
  const entries = entriesOf(recording);
  const bySeq = new Map<number, TrafficEntry>();
  const frames = new Map<number, TrafficEntry[]>();
  for (const entry of entries) {
    bySeq.set(entry.seq, entry);
    const httpSeq = entry.transport?.httpSeq;
    if (httpSeq === undefined) continue;
    const list = frames.get(httpSeq);
    if (list === undefined) frames.set(httpSeq, [entry]);
    else list.push(entry);
  }
  const start = Date.parse(header.createdAt);
  const harEntries: Entry[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'http' || entry.transport?.http === undefined) continue;
    const http = entry.transport.http;
    // A `meta` http entry without a status and without a network error is an SSE event or
    // an error body: part of another exchange, not one of its own.
    const failed = entry.issues?.some((i) => i.code === 'NETWORK_ERROR') === true;
    if (http.status === undefined && !failed) continue;
    const sent = http.requestSeq === undefined ? undefined : bySeq.get(http.requestSeq);
    const body = frames.get(entry.seq) ?? [];
    const startedAt = sent?.t ?? entry.t;
    const endedAt = Math.max(entry.t, ...body.map((f) => f.t));
    const wait = round(entry.t - startedAt);
    const receive = round(endedAt - entry.t);
    const comments = [
      entry.transport.detail,
      ...(entry.issues ?? []).map((i) => `${i.code}: ${i.message}`),
    ].filter((c) => c !== undefined && c !== '');
    const harEntry: Entry = {
      startedDateTime: new Date(start + startedAt).toISOString(),
      time: round(wait + receive),
      request: {
        method: http.method,
        url: http.url,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: toHeaders(http.requestHeaders),
        queryString: queryOf(http.url),
        ...(sent !== undefined && { postData: postDataOf(sent) }),
        headersSize: -1,
        bodySize: sent === undefined ? 0 : byteLength(messageText(sent)),
      },
      response: responseOf(http, body),
      cache: {},
      timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait, receive, ssl: -1 },
      _mcpscopeSeq: entry.seq,
    };
    if (comments.length > 0) harEntry.comment = comments.join('; ');
    harEntries.push(harEntry);
  }
  const target = header.target;
  return {
    log: {
      version: '1.2',
      creator: { name: 'mcpscope', version: VERSION },
      pages: [
        {
          startedDateTime: new Date(start).toISOString(),
          id: 'session',
          title: `MCP session with ${target.url} (${target.transport})`,
          pageTimings: {},
        },
      ],
      entries: harEntries.map((e) => ({ ...e, pageref: 'session' })),
      comment: `Exported by mcpscope from a recording made ${header.createdAt}${
        recording.warnings.length > 0 ? `; ${recording.warnings.join('; ')}` : ''
      }`,
    },
  };
}

function responseOf(
  http: NonNullable<TrafficEntry['transport']>['http'] & {},
  body: TrafficEntry[],
): Response {
  const mimeType = http.contentType ?? '';
  const text = bodyText(mimeType, body);
  return {
    status: http.status ?? 0,
    statusText: http.statusText ?? '',
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: toHeaders(http.responseHeaders),
    content: {
      size: text === undefined ? 0 : byteLength(text),
      mimeType,
      ...(text !== undefined && { text }),
      ...(text === undefined &&
        http.status !== undefined &&
        http.status !== 202 &&
        http.status !== 204 && { comment: 'body not recorded' }),
    },
    redirectURL: http.responseHeaders?.['location'] ?? '',
    headersSize: -1,
    bodySize: -1,
  };
}

/** The response body as the server sent it, rebuilt from the frames read from it. */
function bodyText(mimeType: string, body: TrafficEntry[]): string | undefined {
  if (body.length === 0) return undefined;
  if (mimeType.toLowerCase().startsWith('text/event-stream')) return body.map(sseEvent).join('');
  // A JSON body is one frame, or one entry per element of a batch.
  const texts = body.map((f) => (f.msg !== undefined ? JSON.stringify(f.msg) : (f.raw ?? '')));
  return texts.length === 1 ? texts[0] : `[${texts.join(',')}]`;
}

/** One SSE event in wire syntax. `http` entries among the frames are events with no message. */
function sseEvent(frame: TrafficEntry): string {
  const lines: string[] = [];
  const id = frame.transport?.sseEventId;
  if (id !== undefined) lines.push(`id: ${id}`);
  let data: string;
  if (frame.kind === 'http') {
    const detail = frame.transport?.detail ?? '';
    const type = detail.startsWith('SSE endpoint event')
      ? 'endpoint'
      : /^SSE event "(.+)"$/.exec(detail)?.[1];
    if (type !== undefined) lines.push(`event: ${type}`);
    data = frame.raw ?? '';
  } else {
    data = messageText(frame);
  }
  for (const line of data.split('\n')) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}

function messageText(entry: TrafficEntry): string {
  return entry.msg !== undefined ? JSON.stringify(entry.msg) : (entry.raw ?? '');
}

function postDataOf(sent: TrafficEntry): PostData {
  return { mimeType: 'application/json', text: messageText(sent) };
}

function toHeaders(record: Record<string, string> | undefined): Header[] {
  return Object.entries(record ?? {}).map(([name, value]) => ({ name, value }));
}

function queryOf(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function byteLength(text: string): number {
  return Buffer.byteLength(text);
}

function round(ms: number): number {
  return Math.max(0, Math.round(ms * 1000) / 1000);
}
