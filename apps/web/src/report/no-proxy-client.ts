import {
  CommandError,
  type Command,
  type InspectorClient,
  type Pending,
} from '../lib/proxy-client';

/**
 * The "live" side of the report's client: there is no proxy behind a file, so it never has
 * events and refuses every command. Recorded sessions are answered before they get here.
 */
export class NoProxyClient implements InspectorClient {
  // 'open': nothing is lost or coming back, so the page shows no reconnecting banner.
  readonly status = 'open' as const;
  private nextId = 1;

  onStatus(): () => void {
    return () => undefined;
  }

  onEvent(): () => void {
    return () => undefined;
  }

  send<C extends Command>(command: C): Pending<C> {
    const promise: Promise<unknown> = Promise.reject(
      new CommandError(
        'READ_ONLY',
        'This is an HTML report of a recording: nothing can be sent. Open the recording with `mcpscope view FILE` or connect the server to try it live.',
      ),
    );
    const id = `n${this.nextId++}`;
    // A refused request was never sent.
    if (command.type === 'request')
      return Object.assign(promise, { id, sent: Promise.resolve(undefined) }) as Pending<C>;
    return Object.assign(promise, { id }) as Pending<C>;
  }
}
