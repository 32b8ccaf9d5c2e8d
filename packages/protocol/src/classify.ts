import type { Diagnostic } from './traffic.js';

/** A JSON-RPC id as MCP allows it. */
export type RequestId = string | number;

/** What one JSON value is, seen as JSON-RPC. Never rejects: unknown shapes are `raw`. */
export type Classified =
  | { kind: 'request'; id: RequestId; method: string; issues: Diagnostic[] }
  | { kind: 'notification'; method: string; issues: Diagnostic[] }
  | { kind: 'response'; id: RequestId; issues: Diagnostic[] }
  | { kind: 'error'; id: RequestId | null; issues: Diagnostic[] }
  | { kind: 'raw'; issues: Diagnostic[] };

function isId(v: unknown): v is RequestId {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * Classifies a parsed JSON value as a JSON-RPC message, loosely: a message missing
 * `"jsonrpc": "2.0"` is still classified (with a warning) so that the traffic log shows
 * what the peer meant, not only what it got right.
 */
export function classifyMessage(value: unknown): Classified {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'raw', issues: [notJsonRpc('a JSON-RPC message must be a JSON object')] };
  }
  const m = value as Record<string, unknown>;
  const issues: Diagnostic[] = [];
  if (m['jsonrpc'] !== '2.0') {
    issues.push({
      severity: 'warning',
      code: 'JSONRPC_VERSION',
      message: `"jsonrpc" must be "2.0", got ${JSON.stringify(m['jsonrpc'])}`,
      path: 'jsonrpc',
    });
  }
  const hasId = 'id' in m && m['id'] !== undefined;
  if (typeof m['method'] === 'string') {
    if (!hasId) return { kind: 'notification', method: m['method'], issues };
    if (!isId(m['id'])) {
      issues.push({
        severity: 'error',
        code: 'INVALID_ID',
        message: 'request id must be a string or a number',
        path: 'id',
      });
      return { kind: 'raw', issues };
    }
    return { kind: 'request', id: m['id'], method: m['method'], issues };
  }
  if ('error' in m) {
    const id = m['id'];
    if (id !== null && !isId(id)) {
      issues.push({
        severity: 'error',
        code: 'INVALID_ID',
        message: 'error response id must be a string, a number or null',
        path: 'id',
      });
    }
    const err = m['error'] as Record<string, unknown> | null;
    if (
      typeof err !== 'object' ||
      err === null ||
      typeof err['code'] !== 'number' ||
      typeof err['message'] !== 'string'
    ) {
      issues.push({
        severity: 'error',
        code: 'INVALID_ERROR',
        message: 'error must be an object with a numeric "code" and a string "message"',
        path: 'error',
      });
    }
    return { kind: 'error', id: isId(id) ? id : null, issues };
  }
  if ('result' in m) {
    if (!isId(m['id'])) {
      issues.push({
        severity: 'error',
        code: 'INVALID_ID',
        message: 'response id must be a string or a number',
        path: 'id',
      });
      return { kind: 'raw', issues };
    }
    return { kind: 'response', id: m['id'], issues };
  }
  issues.push(
    notJsonRpc('not a request, notification or response: no "method", "result" or "error"'),
  );
  return { kind: 'raw', issues };
}

function notJsonRpc(message: string): Diagnostic {
  return { severity: 'error', code: 'NOT_JSON_RPC', message };
}

/** A map key for a request id that keeps `1` and `"1"` apart, as JSON-RPC does. */
export function idKey(id: RequestId): string {
  return typeof id === 'number' ? `n:${id}` : `s:${id}`;
}
