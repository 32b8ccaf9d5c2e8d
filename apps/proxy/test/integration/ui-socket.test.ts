import { statSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_COMMAND_BYTES } from '../../src/server/app.js';
import { tempDir } from '../helpers/temp.js';
import {
  openSocket,
  pidsOf,
  startUi,
  writeWebRoot,
  type RunningUi,
  type UiSocket,
} from '../helpers/ui.js';

/**
 * The socket's command handling, over a real WebSocket: a bad frame gets a typed error and
 * changes nothing, an oversized frame closes only that socket, and the saved-servers list is
 * persisted privately. No MCP server is needed here except a command that does not exist.
 */
const tmp = tempDir('ui-socket');
const webRoot = writeWebRoot(tmp.path('web'));
const running: RunningUi[] = [];
const sockets: UiSocket[] = [];

async function start(configDir: string): Promise<RunningUi> {
  const ui = await startUi({ webRoot, configDir });
  running.push(ui);
  return ui;
}

async function tab(ui: RunningUi): Promise<UiSocket> {
  const socket = await openSocket(`${ui.wsUrl}?token=${ui.token}`, { origin: ui.origin });
  sockets.push(socket);
  await socket.waitFor('hello');
  return socket;
}

afterAll(async () => {
  for (const socket of sockets) expect(socket.invalid, 'frames off the wire contract').toEqual([]);
  await Promise.all(sockets.map((s) => s.close()));
  await Promise.all(running.map((ui) => ui.close()));
  tmp.remove();
});

