import {
  getDefaultFormState,
  type Experimental_DefaultFormStateBehavior,
  type RJSFSchema,
} from '@rjsf/utils';
import { InterpretingValidator } from './schema-validator';

/** The JSON Schema validator of the form: interpreting, so the page's CSP need not allow eval. */
export const validator = new InterpretingValidator();

/**
 * Only a `default` the schema declares is filled in: a debugger should see exactly what it
 * sends, not empty objects and arrays the form made up.
 */
export const defaultsBehavior: Experimental_DefaultFormStateBehavior = {
  emptyObjectFields: 'skipEmptyDefaults',
  arrayMinItems: { populate: 'requiredOnly' },
};

/** The arguments a fresh form starts with: the schema's defaults. */
export function initialArguments(schema: RJSFSchema | undefined): Record<string, unknown> {
  return withDefaults(schema, {});
}

/**
 * `args` with the schema's defaults filled in where a value is missing, as the form shows
 * them: what the form displays is then exactly what Send sends.
 */
export function withDefaults(
  schema: RJSFSchema | undefined,
  args: Record<string, unknown>,
): Record<string, unknown> {
  if (schema === undefined) return args;
  try {
    const state: unknown = getDefaultFormState<Record<string, unknown>>(
      validator,
      schema,
      args,
      schema,
      false,
      defaultsBehavior,
    );
    return typeof state === 'object' && state !== null && !Array.isArray(state)
      ? (state as Record<string, unknown>)
      : args;
  } catch {
    // A schema RJSF cannot resolve (a dangling $ref) still gets an editor, just no defaults.
    return args;
  }
}

/** One problem with the arguments, as the form's validator sees it. */
export interface ArgumentProblem {
  path: string;
  message: string;
}

/** Checks arguments against a schema the way the form does, for the JSON editor and "Send". */
export function validateArguments(
  schema: RJSFSchema,
  args: Record<string, unknown>,
): ArgumentProblem[] {
  try {
    return validator.validateFormData(args, schema).errors.map((e) => ({
      path:
        e.property === undefined || e.property === '' || e.property === '.'
          ? '(root)'
          : e.property.replace(/^\./, ''),
      message: e.message ?? e.stack,
    }));
  } catch (error) {
    return [{ path: '(schema)', message: `could not validate: ${(error as Error).message}` }];
  }
}
