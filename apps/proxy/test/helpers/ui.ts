import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import {
  CommandReplySchemas,
  ProxyEventSchema,
  resolveOutcome,
  type ClientCommandInput,
  OutcomeReplySchema,
  type RequestOutcome,
  type ProxyEvent,
  type ServerConfig,
  type TrafficEntry,
} from '@mcpscope/protocol';
import { WebSocket, type RawData } from 'ws';
import { buildApp, type ProxyApp } from '../../src/server/app.js';
import type { RecordingLibrary } from '@mcpscope/engine/recording/library';
import type { SessionHub } from '../../src/server/hub.js';
import { SavedServers } from '../../src/server/saved-servers.js';
import { newToken, type AccessPolicy } from '../../src/server/security.js';

/** What the fake web UI serves, so tests can compare bodies byte for byte. */
export const INDEX_HTML =
  '<!doctype html><meta charset="utf-8"><title>mcpscope test UI</title><script type="module" src="/assets/app.js"></script>\n';
export const APP_JS = 'console.log("mcpscope test asset");\n';

/** Writes a minimal built UI (index.html and one hashed-style asset) into `dir`. */
export function writeWebRoot(dir: string): string {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'assets', 'app.js'), APP_JS);
  return dir;
}

/** A proxy app running in this process on a real loopback port, as `mcpscope ui` starts it. */
export interface RunningUi {
  app: ProxyApp;
  hub: SessionHub;
  access: AccessPolicy;
  token: string;
  port: number;
  /** `http://127.0.0.1:PORT`, which is also the Origin the UI's own page sends. */
  origin: string;
  /** `ws://127.0.0.1:PORT/ws` (no token). */
  wsUrl: string;
  /** The `Cookie` header value a browser sends after the token-for-cookie trade. */
  cookie: string;
  /** Closes every session (servers get end-of-input, then signals) and the server. */
  close: () => Promise<void>;
}

/**
 * Starts `buildApp` the way cli/ui.ts does: listen on port 0, then tell the access guard the
 * port actually bound, before any request can arrive.
 */
