import {
  CommandReplySchemas,
  ProxyEventSchema,
  resolveOutcome,
  type ClientCommandInput,
  type CommandReply,
  type CommandType,
  type OutcomeReply,
  type ProxyErrorCode,
  type ProxyEvent,
  type TrafficEntry,
} from '@mcpscope/protocol';

/** The socket's state as the UI shows it. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

/** A command without its correlation id, which the client assigns. */
export type Command = ClientCommandInput extends infer C
  ? C extends unknown
    ? Omit<C, 'id'>
    : never
  : never;

/** A command the proxy refused, with its searchable code. */
export class CommandError extends Error {
  constructor(
    readonly code: ProxyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/**
 * What the UI needs from a proxy: events in, commands out. The live client below talks to
 * the proxy's WebSocket; a recording viewer can implement the same interface, so panels
 * cannot tell live from recorded.
 */
export interface InspectorClient {
  readonly status: ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  onEvent(listener: (event: ProxyEvent) => void): () => void;
  /**
   * Sends a command; resolves with its reply, typed by the command (`CommandReply` of the
   * wire contract). The promise carries the command's id (to cancel a `request`), and a
   * `request` also says when its request went out, with the seq of its entry.
   */
  send<C extends Command>(command: C): Pending<C>;
}

/** A command in flight: resolves with the proxy's reply, rejects with a {@link CommandError}. */
export type PendingCommand<T> = Promise<T> & { readonly id: string };

/**
 * A `request` in flight. `sent` resolves with the seq of the request's traffic entry as soon
 * as the proxy logged it (with the traffic that carries it, or with the reply at the latest),
 * so a panel follows its own call without matching entries by content; undefined when the
 * request never went out.
 */
export type PendingRequest = PendingCommand<CommandReply<'request'>> & {
  readonly sent: Promise<number | undefined>;
};

/** What {@link InspectorClient.send} returns for a command. */
export type Pending<C extends Command> = C extends { type: 'request' }
  ? PendingRequest
  : PendingCommand<CommandReply<C['type']>>;

interface Waiting {
  type: CommandType;
  sessionId: string | undefined;
  resolve: (value: unknown) => void;
  reject: (error: CommandError) => void;
  /** For a `request`: resolves {@link PendingRequest.sent}. */
  sent?: (requestSeq: number | undefined) => void;
}

/** How many response entries are kept for replies that refer to them (see `resolveOutcome`). */
const RECENT_RESPONSES = 512;

/**
 * The only code in the web app that touches the socket. Reconnects with backoff when the
 * proxy restarts or the network blips; the store re-attaches sessions on the next `hello`.
 */
export class ProxyClient implements InspectorClient {
  private socket: WebSocket | undefined;
  private statusValue: ConnectionStatus = 'connecting';
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly eventListeners = new Set<(event: ProxyEvent) => void>();
  private readonly waiting = new Map<string, Waiting>();
  /**
   * The latest response entries, by `sessionId seq`: a request's reply refers to its response
   * entry, which arrived in a traffic event just before it, instead of carrying the result again.
   */
  private readonly responses = new Map<string, TrafficEntry>();
  private nextId = 1;
  private retries = 0;

  constructor(private readonly url: string) {
    this.open();
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onEvent(listener: (event: ProxyEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  send<C extends Command>(command: C): Pending<C> {
    const id = `c${this.nextId++}`;
    const socket = this.socket;
    let sent: ((requestSeq: number | undefined) => void) | undefined;
    const sentPromise = new Promise<number | undefined>((resolve) => (sent = resolve));
    const promise =
      socket === undefined || socket.readyState !== WebSocket.OPEN
        ? Promise.reject(
            new CommandError(
              'PROXY_UNREACHABLE',
              'not connected to the mcpscope proxy; it reconnects by itself, try again in a moment',
            ),
          )
        : new Promise<unknown>((resolve, reject) => {
            this.waiting.set(id, {
              type: command.type,
              sessionId: 'sessionId' in command ? command.sessionId : undefined,
              resolve,
              reject,
              ...(command.type === 'request' && { sent }),
            });
            socket.send(JSON.stringify({ ...command, id }));
          });
    if (command.type !== 'request') return Object.assign(promise, { id }) as Pending<C>;
    // Settled with the reply at the latest: a failed or refused request was never sent.
    promise.then(
      (outcome) => sent?.((outcome as { requestSeq?: number }).requestSeq),
      () => sent?.(undefined),
    );
    return Object.assign(promise, { id, sent: sentPromise }) as Pending<C>;
  }

  private setStatus(status: ConnectionStatus): void {
    this.statusValue = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private open(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.retries = 0;
      this.setStatus('open');
    };
    socket.onmessage = (message: MessageEvent<string>) => this.onMessage(message.data);
    socket.onclose = () => {
      this.responses.clear();
      for (const waiting of this.waiting.values()) {
        waiting.reject(
          new CommandError('PROXY_UNREACHABLE', 'the connection to the mcpscope proxy was lost'),
        );
      }
      this.waiting.clear();
      this.setStatus('reconnecting');
      const delay = Math.min(5000, 250 * 2 ** this.retries++);
      setTimeout(() => this.open(), delay);
    };
  }

  private onMessage(text: string): void {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      console.error('mcpscope: the proxy sent a frame that is not JSON');
      return;
    }
    const parsed = ProxyEventSchema.safeParse(data);
    if (!parsed.success) {
      console.error(
        'mcpscope: the proxy sent an event this UI does not understand',
        parsed.error.issues[0],
      );
      return;
    }
    const event = parsed.data;
    if (event.type === 'reply' || (event.type === 'error' && event.id !== undefined)) {
      const waiting = this.waiting.get(event.id!);
      if (waiting !== undefined) {
        this.waiting.delete(event.id!);
        if (event.type === 'error') waiting.reject(new CommandError(event.code, event.message));
        else this.settle(waiting, event.result);
        return;
      }
    }
    if (event.type === 'traffic') this.noteTraffic(event);
    for (const listener of this.eventListeners) listener(event);
  }

  /** Keeps the response entries a reply may refer to, and tells requests they went out. */
  private noteTraffic(event: Extract<ProxyEvent, { type: 'traffic' }>): void {
    for (const { id, requestSeq } of event.sent ?? []) this.waiting.get(id)?.sent?.(requestSeq);
    for (const entry of event.entries) {
      if (entry.kind !== 'response') continue;
      this.responses.set(`${event.sessionId} ${entry.seq}`, entry);
      if (this.responses.size > RECENT_RESPONSES)
        this.responses.delete(this.responses.keys().next().value!);
    }
  }

  /**
   * Resolves a command with its reply's result, checked against the command's reply schema;
   * a request outcome that refers to its response entry gets its result back from it.
   */
  private settle(waiting: Waiting, result: unknown): void {
    const parsed = CommandReplySchemas[waiting.type].safeParse(result);
    if (!parsed.success) {
      waiting.reject(
        new CommandError(
          'INTERNAL',
          `the proxy's reply to ${waiting.type} does not match this page's contract (${parsed.error.issues[0]?.message ?? 'unknown problem'}); reload the page`,
        ),
      );
      return;
    }
    if (waiting.type !== 'request' && waiting.type !== 'setLogLevel') {
      waiting.resolve(parsed.data);
      return;
    }
    const reply = parsed.data as OutcomeReply;
    if (!('resultIn' in reply)) {
      waiting.resolve(reply);
      return;
    }
    const key = `${waiting.sessionId} ${reply.responseSeq}`;
    const entry = this.responses.get(key);
    this.responses.delete(key);
    waiting.resolve(resolveOutcome(reply, entry));
  }
}

/** The socket URL of the proxy that served this page. */
export function defaultSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}
