import { describe, expect, it } from 'vitest';
import { ObservedHandshake } from '@mcpscope/engine/session/observed-handshake';
import { TrafficLog } from '@mcpscope/engine/session/traffic-log';

/** A tap's log, fed lines as a host and server would write them, read by ObservedHandshake. */
function watch(lines: ['c2s' | 's2c', unknown][]): ObservedHandshake {
  const log = new TrafficLog({ observed: true });
  const handshake = new ObservedHandshake();
  log.subscribe((entry) => handshake.see(entry));
  for (const [dir, msg] of lines) log.appendText(dir, JSON.stringify(msg));
  return handshake;
}

const HOST = { name: 'Claude Desktop', version: '0.14.2' };

describe('ObservedHandshake', () => {
  it('legacy: the host’s initialize is the offer, the answer the agreement', () => {
    const info = watch([
      [
        'c2s',
        {
          jsonrpc: '2.0',
          id: 0,
          method: 'initialize',
          params: { protocolVersion: '2025-11-25', capabilities: { roots: {} }, clientInfo: HOST },
        },
      ],
      [
        's2c',
        {
          jsonrpc: '2.0',
          id: 0,
          result: {
            protocolVersion: '2025-06-18',
            capabilities: { tools: {} },
            serverInfo: { name: 's', version: '1' },
            instructions: 'hi',
          },
        },
      ],
    ]).info!;
    expect(info).toMatchObject({
      era: 'legacy',
      offered: { protocolVersion: '2025-11-25', capabilities: { roots: {} }, clientInfo: HOST },
      agreed: {
        protocolVersion: '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: 's' },
        instructions: 'hi',
      },
      requestSeq: 0,
      responseSeq: 1,
      issues: [],
    });
  });

  it('modern: server/discover and the _meta envelope are the offer, the discover result the agreement', () => {
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': HOST,
      'io.modelcontextprotocol/clientCapabilities': { sampling: {} },
    };
    const info = watch([
      ['c2s', { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: meta } }],
      [
        's2c',
        {
          jsonrpc: '2.0',
          id: 1,
          result: {
            supportedVersions: ['2026-07-28'],
            capabilities: { tools: {} },
            _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'm', version: '2' } },
          },
        },
      ],
    ]).info!;
    expect(info.era).toBe('modern');
    expect(info.offered).toEqual({
      protocolVersion: '2026-07-28',
      capabilities: { sampling: {} },
      clientInfo: HOST,
    });
    expect(info.agreed).toMatchObject({
      protocolVersion: '2026-07-28',
      capabilities: { tools: {} },
      serverInfo: { name: 'm', version: '2' },
    });
    expect(info.discover?.supportedVersions).toEqual(['2026-07-28']);
  });

  it('a modern host that skips discover still shows who it is; a refused handshake is an issue', () => {
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': HOST,
    };
    expect(
      watch([['c2s', { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: meta } }]])
        .info?.offered.clientInfo,
    ).toEqual(HOST);
    const refused = watch([
      [
        'c2s',
        {
          jsonrpc: '2.0',
          id: 0,
          method: 'initialize',
          params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: HOST },
        },
      ],
      ['s2c', { jsonrpc: '2.0', id: 0, error: { code: -32022, message: 'unsupported' } }],
    ]).info!;
    expect(refused.issues[0]?.code).toBe('HANDSHAKE_FAILED');
    expect(refused.issues[0]?.message).toContain('-32022');
  });
});
