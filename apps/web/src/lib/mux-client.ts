import type { ProxyEvent } from '@mcpscope/protocol';
import {
  CommandError,
  type Command,
  type ConnectionStatus,
  type InspectorClient,
  type Pending,
} from './proxy-client';
import { RecordedSession, READ_ONLY_REASON } from './recorded-session';
import type { ParsedRecording } from './recording-file';

/**
 * The page's one client: live sessions go to the proxy, recorded ones are served from their
 * recordings, and both arrive as the same events. A `hello` from the proxy (first connect,
 * reconnect) lists the recorded sessions too, so the store keeps them.
 */
export class MuxClient implements InspectorClient {
  private readonly recorded = new Map<string, RecordedSession>();
  private readonly listeners = new Set<(event: ProxyEvent) => void>();
  private nextId = 1;
  private nextRecording = 1;

  constructor(private readonly live: InspectorClient) {
    live.onEvent((event) =>
      this.deliver(
        event.type === 'hello'
          ? {
              ...event,
              sessions: [...event.sessions, ...[...this.recorded.values()].map((r) => r.summary())],
            }
          : event,
      ),
    );
  }

  get status(): ConnectionStatus {
    return this.live.status;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    return this.live.onStatus(listener);
  }

  onEvent(listener: (event: ProxyEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send<C extends Command>(command: C): Pending<C> {
    const recorded = 'sessionId' in command ? this.recorded.get(command.sessionId) : undefined;
    if (recorded === undefined) return this.live.send(command);
    const promise = this.sendRecorded(recorded, command);
    const id = `r${this.nextId++}`;
    if (command.type !== 'request') return Object.assign(promise, { id }) as Pending<C>;
    // A recorded answer names its request's entry; a refused one was never sent.
    const sent = promise.then(
      (outcome) => (outcome as { requestSeq?: number }).requestSeq,
      () => undefined,
    );
    return Object.assign(promise, { id, sent }) as Pending<C>;
  }

  /** Opens a recording as a new read-only session; it is announced like a new live one. */
  open(recording: ParsedRecording): RecordedSession {
    const id = `recording-${this.nextRecording++}`;
    const session = new RecordedSession(id, recording, (event) => this.deliver(event));
    this.recorded.set(id, session);
    this.deliver({ type: 'session', session: session.summary() });
    return session;
  }

  /** The recorded session with this id, if it is one. */
  recordedSession(sessionId: string): RecordedSession | undefined {
    return this.recorded.get(sessionId);
  }

  private async sendRecorded(session: RecordedSession, command: Command): Promise<unknown> {
    // Answers come after the caller has its promise, as the proxy's would.
    await Promise.resolve();
    switch (command.type) {
      case 'attach':
        session.attach(command.sinceSeq ?? 0);
        return { lastSeq: session.summary().lastSeq };
      case 'request': {
        const answer = session.answer(command.method, command.params);
        if (!answer.ok) throw new CommandError('READ_ONLY', answer.message);
        return answer.outcome;
      }
      // The browser keeps a window of a long session; older entries page in from the file.
      case 'history':
        return session.history(command.beforeSeq, command.limit ?? 2000);
      case 'entry': {
        const entry = session.entry(command.seq);
        if (entry === undefined)
          throw new CommandError('NO_SUCH_ENTRY', `the recording has no entry #${command.seq}`);
        return { entry };
      }
      case 'remove':
        this.recorded.delete(session.id);
        this.deliver({ type: 'sessionRemoved', sessionId: session.id });
        return undefined;
      case 'cancel':
        return { cancelled: false };
      default:
        throw new CommandError('READ_ONLY', READ_ONLY_REASON);
    }
  }

  private deliver(event: ProxyEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
