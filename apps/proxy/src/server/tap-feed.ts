import { TAP_REMOVED_CLOSE_CODE, TapFeedMessageSchema, type TapReply } from '@mcpscope/protocol';
import type { WebSocket } from 'ws';
import { HubRefusal, type SessionHub } from './hub.js';
import type { TapHubSession } from './tap-session.js';

/**
 * One `mcpscope tap` feeding this UI over `/tap` (already past the guard): its first message
 * opens a tapped session, the next ones carry its traffic, and the socket closing ends the
 * session as "the tap went away" unless the tap said why first. Nothing the tap sends can
 * reach a server: a tapped session has none.
 */
const GONE = 'the tap went away (its process ended or lost this UI)';

export function acceptTapFeed(socket: WebSocket, hub: SessionHub): void {
  let session: TapHubSession | undefined;
  // Messages wait for the session being opened (its module loads with the first tap).
  let opening: Promise<void> | undefined;
  const reply = (message: TapReply): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const refuse = (code: string, message: string): void => {
    reply({ type: 'refused', code, message });
    socket.close(1008, code);
  };
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (opening !== undefined) {
      void opening.then(() => onMessage(data, isBinary));
      return;
    }
    onMessage(data, isBinary);
  });
  const onMessage = (data: Buffer, isBinary: boolean): void => {
    if (isBinary) return refuse('BAD_FRAME', 'the tap feed is JSON text');
    let parsed;
    try {
      parsed = TapFeedMessageSchema.safeParse(JSON.parse(data.toString('utf8')));
    } catch {
      return refuse('BAD_FRAME', 'frame is not JSON');
    }
    if (!parsed.success)
      return refuse(
        'BAD_COMMAND',
        `not a tap feed message: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    const message = parsed.data;
    switch (message.type) {
      case 'open':
        if (session !== undefined || opening !== undefined)
          return refuse('BAD_COMMAND', 'the feed is already open');
        opening = hub
          .createTap(message, (removed) =>
            socket.close(
              removed ? TAP_REMOVED_CLOSE_CODE : 1001,
              removed ? 'removed' : 'ui closing',
            ),
          )
          .then(
            (created) => {
              session = created;
              opening = undefined;
              // The tap may have gone while the session was being made.
              if (socket.readyState !== socket.OPEN) created.end(GONE);
              reply({ type: 'welcome', sessionId: created.id });
            },
            (error: unknown) => {
              opening = undefined;
              refuse(
                error instanceof HubRefusal ? error.code : 'INTERNAL',
                (error as Error).message,
              );
            },
          );
        return;
      case 'traffic':
        if (session === undefined) return refuse('BAD_COMMAND', 'open the feed first');
        session.feed(message.entries);
        return;
      case 'closed':
        session?.end(message.detail ?? 'the tapped connection ended');
        return;
      default: {
        const _exhaustive: never = message;
        return _exhaustive;
      }
    }
  };
  socket.on('close', () => session?.end(GONE));
}
