import type { RpcErrorObject } from '@mcpscope/protocol';
import type { ClientCapabilities } from '@modelcontextprotocol/client';
import {
  DetailedTaskV2Schema,
  TASKS_EXTENSION_ID_V2,
  hasTaskServerCapabilityV2,
  isCreateTaskResultV2,
} from '@modelcontextprotocol/ext-tasks/core/v2';
import { timingOf, type RequestOutcome } from './outcome.js';
import type { RequestOptions } from './session.js';
import { DEFAULT_POLL_MS, type TaskState, type TaskStatus } from './tasks.js';

// Tasks as the 2026-07-28 extension `io.modelcontextprotocol/tasks`. Creation is the server's
// choice: the client declares the extension in its per-request capabilities and any tools/call
// may then answer `resultType: "task"` with a handle. The client polls `tasks/get` (honouring
// `pollIntervalMs`); the task it gets back is complete in itself: its `inputRequests` while it
// is `input_required` (answered with `tasks/update`), its `result` or `error` once terminal.
// There is no tasks/result and no tasks/list. ext-tasks gives the schemas; the loop is ours,
// on the session's own request path, so that every frame is in the traffic log.

export const TASKS_EXTENSION = TASKS_EXTENSION_ID_V2;

/** The capabilities with the Tasks extension declared (a modern client declares it always). */
export function withTasksExtension(capabilities: ClientCapabilities): ClientCapabilities {
  const extensions = (capabilities as { extensions?: Record<string, unknown> }).extensions ?? {};
  return {
    ...capabilities,
    extensions: { ...extensions, [TASKS_EXTENSION]: {} },
  };
}

/** Whether a server's capabilities (from server/discover) offer the Tasks extension. */
export function offersTasksExtension(capabilities: unknown): boolean {
  return hasTaskServerCapabilityV2(capabilities);
}

/** The task a `tools/call` result hands back instead of a result, or undefined. */
export function createdExtensionTask(result: unknown): TaskState | undefined {
  // The SDK adds `content: []` to every tools/call result; the schema is strict about neither.
  if (!isCreateTaskResultV2(stripContent(result))) return undefined;
  return stateOf(result as Record<string, unknown>);
}

function stripContent(result: unknown): unknown {
  if (typeof result !== 'object' || result === null) return result;
  const { content: _content, ...rest } = result as Record<string, unknown>;
  return rest;
}

interface DetailedTask extends TaskState {
  inputRequests?: Record<string, { method: string; params: Record<string, unknown> }>;
  result?: Record<string, unknown>;
  error?: RpcErrorObject;
}

