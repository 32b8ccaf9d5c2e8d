import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/tap/unified-diff.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir('unified-diff');
afterAll(() => temp.remove());

/** The hunks diff(1) prints for the same two texts: the reference. */
function systemDiff(a: string, b: string): string {
  writeFileSync(temp.path('a'), a);
  writeFileSync(temp.path('b'), b);
  const run = spawnSync('diff', ['-U3', temp.path('a'), temp.path('b')], { encoding: 'utf8' });
  return run.stdout.split('\n').slice(2).join('\n').trimEnd();
}

const lines = (n: number, f: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';

describe('unifiedDiff', () => {
  it.each([
    [
      'one change in the middle',
      lines(20, (i) => `line ${i}`),
      lines(20, (i) => (i === 9 ? 'changed' : `line ${i}`)),
    ],
    [
      'two far-apart hunks',
      lines(40, (i) => `l${i}`),
      lines(40, (i) => (i === 2 || i === 35 ? `x${i}` : `l${i}`)),
    ],
    [
      'insertions and deletions',
      lines(10, (i) => `a${i}`),
      lines(12, (i) => (i < 3 ? `a${i}` : i < 6 ? `new${i}` : `a${i - 2}`)),
    ],
    ['a change at the end', 'a\nb\nc\n', 'a\nb\nd\n'],
  ])('%s: the same hunks as diff -U3', (_name, a, b) => {
    const ours = unifiedDiff(a, b, 'f').split('\n').slice(2).join('\n').trimEnd();
    expect(ours).toBe(systemDiff(a, b));
  });

  it('no difference, no diff', () => {
    expect(unifiedDiff('same\n', 'same\n', 'f')).toBe('');
  });
});
