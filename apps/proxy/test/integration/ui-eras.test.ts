import type { ServerConfig } from '@mcpscope/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { openSocket, startUi, writeWebRoot, type RunningUi, type UiSocket } from '../helpers/ui.js';

/**
 * The UI's era-aware commands through the socket, against the dual-era fixture (v2 SDK):
 * `setLogLevel` is `logging/setLevel` in a legacy session and the `_meta` logLevel of every
 * later request in a modern one.
 */
const tmp = tempDir('ui-eras');
const running: RunningUi[] = [];
const sockets: UiSocket[] = [];

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await Promise.all(running.map((ui) => ui.close()));
  tmp.remove();
});

async function session(protocolVersion: string): Promise<{ socket: UiSocket; sessionId: string }> {
  const ui = await startUi({
    webRoot: writeWebRoot(tmp.path(`web-${protocolVersion}`)),
    configDir: tmp.path(`c-${protocolVersion}`),
  });
  running.push(ui);
  const socket = await openSocket(`${ui.wsUrl}?token=${ui.token}`, { origin: ui.origin });
  sockets.push(socket);
  await socket.waitFor('hello');
  const [command, ...args] = fixture('modern/dual-era.mjs');
  const config: ServerConfig = {
    transport: 'stdio',
    command: command!,
    args,
    env: {},
    protocolVersion,
  };
  const { sessionId } = (await socket.command({ type: 'connect', config })) as {
    sessionId: string;
  };
  await socket.waitForState(sessionId, 'ready');
  return { socket, sessionId };
}

const requestsOf = (socket: UiSocket, sessionId: string) =>
  socket
    .traffic(sessionId)
    .filter((e) => e.dir === 'c2s' && e.kind === 'request')
    .map((e) => e.msg as { method: string; params?: { _meta?: Record<string, unknown> } });

describe('setLogLevel follows the era', () => {
  it('legacy: logging/setLevel goes to the server', async () => {
    const { socket, sessionId } = await session('legacy');
    const outcome = await socket.command({ type: 'setLogLevel', sessionId, level: 'debug' });
    expect(outcome).toMatchObject({ ok: true });
    expect(requestsOf(socket, sessionId).map((m) => m.method)).toContain('logging/setLevel');
  });

  it('2026-07-28: no logging/setLevel; the level rides in the next request’s _meta', async () => {
    const { socket, sessionId } = await session('2026-07-28');
    const outcome = await socket.command({ type: 'setLogLevel', sessionId, level: 'debug' });
    expect(outcome).toMatchObject({ ok: true });
    await socket.command({ type: 'request', sessionId, method: 'tools/list' });
    const requests = requestsOf(socket, sessionId);
    expect(requests.map((m) => m.method)).not.toContain('logging/setLevel');
    expect(requests.at(-1)?.params?._meta?.['io.modelcontextprotocol/logLevel']).toBe('debug');
  });
});
