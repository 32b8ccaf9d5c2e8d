import { readRecording } from '@mcpscope/engine/recording/reader';
import {
  RecordedExchanges,
  type Exchange,
  type RecordingHeader,
  type TrafficEntry,
} from '@mcpscope/protocol';

/** A notification the server sent, and when, counted from the message that preceded it. */
export interface TimedNotification {
  msg: Record<string, unknown>;
  offsetMs: number;
}

/** What the recorded server did about one request: notifications, then its response, then more. */
export interface RecordedAnswer {
  /** `{result}` or `{error}`, as recorded. */
  reply: { result: unknown } | { error: unknown };
  /** Notifications recorded between the request and its response. */
  before: TimedNotification[];
  /** Notifications recorded after the response and before the client's next request. */
  after: TimedNotification[];
}

/** A recording, read once and indexed for serving. */
export interface MockScript {
  header: RecordingHeader;
  /** Every recorded client request with an answer (`initialize` included), in recorded order. */
  exchanges: Exchange<RecordedAnswer>[];
  /** Notifications the server sent after the first `notifications/initialized`. */
  afterInitialized: TimedNotification[];
  warnings: string[];
}

interface OpenRequest {
  method: string;
  params: unknown;
  t: number;
  answer?: RecordedAnswer;
  /** Notifications seen before the response, waiting for it. */
  before: TimedNotification[];
}

/**
 * Reads a recording into a script. A server notification belongs to the request that was
 * pending when it came (progress, logs of a tool call), else to the client's latest message
 * (a list_changed after a call, the notifications after `notifications/initialized`).
 */
export async function loadMockScript(path: string): Promise<MockScript> {
  let header: RecordingHeader | undefined;
  const warnings: string[] = [];
  const exchanges: Exchange<RecordedAnswer>[] = [];
  const afterInitialized: TimedNotification[] = [];
  const open = new Map<number, OpenRequest>();
  // The client's latest message: a request (answered or not) or the first `initialized`.
  let latest: { request?: OpenRequest; initialized?: number } | undefined;
  let sawInitialized = false;

  for await (const item of readRecording(path)) {
    if (item.type === 'header') header = item.header;
    else if (item.type === 'warning') warnings.push(item.message);
    else onEntry(item.entry);
  }

  function onEntry(entry: TrafficEntry): void {
    if (entry.msg === undefined || entry.dir === 'meta') return;
    const msg = entry.msg as Record<string, unknown>;
    if (entry.dir === 'c2s') {
      if (entry.kind === 'request') {
        const request: OpenRequest = {
          method: String(msg['method']),
          params: msg['params'],
          t: entry.t,
          before: [],
        };
        open.set(entry.seq, request);
        latest = { request };
      } else if (entry.kind === 'notification' && msg['method'] === 'notifications/initialized') {
        latest = sawInitialized ? undefined : { initialized: entry.t };
        sawInitialized = true;
      }
      return;
    }
    if ((entry.kind === 'response' || entry.kind === 'error') && entry.pairSeq !== undefined) {
      const request = open.get(entry.pairSeq);
      if (request === undefined) return;
      open.delete(entry.pairSeq);
      request.answer = {
        reply: entry.kind === 'response' ? { result: msg['result'] } : { error: msg['error'] },
        before: request.before,
        after: [],
      };
      exchanges.push({ method: request.method, params: request.params, answer: request.answer });
      return;
    }
    if (entry.kind !== 'notification') return;
    const pending = [...open.values()].at(-1);
    if (pending !== undefined) {
      pending.before.push({ msg, offsetMs: entry.t - pending.t });
    } else if (latest?.request?.answer !== undefined) {
      latest.request.answer.after.push({ msg, offsetMs: entry.t - latest.request.t });
    } else if (latest?.initialized !== undefined) {
      afterInitialized.push({ msg, offsetMs: entry.t - latest.initialized });
    }
  }

  if (header === undefined) throw new Error(`${path}: no header`);
  return { header, exchanges, afterInitialized, warnings };
}

/** A fresh index of the script's exchanges: each connection uses the recording anew. */
export function exchangesOf(script: MockScript): RecordedExchanges<RecordedAnswer> {
  const exchanges = new RecordedExchanges<RecordedAnswer>();
  for (const exchange of script.exchanges) exchanges.add(exchange);
  return exchanges;
}
