// Writes docs/testing.schema.json from the zod schema of spec files.
import { fileURLToPath } from 'node:url';
// tsx runs this file, so it can import the TypeScript source.
import { specJsonSchema } from '../src/testing/spec-json-schema.ts';
import { writeFormattedJson } from './write-json.mjs';

await writeFormattedJson(
  fileURLToPath(new URL('../../../docs/testing.schema.json', import.meta.url)),
  specJsonSchema(),
);
