import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runCli, toolText } from '../helpers/cli.js';
import { issueCodes, readValidRecording } from '../helpers/misbehaving.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

/**
 * A stdout line without a newline for 20 MB, then a valid response. The line splitter used to
 * buffer all of it (a 600 MB line took the proxy to ERR_STRING_TOO_LONG); now a line over the
 * cap keeps its first 64 KiB, the rest is counted and dropped, and the next line is read.
 */
const tmp = tempDir('long-line');
afterAll(() => tmp.remove());

describe('a stdout line over the cap', () => {
  it('is kept as its head with LINE_TOO_LONG, and the response after it still works', async () => {
    const path = tmp.path('long.jsonl');
    const run = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'long',
      '--max-line-mb',
      '1',
      '--record',
      path,
      '-e',
      `LONG_BYTES=${20 * 1000 * 1000}`,
      '--',
      ...fixture('long-line.mjs'),
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('after the long line');
    expect(run.stderr).toMatch(
      /^mcpscope: warning: LINE_TOO_LONG: a stdout line of 20000000 bytes exceeded the 1048576-byte cap: kept the first 64 KiB, dropped the rest/m,
    );
    const entries = await readValidRecording(path);
    expect(issueCodes(entries).filter((c) => c === 'LINE_TOO_LONG')).toHaveLength(1);
    const long = entries.find((e) => e.issues?.some((i) => i.code === 'LINE_TOO_LONG'))!;
    expect(long).toMatchObject({ kind: 'raw', dir: 's2c', size: 20_000_000 });
    expect(long.raw).toBe('x'.repeat(64 * 1024));
    expect(long.msg).toBeUndefined();
  }, 60_000);

  it('--max-line-mb must be a positive number', async () => {
    const run = await runCli([
      '--method',
      'tools/list',
      '--max-line-mb',
      '0',
      '--',
      ...fixture('long-line.mjs'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mcpscope: --max-line-mb must be a number of MiB above 0/);
  });
});
