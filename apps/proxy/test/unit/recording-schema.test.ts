import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingJsonSchema } from '@mcpscope/engine/recording/json-schema';
import { compileSchema } from '@mcpscope/engine/session/schema-validator';
import { PROXY_DIR } from '../helpers/paths.js';

const checkedIn = JSON.parse(
  readFileSync(join(PROXY_DIR, '..', '..', 'docs', 'recording.schema.json'), 'utf8'),
) as unknown;

describe('docs/recording.schema.json', () => {
  it('is what the zod schemas generate (regenerate: pnpm --filter mcpscope gen:recording-schema)', () => {
    expect(checkedIn).toEqual(recordingJsonSchema());
  });

  it('accepts headers and entries, including fields it does not know, and rejects broken lines', () => {
    const compiled = compileSchema(checkedIn);
    if (!compiled.ok) throw new Error(compiled.message);
    const header = {
      format: 'mcpscope-recording',
      version: 1,
      createdAt: '2026-11-22T01:52:04.512Z',
      target: { transport: 'stdio', command: 'node', args: ['s.js'], env: {} },
      client: { name: 'mcpscope', version: '0.1.0' },
    };
    const entry = {
      seq: 3,
      t: 1.5,
      dir: 's2c',
      kind: 'response',
      msg: { jsonrpc: '2.0', id: 1, result: {} },
      pairSeq: 2,
      durationMs: 1.2,
      transport: { httpSeq: 2, sessionId: 's' },
      later: 'a field a newer writer added',
    };
    expect(compiled.validate(header)).toEqual([]);
    expect(compiled.validate(entry)).toEqual([]);
    expect(compiled.validate({ ...header, version: 2 })).not.toEqual([]);
    expect(compiled.validate({ ...entry, dir: 'sideways' })).not.toEqual([]);
    expect(compiled.validate({ ...entry, seq: -1 })).not.toEqual([]);
    const { t: _t, ...noTime } = entry;
    expect(compiled.validate(noTime)).not.toEqual([]);
  });
});
