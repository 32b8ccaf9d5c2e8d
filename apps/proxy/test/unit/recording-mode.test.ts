import { statSync, writeFileSync, chmodSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { RecordingWriter } from '@mcpscope/engine/recording/writer';
import { tempDir } from '../helpers/temp.js';

/** Recordings hold traffic (and, with --no-redact, secrets): they are private to the user. */
const tmp = tempDir('recording-mode');
afterAll(() => tmp.remove());

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const options = {
  config: { transport: 'stdio' as const, command: 'x', args: [], env: {} },
  client: { name: 'mcpscope-test', version: '0' },
};

describe.skipIf(process.platform === 'win32')('recording file permissions', () => {
  it('a new recording is created 0600', () => {
    const path = tmp.path('new.jsonl');
    new RecordingWriter(path, options).close();
    expect(mode(path)).toBe('600');
  });

  it('a recording that overwrites a world-readable file is 0600 too', () => {
    const path = tmp.path('existing.jsonl');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o644);
    new RecordingWriter(path, options).close();
    expect(mode(path)).toBe('600');
  });
});
