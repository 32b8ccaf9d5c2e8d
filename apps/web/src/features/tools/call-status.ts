import type { ToolCall } from './tools-store';

/** How a call ended (or that it has not), as one short word and a colour. */
export interface CallStatus {
  kind: 'running' | 'ok' | 'tool-error' | 'rpc-error' | 'local-error';
  label: string;
  tone: 'blue' | 'green' | 'amber' | 'red' | 'neutral';
}

/** The status of a call for badges and the history. */
export function callStatus(call: ToolCall): CallStatus {
  if (call.failure !== undefined)
    return { kind: 'local-error', label: call.failure.code, tone: 'neutral' };
  const outcome = call.outcome;
  if (outcome === undefined) return { kind: 'running', label: 'running', tone: 'blue' };
  if (outcome.ok) {
    const isError = (outcome.result as { isError?: unknown } | null | undefined)?.isError === true;
    return isError
      ? { kind: 'tool-error', label: 'isError', tone: 'amber' }
      : { kind: 'ok', label: 'ok', tone: 'green' };
  }
  if (outcome.code === 'RPC_ERROR')
    return {
      kind: 'rpc-error',
      label: outcome.error === undefined ? 'RPC_ERROR' : `RPC_ERROR ${outcome.error.code}`,
      tone: 'red',
    };
  return { kind: 'local-error', label: outcome.code, tone: 'neutral' };
}

/** Milliseconds a call took: the engine's measure when it has one, else the wall clock. */
export function callDuration(call: ToolCall, now: number): number {
  if (call.outcome?.durationMs !== undefined) return call.outcome.durationMs;
  return (call.endedAt ?? now) - call.startedAt;
}

/** `850 ms`, `4.21 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Names of the JSON-RPC error codes a person may meet, for the error box. */
export const RPC_ERROR_NAMES: Record<number, string> = {
  [-32700]: 'Parse error',
  [-32600]: 'Invalid Request',
  [-32601]: 'Method not found',
  [-32602]: 'Invalid params',
  [-32603]: 'Internal error',
  [-32002]: 'Resource not found',
  [-32042]: 'URL elicitation required',
  [-32800]: 'Request cancelled',
};
