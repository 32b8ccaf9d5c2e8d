import type { TrafficEntry } from '@mcpscope/protocol';
import { describe, expect, it } from 'vitest';
import { Redactor } from '@mcpscope/engine/recording/redact';
import { MessageChecker } from '@mcpscope/engine/session/diagnose';
import { previewMessage } from '@mcpscope/engine/session/display';
import { TrafficLog } from '@mcpscope/engine/session/traffic-log';

/**
 * Names a server chose that a plain object takes for its own machinery (issue 19): a key
 * `__proto__` must survive as a key, and a method `constructor` is not a known method.
 */
const hostile = JSON.parse(
  '{"jsonrpc":"2.0","id":1,"result":{"__proto__":{"polluted":true},"constructor":"c","toString":"t"}}',
) as Record<string, unknown>;

describe('server-chosen keys', () => {
  it('the display preview keeps __proto__, constructor and toString as keys', () => {
    const preview = previewMessage(hostile);
    expect(JSON.parse(JSON.stringify(preview))).toEqual(JSON.parse(JSON.stringify(hostile)));
    expect(JSON.stringify(preview)).toContain('"__proto__":{"polluted":true}');
  });

  it('a redacted recording line keeps them too', () => {
    const redactor = new Redactor({
      config: { transport: 'stdio', command: 'node', args: [], env: { API_TOKEN: 'abcdef123' } },
    });
    const entry: TrafficEntry = { seq: 0, t: 0, dir: 's2c', kind: 'response', msg: hostile };
    expect(redactor.line(entry)).toContain('"__proto__":{"polluted":true}');
  });

  it('a server request named constructor is an unknown method, not a checker failure', () => {
    const checker = new MessageChecker();
    const log = new TrafficLog({ diagnose: checker.diagnose });
    for (const method of ['constructor', 'toString', '__proto__']) {
      const [entry] = log.appendText('s2c', JSON.stringify({ jsonrpc: '2.0', id: method, method }));
      const codes = (entry!.issues ?? []).map((i) => i.code);
      expect(codes, method).not.toContain('DIAGNOSER_FAILED');
    }
  });
});
