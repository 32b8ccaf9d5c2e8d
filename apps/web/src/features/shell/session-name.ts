import { describeTarget } from '@mcpscope/protocol';
import type { SessionView } from '../../lib/store';

/** What a session is called on screen: the server's title or name, else its target. */
export function sessionName(view: SessionView): string {
  const info = view.summary.handshake?.agreed.serverInfo ?? {};
  return (
    [info['title'], info['name']].find((v): v is string => typeof v === 'string') ??
    describeTarget(view.summary.config)
  );
}
