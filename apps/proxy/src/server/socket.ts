import {
  ClientCommandSchema,
  MAX_JSON_DEPTH,
  textNestsDeeperThan,
  type ClientCommand,
  type OutcomeReply,
  type ProxyEvent,
  type ReplyOnWire,
  type RequestOutcome,
  type RequestId,
  type ServerConfig,
  type TrafficEntry,
} from '@mcpscope/protocol';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { VERSION } from '../version.js';
import type { Session } from '@mcpscope/engine/session/session';
import type { TrafficLog } from '@mcpscope/engine/session/traffic-log';
import { runAsTask } from '@mcpscope/engine/session/tasks';
import { fastCommand } from './fast-command.js';
import {
  attachRange,
  fullEntry,
  historyPage,
  memoryEntries,
  outcomeForDisplay,
  readHistory,
} from './history.js';
import { HubRefusal, type HubEvent, type SessionHub } from './hub.js';
import type { SavedServers } from './saved-servers.js';
import type { AppSandbox } from './app-sandbox.js';

/** Traffic is sent at most this often per socket, batched per session. */
const FLUSH_MS = 16;
/** History is sent to an attaching socket in slices of this many entries. */
const HISTORY_SLICE = 2000;
/** When the socket has this much unsent data, batching waits for it to drain. */
const HIGH_WATER = 8 * 1024 * 1024;

export interface SocketContext {
  hub: SessionHub;
  saved: SavedServers;
  demo: ServerConfig | undefined;
  /** The MCP Apps sandbox listener (absent in tests that build a context by hand). */
  sandbox?: AppSandbox;
}

/**
 * One browser tab. Commands are validated with zod; a bad frame gets a typed error and
 * changes nothing. Traffic of attached sessions is batched, never sent per frame.
 */
export class SocketClient {
  private readonly attached = new Set<string>();
  private readonly queued = new Map<string, TrafficEntry[]>();
  /** Per session: this socket's `request` commands whose request went out since the last flush. */
  private readonly sent = new Map<string, { id: string; requestSeq: number }[]>();
  /** Sessions whose history is being read from disk: their live traffic waits behind it. */
  private readonly holding = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** Pending `request` commands by command id: the session and JSON-RPC id to cancel. */
  private readonly requests = new Map<string, { session: Session; id: RequestId }>();
  /** Task runs by `request` command id: aborting one sends tasks/cancel. */
  private readonly tasks = new Map<string, AbortController>();
  private readonly stopListening: () => void;