export async function startUi(options: {
  webRoot: string;
  configDir: string;
  demo?: ServerConfig;
  recordings?: RecordingLibrary;
  viewFile?: string;
  maxSessions?: number;
}): Promise<RunningUi> {
  const token = newToken();
  const access: AccessPolicy = { token, port: 0 };
  const { app, hub } = await buildApp({
    access,
    webRoot: options.webRoot,
    saved: new SavedServers(options.configDir),
    ...(options.demo !== undefined && { demo: options.demo }),
    ...(options.recordings !== undefined && { recordings: options.recordings }),
    ...(options.viewFile !== undefined && { viewFile: options.viewFile }),
    ...(options.maxSessions !== undefined && { maxSessions: options.maxSessions }),
  });
  // Upgrade requests the guard refused, whose sockets nobody closes (see "a refused upgrade
  // does not keep its connection" in ui-server.test.ts): tracked only so that a teardown
  // cannot hang on them.
  const refusedUpgrades = new Set<Duplex>();
  app.server.on('upgrade', (_request: IncomingMessage, socket: Duplex) =>
    refusedUpgrades.add(socket),
  );
  app.websocketServer.on('connection', (_socket: WebSocket, request: IncomingMessage) =>
    refusedUpgrades.delete(request.socket),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  access.port = port;
  let closed = false;
  return {
    app,
    hub,
    access,
    token,
    port,
    origin: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    cookie: `mcpscope_${port}=${token}`,
    close: async () => {
      if (closed) return;
      closed = true;
      await hub.closeAll();
      for (const socket of refusedUpgrades) socket.destroy();
      await app.close();
    },
  };
}

/** A raw HTTP response. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * GET over a plain socket with exactly the headers given (plus `Host`, which defaults to
 * `127.0.0.1:PORT` but can be forged, as a DNS-rebinding page would make a browser send).
 */
export function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'GET',
        headers: { host: `127.0.0.1:${port}`, ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** How a WebSocket upgrade went: open, or refused with an HTTP status. */
export type UpgradeOutcome =
  { ok: true; socket: UiSocket } | { ok: false; status: number; body: string };

/**
 * Attempts the WebSocket upgrade with the `ws` client. `origin` undefined sends no Origin
 * header at all (what a non-browser client may do); `host` forges the Host header.
 */
export function tryOpenSocket(
  url: string,
  options: { origin?: string; cookie?: string; host?: string } = {},
): Promise<UpgradeOutcome> {
  const headers: Record<string, string> = {};
  if (options.cookie !== undefined) headers['cookie'] = options.cookie;
  if (options.host !== undefined) headers['host'] = options.host;
  const client = new WebSocket(url, {
    headers,
    ...(options.origin !== undefined && { origin: options.origin }),
    // Same limit the proxy applies to commands; events (history slices) can be larger.
    maxPayload: 256 * 1024 * 1024,
  });
  // Collect frames from the very first one: the proxy sends `hello` right after the upgrade.
  const socket = new UiSocket(client);
  return new Promise((resolve, reject) => {
    client.once('open', () => resolve({ ok: true, socket }));
    client.once('unexpected-response', (req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({
          ok: false,
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        req.destroy();
      });
    });
    client.once('error', (error) => reject(error));
  });
}

/** Opens a socket that must be accepted. */
export async function openSocket(
  url: string,
  options: { origin?: string; cookie?: string; host?: string } = {},
): Promise<UiSocket> {
  const outcome = await tryOpenSocket(url, options);
  if (!outcome.ok)
    throw new Error(`WebSocket upgrade refused: HTTP ${outcome.status} ${outcome.body}`);
  return outcome.socket;
}

type EventOf<T extends ProxyEvent['type']> = Extract<ProxyEvent, { type: T }>;

interface Waiter {
  from: number;
  test: (event: ProxyEvent) => boolean;
  resolve: (event: ProxyEvent) => void;
}

/** How long a wait for one event may take before the test fails; the machine is shared. */
const WAIT_MS = 20_000;

/**
 * One browser tab as the proxy sees it. Every frame received is validated with
 * `ProxyEventSchema` (the wire contract) and kept, so tests can wait for an event or look
 * back at the whole sequence.
 */
export class UiSocket {
  readonly events: ProxyEvent[] = [];
  /** Frames that did not validate against the wire contract, with the reason. */
  readonly invalid: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Waiter[] = [];
  private nextId = 0;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: RawData) => this.onMessage(data));
    this.closed = new Promise((resolve) => {
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
    });
    // An 'error' without a listener would crash the worker; `closed` reports the outcome.
    ws.on('error', () => undefined);
  }

  private onMessage(data: RawData): void {
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.invalid.push(`not JSON: ${text.slice(0, 500)}`);
      return;
    }
    const parsed = ProxyEventSchema.safeParse(json);
    if (!parsed.success) {
      this.invalid.push(`${parsed.error.message}\n${text.slice(0, 500)}`);
      return;
    }
    this.events.push(parsed.data);
    const index = this.events.length - 1;
    for (const waiter of [...this.waiters]) {
      if (index >= waiter.from && waiter.test(parsed.data)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(parsed.data);
      }
    }
  }

  /** The index the next event will have: pass it as `from` to wait only for later events. */
  mark(): number {
    return this.events.length;
  }

  /** Resolves with the first event of `type` (at index `from` or later) that passes `test`. */
  waitFor<T extends ProxyEvent['type']>(
    type: T,
    test: (event: EventOf<T>) => boolean = () => true,
    from = 0,
  ): Promise<EventOf<T>> {
    return this.waitMatch(
      (event) => event.type === type && test(event as EventOf<T>),
      from,
      `a ${type} event matching ${test.toString()}`,
    ) as Promise<EventOf<T>>;
  }

  private waitMatch(
    matches: (event: ProxyEvent) => boolean,
    from: number,
    what: string,
  ): Promise<ProxyEvent> {
    const seen = this.events.slice(from).find(matches);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const last = this.events.slice(-8).map((e) => JSON.stringify(e).slice(0, 300));
        reject(new Error(`no ${what} within ${WAIT_MS} ms; last events:\n${last.join('\n')}`));
      }, WAIT_MS);
      const waiter: Waiter = {
        from,
        test: matches,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits until the session reaches `state` (in an event at index `from` or later). */
  waitForState(sessionId: string, state: string, from = 0): Promise<EventOf<'session'>> {
    return this.waitFor(
      'session',
      (e) => e.session.id === sessionId && e.session.state === state,
      from,
    );
  }

  /** Sends a raw text (or binary) frame. */
  sendRaw(data: string | Buffer, options: { binary?: boolean } = {}): void {
    this.ws.send(data, { binary: options.binary ?? false });
  }

  /** A fresh command id. */
  id(): string {
    return `cmd-${++this.nextId}`;
  }

  /**
   * Sends a command (its `id` filled in unless given) without waiting. Resolves with the
   * `reply` or `error` event bearing the id, whenever it comes.
   */
  send(command: DistributiveOmit<ClientCommandInput, 'id'> & { id?: string }): {
    id: string;
    answer: Promise<EventOf<'reply'> | EventOf<'error'>>;
  } {
    const id = command.id ?? this.id();
    const answer = this.waitMatch(
      (e) => (e.type === 'reply' || e.type === 'error') && e.id === id,
      this.mark(),
      `the reply to ${command.type} ${id}`,
    ) as Promise<EventOf<'reply'> | EventOf<'error'>>;
    this.ws.send(JSON.stringify({ ...command, id }));
    return { id, answer };
  }

  /**
   * Sends a command and resolves with its reply's `result`, checked against the command's
   * reply schema and, for a request outcome that refers to its response entry, with the
   * result taken from that entry as the browser does; an `error` event fails the test.
   */
  async command(
    command: DistributiveOmit<ClientCommandInput, 'id'> & { id?: string },
  ): Promise<unknown> {
    const answer = await this.send(command).answer;
    if (answer.type === 'error')
      throw new Error(`${command.type} failed: ${answer.code}: ${answer.message}`);
    const result = CommandReplySchemas[command.type].parse(answer.result);
    if (command.type !== 'request' && command.type !== 'setLogLevel') return result;
    return this.outcomeOf(command.sessionId, answer);
  }

  /** The outcome of a `request` reply, its result taken from the entry it refers to. */
  outcomeOf(sessionId: string, answer: EventOf<'reply'>): RequestOutcome {
    const reply = OutcomeReplySchema.parse(answer.result);
    if (!('resultIn' in reply)) return reply;
    const entry = this.traffic(sessionId).find((e) => e.seq === reply.responseSeq);
    return resolveOutcome(reply, entry);
  }

  /** Every traffic entry received for a session, in arrival order (history first). */
  traffic(sessionId: string): TrafficEntry[] {
    return this.events
      .filter((e): e is EventOf<'traffic'> => e.type === 'traffic' && e.sessionId === sessionId)
      .flatMap((e) => e.entries);
  }

  /** Resolves with the first traffic entry of a session that passes `test`, received or to come. */
  async waitForEntry(
    sessionId: string,
    test: (entry: TrafficEntry) => boolean,
    from = 0,
  ): Promise<TrafficEntry> {
    const event = await this.waitFor(
      'traffic',
      (e) => e.sessionId === sessionId && e.entries.some(test),
      from,
    );
    return event.entries.find(test)!;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === this.ws.CLOSED) return;
    this.ws.close();
    await this.closed;
  }
}

/** `Omit` over each member of a union, so a command's type still narrows its fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The pids of the server processes a session's traffic says were spawned. */
export function pidsOf(entries: readonly TrafficEntry[]): number[] {
  return entries
    .filter(
      (e) =>
        e.kind === 'lifecycle' &&
        e.transport?.pid !== undefined &&
        e.transport.detail?.startsWith('spawned') === true,
    )
    .map((e) => e.transport!.pid!);
}

/** The method of a JSON-RPC message entry, if it has one. */
export function methodOf(entry: TrafficEntry): string | undefined {
  const method = (entry.msg as { method?: unknown } | undefined)?.method;
  return typeof method === 'string' ? method : undefined;
}