describe('bad frames and commands', () => {
  let ui: RunningUi;
  let socket: UiSocket;

  beforeAll(async () => {
    ui = await start(tmp.path('config-commands'));
    socket = await tab(ui);
  });

  it('a non-JSON frame gets error BAD_FRAME and the socket keeps working', async () => {
    const from = socket.mark();
    socket.sendRaw('{"type": "connect", oops');
    const error = await socket.waitFor('error', () => true, from);
    expect(error).toEqual({ type: 'error', code: 'BAD_FRAME', message: 'frame is not JSON' });
    const answer = await socket.send({ type: 'deleteServer', serverId: 'nothing' }).answer;
    expect(answer.type).toBe('reply');
  });

  it('a binary frame gets error BAD_FRAME', async () => {
    const from = socket.mark();
    socket.sendRaw(Buffer.from(JSON.stringify({ type: 'deleteServer', id: 'b1', serverId: 'x' })), {
      binary: true,
    });
    const error = await socket.waitFor('error', () => true, from);
    expect(error.code).toBe('BAD_FRAME');
    expect(error.id).toBeUndefined();
  });

  it('an unknown command type gets error BAD_COMMAND bearing the command id', async () => {
    const from = socket.mark();
    socket.sendRaw(JSON.stringify({ type: 'launchMissiles', id: 'cmd-unknown' }));
    const error = await socket.waitFor('error', (e) => e.id === 'cmd-unknown', from);
    expect(error.code).toBe('BAD_COMMAND');
    expect(error.message).toMatch(/^invalid command: type: /);
  });

  it('a command without an id gets error BAD_COMMAND without one', async () => {
    const from = socket.mark();
    socket.sendRaw(JSON.stringify({ type: 'deleteServer', serverId: 'x' }));
    const error = await socket.waitFor('error', () => true, from);
    expect(error.code).toBe('BAD_COMMAND');
    expect(error.id).toBeUndefined();
    expect(error.message).toContain('id');
  });

  it('connect with an invalid config is BAD_COMMAND and creates no session', async () => {
    const answer = await socket.send({
      type: 'connect',
      config: { transport: 'stdio', command: '' },
    }).answer;
    expect(answer).toMatchObject({ type: 'error', code: 'BAD_COMMAND' });
    if (answer.type === 'error') expect(answer.message).toContain('command must not be empty');
    expect(ui.hub.list()).toEqual([]);
  });

  it('a command for an unknown session gets error UNKNOWN_SESSION with its id', async () => {
    for (const command of [
      { type: 'request', sessionId: 'no-such-session', method: 'tools/list' },
      { type: 'attach', sessionId: 'no-such-session', sinceSeq: 0 },
      { type: 'disconnect', sessionId: 'no-such-session' },
    ] as const) {
      const { id, answer } = socket.send(command);
      const event = await answer;
      expect(event, command.type).toMatchObject({ type: 'error', id, code: 'UNKNOWN_SESSION' });
    }
  });

  it('a frame of exactly MAX_COMMAND_BYTES is still read as a command', async () => {
    const head = '{"type":"request","id":"big","sessionId":"none","method":"x","params":{"pad":"';
    const tail = '"}}';
    const frame = head + 'x'.repeat(MAX_COMMAND_BYTES - head.length - tail.length) + tail;
    expect(Buffer.byteLength(frame)).toBe(MAX_COMMAND_BYTES);
    const from = socket.mark();
    socket.sendRaw(frame);
    const error = await socket.waitFor('error', (e) => e.id === 'big', from);
    expect(error.code).toBe('UNKNOWN_SESSION');
  });

  it('a frame over MAX_COMMAND_BYTES closes that socket with 1009; the proxy serves new ones', async () => {
    const victim = await tab(ui);
    victim.sendRaw('x'.repeat(MAX_COMMAND_BYTES + 1));
    const closed = await victim.closed;
    expect(closed.code).toBe(1009);
    // Other tabs and new connections are unaffected.
    const answer = await socket.send({ type: 'deleteServer', serverId: 'nothing' }).answer;
    expect(answer.type).toBe('reply');
    const fresh = await tab(ui);
    expect(fresh.events[0]?.type).toBe('hello');
  });

  it('a server that cannot be spawned fails its session with SPAWN_FAILED; commands on it get typed failures', async () => {
    const from = socket.mark();
    const result = (await socket.command({
      type: 'connect',
      config: { transport: 'stdio', command: 'definitely-not-a-command-mcpscope' },
    })) as { sessionId: string };
    // The state change is announced at once, and again once the failure's code is known.
    const failed = await socket.waitFor(
      'session',
      (e) => e.session.id === result.sessionId && e.session.errorCode !== undefined,
      from,
    );
    expect(failed.session.state).toBe('failed');
    expect(failed.session.errorCode).toBe('SPAWN_FAILED');
    expect(failed.session.detail).toContain('command not found: definitely-not-a-command-mcpscope');
    expect(pidsOf(socket.traffic(result.sessionId))).toEqual([]);

    const outcome = await socket.command({
      type: 'request',
      sessionId: result.sessionId,
      method: 'tools/list',
    });
    expect(outcome).toMatchObject({ ok: false, code: 'NOT_CONNECTED' });

    const respond = await socket.send({
      type: 'respond',
      sessionId: result.sessionId,
      serverRequestId: '7',
      answer: { result: {} },
    }).answer;
    expect(respond).toMatchObject({ type: 'error', code: 'NOT_PENDING' });

    const removedFrom = socket.mark();
    await socket.command({ type: 'remove', sessionId: result.sessionId });
    await socket.waitFor('sessionRemoved', (e) => e.sessionId === result.sessionId, removedFrom);
    expect(ui.hub.get(result.sessionId)).toBeUndefined();
  });
});