  constructor(
    private readonly socket: WebSocket,
    private readonly context: SocketContext,
    /** The page's origin (checked at the upgrade): the only one a staged app may talk to. */
    private readonly pageOrigin?: string,
  ) {
    this.stopListening = context.hub.listen((event) => this.onHubEvent(event));
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        this.send({
          type: 'error',
          code: 'BAD_FRAME',
          message: 'binary frames are not accepted; send JSON text',
        });
        return;
      }
      void this.onFrame(textOf(data));
    });
    socket.on('close', () => this.dispose());
    void this.hello();
  }

  private async hello(): Promise<void> {
    const event: ProxyEvent = {
      type: 'hello',
      version: VERSION,
      sessions: this.context.hub.list().map((s) => s.summary()),
      savedServers: await this.context.saved.list(),
    };
    if (this.context.demo !== undefined) event.demo = this.context.demo;
    this.send(event);
  }

  private dispose(): void {
    this.stopListening();
    clearTimeout(this.timer);
    for (const { session, id } of this.requests.values()) session.cancel(id);
  }

  private send(event: ProxyEvent): void {
    this.sendText(JSON.stringify(event));
  }

  /** A frame already serialised; it must be a {@link ProxyEvent}. */
  private sendText(text: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(text);
  }

  private onHubEvent(event: HubEvent): void {
    switch (event.type) {
      case 'traffic': {
        if (!this.attached.has(event.sessionId)) return;
        const queue = this.queued.get(event.sessionId);
        if (queue === undefined) this.queued.set(event.sessionId, [event.entry]);
        else queue.push(event.entry);
        this.schedule();
        return;
      }
      case 'session':
        this.send({ type: 'session', session: event.session });
        return;
      case 'sessionRemoved':
        this.attached.delete(event.sessionId);
        this.queued.delete(event.sessionId);
        this.send(event);
        return;
      case 'pendingServerRequest':
      case 'serverRequestSettled':
        // Flush first, so the request's traffic entry is there before its dialog.
        this.flush();
        this.send(event);
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.socket.bufferedAmount > HIGH_WATER) this.schedule();
      else this.flush();
    }, FLUSH_MS);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const [sessionId, entries] of this.queued) {
      if (this.holding.has(sessionId)) continue;
      const sent = this.sent.get(sessionId);
      this.send(
        sent === undefined
          ? { type: 'traffic', sessionId, entries }
          : { type: 'traffic', sessionId, entries, sent },
      );
      this.queued.delete(sessionId);
      this.sent.delete(sessionId);
    }
  }

  private async onFrame(text: string): Promise<void> {
    // Checked on the text: parsed, such a command would throw later, in the log, the spill
    // file or this socket's own replies, long after its sender could be told why.
    if (textNestsDeeperThan(text)) {
      const id = /^\s*\{\s*(?:"[^"]*"\s*:\s*"[^"]*"\s*,\s*)*?"id"\s*:\s*"([^"\\]{1,100})"/.exec(
        text.slice(0, 512),
      )?.[1];
      const message = `command nested deeper than ${MAX_JSON_DEPTH} levels: not run`;
      this.send(
        id === undefined
          ? { type: 'error', code: 'BAD_REQUEST', message }
          : { type: 'error', id, code: 'BAD_REQUEST', message },
      );
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      this.send({ type: 'error', code: 'BAD_FRAME', message: 'frame is not JSON' });
      return;
    }
    const fast = fastCommand(data);
    if (fast !== undefined) return this.run(fast);
    const parsed = ClientCommandSchema.safeParse(data);
    if (!parsed.success) {
      const id =
        typeof (data as { id?: unknown })?.id === 'string'
          ? (data as { id: string }).id
          : undefined;
      const issue = parsed.error.issues[0];
      const message = `invalid command: ${issue ? `${issue.path.join('.') || '(frame)'}: ${issue.message}` : 'unknown problem'}`;
      this.send(
        id === undefined
          ? { type: 'error', code: 'BAD_COMMAND', message }
          : { type: 'error', id, code: 'BAD_COMMAND', message },
      );
      return;
    }
    return this.run(parsed.data);
  }

  private async run(command: ClientCommand): Promise<void> {
    try {
      await this.execute(command);
    } catch (error) {
      this.send({
        type: 'error',
        id: command.id,
        code: error instanceof HubRefusal ? error.code : 'INTERNAL',
        message: (error as Error).message,
      });
    }
  }

  /** The reply to `command`, typed by the contract's reply schema of its type. */
  private reply<C extends ClientCommand>(command: C, result: ReplyOnWire<C['type']>): void {
    this.send({ type: 'reply', id: command.id, result });
  }

  private async execute(command: ClientCommand): Promise<void> {
    const { hub } = this.context;
    if (command.type === 'connect') {
      const created = await hub.create(command.config, command.options ?? {});
      await this.attach(created.id, 0);
      this.reply(command, { sessionId: created.id });
      return;
    }
    if (command.type === 'saveServer') {
      const servers = await this.context.saved.save(command.server);
      this.send({ type: 'savedServers', servers });
      this.reply(command, undefined);
      return;
    }
    if (command.type === 'stageApp') {
      const { sandbox } = this.context;
      if (sandbox === undefined || this.pageOrigin === undefined) {
        this.send({
          type: 'error',
          id: command.id,
          code: 'INTERNAL',
          message: 'this proxy has no MCP App sandbox: run `mcpscope ui` to render apps',
        });
        return;
      }
      this.reply(
        command,
        sandbox.stage({
          html: command.html,
          csp: command.csp,
          permissions: command.permissions,
          hostOrigin: this.pageOrigin,
        }),
      );
      return;
    }
    if (command.type === 'deleteServer') {
      const servers = await this.context.saved.remove(command.serverId);
      this.send({ type: 'savedServers', servers });
      this.reply(command, undefined);
      return;
    }
    const target = hub.get(command.sessionId);
    if (target === undefined) {
      this.send({
        type: 'error',
        id: command.id,
        code: 'UNKNOWN_SESSION',
        message: `no session ${command.sessionId} (it may have been removed)`,
      });
      return;
    }
    switch (command.type) {
      // What every session allows, a tapped one included: reading it, and letting it go.
      case 'attach':
        await this.attach(target.id, command.sinceSeq);
        this.reply(command, { lastSeq: target.log.lastSeq });
        return;
      case 'history': {
        const page = await readHistory(() =>
          historyPage(target.log, command.beforeSeq, command.limit),
        );
        if (page.ok) this.reply(command, page.value);
        else this.send({ type: 'error', id: command.id, code: page.code, message: page.message });
        return;
      }
      case 'entry': {
        const found = await fullEntry(target.log, command.seq);
        if (found.ok) this.reply(command, found.value);
        else this.send({ type: 'error', id: command.id, code: found.code, message: found.message });
        return;
      }
      case 'remove':
        await hub.remove(target.id);
        this.reply(command, undefined);
        return;
      default:
        break;
    }
    if (target.kind === 'tap') {
      this.send({
        type: 'error',
        id: command.id,
        code: 'READ_ONLY',
        message: `${command.type} is not possible in a tapped session: mcpscope only watches the traffic between the host and its server, it never sends into it. To call the server yourself, connect to it in a session of your own.`,
      });
      return;
    }
    switch (command.type) {
      case 'disconnect':
        await target.session.close();
        this.reply(command, undefined);
        return;
      case 'reconnect':
        this.reply(command, undefined);
        await target.reconnect();
        return;
      case 'request': {
        const { session } = target;
        const onSent = (requestSeq: number): void =>
          this.noteSent(target.id, command.id, requestSeq);
        const options = {
          onId: (id: RequestId) => this.requests.set(command.id, { session, id }),
          onSent,
          ...(command.timeoutMs !== undefined && { timeoutMs: command.timeoutMs }),
          ...(command.via !== undefined && { via: command.via }),
        };
        let outcome: RequestOutcome;
        if (command.task === true) {
          // A task outlives its first request: cancelling it is tasks/cancel, not the id.
          const controller = new AbortController();
          this.tasks.set(command.id, controller);
          outcome = await runAsTask(session, command.method, command.params, {
            signal: controller.signal,
            onSent,
          }).finally(() => this.tasks.delete(command.id));
        } else {
          outcome = await session.request(command.method, command.params, options);
        }
        this.requests.delete(command.id);
        // The traffic first, so the response's entry is there when the reply lands; both
        // in one TCP write, which is most of what the proxy adds to a call's latency.
        this.corked(() => {
          this.flush();
          this.reply(command, this.outcomeReply(target.id, target.log, outcome));
        });
        return;
      }
      case 'notify':
        this.reply(command, await target.session.notify(command.method, command.params));
        return;
      case 'cancel': {
        const task = this.tasks.get(command.requestCommandId);
        task?.abort();
        const pending = this.requests.get(command.requestCommandId);
        if (pending !== undefined) pending.session.cancel(pending.id);
        this.reply(command, {
          cancelled: task !== undefined || this.requests.has(command.requestCommandId),
        });
        return;
      }
      case 'respond':
        if (!target.answers.answer(command.serverRequestId, command.answer)) {
          this.send({
            type: 'error',
            id: command.id,
            code: 'NOT_PENDING',
            message:
              'that request is no longer waiting (answered in another tab, or cancelled by the server)',
          });
          return;
        }
        this.reply(command, undefined);
        return;
      case 'forgetCredentials':
        this.reply(command, { removed: await target.forgetCredentials() });
        return;
      case 'setRecording':
        target.setRecording(command.enabled);
        this.reply(command, undefined);
        return;
      case 'setLogLevel': {
        const outcome = await target.session.setLogLevel(command.level);
        this.corked(() => {
          this.flush();
          this.reply(command, this.outcomeReply(target.id, target.log, outcome));
        });
        return;
      }
      case 'setRoots':
        target.roots = command.roots;
        target.announce();
        if (target.session.state === 'ready')
          await target.session.notify('notifications/roots/list_changed');
        this.reply(command, undefined);
        return;
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  }

  /** Notes a request this socket's command sent; its next traffic batch names it. */
  private noteSent(sessionId: string, id: string, requestSeq: number): void {
    if (!this.attached.has(sessionId)) return;
    const list = this.sent.get(sessionId);
    if (list === undefined) this.sent.set(sessionId, [{ id, requestSeq }]);
    else list.push({ id, requestSeq });
    this.schedule();
  }

  /**
   * The reply to a request: a result that is the response entry's own `result` refers to
   * that entry instead of crossing the socket a second time. That holds only when this socket
   * has the entry before the reply: it is attached and its live traffic is not held behind a
   * history read. Anything else (a merged listing, a task's result) goes whole or as a preview.
   */
  private outcomeReply(sessionId: string, log: TrafficLog, outcome: RequestOutcome): OutcomeReply {
    if (
      outcome.ok &&
      outcome.responseSeq !== undefined &&
      this.attached.has(sessionId) &&
      !this.holding.has(sessionId) &&
      isResultOf(log.get(outcome.responseSeq), outcome.result)
    ) {
      const reply: OutcomeReply = { ok: true, resultIn: 'entry', responseSeq: outcome.responseSeq };
      if (outcome.requestSeq !== undefined) reply.requestSeq = outcome.requestSeq;
      if (outcome.durationMs !== undefined) reply.durationMs = outcome.durationMs;
      return reply;
    }
    return outcomeForDisplay(log, outcome);
  }

  /**
   * Runs `write` with the TCP socket corked, so that the frames it sends leave in one write
   * (ws corks each frame on its own, not a sequence of them). ws keeps its socket in a
   * private field; without it, the frames are simply sent one by one.
   */
  private corked(write: () => void): void {
    const tcp = (this.socket as WebSocket & { _socket?: Socket })._socket;
    tcp?.cork();
    try {
      write();
    } finally {
      tcp?.uncork();
    }
  }

  /**
   * Sends the history since `sinceSeq` (at most the newest ATTACH_TAIL entries) in slices,
   * then live traffic. History the memory window no longer holds is read from the spill file;
   * meanwhile the session's live traffic is held back, so the tab gets every entry once and
   * in order.
   */
  private async attach(sessionId: string, sinceSeq: number): Promise<void> {
    const target = this.context.hub.get(sessionId);
    if (target === undefined) return;
    this.flush();
    this.attached.add(sessionId);
    this.queued.delete(sessionId);
    const { from, to, reset, inMemory } = attachRange(target.log, sinceSeq);
    if (inMemory) {
      const history = memoryEntries(target.log, from, to);
      if (history.length === 0 && reset)
        this.send({ type: 'traffic', sessionId, entries: [], reset: true });
      for (let i = 0; i < history.length; i += HISTORY_SLICE) {
        this.send({
          type: 'traffic',
          sessionId,
          entries: history.slice(i, i + HISTORY_SLICE),
          ...(i === 0 && reset && { reset: true }),
        });
      }
    } else {
      this.holding.add(sessionId);
      const read = await readHistory(() => target.log.readDisplayJson(from, to));
      this.holding.delete(sessionId);
      if (!this.attached.has(sessionId)) return;
      // Should the disk fail, the tab still gets what memory holds, and is told why not more.
      const history = read.ok
        ? read.value
        : memoryEntries(target.log, target.log.memoryStart, to).map((e) => JSON.stringify(e));
      if (!read.ok) this.send({ type: 'error', code: read.code, message: read.message });
      // Frames built from the entries' JSON: the spill file's lines go out as they were read.
      const head = `{"type":"traffic","sessionId":${JSON.stringify(sessionId)},"entries":[`;
      for (let i = 0; i === 0 || i < history.length; i += HISTORY_SLICE) {
        const tail = i === 0 && reset ? '],"reset":true}' : ']}';
        this.sendText(head + history.slice(i, i + HISTORY_SLICE).join(',') + tail);
      }
    }
    this.flush();
    if (target.kind === 'tap') return;
    for (const request of target.answers.list())
      this.send({ type: 'pendingServerRequest', sessionId, request });
  }
}

/** Whether `result` is the very `result` object of this response entry's message. */
function isResultOf(entry: TrafficEntry | undefined, result: unknown): boolean {
  if (entry?.kind !== 'response' || result === undefined) return false;
  return (entry.msg as { result?: unknown } | undefined)?.result === result;
}

function textOf(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
