import type { z } from 'zod';
import type { DocPath } from './source-map.js';

/**
 * Turns zod issues into sentences a spec author can act on. zod's own union error ("Invalid
 * input") says nothing, so a failed union is re-checked against the one option the author
 * meant, which the kind key tells (`call:` means a call step, `url:` an HTTP server).
 */

/** One thing wrong with a spec, at a path of the parsed document. */
export interface SpecProblem {
  path: DocPath;
  message: string;
  /** Point at the key `path[last]` itself, not its value (unknown or misplaced keys). */
  atKey?: boolean;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch']);

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType !== undefined) current = def.innerType;
    else if (def.type === 'pipe' && def.in !== undefined) current = def.in;
    else break;
  }
  return current;
}

function isOptional(schema: z.ZodType): boolean {
  const type = defOf(schema).type;
  return type === 'optional' || type === 'default' || type === 'prefault';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The keys that identify each object option of a union: required and in no other option. */
function kindKeys(options: readonly z.ZodType[]): (string[] | undefined)[] {
  const shapes = options.map((o) => defOf(unwrap(o)).shape);
  return shapes.map((shape, i) => {
    if (shape === undefined) return undefined;
    return Object.keys(shape).filter(
      (key) =>
        !isOptional(shape[key]!) &&
        shapes.every((other, j) => j === i || other?.[key] === undefined),
    );
  });
}

type Pick =
  | { kind: 'option'; schema: z.ZodType }
  | { kind: 'none'; keys: string[] }
  | { kind: 'several'; keys: string[] };

/** The option of a union that `raw` was meant to be. */
function pickOption(union: z.ZodType, raw: unknown): Pick {
  const options = defOf(union).options ?? [];
  if (!isPlainObject(raw)) {
    const wanted = typeName(raw);
    const match = options.find((o) => {
      const type = defOf(unwrap(o)).type;
      return type === wanted || (type === 'literal' && wanted === 'string');
    });
    return match === undefined ? { kind: 'none', keys: [] } : { kind: 'option', schema: match };
  }
  const keys = kindKeys(options);
  const objectOptions = options.filter((_, i) => keys[i] !== undefined);
  if (objectOptions.length === 1) return { kind: 'option', schema: objectOptions[0]! };
  const hits = options.filter((_, i) => keys[i]?.some((k) => k in raw));
  const all = keys.flatMap((k) => k ?? []);
  if (hits.length === 1) return { kind: 'option', schema: hits[0]! };
  if (hits.length === 0) return { kind: 'none', keys: all };
  return { kind: 'several', keys: all.filter((k) => k in raw) };
}

/** The schema that validates the value at `path`, following the raw value through unions. */
function schemaAt(root: z.ZodType, path: DocPath, raw: unknown): z.ZodType | undefined {
  let schema: z.ZodType | undefined = root;
  let value = raw;
  for (const part of path) {
    if (schema === undefined) return undefined;
    schema = unwrap(schema);
    if (defOf(schema).type === 'union') {
      const pick = pickOption(schema, value);
      if (pick.kind !== 'option') return undefined;
      schema = unwrap(pick.schema);
    }
    const def = defOf(schema);
    if (def.type === 'object') schema = def.shape?.[String(part)];
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else return undefined;
    value =
      isPlainObject(value) || Array.isArray(value)
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  return schema;
}

function valueAt(raw: unknown, path: DocPath): unknown {
  let value = raw;
  for (const part of path) {
    if (!isPlainObject(value) && !Array.isArray(value)) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

const quote = (key: string): string => JSON.stringify(key);

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function suggestion(key: string, allowed: readonly string[]): string {
  const close = allowed
    .map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) }))
    .filter(({ d, k }) => d <= Math.max(1, Math.floor(k.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  return close === undefined ? '' : ` (did you mean ${quote(close.k)}?)`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value);
  return `${typeof value === 'string' ? 'the string' : `the ${typeof value}`} ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  record: 'a mapping (key: value)',
};

/** Every problem, in words, at the path where it is. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  root: z.ZodType,
  raw: unknown,
  base: DocPath = [],
): SpecProblem[] {
  const out: SpecProblem[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as (string | number)[])];
    out.push(...describeIssue(issue, path, root, raw));
  }
  return out;
}

function describeIssue(
  issue: z.core.$ZodIssue,
  path: DocPath,
  root: z.ZodType,
  raw: unknown,
): SpecProblem[] {
  const value = valueAt(raw, path);
  const last = path[path.length - 1];
  switch (issue.code) {
    case 'invalid_union': {
      const union = schemaAt(root, path, raw);
      const unwrapped = union === undefined ? undefined : unwrap(union);
      const custom = issue.message !== 'Invalid input' ? issue.message : undefined;
      if (unwrapped === undefined || defOf(unwrapped).type !== 'union')
        return [{ path, message: custom ?? `${describeValue(value)} is not valid here` }];
      const pick = pickOption(unwrapped, value);
      if (custom !== undefined && (pick.kind !== 'option' || !isPlainObject(value)))
        return [{ path, message: custom }];
      if (pick.kind === 'none') {
        return [
          {
            path,
            message:
              pick.keys.length > 0 && isPlainObject(value)
                ? `expected one of the keys ${pick.keys.map(quote).join(', ')} to say what this is${Object.keys(value).length > 0 ? `; found ${Object.keys(value).map(quote).join(', ')}` : ''}`
                : `${describeValue(value)} is not valid here`,
          },
        ];
      }
      if (pick.kind === 'several') {
        return [
          {
            path,
            message: `has ${pick.keys.map(quote).join(' and ')}: give only one of them (one step does one thing; write two steps)`,
          },
        ];
      }
      const parsed = pick.schema.safeParse(value);
      if (parsed.success) return [{ path, message: custom ?? 'is not valid here' }];
      return describeIssues(parsed.error.issues, pick.schema, value, []).map((p) => ({
        ...p,
        path: [...path, ...p.path],
      }));
    }
    case 'unrecognized_keys': {
      const schema = schemaAt(root, path, raw);
      const shape = schema === undefined ? undefined : defOf(unwrap(schema)).shape;
      const allowed = shape === undefined ? [] : Object.keys(shape);
      return issue.keys.map((key) => ({
        path: [...path, key],
        atKey: true,
        message: `unknown key ${quote(key)}${suggestion(key, allowed)}${allowed.length > 0 && allowed.length <= 25 ? `; expected one of ${allowed.map(quote).join(', ')}` : ''}`,
      }));
    }
    case 'invalid_type': {
      if (value === undefined && typeof last === 'string') {
        return [{ path, atKey: true, message: `missing required key ${quote(last)}` }];
      }
      const expected = ARTICLE[issue.expected] ?? issue.expected;
      return [{ path, message: `expected ${expected}, got ${describeValue(value)}` }];
    }
    case 'invalid_value': {
      if (value === undefined && typeof last === 'string')
        return [{ path, atKey: true, message: `missing required key ${quote(last)}` }];
      const values = issue.values.map((v) => JSON.stringify(v));
      return [
        {
          path,
          message:
            values.length === 1
              ? `expected ${values[0]}, got ${describeValue(value)}`
              : `expected one of ${values.join(', ')}, got ${describeValue(value)}`,
        },
      ];
    }
    case 'too_small':
      return [
        {
          path,
          message:
            issue.origin === 'array' || issue.origin === 'string'
              ? Number(issue.minimum) <= 1
                ? 'must not be empty'
                : `needs at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'items' : 'characters'}`
              : `must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${String(issue.minimum)}, got ${describeValue(value)}`,
        },
      ];
    case 'too_big':
      return [
        { path, message: `must be at most ${String(issue.maximum)}, got ${describeValue(value)}` },
      ];
    case 'invalid_format':
      return [
        {
          path,
          message: issue.message.startsWith('Invalid string')
            ? `${describeValue(value)} does not have the expected form`
            : issue.message,
        },
      ];
    case 'custom':
      return [
        {
          path,
          message: issue.message,
          ...((issue.params as { atKey?: boolean } | undefined)?.atKey === true && { atKey: true }),
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}
