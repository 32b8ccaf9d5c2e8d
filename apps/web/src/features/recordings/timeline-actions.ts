import { actions } from '../../lib/inspector';
import { usePromptsStore } from '../prompts/prompts-store';
import { useResourcesStore } from '../resources/resources-store';
import { useToolsStore } from '../tools/tools-store';

function without<T>(map: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = map;
  return rest;
}

/**
 * Moves a recorded session's timeline. When the move crosses a recorded list response (or
 * the handshake), the Tools, Resources and Prompts panels forget what they listed, so they
 * list again and get the answer as of the new position, through the same request path as a
 * live session.
 */
export function seekTo(sessionId: string, cursor: number): void {
  if (!actions.seek(sessionId, cursor)) return;
  useToolsStore.setState((s) => ({ sessions: without(s.sessions, sessionId) }));
  useResourcesStore.setState((s) => ({ bySession: without(s.bySession, sessionId) }));
  usePromptsStore.setState((s) => ({ bySession: without(s.bySession, sessionId) }));
}
