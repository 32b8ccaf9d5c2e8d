// Writes docs/recording.schema.json from the zod schemas of the recording format.
import { fileURLToPath } from 'node:url';
// tsx runs this file, so it can import the TypeScript source.
import { recordingJsonSchema } from '@mcpscope/engine/recording/json-schema';
import { writeFormattedJson } from './write-json.mjs';

await writeFormattedJson(
  fileURLToPath(new URL('../../../docs/recording.schema.json', import.meta.url)),
  recordingJsonSchema(),
);
