/** A mistake in how mcpscope was called. Printed as one line; exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses `key=value`; the value may itself contain `=`. */
export function parseKeyValue(text: string, flag: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`${flag} expects key=value, got "${text}"`);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** Parses a JSON value given on the command line, naming the flag when it is not JSON. */
export function parseJsonFlag(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${flag} is not valid JSON (${(error as Error).message}); quote it for your shell, e.g. ${flag} '{"a":1}'`,
    );
  }
}

/** Like {@link parseJsonFlag}, but the value must be a JSON object. */
export function parseJsonObjectFlag(text: string, flag: string): Record<string, unknown> {
  const value = parseJsonFlag(text, flag);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${flag} must be a JSON object, e.g. ${flag} '{"a":1}'`);
  }
  return value as Record<string, unknown>;
}
