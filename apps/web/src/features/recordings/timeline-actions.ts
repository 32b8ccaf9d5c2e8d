import { actions } from '../../lib/inspector';
import { usePromptsStore } from '../prompts/prompts-store';
import { useResourcesStore } from '../resources/resources-store';
import { updateSessionTools, useToolsStore, type ToolCall } from '../tools/tools-store';
import { EMPTY_NAME_MAP } from '../../lib/name-map';
import { useApp } from '../../lib/store';

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
  if (actions.seek(sessionId, cursor)) {
    useToolsStore.setState((s) => ({ sessions: without(s.sessions, sessionId) }));
    useResourcesStore.setState((s) => ({ bySession: without(s.bySession, sessionId) }));
    usePromptsStore.setState((s) => ({ bySession: without(s.bySession, sessionId) }));
  }
  showRecordedCalls(sessionId);
}

/** Calls kept per tool in the history, as for live calls. */
const CALLS_PER_TOOL = 50;

/**
 * Fills the Tools panel's call history of a recorded session with the `tools/call`s recorded
 * up to the timeline's position, as if they had been sent from the panel: each shows its
 * arguments, progress (found in the traffic from its request's seq) and result.
 */
export function showRecordedCalls(sessionId: string): void {
  const calls = actions.recordedToolCalls(sessionId, CALLS_PER_TOOL);
  const created = Date.parse(useApp.getState().sessions[sessionId]?.summary.createdAt ?? '') || 0;
  const history = new Map<string, ToolCall[]>();
  for (const call of calls) {
    const entry: ToolCall = {
      id: `recorded-${call.requestSeq}`,
      tool: call.tool,
      args: call.args,
      startedAt: created + call.t,
      requestSeq: call.requestSeq,
      commandId: undefined,
      invalid: false,
    };
    if (call.outcome !== undefined) entry.outcome = call.outcome;
    if (call.endT !== undefined) entry.endedAt = created + call.endT;
    const calls = history.get(call.tool);
    if (calls === undefined) history.set(call.tool, [entry]);
    else calls.push(entry);
  }
  updateSessionTools(sessionId, () => ({ history, shownCall: EMPTY_NAME_MAP }));
}
