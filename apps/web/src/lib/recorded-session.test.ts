import type { RecordingHeader, TrafficEntry } from '@mcpscope/protocol';
import { describe, expect, it } from 'vitest';
import { RecordedSession } from './recorded-session';

const header: RecordingHeader = {
  format: 'mcpscope-recording',
  version: 1,
  createdAt: '2026-12-03T00:00:00.000Z',
  target: { transport: 'stdio', command: 'node', args: ['server.js'], env: {} },
  client: { name: 'mcpscope', version: '0.1.0' },
};

/** A recorded request at `seq` and its response at `seq + 1`. */
function exchange(seq: number, method: string, params: unknown, result: unknown): TrafficEntry[] {
  return [
    { seq, t: seq, dir: 'c2s', kind: 'request', msg: { jsonrpc: '2.0', id: seq, method, params } },
    {
      seq: seq + 1,
      t: seq + 1,
      dir: 's2c',
      kind: 'response',
      pairSeq: seq,
      msg: { jsonrpc: '2.0', id: seq, result },
    },
  ];
}

const text = (t: string) => ({ messages: [{ role: 'user', content: { type: 'text', text: t } }] });

function session(entries: TrafficEntry[]): RecordedSession {
  return new RecordedSession(
    'r',
    { name: 'r.jsonl', header, entries, warnings: [] },
    () => undefined,
  );
}

function answered(s: RecordedSession, method: string, params: unknown): unknown {
  const answer = s.answer(method, params);
  if (!answer.ok || !answer.outcome.ok) return undefined;
  return answer.outcome.result;
}

describe('a recorded session answers the request it was asked', () => {
  it('two prompts/get of one prompt with different arguments each get their own answer', () => {
    const s = session([
      ...exchange(
        0,
        'prompts/get',
        { name: 'weather', arguments: { city: 'Paris' } },
        text('Paris'),
      ),
      ...exchange(2, 'prompts/get', { name: 'weather', arguments: { city: 'Oslo' } }, text('Oslo')),
    ]);
    expect(answered(s, 'prompts/get', { name: 'weather', arguments: { city: 'Paris' } })).toEqual(
      text('Paris'),
    );
    expect(answered(s, 'prompts/get', { name: 'weather', arguments: { city: 'Oslo' } })).toEqual(
      text('Oslo'),
    );
    expect(answered(s, 'prompts/get', { name: 'weather', arguments: { city: 'Rome' } })).toBe(
      undefined,
    );
  });

  it('key order and the per-call _meta do not make two requests differ', () => {
    const s = session([
      ...exchange(
        0,
        'resources/read',
        { uri: 'a://x', _meta: { progressToken: 0 } },
        { contents: [] },
      ),
    ]);
    expect(answered(s, 'resources/read', { _meta: { progressToken: 7 }, uri: 'a://x' })).toEqual({
      contents: [],
    });
  });
});
