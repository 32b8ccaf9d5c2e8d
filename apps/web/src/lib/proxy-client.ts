import { ProxyEventSchema, type ClientCommandInput, type ProxyEvent } from '@mcpscope/protocol';

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
    readonly code: string,
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
  /** Sends a command; the promise carries the command's id (to cancel a `request`). */
  send<T = unknown>(command: Command): PendingCommand<T>;
}

/** A command in flight: resolves with the proxy's reply, rejects with a {@link CommandError}. */
export type PendingCommand<T> = Promise<T> & { readonly id: string };

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: CommandError) => void;
}

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

  send<T = unknown>(command: Command): PendingCommand<T> {
    const id = `c${this.nextId++}`;
    const socket = this.socket;
    const promise =
      socket === undefined || socket.readyState !== WebSocket.OPEN
        ? Promise.reject(
            new CommandError(
              'PROXY_UNREACHABLE',
              'not connected to the mcpscope proxy; it reconnects by itself, try again in a moment',
            ),
          )
        : new Promise<T>((resolve, reject) => {
            this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
            socket.send(JSON.stringify({ ...command, id }));
          });
    return Object.assign(promise, { id });
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
        if (event.type === 'reply') waiting.resolve(event.result);
        else waiting.reject(new CommandError(event.code, event.message));
        return;
      }
    }
    for (const listener of this.eventListeners) listener(event);
  }
}

/** The socket URL of the proxy that served this page. */
export function defaultSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}
