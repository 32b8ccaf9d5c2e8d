// Writes docs/testing.schema.json from the zod schema of spec files, formatted as prettier
// would, so that `prettier --check` and the staleness test both pass after a regeneration.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
// tsx runs this file, so it can import the TypeScript source.
import { specJsonSchema } from '../src/testing/spec-json-schema.ts';

const target = fileURLToPath(new URL('../../../docs/testing.schema.json', import.meta.url));
const options = (await resolveConfig(target)) ?? {};
const text = await format(JSON.stringify(specJsonSchema(), null, 2), {
  ...options,
  parser: 'json',
});
writeFileSync(target, text);
console.log(`wrote ${target}`);
