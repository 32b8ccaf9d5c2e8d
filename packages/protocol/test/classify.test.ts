import { describe, expect, it } from 'vitest';
import { classifyMessage, idKey } from '../src/index.js';

const codes = (value: unknown): string[] => classifyMessage(value).issues.map((i) => i.code);

describe('classifyMessage', () => {
  it('classifies requests, notifications, responses and error responses', () => {
    expect(classifyMessage({ jsonrpc: '2.0', id: 1, method: 'tools/list' })).toEqual({
      kind: 'request',
      id: 1,
      method: 'tools/list',
      issues: [],
    });
    expect(classifyMessage({ jsonrpc: '2.0', id: 'a', method: 'ping', params: {} })).toMatchObject({
      kind: 'request',
      id: 'a',
    });
    expect(classifyMessage({ jsonrpc: '2.0', method: 'notifications/initialized' })).toEqual({
      kind: 'notification',
      method: 'notifications/initialized',
      issues: [],
    });
    expect(classifyMessage({ jsonrpc: '2.0', id: 7, result: {} })).toEqual({
      kind: 'response',
      id: 7,
      issues: [],
    });
    expect(
      classifyMessage({
        jsonrpc: '2.0',
        id: 7,
        error: { code: -32601, message: 'Method not found' },
      }),
    ).toEqual({ kind: 'error', id: 7, issues: [] });
    // A parse error answered before the id was known carries id null.
    expect(
      classifyMessage({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700, message: 'Parse error' },
      }),
    ).toEqual({
      kind: 'error',
      id: null,
      issues: [],
    });
  });

  it('still classifies a message without "jsonrpc": "2.0", with a warning', () => {
    const c = classifyMessage({ id: 1, result: { ok: true } });
    expect(c.kind).toBe('response');
    expect(c.issues).toEqual([
      {
        severity: 'warning',
        code: 'JSONRPC_VERSION',
        message: '"jsonrpc" must be "2.0", got undefined',
        path: 'jsonrpc',
      },
    ]);
    expect(codes({ jsonrpc: '1.0', method: 'x' })).toEqual(['JSONRPC_VERSION']);
  });

  it('keeps values that are not JSON-RPC objects as raw, never throwing', () => {
    for (const value of [null, 42, 'text', [], [{ jsonrpc: '2.0', id: 1, result: {} }], true]) {
      const c = classifyMessage(value);
      expect(c.kind).toBe('raw');
      expect(c.issues.map((i) => i.code)).toEqual(['NOT_JSON_RPC']);
    }
    expect(classifyMessage({ jsonrpc: '2.0', id: 1 })).toMatchObject({ kind: 'raw' });
    expect(codes({ jsonrpc: '2.0', id: 1 })).toEqual(['NOT_JSON_RPC']);
  });

  it('flags invalid ids and malformed error objects', () => {
    expect(classifyMessage({ jsonrpc: '2.0', id: { n: 1 }, method: 'ping' })).toMatchObject({
      kind: 'raw',
    });
    expect(codes({ jsonrpc: '2.0', id: { n: 1 }, method: 'ping' })).toEqual(['INVALID_ID']);
    expect(codes({ jsonrpc: '2.0', id: Number.POSITIVE_INFINITY, result: {} })).toEqual([
      'INVALID_ID',
    ]);
    expect(classifyMessage({ jsonrpc: '2.0', id: true, result: {} }).kind).toBe('raw');
    const badError = classifyMessage({
      jsonrpc: '2.0',
      id: 3,
      error: { code: 'E_BAD', message: 1 },
    });
    expect(badError).toMatchObject({ kind: 'error', id: 3 });
    expect(badError.issues.map((i) => [i.code, i.path])).toEqual([['INVALID_ERROR', 'error']]);
    expect(codes({ jsonrpc: '2.0', id: [1], error: { code: 1, message: 'm' } })).toEqual([
      'INVALID_ID',
    ]);
  });

  it('treats a method with an explicit undefined id as a notification', () => {
    expect(classifyMessage({ jsonrpc: '2.0', method: 'x', id: undefined }).kind).toBe(
      'notification',
    );
  });
});

describe('idKey', () => {
  it('keeps 1 and "1" apart, as JSON-RPC does', () => {
    expect(idKey(1)).not.toBe(idKey('1'));
    expect(idKey(1)).toBe(idKey(1));
    expect(idKey('a')).toBe(idKey('a'));
  });
});
