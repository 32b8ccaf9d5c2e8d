/**
 * The form of an `elicitation/create` request in form mode. The MCP spec restricts
 * `requestedSchema` to a flat object of primitive properties (string, number, integer,
 * boolean, single- and multi-select enums); anything else becomes a raw JSON field so the
 * human can still answer, with a note that the schema is outside the spec.
 */
import { nullObject } from '../../lib/name-map';

type Json = Record<string, unknown>;

/** One choice of a select field. */
export interface Option {
  value: string;
  label: string;
}

interface Base {
  key: string;
  title: string;
  description: string | undefined;
  required: boolean;
}

/** A field of the form, by the input it needs. */
export type Field = Base &
  (
    | {
        kind: 'string';
        format: string | undefined;
        minLength: number | undefined;
        maxLength: number | undefined;
        pattern: string | undefined;
      }
    | { kind: 'number'; integer: boolean; minimum: number | undefined; maximum: number | undefined }
    | { kind: 'boolean' }
    | { kind: 'select'; options: Option[] }
    | {
        kind: 'multi';
        options: Option[];
        minItems: number | undefined;
        maxItems: number | undefined;
      }
    | { kind: 'json'; reason: string }
  );

/** What the user has entered: text for strings and numbers, so a half-typed number can be shown as wrong. */
export type Value = string | boolean | string[];

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;

function titledOptions(list: unknown): Option[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const options: Option[] = [];
  for (const item of list) {
    const o = obj(item);
    if (o === undefined || !('const' in o)) return undefined;
    options.push({ value: String(o['const']), label: str(o['title']) ?? String(o['const']) });
  }
  return options;
}

function enumOptions(values: unknown, names: unknown): Option[] | undefined {
  if (!Array.isArray(values)) return undefined;
  const labels = Array.isArray(names) ? names : [];
  return values.map((v, i) => ({
    value: String(v),
    label: typeof labels[i] === 'string' ? labels[i] : String(v),
  }));
}

function fieldOf(key: string, schema: Json, required: boolean): Field {
  const base: Base = {
    key,
    title: str(schema['title']) ?? key,
    description: str(schema['description']),
    required,
  };
  const type = schema['type'];
  if (type === 'string') {
    const options =
      enumOptions(schema['enum'], schema['enumNames']) ?? titledOptions(schema['oneOf']);
    if (options !== undefined) return { ...base, kind: 'select', options };
    return {
      ...base,
      kind: 'string',
      format: str(schema['format']),
      minLength: num(schema['minLength']),
      maxLength: num(schema['maxLength']),
      pattern: str(schema['pattern']),
    };
  }
  if (type === 'number' || type === 'integer')
    return {
      ...base,
      kind: 'number',
      integer: type === 'integer',
      minimum: num(schema['minimum']),
      maximum: num(schema['maximum']),
    };
  if (type === 'boolean') return { ...base, kind: 'boolean' };
  if (type === 'array') {
    const items = obj(schema['items']) ?? {};
    const options =
      enumOptions(items['enum'], items['enumNames']) ??
      titledOptions(items['anyOf']) ??
      titledOptions(items['oneOf']);
    if (options !== undefined)
      return {
        ...base,
        kind: 'multi',
        options,
        minItems: num(schema['minItems']),
        maxItems: num(schema['maxItems']),
      };
    return { ...base, kind: 'json', reason: 'an array without enum items is outside the spec' };
  }
  return {
    ...base,
    kind: 'json',
    reason: `type ${JSON.stringify(type) ?? 'undefined'} is not a primitive the spec allows`,
  };
}

/** The fields of a requested schema, plus what is wrong with the schema itself. */
export function fieldsOf(requestedSchema: unknown): { fields: Field[]; problems: string[] } {
  const schema = obj(requestedSchema);
  if (schema === undefined)
    return { fields: [], problems: ['requestedSchema is missing or not an object'] };
  const problems: string[] = [];
  if (schema['type'] !== 'object') problems.push('requestedSchema.type should be "object"');
  const properties = obj(schema['properties']) ?? {};
  const required = new Set(
    Array.isArray(schema['required'])
      ? schema['required'].filter((r) => typeof r === 'string')
      : [],
  );
  const fields = Object.entries(properties).map(([key, value]) =>
    fieldOf(key, obj(value) ?? {}, required.has(key)),
  );
  for (const key of required)
    if (!(key in properties)) problems.push(`required property "${key}" is not in properties`);
  return { fields, problems };
}

