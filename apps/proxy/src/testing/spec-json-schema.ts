import { z } from 'zod';
import { SpecSchema } from './spec-schema.js';

/**
 * The JSON Schema of spec files, for editors (YAML and JSON language servers complete and
 * check specs with it). Generated from the zod schema, so the two cannot drift; the
 * checked-in docs/testing.schema.json is kept equal to this by a test.
 */
export function specJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(SpecSchema, {
    target: 'draft-2020-12',
    // What an author writes ("2s"), not what the loader makes of it (2000).
    io: 'input',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $comment:
      'Generated from apps/proxy/src/testing/spec-schema.ts by `pnpm --filter mcpscope gen:spec-schema`. Do not edit by hand.',
    ...rest,
  };
}
