import type { ClientCommand } from '@mcpscope/protocol';

type RequestCommand = Extract<ClientCommand, { type: 'request' }>;

const REQUEST_KEYS = new Set(['type', 'id', 'sessionId', 'method', 'params', 'timeoutMs', 'task']);

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const idString = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= 100;

/**
 * The `request` command, checked by hand: it is most of what a busy tab sends, and running
 * it through the zod union cost more than the rest of the proxy's work on a small call.
 * Returns the command only when ClientCommandSchema would accept it unchanged (no unknown
 * keys to strip); anything else, valid or not, is left to the schema, which stays the
 * single definition of the wire contract (test/unit/fast-command.test.ts holds them equal).
 */
export function fastCommand(data: unknown): RequestCommand | undefined {
  if (!isPlainRecord(data) || data['type'] !== 'request') return undefined;
  for (const key in data) if (!REQUEST_KEYS.has(key)) return undefined;
  const { id, sessionId, method, params, timeoutMs, task } = data;
  if (task !== undefined && typeof task !== 'boolean') return undefined;
  if (!idString(id) || !idString(sessionId)) return undefined;
  if (typeof method !== 'string' || method.length === 0) return undefined;
  // zod copies params key by key, and a `__proto__` key then becomes the copy's prototype
  // instead of a key: rare enough to leave to the schema, so both paths give the same result.
  if (params !== undefined && (!isPlainRecord(params) || Object.hasOwn(params, '__proto__')))
    return undefined;
  if (
    timeoutMs !== undefined &&
    (typeof timeoutMs !== 'number' || !Number.isSafeInteger(timeoutMs) || timeoutMs <= 0)
  )
    return undefined;
  return data as RequestCommand;
}
