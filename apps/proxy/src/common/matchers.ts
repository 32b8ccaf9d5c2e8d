/**
 * Small, pure comparison helpers shared by expectations, JSONPath assertions and notification
 * filters. Each check returns what failed in words a reader of a CI log understands.
 */

/** A regular expression parsed from `"pattern"` or `"/pattern/flags"`. */
export function parseRegex(
  source: string,
): { ok: true; regex: RegExp } | { ok: false; message: string } {
  const literal = /^\/(.*)\/([dgimsuvy]*)$/s.exec(source);
  try {
    const regex = literal === null ? new RegExp(source, 'u') : new RegExp(literal[1]!, literal[2]);
    return { ok: true, regex };
  } catch (error) {
    return { ok: false, message: `not a valid regular expression: ${(error as Error).message}` };
  }
}

/** Tests a regex that the spec loader already validated. */
export function regexMatches(source: string, text: string): boolean {
  const parsed = parseRegex(source);
  if (!parsed.ok) return false;
  parsed.regex.lastIndex = 0;
  return parsed.regex.test(text);
}

/** Structural equality of JSON values; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  if (keys.length !== Object.keys(y).filter((k) => y[k] !== undefined).length) return false;
  return keys.every((k) => Object.hasOwn(y, k) && deepEqual(x[k], y[k]));
}

/** A value as text for matching: strings as they are, anything else as JSON. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/** A value shown in a message: JSON, cut to a readable length. */
export function show(value: unknown, max = 300): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** Checks on text, as `TextMatcher` describes them. */
export interface TextChecks {
  equals?: string | undefined;
  contains?: string | string[] | undefined;
  notContains?: string | string[] | undefined;
  matches?: string | string[] | undefined;
}

/** One failed text check. */
export interface TextMismatch {
  check: 'equals' | 'contains' | 'notContains' | 'matches';
  message: string;
  expected: unknown;
}

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every text check that does not hold for `text`. */
export function checkText(text: string, checks: TextChecks): TextMismatch[] {
  const out: TextMismatch[] = [];
  if (checks.equals !== undefined && text !== checks.equals) {
    out.push({ check: 'equals', message: 'text differs', expected: checks.equals });
  }
  for (const part of list(checks.contains)) {
    if (!text.includes(part))
      out.push({
        check: 'contains',
        message: `text does not contain ${show(part)}`,
        expected: part,
      });
  }
  for (const part of list(checks.notContains)) {
    if (text.includes(part))
      out.push({ check: 'notContains', message: `text contains ${show(part)}`, expected: part });
  }
  for (const source of list(checks.matches)) {
    if (!regexMatches(source, text))
      out.push({ check: 'matches', message: `text does not match ${source}`, expected: source });
  }
  return out;
}

/** Whether a count satisfies `count`, `min` (default 1) and `max`. */
export interface CountRange {
  count?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
}

/** The lower bound that ends waiting: `count`, else `min`, else 1 unless only `max` is given. */
export function minimumOf(range: CountRange): number {
  if (range.count !== undefined) return range.count;
  if (range.min !== undefined) return range.min;
  return range.max !== undefined ? 0 : 1;
}

/** `undefined` when `n` fits the range, else what was expected in words. */
export function countMismatch(n: number, range: CountRange): string | undefined {
  if (range.count !== undefined) return n === range.count ? undefined : `exactly ${range.count}`;
  const min = minimumOf(range);
  if (n < min) return range.max === undefined ? `at least ${min}` : `${min} to ${range.max}`;
  if (range.max !== undefined && n > range.max)
    return min === 0 ? `at most ${range.max}` : `${min} to ${range.max}`;
  return undefined;
}
