import type { TrafficEntry } from '@mcpscope/protocol';
import { describe, expect, it } from 'vitest';
import { MessageChecker } from '@mcpscope/engine/session/diagnose';
import { TrafficLog } from '@mcpscope/engine/session/traffic-log';

function setup(): {
  log: TrafficLog;
  reply: (id: number, result: unknown) => TrafficEntry;
  ask: (id: number, method: string, params?: unknown) => TrafficEntry;
} {
  const checker = new MessageChecker();
  const log = new TrafficLog({ diagnose: checker.diagnose });
  return {
    log,
    ask: (id, method, params) => log.appendMessage('c2s', { jsonrpc: '2.0', id, method, params }),
    reply: (id, result) =>
      log.appendText('s2c', JSON.stringify({ jsonrpc: '2.0', id, result }))[0]!,
  };
}

const codes = (entry: TrafficEntry): string[] => (entry.issues ?? []).map((i) => i.code);

const countTool = {
  name: 'count',
  inputSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
  outputSchema: { type: 'object', properties: { total: { type: 'number' } }, required: ['total'] },
};

describe('MessageChecker', () => {
  it('flags a server request for a capability the client did not declare, and unknown methods', () => {
    const { log, ask } = setup();
    ask(0, 'initialize', { capabilities: { roots: {} }, protocolVersion: '2025-11-25' });
    const serverAsks = (id: string, method: string, params: unknown = {}) =>
      log.appendText('s2c', JSON.stringify({ jsonrpc: '2.0', id, method, params }))[0]!;
    expect(codes(serverAsks('a', 'roots/list'))).toEqual([]);
    expect(codes(serverAsks('b', 'ping'))).toEqual([]);
    const sampling = serverAsks('c', 'sampling/createMessage', { messages: [], maxTokens: 1 });
    expect(codes(sampling)).toEqual(['UNDECLARED_CAPABILITY']);
    expect(sampling.issues?.[0]?.message).toBe(
      'the server sent sampling/createMessage, but the client did not declare the sampling capability',
    );
    expect(codes(serverAsks('d', 'bogus/method'))).toEqual(['UNKNOWN_METHOD']);
  });

  it('flags a result that breaks the MCP schema of its method, keeping the message', () => {
    const { ask, reply } = setup();
    ask(1, 'tools/list');
    const entry = reply(1, { tools: 'none' });
    expect(codes(entry)).toContain('INVALID_RESULT');
    expect(entry.msg).toEqual({ jsonrpc: '2.0', id: 1, result: { tools: 'none' } });
    ask(2, 'ping');
    expect(codes(reply(2, {}))).toEqual([]);
  });

  it('flags a tool whose inputSchema is not an object schema', () => {
    const { ask, reply } = setup();
    ask(1, 'tools/list');
    const entry = reply(1, { tools: [{ name: 'bad', inputSchema: { type: 'string' } }] });
    expect(entry.issues).toContainEqual(
      expect.objectContaining({ code: 'INVALID_INPUT_SCHEMA', path: 'result.tools.0.inputSchema' }),
    );
  });

  it('checks tools/call arguments against the inputSchema learned from tools/list', () => {
    const { ask, reply } = setup();
    ask(1, 'tools/list');
    expect(codes(reply(1, { tools: [countTool] }))).toEqual([]);
    expect(codes(ask(2, 'tools/call', { name: 'count', arguments: { n: 'two' } }))).toEqual([
      'ARGUMENTS_MISMATCH',
    ]);
    expect(codes(ask(3, 'tools/call', { name: 'count', arguments: { n: 2 } }))).toEqual([]);
    // Unknown tools are the server's business.
    expect(codes(ask(4, 'tools/call', { name: 'unknown', arguments: { n: 'two' } }))).toEqual([]);
  });

  it('checks structuredContent against the outputSchema, but not for an isError result', () => {
    const { ask, reply } = setup();
    ask(1, 'tools/list');
    reply(1, { tools: [countTool] });
    ask(2, 'tools/call', { name: 'count', arguments: { n: 2 } });
    const bad = reply(2, { content: [], structuredContent: { total: 'two' } });
    expect(bad.issues).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'OUTPUT_SCHEMA_MISMATCH',
        path: 'result.structuredContent.total',
      }),
    );
    ask(3, 'tools/call', { name: 'count', arguments: { n: 2 } });
    expect(codes(reply(3, { content: [] }))).toEqual(['OUTPUT_SCHEMA_MISMATCH']);
    ask(4, 'tools/call', { name: 'count', arguments: { n: 2 } });
    expect(codes(reply(4, { content: [{ type: 'text', text: 'failed' }], isError: true }))).toEqual(
      [],
    );
    ask(5, 'tools/call', { name: 'count', arguments: { n: 2 } });
    expect(codes(reply(5, { content: [], structuredContent: { total: 2 } }))).toEqual([]);
  });

  it('checks requests and notifications the server sends', () => {
    const { log } = setup();
    const [sampling] = log.appendText(
      's2c',
      JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'sampling/createMessage', params: {} }),
    );
    expect(codes(sampling!)).toContain('INVALID_REQUEST');
    const [progress] = log.appendText(
      's2c',
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progress: 'half' },
      }),
    );
    expect(codes(progress!)).toContain('INVALID_NOTIFICATION');
    const [custom] = log.appendText(
      's2c',
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/custom', params: 1 }),
    );
    expect(codes(custom!)).toEqual([]);
  });
});
