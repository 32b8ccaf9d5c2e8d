import { Validator, type OutputUnit, type SchemaDraft } from '@cfworker/json-schema';

/**
 * JSON Schema validation for diagnostics. @cfworker/json-schema interprets schemas instead
 * of generating code, which suits an inspector: it sees many schemas once each, and a
 * one-shot CLI call must not pay ajv's ~200 ms of loading and first compilation.
 */

/** One way a value fails a JSON Schema, with the dotted path of the offending part. */
export interface SchemaProblem {
  path: string;
  message: string;
}

/** A prepared JSON Schema, or the reason it cannot be used. */
export type CompiledSchema =
  { ok: true; validate: (value: unknown) => SchemaProblem[] } | { ok: false; message: string };

const cache = new WeakMap<object, CompiledSchema>();

/** Keywords whose errors only say that a nested schema failed; the nested error says how. */
const WRAPPERS = new Set([
  'properties',
  'items',
  'prefixItems',
  'allOf',
  '$ref',
  '$dynamicRef',
  'then',
  'else',
  'dependentSchemas',
  'unevaluatedProperties',
  'contains',
]);

function draftOf(schema: Record<string, unknown>): SchemaDraft {
  const dialect = typeof schema['$schema'] === 'string' ? schema['$schema'] : '';
  if (dialect.includes('draft-04')) return '4';
  if (dialect.includes('draft-07') || dialect.includes('draft-06')) return '7';
  if (dialect.includes('2019-09')) return '2019-09';
  // MCP 2025-11-25 makes 2020-12 the default dialect.
  return '2020-12';
}

/** Prepares a JSON Schema (2020-12 unless `$schema` names an older draft), cached per object. */
export function compileSchema(schema: unknown): CompiledSchema {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return { ok: false, message: 'a JSON Schema must be an object' };
  }
  const hit = cache.get(schema);
  if (hit !== undefined) return hit;
  let compiled: CompiledSchema;
  try {
    const validator = new Validator(schema, draftOf(schema as Record<string, unknown>), false);
    compiled = {
      ok: true,
      validate: (value) => {
        const result = validator.validate(value);
        if (result.valid) return [];
        const specific = result.errors.filter((e) => !WRAPPERS.has(e.keyword));
        return (specific.length > 0 ? specific : result.errors).map(toProblem);
      },
    };
  } catch (error) {
    compiled = { ok: false, message: (error as Error).message };
  }
  cache.set(schema, compiled);
  return compiled;
}

function toProblem(unit: OutputUnit): SchemaProblem {
  const pointer = unit.instanceLocation.replace(/^#\/?/, '');
  const path = pointer === '' ? '(root)' : pointer.split('/').map(decodePointer).join('.');
  return { path, message: unit.error };
}

function decodePointer(part: string): string {
  return decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~');
}
