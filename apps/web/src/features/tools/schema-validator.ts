import { Validator, type OutputUnit, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import { nullObject } from '../../lib/name-map';
import {
  createErrorHandler,
  getDefaultFormState,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';

/*
 * An RJSF validator that interprets JSON Schema (@cfworker/json-schema) instead of compiling
 * it to JavaScript like Ajv does. The proxy's Content-Security-Policy has no 'unsafe-eval',
 * so Ajv's `new Function` throws in the page and every schema would "fail to compile". It is
 * also the validator the engine uses for ARGUMENTS_MISMATCH, so the form and the diagnostic
 * agree on what is valid, draft 2020-12 included.
 */

type Args = Record<string, unknown>;

/** Where a sub-schema's `#/…` references are sent: the root schema, added under this id. */
const ROOT_ID = 'urn:mcpscope:form-root';

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
  'additionalProperties',
  'contains',
]);

function draftOf(schema: RJSFSchema): SchemaDraft {
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (dialect.includes('draft-04')) return '4';
  if (dialect.includes('draft-07') || dialect.includes('draft-06')) return '7';
  if (dialect.includes('2019-09')) return '2019-09';
  // MCP 2025-11-25 makes 2020-12 the default dialect.
  return '2020-12';
}

/** A copy of `schema` whose local references point into the root schema. */
function withRootRefs(node: unknown, depth = 0): unknown {
  if (depth > 100 || typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) return node.map((item) => withRootRefs(item, depth + 1));
  // Property names are the server's: `__proto__` must stay a key (see lib/name-map.ts).
  const out = nullObject<unknown>();
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? ROOT_ID + value
        : withRootRefs(value, depth + 1);
  }
  return out;
}

/**
 * The value as it will cross the wire: form data holds `undefined` for emptied fields, which
 * JSON drops (in objects) or turns into null (in arrays), and the validator refuses.
 */
