import { CommandError, type InspectorClient, type PendingCommand } from '../lib/proxy-client';

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

  send<T = unknown>(): PendingCommand<T> {
    const promise = Promise.reject(
      new CommandError(
        'READ_ONLY',
        'This is an HTML report of a recording: nothing can be sent. Open the recording with `mcpscope view FILE` or connect the server to try it live.',
      ),
    );
    return Object.assign(promise as Promise<T>, { id: `n${this.nextId++}` });
  }
}