/** datetime-local inputs hold local time without a zone: "2025-01-31T14:05". */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The form's starting values: the schema's defaults, else empty. */
export function initialValues(fields: Field[], requestedSchema: unknown): Record<string, Value> {
  const properties = obj(obj(requestedSchema)?.['properties']) ?? {};
  // Keys are the server's property names: prototype-less objects (see lib/name-map.ts).
  const values = nullObject<Value>();
  for (const field of fields) {
    const d = obj(properties[field.key])?.['default'];
    switch (field.kind) {
      case 'boolean':
        values[field.key] = d === true;
        break;
      case 'multi':
        values[field.key] = Array.isArray(d) ? d.map(String) : [];
        break;
      case 'json':
        values[field.key] = d === undefined ? '' : JSON.stringify(d);
        break;
      case 'string':
        values[field.key] =
          typeof d !== 'string' ? '' : field.format === 'date-time' ? toLocalInput(d) : d;
        break;
      case 'number':
      case 'select':
        values[field.key] = typeof d === 'string' || typeof d === 'number' ? String(d) : '';
        break;
      default: {
        const _exhaustive: never = field;
        return _exhaustive;
      }
    }
  }
  return values;
}

// ajv-formats' email pattern: what most servers validating with JSON Schema will accept.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkString(field: Extract<Field, { kind: 'string' }>, text: string): string | undefined {
  const length = [...text].length;
  if (field.minLength !== undefined && length < field.minLength)
    return `at least ${field.minLength} characters (now ${length})`;
  if (field.maxLength !== undefined && length > field.maxLength)
    return `at most ${field.maxLength} characters (now ${length})`;
  if (field.pattern !== undefined) {
    try {
      if (!new RegExp(field.pattern, 'u').test(text)) return `must match ${field.pattern}`;
    } catch {
      // A pattern this browser cannot compile is the server's problem, not the user's.
    }
  }
  switch (field.format) {
    case 'email':
      return EMAIL.test(text) ? undefined : 'not an email address (name@example.com)';
    case 'uri':
      return URL.canParse(text) ? undefined : 'not an absolute URI (https://example.com/…)';
    case 'date':
      return DATE.test(text) && !Number.isNaN(Date.parse(text)) ? undefined : 'not a date';
    case 'date-time':
      return Number.isNaN(new Date(text).getTime()) ? 'not a date and time' : undefined;
    default:
      return undefined;
  }
}

/** Checks the form; `content` is what Accept sends (empty optional fields are left out). */
export function validate(
  fields: Field[],
  values: Record<string, Value>,
): { errors: Record<string, string>; content: Record<string, unknown> } {
  const errors = nullObject<string>();
  const content = nullObject<unknown>();
  for (const field of fields) {
    const value = values[field.key];
    if (field.kind === 'boolean') {
      content[field.key] = value === true;
      continue;
    }
    if (field.kind === 'multi') {
      const chosen = Array.isArray(value) ? value : [];
      if (chosen.length === 0 && !field.required) continue;
      if (chosen.length === 0) errors[field.key] = `choose at least ${field.minItems ?? 1}`;
      else if (field.minItems !== undefined && chosen.length < field.minItems)
        errors[field.key] = `choose at least ${field.minItems}`;
      else if (field.maxItems !== undefined && chosen.length > field.maxItems)
        errors[field.key] = `choose at most ${field.maxItems}`;
      else content[field.key] = chosen;
      continue;
    }
    const text = typeof value === 'string' ? value : '';
    if (text.trim() === '') {
      if (field.required) errors[field.key] = 'required';
      continue;
    }
    switch (field.kind) {
      case 'string': {
        const error = checkString(field, text);
        if (error !== undefined) errors[field.key] = error;
        else
          content[field.key] = field.format === 'date-time' ? new Date(text).toISOString() : text;
        break;
      }
      case 'number': {
        const n = Number(text);
        if (!Number.isFinite(n)) errors[field.key] = 'not a number';
        else if (field.integer && !Number.isInteger(n))
          errors[field.key] = 'must be a whole number';
        else if (field.minimum !== undefined && n < field.minimum)
          errors[field.key] = `at least ${field.minimum}`;
        else if (field.maximum !== undefined && n > field.maximum)
          errors[field.key] = `at most ${field.maximum}`;
        else content[field.key] = n;
        break;
      }
      case 'select':
        content[field.key] = text;
        break;
      case 'json':
        try {
          content[field.key] = JSON.parse(text) as unknown;
        } catch (error) {
          errors[field.key] = `not JSON: ${(error as Error).message}`;
        }
        break;
      default: {
        const _exhaustive: never = field;
        return _exhaustive;
      }
    }
  }
  return { errors, content };
}
