import {
  SUPPORTED_PROTOCOL_VERSIONS,
  type JSONRPCMessage,
  type Transport,
} from '@modelcontextprotocol/server';
import { idKey, labelOf, type RecordedExchanges, type RequestId } from '@mcpscope/protocol';
import { requestEra, resultForEra, translatedHandshake } from './eras.js';
import {
  exchangesOf,
  type MockScript,
  type RecordedAnswer,
  type TimedNotification,
} from './script.js';

/** What the responder tells the person running the mock. */
export type MockLog = (line: string) => void;

/**
 * Plays the recorded server on one connection: answers each request from the recording,
 * sends the notifications recorded around it at their recorded offsets, and answers a
 * request the recording does not have with a JSON-RPC error that names it.
 */
export class MockResponder {
  private readonly exchanges: RecordedExchanges<RecordedAnswer>;
  private readonly timers = new Map<string, NodeJS.Timeout[]>();
  private closed = false;

  constructor(
    private readonly script: MockScript,
    private readonly transport: Transport,
    private readonly log: { served?: MockLog; warn: MockLog },
  ) {
    this.exchanges = exchangesOf(script);
    transport.onmessage = (message) => this.onMessage(message);
  }

  /** Stops every scheduled message. */
  close(): void {
    this.closed = true;
    for (const list of this.timers.values()) for (const timer of list) clearTimeout(timer);
    this.timers.clear();
  }

  private onMessage(msg: Record<string, unknown>): void {
    const method = msg['method'];
    if (typeof method !== 'string') return; // a response to nothing we asked: ignore it
    const id = msg['id'] as RequestId | undefined;
    const params = msg['params'];
    if (id === undefined) {
      this.onNotification(method, params as Record<string, unknown> | undefined);
      return;
    }
    const era = requestEra(params);
    const found = this.exchanges.take(method, params, { reuse: true });
    if (found === undefined) {
      const translated = translatedHandshake(this.script, method, params);
      if (translated !== undefined) {
        this.log.served?.(`${method}: built from the recorded ${translated.from}`);
        this.play(id, resultForEra(translated.answer, era), undefined);
        return;
      }
      if (method === 'ping') {
        this.send({ jsonrpc: '2.0', id, result: {} });
        return;
      }
      const error = this.unrecorded(method, params);
      this.log.warn(error.message);
      this.send({ jsonrpc: '2.0', id, error });
      return;
    }
    this.log.served?.(
      `${labelOf(method, params)}: the recorded answer${found.exact ? '' : ' to the next request of this method (its params differ)'}`,
    );
    const token = (
      (params as Record<string, unknown> | undefined)?.['_meta'] as
        Record<string, unknown> | undefined
    )?.['progressToken'];
    this.play(id, resultForEra(this.adapt(method, params, found.exchange.answer), era), token);
  }

  /**
   * `initialize` answers with the version the client asked for when the SDK knows it, so
   * that a client pinned to another revision (Claude Desktop, an older SDK) can still use the
   * mock; the recorded answer is otherwise kept as it is.
   */
  private adapt(method: string, params: unknown, answer: RecordedAnswer): RecordedAnswer {
    if (method !== 'initialize' || !('result' in answer.reply)) return answer;
    const asked = (params as { protocolVersion?: unknown } | undefined)?.protocolVersion;
    const result = (answer.reply.result ?? {}) as Record<string, unknown>;
    if (
      typeof asked !== 'string' ||
      asked === result['protocolVersion'] ||
      !SUPPORTED_PROTOCOL_VERSIONS.includes(asked)
    )
      return answer;
    this.log.warn(
      `mcpscope mock: the client asked for protocol version ${asked}; the recording was made with ${String(result['protocolVersion'])}; answering ${asked}`,
    );
    return { ...answer, reply: { result: { ...result, protocolVersion: asked } } };
  }

  private onNotification(method: string, params: Record<string, unknown> | undefined): void {
    if (method === 'notifications/initialized') {
      for (const n of this.script.afterInitialized)
        this.at('initialized', n.offsetMs, () => this.send(n.msg));
    } else if (method === 'notifications/cancelled') {
      const requestId = params?.['requestId'];
      if (typeof requestId !== 'string' && typeof requestId !== 'number') return;
      // A cancelled request gets no response (spec: cancellation).
      for (const timer of this.timers.get(idKey(requestId)) ?? []) clearTimeout(timer);
      this.timers.delete(idKey(requestId));
    }
  }

  /** The recorded notifications at their offsets, the response after the last one before it. */
  private play(id: RequestId, answer: RecordedAnswer, token: unknown): void {
    const key = idKey(id);
    const responseAt = Math.max(0, ...answer.before.map((n) => n.offsetMs));
    for (const n of answer.before) {
      const msg = withToken(n, token);
      if (msg !== undefined) this.at(key, n.offsetMs, () => this.send(msg, id));
    }
    this.at(key, responseAt, () => this.send({ jsonrpc: '2.0', id, ...answer.reply }));
    for (const n of answer.after) {
      const msg = withToken(n, token);
      if (msg !== undefined)
        this.at(`${key} after`, Math.max(responseAt, n.offsetMs), () => this.send(msg));
    }
  }

  private at(key: string, ms: number, run: () => void): void {
    let list = this.timers.get(key);
    if (list === undefined) {
      list = [];
      this.timers.set(key, list);
    }
    const timers = list;
    const timer = setTimeout(
      () => {
        timers.splice(timers.indexOf(timer), 1);
        if (timers.length === 0 && this.timers.get(key) === timers) this.timers.delete(key);
        run();
      },
      Math.max(0, ms),
    );
    timers.push(timer);
  }

  private send(message: Record<string, unknown>, relatedRequestId?: RequestId): void {
    if (this.closed) return;
    this.transport
      .send(
        message as JSONRPCMessage,
        relatedRequestId === undefined ? undefined : { relatedRequestId },
      )
      // The client left: there is nobody to tell.
      .catch(() => undefined);
  }

  private unrecorded(method: string, params: unknown): { code: number; message: string } {
    const shown = JSON.stringify(params ?? {});
    const what = `${method} ${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown}`;
    if (this.exchanges.has(method)) {
      return {
        code: -32602,
        message: `mcpscope mock: the recording has no answer for ${what}: its ${method} requests had other params and were all answered`,
      };
    }
    return {
      code: -32601,
      message: `mcpscope mock: the recording has no ${method} request (${what}); it recorded ${this.exchanges.methods().join(', ') || 'no requests'}`,
    };
  }
}

/** A recorded notification for the live request: progress carries the live token, or is dropped. */
function withToken(n: TimedNotification, token: unknown): Record<string, unknown> | undefined {
  if (n.msg['method'] !== 'notifications/progress') return n.msg;
  if (token === undefined) return undefined;
  const params = (n.msg['params'] ?? {}) as Record<string, unknown>;
  return { ...n.msg, params: { ...params, progressToken: token } };
}
