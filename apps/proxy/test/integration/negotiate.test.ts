import type { ServerConfig } from '@mcpscope/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetVerdicts } from '@mcpscope/engine/session/negotiate';
import { Session } from '@mcpscope/engine/session/session';
import { EVERYTHING_STDIO, fixture } from '../helpers/paths.js';

/**
 * How `--protocol-version auto` decides, against real processes that treat the
 * server/discover probe the ways servers in the field do. Every step must be visible: in the
 * handshake's negotiation and as frames in the traffic log.
 */
const sessions: Session[] = [];

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  forgetVerdicts();
});

function stdio(argv: readonly string[], protocolVersion?: string): ServerConfig {
  const [command, ...args] = argv;
  return {
    transport: 'stdio',
    command: command!,
    args,
    env: {},
    ...(protocolVersion !== undefined && { protocolVersion }),
  };
}

async function open(config: ServerConfig, options: { connectTimeoutMs?: number } = {}) {
  const session = new Session(config, { exitGraceMs: 20, ...options });
  sessions.push(session);
  const connected = await session.connect();
  return { session, connected };
}

function methodsSent(session: Session): string[] {
  return session.log
    .entries()
    .filter((e) => e.dir === 'c2s' && e.kind === 'request')
    .map((e) => (e.msg as { method: string }).method);
}

describe('auto negotiation', () => {
  it('a modern server: server/discover, then requests carry the _meta envelope', async () => {
    const { session, connected } = await open(stdio(fixture('modern/modern-only.mjs')));
    expect(connected.ok, JSON.stringify(connected)).toBe(true);
    if (!connected.ok) return;
    expect(connected.handshake.era).toBe('modern');
    expect(connected.handshake.agreed.protocolVersion).toBe('2026-07-28');
    expect(connected.handshake.discover?.supportedVersions).toContain('2026-07-28');
    expect(connected.handshake.negotiation?.steps[0]?.requestSeq).toBeTypeOf('number');
    const listed = await session.request('tools/list');
    expect(listed.ok).toBe(true);
    const request = session.log.entries(listed.requestSeq)[0]!;
    const meta = (request.msg as { params: { _meta: Record<string, unknown> } }).params._meta;
    expect(meta['io.modelcontextprotocol/protocolVersion']).toBe('2026-07-28');
    // No policy, so no sampling/elicitation/roots; the Tasks extension is declared always.
    expect(meta['io.modelcontextprotocol/clientCapabilities']).toEqual({
      extensions: { 'io.modelcontextprotocol/tasks': {} },
    });
    expect(methodsSent(session)).not.toContain('initialize');
  });

  it('a legacy SDK server (server-everything) answers -32601: initialize follows, on the same process', async () => {
    const { session, connected } = await open(stdio(EVERYTHING_STDIO));
    expect(connected.ok, JSON.stringify(connected)).toBe(true);
    if (!connected.ok) return;
    expect(connected.handshake.era).toBe('legacy');
    expect(methodsSent(session).slice(0, 2)).toEqual(['server/discover', 'initialize']);
    expect(connected.handshake.negotiation?.steps.map((s) => s.detail).join('\n')).toMatch(
      /-32601.*falling back to initialize/,
    );
    const spawned = session.log
      .entries()
      .filter((e) => /^spawned /.test(e.transport?.detail ?? ''));
    expect(spawned).toHaveLength(1);
  });

  it('a server that exits on the probe is started once more, and initialize works', async () => {
    const { session, connected } = await open(
      stdio(fixture('probe-oddities.mjs', '--exit-on-probe')),
    );
    expect(connected.ok, JSON.stringify(connected)).toBe(true);
    if (!connected.ok) return;
    expect(connected.handshake.era).toBe('legacy');
    const steps = connected.handshake.negotiation?.steps.map((s) => s.detail) ?? [];
    expect(steps.join('\n')).toMatch(/started it again for initialize/);
    expect((await session.request('tools/list')).ok).toBe(true);
  });

  it('a server silent on the probe: after the probe timeout, initialize', async () => {
    const started = Date.now();
    const { connected } = await open(stdio(fixture('probe-oddities.mjs', '--silent-on-probe')), {
      connectTimeoutMs: 800,
    });
    expect(connected.ok, JSON.stringify(connected)).toBe(true);
    if (!connected.ok) return;
    expect(connected.handshake.era).toBe('legacy');
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(connected.handshake.negotiation?.steps[0]?.detail).toMatch(
      /no answer within the probe timeout/,
    );
  });

  it('-32022 listing only legacy versions: initialize offers the best of them', async () => {
    const { connected } = await open(stdio(fixture('probe-oddities.mjs', '--legacy-32022')));
    expect(connected.ok, JSON.stringify(connected)).toBe(true);
    if (!connected.ok) return;
    expect(connected.handshake.era).toBe('legacy');
    expect(connected.handshake.offered.protocolVersion).toBe('2025-06-18');
  });

  it('an answer that is not a discover result is legacy, and not a schema warning on the probe', async () => {
    const { session, connected } = await open(
      stdio(fixture('probe-oddities.mjs', '--garbage-result')),
    );
    expect(connected.ok, JSON.stringify(connected)).toBe(true);
    if (!connected.ok) return;
    expect(connected.handshake.era).toBe('legacy');
    const issues = session.log.entries().flatMap((e) => e.issues ?? []);
    expect(issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  it('a reconnect uses the cached verdict: no second probe', async () => {
    const config = stdio(EVERYTHING_STDIO);
    await open(config);
    const { session, connected } = await open(config);
    expect(connected.ok).toBe(true);
    if (!connected.ok) return;
    expect(connected.handshake.negotiation?.cached).toBe(true);
    expect(methodsSent(session)).not.toContain('server/discover');
  });
});

describe('pinned and legacy choices', () => {
  it('legacy sends no probe at all', async () => {
    const { session, connected } = await open(stdio(EVERYTHING_STDIO, 'legacy'));
    expect(connected.ok).toBe(true);
    expect(methodsSent(session)[0]).toBe('initialize');
  });

  it('a pinned legacy date is the version offered in initialize', async () => {
    const { connected } = await open(stdio(EVERYTHING_STDIO, '2025-06-18'));
    expect(connected.ok).toBe(true);
    if (connected.ok) expect(connected.handshake.offered.protocolVersion).toBe('2025-06-18');
  });

  it('pinning 2026-07-28 against a legacy server fails, saying why, without falling back', async () => {
    const { session, connected } = await open(stdio(EVERYTHING_STDIO, '2026-07-28'));
    expect(connected.ok).toBe(false);
    if (connected.ok) return;
    expect(connected.message).toMatch(/server\/discover/);
    expect(methodsSent(session)).not.toContain('initialize');
  });

  it('legacy against a modern-only server is refused with -32022 and the supported list', async () => {
    const { connected } = await open(stdio(fixture('modern/modern-only.mjs'), 'legacy'));
    expect(connected.ok).toBe(false);
    if (connected.ok) return;
    expect(connected.code).toBe('RPC_ERROR');
    expect(connected.error?.code).toBe(-32022);
  });
});
