import type { TrafficEntry } from '@mcpscope/protocol';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TrafficLog, type PendingRequestInfo } from '@mcpscope/engine/session/traffic-log';

const codes = (entry: TrafficEntry | undefined): string[] =>
  (entry?.issues ?? []).map((i) => i.code);
const json = (value: unknown): string => JSON.stringify(value);

describe('TrafficLog: pairing', () => {
  it('pairs a c2s request with its s2c response and times it', async () => {
    const log = new TrafficLog();
    const request = log.appendMessage('c2s', { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(request).toMatchObject({ seq: 0, dir: 'c2s', kind: 'request' });
    expect(log.pendingCount('c2s')).toBe(1);
    await sleep(25);
    const [response] = log.appendText(
      's2c',
      json({ jsonrpc: '2.0', id: 1, result: { tools: [] } }),
    );
    expect(response).toMatchObject({ seq: 1, dir: 's2c', kind: 'response', pairSeq: 0 });
    expect(response!.issues).toBeUndefined();
    // A lower bound only: the sleep guarantees it, a slow machine only adds to it.
    expect(response!.durationMs).toBeGreaterThanOrEqual(15);
    expect(response!.durationMs).toBeCloseTo(response!.t - request.t, 2);
    expect(log.pendingCount('c2s')).toBe(0);
  });

  it('pairs an s2c request (sampling) with the c2s response', () => {
    const log = new TrafficLog();
    const [request] = log.appendText(
      's2c',
      json({
        jsonrpc: '2.0',
        id: 'srv-7',
        method: 'sampling/createMessage',
        params: { messages: [], maxTokens: 5 },
      }),
    );
    expect(request).toMatchObject({ kind: 'request', dir: 's2c' });
    expect(log.pendingCount('s2c')).toBe(1);
    expect(log.pendingCount('c2s')).toBe(0);
    const response = log.appendMessage('c2s', {
      jsonrpc: '2.0',
      id: 'srv-7',
      result: { role: 'assistant' },
    });
    expect(response).toMatchObject({ kind: 'response', pairSeq: request!.seq });
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
    expect(log.pendingCount('s2c')).toBe(0);
  });

  it('pairs a JSON-RPC error response, and leaves an id-null error unpaired without complaint', () => {
    const log = new TrafficLog();
    log.appendMessage('c2s', { jsonrpc: '2.0', id: 2, method: 'nope' });
    const [error] = log.appendText(
      's2c',
      json({ jsonrpc: '2.0', id: 2, error: { code: -32601, message: 'Method not found' } }),
    );
    expect(error).toMatchObject({ kind: 'error', pairSeq: 0 });
    const [parseError] = log.appendText(
      's2c',
      json({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }),
    );
    expect(parseError!.kind).toBe('error');
    expect(parseError!.pairSeq).toBeUndefined();
    expect(codes(parseError)).toEqual([]);
  });

  it('flags UNKNOWN_ID for a response to no request, a second response, and an id of the wrong type', () => {
    const log = new TrafficLog();
    const [stray] = log.appendText('s2c', json({ jsonrpc: '2.0', id: 99, result: {} }));
    expect(stray!.kind).toBe('response');
    expect(stray!.pairSeq).toBeUndefined();
    expect(codes(stray)).toEqual(['UNKNOWN_ID']);
    expect(stray!.issues![0]!.message).toContain('99');

    log.appendMessage('c2s', { jsonrpc: '2.0', id: 1, method: 'ping' });
    const [first] = log.appendText('s2c', json({ jsonrpc: '2.0', id: 1, result: {} }));
    const [again] = log.appendText('s2c', json({ jsonrpc: '2.0', id: 1, result: {} }));
    expect(codes(first)).toEqual([]);
    expect(codes(again)).toEqual(['UNKNOWN_ID']);

    // JSON-RPC keeps 1 and "1" apart.
    log.appendMessage('c2s', { jsonrpc: '2.0', id: 5, method: 'ping' });
    const [stringId] = log.appendText('s2c', json({ jsonrpc: '2.0', id: '5', result: {} }));
    expect(codes(stringId)).toEqual(['UNKNOWN_ID']);
  });

  it('flags DUPLICATE_ID for a request reusing a pending id', () => {
    const log = new TrafficLog();
    const [a] = log.appendText('s2c', json({ jsonrpc: '2.0', id: 0, method: 'roots/list' }));
    const [b] = log.appendText('s2c', json({ jsonrpc: '2.0', id: 0, method: 'roots/list' }));
    expect(codes(a)).toEqual([]);
    expect(codes(b)).toEqual(['DUPLICATE_ID']);
    // The same id in the other direction is not a duplicate.
    const c = log.appendMessage('c2s', { jsonrpc: '2.0', id: 0, method: 'ping' });
    expect(codes(c)).toEqual([]);
  });

  it('forgetPending drops every pending request', () => {
    const log = new TrafficLog();
    log.appendMessage('c2s', { jsonrpc: '2.0', id: 1, method: 'ping' });
    log.forgetPending();
    expect(log.pendingCount('c2s')).toBe(0);
    const [late] = log.appendText('s2c', json({ jsonrpc: '2.0', id: 1, result: {} }));
    expect(codes(late)).toEqual(['UNKNOWN_ID']);
  });
});

describe('TrafficLog: frames that are not one JSON-RPC message', () => {
  it('keeps a line that is not JSON as a raw entry with NOT_JSON and its size', () => {
    const log = new TrafficLog();
    const [entry] = log.appendText('s2c', 'Server listening on stdio…');
    expect(entry).toMatchObject({
      seq: 0,
      dir: 's2c',
      kind: 'raw',
      raw: 'Server listening on stdio…',
    });
    expect(entry!.size).toBe(Buffer.byteLength('Server listening on stdio…'));
    expect(entry!.msg).toBeUndefined();
    expect(codes(entry)).toEqual(['NOT_JSON']);
    expect(entry!.issues![0]!.message).toContain('logs belong on stderr');
  });

  it('keeps JSON that is not JSON-RPC as raw with the parsed value', () => {
    const log = new TrafficLog();
    const [entry] = log.appendText('s2c', '{"hello":"world"}');
    expect(entry).toMatchObject({ kind: 'raw', msg: { hello: 'world' } });
    expect(codes(entry)).toEqual(['JSONRPC_VERSION', 'NOT_JSON_RPC']);
  });

  it('flags bytes that are not UTF-8', () => {
    const log = new TrafficLog();
    const bytes = Buffer.from([0x7b, 0x7d, 0xff]);
    const [entry] = log.appendText('s2c', bytes.toString('utf8'), { bytes });
    expect(entry!.size).toBe(3);
    expect(codes(entry)).toContain('INVALID_UTF8');
  });

  it('splits a batch array into one entry per message, each paired', () => {
    const log = new TrafficLog();
    log.appendMessage('c2s', { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    log.appendMessage('c2s', { jsonrpc: '2.0', id: 2, method: 'prompts/list' });
    const entries = log.appendText(
      's2c',
      json([
        { jsonrpc: '2.0', id: 2, result: { prompts: [] } },
        { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'x' } },
        { jsonrpc: '2.0', id: 1, result: { tools: [] } },
      ]),
    );
    expect(entries.map((e) => [e.seq, e.kind, e.pairSeq])).toEqual([
      [2, 'response', 1],
      [3, 'notification', undefined],
      [4, 'response', 0],
    ]);
    for (const entry of entries) expect(codes(entry)).toEqual(['BATCH']);
    expect(entries[0]!.issues![0]).toMatchObject({
      severity: 'info',
      message: 'part of a JSON-RPC batch of 3',
    });
  });

  it('treats an empty array as raw, not as a batch', () => {
    const log = new TrafficLog();
    const entries = log.appendText('s2c', '[]');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'raw' });
    expect(codes(entries[0])).toEqual(['NOT_JSON_RPC']);
  });

  it('records transport facts as meta entries', () => {
    const log = new TrafficLog();
    const stderr = log.appendFact('stderr', { raw: 'warming up' });
    const life = log.appendFact('lifecycle', { transport: { state: 'ready' }, issues: [] });
    expect(stderr).toMatchObject({ seq: 0, dir: 'meta', kind: 'stderr', raw: 'warming up' });
    expect(life).toMatchObject({
      seq: 1,
      dir: 'meta',
      kind: 'lifecycle',
      transport: { state: 'ready' },
    });
    // An empty issue list is not written out.
    expect(life.issues).toBeUndefined();
  });
});

describe('TrafficLog: readers', () => {
  it('bounds the history near historyLimit, keeps the newest entries, and counts sinceSeq in seqs', () => {
    const log = new TrafficLog({ historyLimit: 10 });
    for (let i = 0; i < 25; i++) log.appendFact('stderr', { raw: `line ${i}` });
    const held = log.entries().map((e) => e.seq);
    // The log may trim in steps (up to a tenth over the limit), never below the limit.
    expect(held.length).toBeGreaterThanOrEqual(10);
    expect(held.length).toBeLessThanOrEqual(11);
    expect(held).toEqual(Array.from({ length: held.length }, (_, i) => 25 - held.length + i));
    expect(log.entries(20).map((e) => e.seq)).toEqual([20, 21, 22, 23, 24]);
    expect(log.entries(25)).toEqual([]);
    // Asking for dropped seqs gives what is still held, from the oldest.
    expect(log.entries(0).map((e) => e.seq)).toEqual(held);
    expect(log.entries(0).at(-1)!.raw).toBe('line 24');
  });

  it('gives recorders every entry before listeners, and survives a failing listener', () => {
    const log = new TrafficLog();
    const order: string[] = [];
    log.subscribe(() => {
      order.push('listener-1');
      throw new Error('listener bug');
    });
    log.subscribe((e) => order.push(`listener-2:${e.seq}`));
    log.addRecorder((e) => order.push(`recorder:${e.seq}`));
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.message);
    process.on('warning', onWarning);
    log.appendFact('stderr', { raw: 'a' });
    log.appendFact('stderr', { raw: 'b' });
    expect(order).toEqual([
      'recorder:0',
      'listener-1',
      'listener-2:0',
      'recorder:1',
      'listener-1',
      'listener-2:1',
    ]);
    const unsubscribe = log.subscribe(() => order.push('late'));
    unsubscribe();
    log.appendFact('stderr', { raw: 'c' });
    expect(order).not.toContain('late');
    process.off('warning', onWarning);
  });

  it('asks the diagnoser about messages, with the request a response answers', () => {
    const seen: [string, PendingRequestInfo | undefined][] = [];
    const log = new TrafficLog({
      diagnose: (entry, request) => {
        seen.push([entry.kind, request]);
        return entry.kind === 'response'
          ? [{ severity: 'error', code: 'CUSTOM', message: 'bad result' }]
          : undefined;
      },
    });
    log.appendMessage('c2s', {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'echo' },
    });
    const [response] = log.appendText('s2c', json({ jsonrpc: '2.0', id: 1, result: {} }));
    log.appendText('s2c', 'not json');
    expect(seen.map(([kind]) => kind)).toEqual(['request', 'response']);
    expect(seen[1]![1]).toMatchObject({ seq: 0, method: 'tools/call', params: { name: 'echo' } });
    expect(codes(response)).toEqual(['CUSTOM']);
  });

  it('turns a throwing diagnoser into an info diagnostic instead of losing the message', () => {
    const log = new TrafficLog({
      diagnose: () => {
        throw new Error('schema exploded');
      },
    });
    const entry = log.appendMessage('c2s', { jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(entry.kind).toBe('notification');
    expect(entry.issues).toEqual([
      {
        severity: 'info',
        code: 'DIAGNOSER_FAILED',
        message: 'could not check this message: schema exploded',
      },
    ]);
  });

  it('numbers entries from 0 with a non-decreasing t', () => {
    const log = new TrafficLog();
    const entries = [
      log.appendFact('lifecycle', {}),
      log.appendMessage('c2s', { jsonrpc: '2.0', id: 0, method: 'initialize' }),
      ...log.appendText('s2c', json({ jsonrpc: '2.0', id: 0, result: {} })),
    ];
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2]);
    for (let i = 1; i < entries.length; i++)
      expect(entries[i]!.t).toBeGreaterThanOrEqual(entries[i - 1]!.t);
  });
});
