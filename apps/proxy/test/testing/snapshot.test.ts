import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { diffSurface, normalizeSurface, SnapshotFile } from '../../src/testing/snapshot.js';
import { tempDir } from '../helpers/temp.js';

describe('surface snapshots', () => {
  const tmp = tempDir('snapshot-unit');
  afterAll(() => tmp.remove());

  const before = normalizeSurface({
    tools: [
      {
        name: 'echo',
        description: 'Echoes',
        inputSchema: { type: 'object', properties: { message: { type: 'string' } } },
      },
      { name: 'old-tool', inputSchema: { type: 'object' } },
    ],
    prompts: [{ name: 'p' }],
  });

  it('normalizes: items by name, keys sorted', () => {
    const surface = normalizeSurface({
      tools: [
        { name: 'b', description: 'x' },
        { description: 'y', name: 'a' },
      ],
    });
    expect(JSON.stringify(surface)).toBe(
      '{"tools":[{"description":"y","name":"a"},{"description":"x","name":"b"}]}',
    );
  });

  it('says what was added, removed and changed, leaf by leaf', () => {
    const after = normalizeSurface({
      tools: [
        {
          name: 'echo',
          description: 'Echoes back',
          inputSchema: { type: 'object', properties: { message: { type: 'number' } } },
        },
        { name: 'new-tool', description: 'Does new things', inputSchema: { type: 'object' } },
      ],
    });
    expect(diffSurface(before, after)).toEqual([
      'prompts:',
      '  - prompts (no longer listed)',
      '  - p',
      'tools:',
      '  + new-tool — Does new things',
      '  - old-tool',
      '  ~ echo',
      '      description: "Echoes" → "Echoes back"',
      '      inputSchema.properties.message.type: "string" → "number"',
    ]);
    expect(diffSurface(before, before)).toEqual([]);
  });

  it('stores snapshots by key, and drops obsolete ones only when asked', () => {
    const file = new SnapshotFile(tmp.path('spec.yaml'));
    expect(file.get('a')).toBeUndefined();
    file.set('a', before);
    file.save(false);
    const again = new SnapshotFile(tmp.path('spec.yaml'));
    expect(again.get('a')).toEqual(before);
    const third = new SnapshotFile(tmp.path('spec.yaml'));
    expect(third.obsolete()).toEqual(['a']);
    third.save(true);
    expect(() => readFileSync(third.path)).toThrow();
  });
});