function stateOf(raw: Record<string, unknown>): DetailedTask {
  const state: DetailedTask = {
    taskId: String(raw['taskId']),
    status: raw['status'] as TaskStatus,
  };
  if (typeof raw['statusMessage'] === 'string') state.statusMessage = raw['statusMessage'];
  if (typeof raw['pollIntervalMs'] === 'number') state.pollInterval = raw['pollIntervalMs'];
  if (typeof raw['ttlMs'] === 'number' || raw['ttlMs'] === null) state.ttl = raw['ttlMs'];
  if (typeof raw['createdAt'] === 'string') state.createdAt = raw['createdAt'];
  if (typeof raw['lastUpdatedAt'] === 'string') state.lastUpdatedAt = raw['lastUpdatedAt'];
  if (isRecord(raw['inputRequests']))
    state.inputRequests = raw['inputRequests'] as DetailedTask['inputRequests'];
  if (isRecord(raw['result'])) state.result = raw['result'];
  if (isRecord(raw['error'])) state.error = raw['error'] as unknown as RpcErrorObject;
  return state;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What following a task needs of the session. */
export interface ExtensionTaskHost {
  request(
    method: string,
    params: Record<string, unknown>,
    options: RequestOptions,
  ): Promise<RequestOutcome>;
  /** Answers input requests through the session's policy (the UI's dialogs, --answers). */
  answerInputs(
    requests: Record<string, { method: string; params: Record<string, unknown> }>,
    outcome: { responseSeq?: number },
    signal: AbortSignal | undefined,
  ): Promise<
    | { ok: true; responses: Record<string, unknown> }
    | { ok: false; code: 'INPUT_FAILED' | 'CANCELLED'; message: string }
  >;
  /** Calls `listener` for each `notifications/tasks` about `taskId` until the returned stop. */
  onTaskNotification(taskId: string, listener: (task: Record<string, unknown>) => void): () => void;
}

const TERMINAL = new Set<TaskStatus>(['completed', 'failed', 'cancelled']);
const MIN_POLL_MS = 100;

/**
 * Follows a task the server created for a tools/call until it ends, and returns the outcome
 * the call would have had: the task's result, its error as a JSON-RPC error, or CANCELLED.
 * Aborting `signal` sends `tasks/cancel`. A `notifications/tasks` about the task wakes the
 * loop early (the poll still confirms the state: a notification is a hint, tasks/get the truth).
 */
export async function followExtensionTask(
  host: ExtensionTaskHost,
  created: RequestOutcome & { ok: true },
  initial: TaskState,
  options: Pick<RequestOptions, 'signal' | 'onTaskStatus'>,
): Promise<RequestOutcome & { task?: TaskState }> {
  const { signal } = options;
  const { taskId } = initial;
  const started = performance.now() - (created.durationMs ?? 0);
  let task: DetailedTask = initial;
  let wake: (() => void) | undefined;
  const stopNotes = host.onTaskNotification(taskId, (raw) => {
    if (DetailedTaskV2Schema.safeParse(raw).success) wake?.();
  });
  let cancelled = false;
  const cancel = (): void => {
    cancelled = true;
    wake?.();
    void host.request('tasks/cancel', { taskId }, { progress: false });
  };
  signal?.addEventListener('abort', cancel, { once: true });
  // An input key is answered once: a later poll may still list it before the server catches up.
  const answered = new Set<string>();
  // The tasks/get that asked for input: the input dialog points at its traffic entry.
  let lastPoll: RequestOutcome | undefined;
  const finish = (outcome: RequestOutcome): RequestOutcome & { task: TaskState } => ({
    ...outcome,
    ...(created.requestSeq !== undefined && { requestSeq: created.requestSeq }),
    durationMs: performance.now() - started,
    task: publicState(task),
  });
  try {
    for (;;) {
      if (cancelled)
        return finish({ ok: false, code: 'CANCELLED', message: `task ${taskId} was cancelled` });
      if (TERMINAL.has(task.status)) return finish(terminalOutcome(task, taskId));
      if (task.status === 'input_required' && task.inputRequests !== undefined) {
        const fresh = Object.fromEntries(
          Object.entries(task.inputRequests).filter(([key]) => !answered.has(key)),
        );
        if (Object.keys(fresh).length > 0) {
          const answers = await host.answerInputs(fresh, lastPoll ?? created, signal);
          if (!answers.ok) return finish(answers);
          const updated = await host.request(
            'tasks/update',
            { taskId, inputResponses: answers.responses },
            { progress: false },
          );
          if (!updated.ok) return finish(updated);
          for (const key of Object.keys(fresh)) answered.add(key);
          continue;
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.max(MIN_POLL_MS, task.pollInterval ?? DEFAULT_POLL_MS));
        function done(): void {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      });
      if (cancelled) continue;
      const polled = await host.request('tasks/get', { taskId }, { progress: false });
      if (!polled.ok) return finish(polled);
      const parsed = DetailedTaskV2Schema.safeParse(polled.result);
      if (!parsed.success)
        return finish({
          ok: false,
          code: 'RPC_ERROR',
          message: `tasks/get for ${taskId} answered with something that is not a task: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
          ...timingOf(polled),
        });
      lastPoll = polled;
      const next = stateOf(polled.result as Record<string, unknown>);
      if (next.status !== task.status || next.statusMessage !== task.statusMessage)
        options.onTaskStatus?.(publicState(next));
      task = next;
    }
  } finally {
    stopNotes();
    signal?.removeEventListener('abort', cancel);
  }
}

function terminalOutcome(task: DetailedTask, taskId: string): RequestOutcome {
  switch (task.status) {
    case 'completed':
      return { ok: true, result: task.result ?? {} };
    case 'failed': {
      const error = task.error ?? { code: -32603, message: 'the task failed without an error' };
      return {
        ok: false,
        code: 'RPC_ERROR',
        message: `task ${taskId} failed with JSON-RPC error ${String(error.code)}: ${String(error.message)}`,
        error,
      };
    }
    default:
      return { ok: false, code: 'CANCELLED', message: `task ${taskId} was cancelled` };
  }
}

/** The task as the faces see it: status and timing, not the payloads. */
function publicState(task: DetailedTask): TaskState {
  const { inputRequests: _i, result: _r, error: _e, ...state } = task;
  return state;
}
