import { walkPages } from '@mcpscope/protocol';
import { actions, type Outcome } from '../../lib/inspector';
import { useApp } from '../../lib/store';
import { addCall, getSessionTools, patchCall, updateSessionTools, type Tool } from './tools-store';

let nextCallId = 1;

/**
 * Fetches every page of `tools/list` (following `nextCursor`) into the store. Entries that are
 * not objects with a string `name` are skipped here; the traffic log still shows them, with
 * the engine's diagnostics.
 */
export async function listTools(sessionId: string): Promise<void> {
  if (getSessionTools(sessionId).list.status === 'loading') return;
  updateSessionTools(sessionId, () => ({ list: { status: 'loading' } }));
  let lastSeq: number | undefined;
  type Failure = { ok: false; code: string; message: string; data?: unknown };
  const walk = await walkPages<Extract<Outcome, { ok: true }>, Failure>(
    async (cursor) => {
      try {
        const outcome = await actions.request(
          sessionId,
          'tools/list',
          cursor === undefined ? undefined : { cursor },
        );
        if (outcome.ok) return outcome;
        return {
          ok: false,
          code:
            outcome.error !== undefined ? `${outcome.code} ${outcome.error.code}` : outcome.code,
          message: outcome.error?.message ?? outcome.message,
          data: outcome.error?.data,
        };
      } catch (error) {
        const e = error as { code?: string; message: string };
        return { ok: false, code: e.code ?? 'FAILED', message: e.message };
      }
    },
    { itemsField: 'tools', onPage: ({ outcome }) => (lastSeq = outcome.responseSeq ?? lastSeq) },
  );
  if (!walk.ok) {
    const { code, message, data } = walk.failure;
    updateSessionTools(sessionId, () => ({
      list: { status: 'error', code, message, data, pages: walk.pages },
    }));
    return;
  }
  const tools = walk.items.filter(
    (tool): tool is Tool =>
      typeof tool === 'object' &&
      tool !== null &&
      typeof (tool as { name?: unknown }).name === 'string',
  );
  const handshakeSeq = useApp.getState().sessions[sessionId]?.summary.handshake?.responseSeq;
  updateSessionTools(sessionId, (s) => ({
    list: { status: 'ready' },
    tools,
    listedSeq: lastSeq,
    handshakeSeq,
    selected:
      s.selected !== undefined && tools.some((t) => t.name === s.selected)
        ? s.selected
        : tools[0]?.name,
  }));
}

/** Sends `tools/call` and records the call and its outcome in the tool's history. */
export function callTool(
  sessionId: string,
  tool: string,
  args: Record<string, unknown>,
  invalid: boolean,
  task = false,
): void {
  const id = `call-${nextCallId++}`;
  const pending = actions.request(
    sessionId,
    'tools/call',
    { name: tool, arguments: args },
    undefined,
    { task },
  );
  addCall(sessionId, {
    id,
    tool,
    args,
    startedAt: Date.now(),
    commandId: pending.id,
    invalid,
    ...(task && { task }),
  });
  // The proxy names the request's entry as it goes out: progress shows before the reply.
  void pending.sent.then((requestSeq) => {
    if (requestSeq !== undefined) patchCall(sessionId, tool, id, { requestSeq });
  });
  pending.then(
    (outcome) => patchCall(sessionId, tool, id, { outcome, endedAt: Date.now() }),
    (error: unknown) => {
      const e = error as { code?: string; message: string };
      patchCall(sessionId, tool, id, {
        failure: { code: e.code ?? 'FAILED', message: e.message },
        endedAt: Date.now(),
      });
    },
  );
}