describe('saved servers', () => {
  const server = (id: string) => ({
    id,
    name: `server ${id}`,
    config: {
      transport: 'streamable-http' as const,
      url: 'http://127.0.0.1:9/mcp',
      headers: { Authorization: 'Bearer not-for-other-users' },
    },
  });
  const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

  it('saveServer and deleteServer answer with savedServers and keep servers.json private (0600)', async () => {
    // A directory that does not exist yet: the proxy creates it, private too.
    const dir = tmp.path('config-saved/mcpscope');
    const ui = await start(dir);
    const socket = await tab(ui);

    let from = socket.mark();
    await socket.command({ type: 'saveServer', server: server('a') });
    const saved = await socket.waitFor('savedServers', () => true, from);
    expect(saved.servers.map((s) => s.id)).toEqual(['a']);
    expect(saved.servers[0]?.config).toMatchObject({ url: 'http://127.0.0.1:9/mcp' });
    expect(mode(`${dir}/servers.json`)).toBe('600');
    expect(mode(dir)).toBe('700');

    // A new tab gets the list in its hello.
    const other = await tab(ui);
    const hello = await other.waitFor('hello');
    expect(hello.savedServers.map((s) => s.id)).toEqual(['a']);

    from = socket.mark();
    await socket.command({ type: 'saveServer', server: server('b') });
    expect(
      (await socket.waitFor('savedServers', () => true, from)).servers.map((s) => s.id),
    ).toEqual(['a', 'b']);
    from = socket.mark();
    await socket.command({ type: 'deleteServer', serverId: 'a' });
    expect(
      (await socket.waitFor('savedServers', () => true, from)).servers.map((s) => s.id),
    ).toEqual(['b']);
    expect(mode(`${dir}/servers.json`)).toBe('600');
    const file = JSON.parse(readFileSync(`${dir}/servers.json`, 'utf8')) as {
      version: number;
      servers: { id: string }[];
    };
    expect(file.version).toBe(1);
    expect(file.servers.map((s) => s.id)).toEqual(['b']);
  });

  it('a servers.json that was world-readable is 0600 after the next save', async () => {
    const dir = tmp.path('config-loose');
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/servers.json`, JSON.stringify({ version: 1, servers: [server('old')] }), {
      mode: 0o644,
    });
    expect(mode(`${dir}/servers.json`)).toBe('644');
    const ui = await start(dir);
    const socket = await tab(ui);
    expect((await socket.waitFor('hello')).savedServers.map((s) => s.id)).toEqual(['old']);
    await socket.command({ type: 'saveServer', server: server('new') });
    expect(mode(`${dir}/servers.json`)).toBe('600');
  });

  it('two saveServer commands sent at once are both kept', async () => {
    // Two tabs, or one quick double-click: the second save must not overwrite the first.
    const dir = tmp.path('config-race');
    const ui = await start(dir);
    const socket = await tab(ui);
    const first = socket.send({ type: 'saveServer', server: server('one') });
    const second = socket.send({ type: 'saveServer', server: server('two') });
    const answers = await Promise.all([first.answer, second.answer]);
    expect(answers.map((a) => (a.type === 'error' ? `${a.code}: ${a.message}` : a.type))).toEqual([
      'reply',
      'reply',
    ]);
    const file = JSON.parse(readFileSync(`${dir}/servers.json`, 'utf8')) as {
      servers: { id: string }[];
    };
    expect(file.servers.map((s) => s.id).sort()).toEqual(['one', 'two']);
  });
});

describe('the session cap', () => {
  it('a flood of connects past --max-sessions is refused with TOO_MANY_SESSIONS, and the proxy still answers', async () => {
    const ui = await startUi({ webRoot, configDir: tmp.path('config-cap'), maxSessions: 3 });
    running.push(ui);
    const flood = await tab(ui);
    // A server that never answers: each session holds a process while it waits.
    const config = {
      transport: 'stdio' as const,
      command: process.execPath,
      args: ['-e', 'setInterval(() => {}, 1000)'],
    };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => flood.send({ type: 'connect', config }).answer),
    );
    const refused = answers.filter((a) => a.type === 'error');
    expect(answers.length - refused.length).toBe(3);
    expect(refused).toHaveLength(5);
    for (const answer of refused) {
      expect(answer).toMatchObject({ type: 'error', code: 'TOO_MANY_SESSIONS' });
      if (answer.type === 'error') expect(answer.message).toContain('--max-sessions 6');
    }
    expect(ui.hub.list()).toHaveLength(3);
    // Another tab is served at once.
    const other = await tab(ui);
    const unknown = await other.send({ type: 'disconnect', sessionId: 'no-such-session' }).answer;
    expect(unknown).toMatchObject({ type: 'error', code: 'UNKNOWN_SESSION' });
  });
});
