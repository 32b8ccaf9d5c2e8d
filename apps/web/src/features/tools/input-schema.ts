import type { RJSFSchema } from '@rjsf/utils';

/** Why a tool's inputSchema cannot drive a form; the JSON editor still works. */
export type SchemaProblem = { ok: false; reason: string };

/**
 * Turns a tool's `inputSchema` into what the form renders. The server's schema is not
 * changed; in the copy, nullable fields get a null option that really sends null, and unnamed
 * `oneOf`/`anyOf` options are named after their type, so the chooser does not read
 * "Option 1", "Option 2". The copy accepts exactly the values the original does.
 */
export function formSchema(inputSchema: unknown): { ok: true; schema: RJSFSchema } | SchemaProblem {
  if (inputSchema === undefined) return { ok: false, reason: 'The tool declares no inputSchema.' };
  if (typeof inputSchema !== 'object' || inputSchema === null || Array.isArray(inputSchema))
    return { ok: false, reason: 'The inputSchema is not a JSON object.' };
  const copy = structuredClone(inputSchema) as Record<string, unknown>;
  if (copy.type !== undefined && copy.type !== 'object')
    return {
      ok: false,
      reason: `The inputSchema has "type": ${JSON.stringify(copy.type)}; MCP requires "object".`,
    };
  prepare(copy, 0, true);
  return { ok: true, schema: copy };
}

/** True when the schema has nothing to fill in, so "no arguments" can be said plainly. */
export function takesNoArguments(schema: RJSFSchema): boolean {
  const properties = schema.properties;
  return (
    (properties === undefined || Object.keys(properties).length === 0) &&
    schema.additionalProperties === undefined &&
    schema.oneOf === undefined &&
    schema.anyOf === undefined &&
    schema.allOf === undefined &&
    schema.$ref === undefined
  );
}

/** Keywords that describe a value rather than constrain it: they stay on a split nullable field. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'default',
  'examples',
  '$comment',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$id',
  '$anchor',
  '$defs',
  'definitions',
]);

/** Keywords whose values are data, not schemas: never rewritten. */
const DATA = new Set(['default', 'const', 'enum', 'examples']);

/**
 * `"type": ["string", "null"]` becomes `anyOf: [{type: "string", …}, {type: "null"}]`: RJSF
 * renders only the first non-null type of a type array, so null could not be chosen.
 */
function splitTypeArray(schema: Record<string, unknown>): void {
  const types = schema.type;
  if (!Array.isArray(types) || types.length < 2 || schema.anyOf !== undefined) return;
  const constraints: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type' || ANNOTATIONS.has(key)) continue;
    constraints[key] = value;
    delete schema[key];
  }
  delete schema.type;
  schema.anyOf = types.map((type: unknown) =>
    type === 'null' ? { type: 'null' } : { ...constraints, type },
  );
}

function prepare(node: unknown, depth: number, isRoot: boolean): void {
  if (depth > 64 || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) prepare(item, depth + 1, false);
    return;
  }
  const schema = node as Record<string, unknown>;
  if (!isRoot) splitTypeArray(schema);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (!Array.isArray(options)) continue;
    for (const option of options) {
      if (typeof option !== 'object' || option === null || Array.isArray(option)) continue;
      const o = option as Record<string, unknown>;
      if (typeof o.title !== 'string') {
        const label = optionLabel(o);
        if (label !== undefined) o.title = label;
      }
      // RJSF renders nothing for a `type: "null"` option and leaves the value undefined
      // (dropped from the JSON). `const: null` accepts the same values, yet RJSF sets the
      // field to null when it is chosen, and does not make null the initial value.
      if (o.type === 'null') {
        delete o.type;
        o.const = null;
      }
    }
  }
  for (const [key, value] of Object.entries(schema))
    if (!DATA.has(key)) prepare(value, depth + 1, false);
}

function optionLabel(option: Record<string, unknown>): string | undefined {
  if (option.const !== undefined) return JSON.stringify(option.const);
  if (typeof option.$ref === 'string') return option.$ref.split('/').pop();
  if (Array.isArray(option.enum)) return option.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (typeof option.type === 'string') {
    if (option.type === 'array' && typeof option.items === 'object' && option.items !== null) {
      const items = option.items as Record<string, unknown>;
      if (typeof items.type === 'string') return `array of ${items.type}`;
    }
    return option.type;
  }
  if (Array.isArray(option.type)) return option.type.join(' | ');
  if (typeof option.properties === 'object' && option.properties !== null)
    return `object {${Object.keys(option.properties).slice(0, 4).join(', ')}}`;
  return undefined;
}