function asSent(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function decodePointer(part: string): string {
  return decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `.a.b.0` as RJSF spells the path of an error; '' for the root. */
function propertyOf(unit: OutputUnit): string {
  const pointer = unit.instanceLocation.replace(/^#\/?/, '');
  return pointer === '' ? '' : `.${pointer.split('/').map(decodePointer).join('.')}`;
}

function toRjsfError(unit: OutputUnit): RJSFValidationError {
  let property = propertyOf(unit);
  let message = unit.error;
  const missing = /^Instance does not have required property "(.*)"\.$/.exec(unit.error);
  const type = /^Instance type "(.*)" is invalid\. Expected (.*)\.$/.exec(unit.error);
  if (missing?.[1] !== undefined) {
    // Shown under the missing field, as Ajv's `required` errors are.
    property = `${property}.${missing[1]}`;
    message = 'is a required property';
  } else if (type?.[2] !== undefined) {
    message = `must be ${type[2].replaceAll('"', '')} (got ${type[1]})`;
  } else if (unit.keyword === 'anyOf' || unit.keyword === 'oneOf') {
    message =
      unit.keyword === 'oneOf'
        ? `must match exactly one of the options (${unit.error.replace(/^.*\((.*)\)\.$/, '$1')})`
        : 'must match one of the options';
  }
  return {
    name: unit.keyword,
    property,
    message,
    stack: `${property === '' ? '(root)' : property.slice(1)} ${message}`,
    schemaPath: unit.keywordLocation,
  };
}

/**
 * The errors worth showing: not "a nested schema failed", and of an anyOf/oneOf that no option
 * matched only the errors of the closest option (in a form, usually the one the user
 * picked), not every option's complaints.
 */
function specificErrors(errors: OutputUnit[]): OutputUnit[] {
  const dropped = new Set<OutputUnit>();
  for (const choice of errors) {
    if (choice.keyword !== 'anyOf' && choice.keyword !== 'oneOf') continue;
    const prefix = `${choice.keywordLocation}/`;
    const byOption = new Map<string, OutputUnit[]>();
    for (const e of errors) {
      if (!e.keywordLocation.startsWith(prefix) || WRAPPERS.has(e.keyword)) continue;
      const option = e.keywordLocation.slice(prefix.length).split('/')[0] ?? '';
      byOption.set(option, [...(byOption.get(option) ?? []), e]);
    }
    // An option that misses required properties is less likely the one meant than an
    // option whose properties are present but wrong.
    const score = (list: OutputUnit[]): number =>
      list.filter((e) => e.keyword === 'required').length * 1000 + list.length;
    let best: string | undefined;
    for (const [option, list] of byOption)
      if (best === undefined || score(list) < score(byOption.get(best) ?? [])) best = option;
    for (const e of errors)
      if (
        e.keywordLocation.startsWith(prefix) &&
        !e.keywordLocation.startsWith(`${prefix}${best}/`)
      )
        dropped.add(e);
  }
  const kept = errors.filter((e) => !WRAPPERS.has(e.keyword) && !dropped.has(e));
  return kept.length > 0 ? kept : errors;
}

/** A CSP-safe `ValidatorType` for RJSF forms. */
export class InterpretingValidator implements ValidatorType<Args, RJSFSchema> {
  private readonly plain = new WeakMap<object, Validator>();
  private readonly nested = new WeakMap<object, WeakMap<object, Validator>>();

  private validatorFor(schema: RJSFSchema): Validator {
    let validator = this.plain.get(schema);
    if (validator === undefined) {
      // cfworker marks the schema objects it sees with resolved reference URIs; a private
      // copy keeps one validator's marks from misleading another that shares sub-schemas.
      validator = new Validator(structuredClone(schema) as Schema, draftOf(schema), false);
      this.plain.set(schema, validator);
    }
    return validator;
  }

  private validatorIn(schema: RJSFSchema, rootSchema: RJSFSchema): Validator {
    if (schema === rootSchema) return this.validatorFor(schema);
    let byRoot = this.nested.get(rootSchema);
    if (byRoot === undefined) {
      byRoot = new WeakMap();
      this.nested.set(rootSchema, byRoot);
    }
    let validator = byRoot.get(schema);
    if (validator === undefined) {
      validator = new Validator(withRootRefs(schema) as Schema, draftOf(rootSchema), true);
      validator.addSchema(structuredClone(rootSchema) as Schema, ROOT_ID);
      byRoot.set(schema, validator);
    }
    return validator;
  }

  rawValidation<Result = unknown>(
    schema: RJSFSchema,
    formData?: Args,
  ): { errors?: Result[]; validationError?: Error } {
    try {
      const result = this.validatorFor(schema).validate(asSent(formData));
      return result.valid ? {} : { errors: result.errors as Result[] };
    } catch (error) {
      return { validationError: error as Error };
    }
  }

  validateFormData(
    formData: Args | undefined,
    schema: RJSFSchema,
    customValidate?: CustomValidator<Args, RJSFSchema>,
    transformErrors?: ErrorTransformer<Args, RJSFSchema>,
    uiSchema?: UiSchema<Args, RJSFSchema>,
  ): ValidationData<Args> {
    const raw = this.rawValidation<OutputUnit>(schema, formData);
    let errors = specificErrors(raw.errors ?? []).map(toRjsfError);
    if (raw.validationError !== undefined)
      errors.push({ stack: `the schema cannot be used: ${raw.validationError.message}` });
    if (transformErrors !== undefined) errors = transformErrors(errors, uiSchema);
    let errorSchema = toErrorSchema<Args>(errors);
    if (raw.validationError !== undefined) {
      errorSchema = {
        ...errorSchema,
        __errors: [...(errorSchema.__errors ?? []), raw.validationError.message],
      };
    }
    if (customValidate === undefined) return { errors, errorSchema };
    const full = getDefaultFormState(this, schema, formData, schema, true) as Args;
    const handler = customValidate(full, createErrorHandler(full), uiSchema, errorSchema);
    return validationDataMerge({ errors, errorSchema }, unwrapErrorHandler(handler));
  }

  isValid(schema: RJSFSchema, formData: Args | undefined, rootSchema: RJSFSchema): boolean {
    try {
      return this.validatorIn(schema, rootSchema).validate(asSent(formData)).valid;
    } catch {
      return false;
    }
  }
}
