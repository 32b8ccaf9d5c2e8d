import { actions } from '../../lib/inspector';
import { useApp } from '../../lib/store';
import { addCall, getSessionTools, patchCall, updateSessionTools, type Tool } from './tools-store';

/** A server that keeps handing out cursors is cut off here rather than looping forever. */
const MAX_PAGES = 100;

let nextCallId = 1;

/**
 * Fetches every page of `tools/list` (following `nextCursor`) into the store. Entries that are
 * not objects with a string `name` are skipped here; the traffic log still shows them, with
 * the engine's diagnostics.
 */
export async function listTools(sessionId: string): Promise<void> {
  if (getSessionTools(sessionId).list.status === 'loading') return;
  updateSessionTools(sessionId, () => ({ list: { status: 'loading' } }));
  const tools: Tool[] = [];
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  let lastSeq: number | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let outcome;
    try {
      outcome = await actions.request(
        sessionId,
        'tools/list',
        cursor === undefined ? undefined : { cursor },
      );
    } catch (error) {
      const e = error as { code?: string; message: string };
      updateSessionTools(sessionId, () => ({
        list: { status: 'error', code: e.code ?? 'FAILED', message: e.message, pages: page },
      }));
      return;
    }
    if (!outcome.ok) {
      updateSessionTools(sessionId, () => ({
        list: {
          status: 'error',
          code:
            outcome.error !== undefined ? `${outcome.code} ${outcome.error.code}` : outcome.code,
          message: outcome.error?.message ?? outcome.message,
          data: outcome.error?.data,
          pages: page,
        },
      }));
      return;
    }
    lastSeq = outcome.responseSeq ?? lastSeq;
    const result = (outcome.result ?? {}) as { tools?: unknown; nextCursor?: unknown };
    if (Array.isArray(result.tools)) {
      for (const tool of result.tools as unknown[]) {
        if (
          typeof tool === 'object' &&
          tool !== null &&
          typeof (tool as { name?: unknown }).name === 'string'
        )
          tools.push(tool as Tool);
      }
    }
    const next = result.nextCursor;
    if (typeof next !== 'string' || next === '' || seenCursors.has(next)) break;
    seenCursors.add(next);
    cursor = next;
  }
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
