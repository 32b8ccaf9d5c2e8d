import type { ProtocolEra } from '@mcpscope/protocol';
import type { RequestOutcome } from './outcome.js';
import type { RequestOptions } from './session.js';

// Tasks in the 2025-11-25 form: a request augmented with `task: {ttl}` answers at once with
// `{task: {taskId, status, pollInterval, …}}`; the client polls `tasks/get` until the task is
// terminal and fetches the real result with `tasks/result`. A task that needs input reports
// `input_required`: `tasks/result` then carries the server's requests (elicitation, sampling)
// and blocks until the task ends, so the session's policies answer them as usual.

/** The statuses a task can have; the last three are terminal. */
export type TaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

/** A task as `tasks/get` and `notifications/tasks/status` describe it. */
export interface TaskState {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  pollInterval?: number;
  ttl?: number | null;
  createdAt?: string;
  lastUpdatedAt?: string;
}

/** The part of a session a task run needs. */
export interface TaskHost {
  /** In the modern era the server decides: the session follows a task itself (tasks-ext.ts). */
  readonly era?: ProtocolEra | undefined;
  request(
    method: string,
    params?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<RequestOutcome>;
}

export interface TaskRunOptions {
  signal?: AbortSignal;
  /** Asked of the server as the task's `ttl` (it may choose another). */
  ttlMs?: number;
  /** Every status seen, in order: the creation, each poll, the end. */
  onStatus?: (task: TaskState) => void;
  /** False: return the creation result (the task id) without waiting (`--no-wait`). */
  wait?: boolean;
  /** Called with the seq of the augmented request's entry as it is sent (see RequestOptions). */
  onSent?: (requestSeq: number) => void;
}

const TERMINAL = new Set<TaskStatus>(['completed', 'failed', 'cancelled']);
/** Used when the server suggests no poll interval, and the floor of any it suggests. */
export const DEFAULT_POLL_MS = 1000;
const MIN_POLL_MS = 100;

/** The task of a `CreateTaskResult`, or undefined when the server answered without one. */
export function taskOf(result: unknown): TaskState | undefined {
  const task = (result as { task?: unknown } | undefined)?.task;
  return isTask(task) ? task : undefined;
}

function isTask(value: unknown): value is TaskState {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { taskId?: unknown }).taskId === 'string' &&
    typeof (value as { status?: unknown }).status === 'string'
  );
}

/**
 * Runs a request as a task and returns the outcome a plain request would have had: the final
 * result from `tasks/result`, or the failure. A server that answers the augmented request
 * directly (it may) is taken at its word. Aborting `signal` cancels the task (`tasks/cancel`).
 */
export async function runAsTask(
  host: TaskHost,
  method: string,
  params: Record<string, unknown> | undefined,
  options: TaskRunOptions = {},
): Promise<RequestOutcome & { task?: TaskState }> {
  const { signal } = options;
  if (host.era === 'modern') {
    // 2026-07-28: nothing to ask for; any task the server makes of the call is followed (or,
    // with wait: false, handed back) by the session's own request.
    let last: TaskState | undefined;
    const outcome = await host.request(method, params, {
      ...(signal !== undefined && { signal }),
      ...(options.wait === false && { taskWait: false }),
      onTaskStatus: (task) => {
        last = task;
        options.onStatus?.(task);
      },
    });
    return last === undefined ? outcome : { ...outcome, task: last };
  }
  const started = performance.now();
  const created = await host.request(
    method,
    { ...params, task: { ttl: options.ttlMs ?? 300_000 } },
    {
      ...(signal !== undefined && { signal }),
      ...(options.onSent !== undefined && { onSent: options.onSent }),
    },
  );
  if (!created.ok) return created;
  let task = taskOf(created.result);
  if (task === undefined) return created;
  options.onStatus?.(task);
  if (options.wait === false) return { ...created, task };
  const { taskId } = task;
  const cancel = (): void => {
    void host.request('tasks/cancel', { taskId }, { progress: false });
  };
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    while (!TERMINAL.has(task.status) && task.status !== 'input_required') {
      await sleep(Math.max(MIN_POLL_MS, task.pollInterval ?? DEFAULT_POLL_MS), signal);
      if (signal?.aborted === true)
        return { ok: false, code: 'CANCELLED', message: `task ${taskId} was cancelled`, task };
      const polled = await host.request('tasks/get', { taskId }, { progress: false });
      if (!polled.ok) return { ...polled, task };
      if (!isTask(polled.result)) {
        return {
          ok: false,
          code: 'RPC_ERROR',
          message: `tasks/get for ${taskId} answered without a task status`,
          task,
        };
      }
      if (
        polled.result.status !== task.status ||
        polled.result.statusMessage !== task.statusMessage
      )
        options.onStatus?.(polled.result);
      task = polled.result;
    }
    if (task.status === 'cancelled')
      return { ok: false, code: 'CANCELLED', message: `task ${taskId} was cancelled`, task };
    // completed, failed and input_required alike: tasks/result delivers what the task asks
    // for and then its outcome (a result, or the error it failed with).
    const result = await host.request('tasks/result', { taskId }, { progress: false });
    const final: TaskState = {
      ...task,
      status: task.status === 'input_required' ? (result.ok ? 'completed' : 'failed') : task.status,
    };
    if (task.status !== final.status) options.onStatus?.(final);
    // One logical call: from the augmented request to the final result, however many polls.
    return {
      ...result,
      ...(created.requestSeq !== undefined && { requestSeq: created.requestSeq }),
      durationMs: performance.now() - started,
      task: final,
    };
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
