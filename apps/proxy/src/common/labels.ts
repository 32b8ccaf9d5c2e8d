/** `tools/call echo`, `resources/read demo://x`, or the bare method. */
export function labelOf(method: string, params: unknown): string {
  const p = (params ?? {}) as Record<string, unknown>;
  const ref = (p['ref'] ?? {}) as Record<string, unknown>;
  const what = [p['name'], p['uri'], ref['name'], ref['uri']].find((v) => typeof v === 'string');
  return what === undefined ? method : `${method} ${String(what)}`;
}
