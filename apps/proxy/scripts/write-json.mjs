// Writes a generated JSON file formatted as prettier would, so that `prettier --check` and
// the staleness tests both pass after a regeneration.
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

/** @param {string} target @param {unknown} value */
export async function writeFormattedJson(target, value) {
  const options = (await resolveConfig(target)) ?? {};
  writeFileSync(
    target,
    await format(JSON.stringify(value, null, 2), { ...options, parser: 'json' }),
  );
  console.log(`wrote ${target}`);
}
