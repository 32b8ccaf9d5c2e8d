import type { TrafficEntry } from '@mcpscope/protocol';
import { nullObject } from '../util/safe-keys.js';

/** An entry whose JSON is bigger than this goes to the UI as a preview. */
export const DISPLAY_CAP_BYTES = 256 * 1024;
/** About how many characters of payload a preview keeps. */
export const PREVIEW_CHARS = 32 * 1024;

/** Envelope fields a preview keeps whole (when they are short), so rows still say what the message is. */
const ENVELOPE = ['jsonrpc', 'id', 'method'] as const;
const SHORT = 200;

/**
 * The entry as the UI gets it: unchanged when its JSON (`bytes` long) fits the cap, else a
 * copy whose `msg`/`raw` is a preview and that says how big the whole entry is. The browser
 * would otherwise parse, hold and render a 50 MB result just to show its first screen.
 */
export function forDisplay(entry: TrafficEntry, bytes: number): TrafficEntry {
  if (bytes <= DISPLAY_CAP_BYTES) return entry;
  const copy: TrafficEntry = { ...entry, truncated: { bytes } };
  if (entry.msg !== undefined) copy.msg = previewMessage(entry.msg);
  if (entry.raw !== undefined) copy.raw = preview(entry.raw) as string;
  return copy;
}

/** A JSON-RPC message cut down to about {@link PREVIEW_CHARS}, its envelope kept whole. */
export function previewMessage(msg: unknown): unknown {
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) return preview(msg);
  const source = msg as Record<string, unknown>;
  // Keys are the server's (`__proto__` included): see safe-keys.ts.
  const out = nullObject<unknown>();
  for (const key of ENVELOPE) {
    const value = source[key];
    if (typeof value === 'number' || (typeof value === 'string' && value.length <= SHORT))
      out[key] = value;
  }
  const budget = { left: PREVIEW_CHARS };
  for (const key in source) {
    if (key in out) continue;
    if (budget.left <= 0) break;
    out[key] = shrink(source[key], budget);
  }
  return out;
}

/** Any JSON value cut down to about `chars` characters of content, keeping its shape. */
export function preview(value: unknown, chars = PREVIEW_CHARS): unknown {
  return shrink(value, { left: chars });
}

/**
 * Depth first, each string takes what is left of the budget and is cut (with a note of how
 * much is missing) when it needs more; arrays and objects stop at the item or key where the
 * budget runs out. The entry's `truncated` marker tells the reader that the shape is partial.
 */
function shrink(value: unknown, budget: { left: number }): unknown {
  if (typeof value === 'string') {
    if (value.length <= budget.left) {
      budget.left -= value.length;
      return value;
    }
    const keep = Math.max(0, budget.left);
    budget.left = 0;
    return `${value.slice(0, keep)}… [${(value.length - keep).toLocaleString('en-US')} more characters]`;
  }
  if (value === null || typeof value !== 'object') {
    budget.left -= 8;
    return value;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      if (budget.left <= 0) break;
      out.push(shrink(item, budget));
    }
    return out;
  }
  const out = nullObject<unknown>();
  for (const key in value) {
    if (budget.left <= 0) break;
    budget.left -= key.length;
    out[key] = shrink((value as Record<string, unknown>)[key], budget);
  }
  return out;
}
