/**
 * How deep JSON from a server or a browser tab may nest before mcpscope stops parsing it.
 * V8 parses far deeper text without complaint, but `JSON.stringify` and recursive checks
 * (zod, the recorder, the socket) then throw RangeError; no real MCP message comes close.
 */
export const MAX_JSON_DEPTH = 1000;

/** The diagnostic code of a frame kept as raw text because it nests too deep. */
export const TOO_DEEP_CODE = 'TOO_DEEP';

/** The message of the {@link TOO_DEEP_CODE} diagnostic. */
export const TOO_DEEP_MESSAGE = `nested deeper than ${MAX_JSON_DEPTH} levels: kept as raw text, not parsed`;

/**
 * Whether JSON text nests `[` and `{` deeper than `max`, counted outside strings, without
 * parsing it: one pass over the characters, so a 50 MB body costs a few tens of ms. Text
 * that is not JSON gets an answer too; JSON.parse then rejects it as it would anyway.
 */
export function textNestsDeeperThan(text: string, max: number = MAX_JSON_DEPTH): boolean {
  // A text shorter than the limit cannot nest past it.
  if (text.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--;
    }
  }
  return false;
}

/**
 * Whether a parsed value nests arrays and objects deeper than `max`; iterative, so it cannot
 * overflow the stack itself. For values built in the proxy (a CLI's `--params`), where there
 * is no text to scan.
 */
export function valueNestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (typeof top.value !== 'object' || top.value === null) continue;
    const depth = top.depth + 1;
    if (depth > max) return true;
    const children = Array.isArray(top.value) ? top.value : Object.values(top.value);
    for (const child of children)
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth });
  }
  return false;
}

const LEADING_ID = /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")/;
const LEADING_METHOD = /"method"\s*:/;

/**
 * The JSON-RPC id of a response that could not be parsed, found cheaply in the first bytes
 * of its text, so that the request it answers can fail at once instead of timing out.
 * Undefined when the head has no id, or names a method (a request or notification, whose
 * id, if any, is not ours).
 */
export function leadingResponseId(text: string): string | number | undefined {
  const head = text.slice(0, 256);
  if (LEADING_METHOD.test(head)) return undefined;
  const found = LEADING_ID.exec(head)?.[1];
  if (found === undefined) return undefined;
  if (found.startsWith('"')) {
    try {
      return JSON.parse(found) as string;
    } catch {
      return undefined;
    }
  }
  const n = Number(found);
  return Number.isSafeInteger(n) ? n : undefined;
}
