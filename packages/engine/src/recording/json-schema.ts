import { z } from 'zod';
import { RecordingEntrySchema, RecordingHeaderSchema } from '@mcpscope/protocol';

/**
 * The JSON Schema of one line of a recording: line 1 is `$defs.header`, every later line
 * `$defs.entry`. Generated from the zod schemas the reader uses, so the two cannot drift;
 * the checked-in docs/recording.schema.json is kept equal to this by a test.
 */
export function recordingJsonSchema(): Record<string, unknown> {
  // Input, not output: a reader ignores fields it does not know, and so does this schema.
  const options = { target: 'draft-2020-12', io: 'input' } as const;
  const header = strip(z.toJSONSchema(RecordingHeaderSchema, options));
  const entry = strip(z.toJSONSchema(RecordingEntrySchema, options));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $comment:
      'Generated from packages/protocol/src/recording.ts and traffic.ts by `pnpm --filter mcpscope gen:recording-schema`. Do not edit by hand.',
    title: 'mcpscope recording line (format version 1)',
    description:
      'A recording is JSON Lines: line 1 is a header, every later line a traffic entry. See docs/recording-format.md.',
    anyOf: [{ $ref: '#/$defs/header' }, { $ref: '#/$defs/entry' }],
    $defs: { header, entry },
  };
}

function strip(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _schema, ...rest } = schema;
  return rest;
}
