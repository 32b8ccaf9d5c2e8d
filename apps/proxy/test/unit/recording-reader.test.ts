import type { TrafficEntry } from '@mcpscope/protocol';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  readRecording,
  RecordingFormatError,
  type RecordingItem,
} from '@mcpscope/engine/recording/reader';
import { tempDir } from '../helpers/temp.js';

const tmp = tempDir('reader');
afterAll(() => tmp.remove());

const header = JSON.stringify({
  format: 'mcpscope-recording',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  target: { transport: 'stdio', command: 'node', args: [], env: {} },
  client: { name: 'mcpscope', version: '0.1.0' },
});
const entry = (seq: number): string =>
  JSON.stringify({
    seq,
    t: seq,
    dir: 'c2s',
    kind: 'request',
    msg: { jsonrpc: '2.0', id: seq, method: 'ping' },
  } satisfies TrafficEntry);

let n = 0;
function file(text: string): string {
  const path = tmp.path(`r${n++}.jsonl`);
  writeFileSync(path, text);
  return path;
}

async function readAll(path: string): Promise<RecordingItem[]> {
  const items: RecordingItem[] = [];
  for await (const item of readRecording(path)) items.push(item);
  return items;
}

async function readError(path: string): Promise<string> {
  try {
    await readAll(path);
  } catch (error) {
    expect(error).toBeInstanceOf(RecordingFormatError);
    return (error as Error).message;
  }
  throw new Error('expected a RecordingFormatError');
}

describe('readRecording', () => {
  it('yields the header, then each entry with its line number', async () => {
    const items = await readAll(file([header, entry(0), entry(1), ''].join('\n')));
    expect(items.map((i) => i.type)).toEqual(['header', 'entry', 'entry']);
    expect(items[1]).toMatchObject({ type: 'entry', line: 2, entry: { seq: 0 } });
    expect(items[2]).toMatchObject({ type: 'entry', line: 3, entry: { seq: 1 } });
  });

  it('accepts CRLF line ends and skips blank lines', async () => {
    const items = await readAll(file([header, entry(0), '', entry(1), ''].join('\r\n')));
    expect(items.filter((i) => i.type === 'entry')).toHaveLength(2);
  });

  it('turns a truncated last line into a warning, as a crash leaves it', async () => {
    const items = await readAll(
      file([header, entry(0), entry(1), entry(2).slice(0, 20)].join('\n')),
    );
    expect(items.map((i) => i.type)).toEqual(['header', 'entry', 'entry', 'warning']);
    const warning = items[3];
    expect(warning).toMatchObject({ type: 'warning', line: 4 });
    expect(warning?.type === 'warning' && warning.message).toBe(
      'line 4 is not JSON (a truncated last line is expected after a crash); ignoring it',
    );
  });

  it('refuses a bad line in the middle', async () => {
    const message = await readError(
      file([header, entry(0), '{"seq":1,"t":', entry(2), ''].join('\n')),
    );
    expect(message).toContain('line 3 is not JSON');
    const notEntry = await readError(file([header, '{"seq":1}', entry(2), ''].join('\n')));
    expect(notEntry).toMatch(/line 2 is not a traffic entry/);
  });

  it('refuses another major version, an empty file and a file that is not a recording', async () => {
    const v2 = header.replace('"version":1', '"version":2');
    expect(await readError(file([v2, entry(0), ''].join('\n')))).toMatch(
      /recording format version 2 is not supported by this mcpscope \(reads version 1\); upgrade mcpscope/,
    );
    expect(await readError(file(''))).toMatch(/empty file, not an mcpscope recording$/);
    expect(await readError(file('{"jsonrpc":"2.0"}\n'))).toContain(
      'does not start an mcpscope recording',
    );
  });

  it('names the file in its errors', async () => {
    const path = file('garbage\n');
    expect(await readError(path)).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `),
    );
  });
});
