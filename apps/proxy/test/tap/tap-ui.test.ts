import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { SessionSummary } from '@mcpscope/protocol';
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateBin } from '../helpers/built-bin.js';
import { EVERYTHING } from '../helpers/paths.js';
import { startEverything, stopProcess, waitForOutput } from '../helpers/processes.js';
import { loadRecording } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';
import { openSocket, tryOpenSocket, writeWebRoot, type UiSocket } from '../helpers/ui.js';

const tmp = tempDir('tap-ui');
const webRoot = writeWebRoot(tmp.path('web'));
const dataDir = tmp.path('data');
let built: ReturnType<typeof buildPrivateBin>;
const children: ChildProcessWithoutNullStreams[] = [];
const cleanups: (() => Promise<void>)[] = [];

beforeAll(() => {
  built = buildPrivateBin();
}, 120_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
  await Promise.all(children.splice(0).map((child) => stopProcess(child, 1000)));
});
afterAll(() => {
  built?.remove();
  tmp.remove();
});

const env = { ...process.env, MCPSCOPE_DATA_DIR: dataDir, MCPSCOPE_WEB_ROOT: webRoot };

interface Ui {
  child: ChildProcessWithoutNullStreams;
  port: number;
  token: string;
  socket: UiSocket;
}

async function startUi(): Promise<Ui> {
  const child = spawn(process.execPath, [built.bin, 'ui', '--port', '0'], {
    env: { ...env, MCPSCOPE_CONFIG_DIR: tmp.path('config') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  const [, port, token] = await waitForOutput(child, /http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/);
  // The runtime file comes right after the URL.
  await until(() => runtimeFiles().length > 0);
  const socket = await openSocket(`ws://127.0.0.1:${port}/ws`, {
    origin: `http://127.0.0.1:${port}`,
    cookie: `mcpscope_${port}=${token}`,
  });
  return { child, port: Number(port), token: token!, socket };
}

function runtimeFiles(): string[] {
  try {
    return readdirSync(join(dataDir, 'run')).filter((n) => n.startsWith('ui-'));
  } catch {
    return [];
  }
}

/** A real host (the v2 SDK's Client) whose server runs through the tap. */
async function tappedHost(record: string, extraEnv: Record<string, string> = {}): Promise<Client> {
  const client = new Client(
    { name: 'Claude Desktop (test double)', version: '0.14.2' },
    { capabilities: { roots: { listChanged: true }, sampling: {} } },
  );
  client.setRequestHandler('roots/list', () => ({ roots: [{ uri: 'file:///tmp/h', name: 'h' }] }));
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [
        built.bin,
        'tap',
        '--name',
        'everything',
        '--record',
        record,
        '--',
        process.execPath,
        EVERYTHING,
        'stdio',
      ],
      env: { ...env, ...extraEnv },
      stderr: 'ignore',
    }),
  );
  cleanups.push(() => client.close());
  return client;
}

function tapSession(
  ui: Ui,
  test: (s: SessionSummary) => boolean = () => true,
): Promise<SessionSummary> {
  return ui.socket
    .waitFor('session', (e) => e.session.tap !== undefined && test(e.session))
    .then((e) => e.session);
}

describe('tapped sessions live in mcpscope ui', () => {
  it('writes a 0600 runtime file and removes it on exit', async () => {
    const ui = await startUi();
    const [name] = runtimeFiles();
    const file = join(dataDir, 'run', name!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'run')).mode & 0o777).toBe(0o700);
    const runtime = JSON.parse(readFileSync(file, 'utf8')) as { port: number; tapToken: string };
    expect(runtime.port).toBe(ui.port);
    expect(runtime.tapToken).not.toBe(ui.token);
    await stopProcess(ui.child);
    expect(runtimeFiles()).toEqual([]);
  });

  it('the tap feed is guarded: Host, Origin and the tap token; the tap token opens nothing else', async () => {
    const ui = await startUi();
    const runtime = JSON.parse(readFileSync(join(dataDir, 'run', runtimeFiles()[0]!), 'utf8')) as {
      tapToken: string;
    };
    const origin = `http://127.0.0.1:${ui.port}`;
    const tapUrl = `ws://127.0.0.1:${ui.port}/tap`;
    const attempt = (headers: Record<string, string>, o: string | undefined, url = tapUrl) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers, ...(o !== undefined && { origin: o }) });
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve(-1));
      });
    const bearer = { authorization: `Bearer ${runtime.tapToken}` };
    expect(await attempt(bearer, origin)).toBe(101);
    expect(await attempt({}, origin)).toBe(401);
    expect(await attempt({ authorization: `Bearer ${ui.token}` }, origin)).toBe(401);
    expect(await attempt(bearer, undefined)).toBe(403);
    expect(await attempt(bearer, 'http://evil.example')).toBe(403);
    expect(await attempt({ ...bearer, host: `evil.example:${ui.port}` }, origin)).toBe(403);
    // The tap token is no launch token: /ws stays closed to it.
    const ws = await tryOpenSocket(`ws://127.0.0.1:${ui.port}/ws?token=${runtime.tapToken}`, {
      origin,
    });
    expect(ws.ok).toBe(false);
  });

  it('shows a host live: its clientInfo and capabilities, the whole log, read-only; a UI killed mid-session does not disturb the host', async () => {
    const ui = await startUi();
    const record = tmp.path('live.jsonl');
    const host = await tappedHost(record);
    const ready = await tapSession(ui, (s) => s.state === 'ready');
    expect(ready.tap).toMatchObject({ source: 'stdio', live: true, recording: record });
    expect(ready.config).toMatchObject({ transport: 'stdio', name: 'everything' });
    expect(ready.handshake?.era).toBe('legacy');
    expect(ready.handshake?.offered.clientInfo).toEqual({
      name: 'Claude Desktop (test double)',
      version: '0.14.2',
    });
    expect(ready.handshake?.offered.capabilities).toEqual({
      roots: { listChanged: true },
      sampling: {},
    });
    expect(typeof ready.handshake?.agreed.serverInfo['name']).toBe('string');

    const attach = ui.socket.send({ type: 'attach', sessionId: ready.id, sinceSeq: 0 });
    expect((await attach.answer).type).toBe('reply');
    await host.callTool({ name: 'echo', arguments: { message: 'seen live' } });
    const traffic = await ui.socket.waitFor('traffic', (e) =>
      e.entries.some((x) => x.dir === 's2c' && JSON.stringify(x.msg).includes('seen live')),
    );
    expect(traffic.entries.every((x) => x.observed === true)).toBe(true);
    // The server's roots/list request and the host's answer are in the log too.
    await ui.socket.waitFor('traffic', (e) =>
      e.entries.some(
        (x) =>
          x.dir === 'c2s' &&
          x.kind === 'response' &&
          JSON.stringify(x.msg).includes('file:///tmp/h'),
      ),
    );

    // Read-only: nothing can be sent into a tapped session.
    for (const command of [
      { type: 'request', sessionId: ready.id, method: 'tools/list' },
      { type: 'notify', sessionId: ready.id, method: 'notifications/roots/list_changed' },
      { type: 'disconnect', sessionId: ready.id },
    ] as const) {
      const answer = await ui.socket.send(command).answer;
      expect(answer).toMatchObject({ type: 'error', code: 'READ_ONLY' });
    }

    // The UI dies without a word: the host goes on as if nothing happened.
    ui.child.kill('SIGKILL');
    const after = await host.callTool({ name: 'get-sum', arguments: { a: 20, b: 22 } });
    expect(JSON.stringify(after)).toContain('42');
    await host.close();
    await until(() => readFileSync(record, 'utf8').includes('"exitCode"'));
    const { entries } = loadRecording(record);
    expect(entries.some((e) => JSON.stringify(e.msg ?? '').includes('"a":20'))).toBe(true);
  });

  it.each([
    ['in memory', {}],
    // A tap keeping only 5 entries in memory reads the older ones back from its recording.
    ['partly in the recording', { MCPSCOPE_TAP_MEMORY_ENTRIES: '5' }],
  ] as const)(
    'a UI started after the host gets the session’s whole history when the tap attaches (%s)',
    async (_how, extra) => {
      const record = tmp.path(`late-${Object.keys(extra).length}.jsonl`);
      const host = await tappedHost(record, extra);
      await host.callTool({ name: 'get-sum', arguments: { a: 1, b: 2 } });
      await host.callTool({ name: 'echo', arguments: { message: 'before the UI' } });
      const ui = await startUi();
      const session = await tapSession(ui, (s) => s.state === 'ready');
      ui.socket.send({ type: 'attach', sessionId: session.id, sinceSeq: 0 });
      const first = await ui.socket.waitFor(
        'traffic',
        (e) => e.sessionId === session.id && e.entries.length > 0,
      );
      const all = first.entries;
      expect(all[0]!.seq).toBe(0);
      all.forEach((entry, i) => expect(entry.seq).toBe(i));
      expect(all.length).toBeGreaterThan(10);
      expect(all.some((e) => (e.msg as { method?: string })?.method === 'initialize')).toBe(true);
      expect(all.some((e) => JSON.stringify(e.msg ?? '').includes('before the UI'))).toBe(true);
      // Then the host ends: the session says so.
      await host.close();
      const closed = await tapSession(ui, (s) => s.id === session.id && s.tap?.live === false);
      expect(closed.state).toBe('closed');
    },
  );
});

describe('a tap with no recording and a small memory', () => {
  it('gives a late UI what memory holds, renumbered from 0, with every pair still pointing at its request', async () => {
    const client = new Client({ name: 'forgetful', version: '1' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [built.bin, 'tap', '--no-record', '--', process.execPath, EVERYTHING, 'stdio'],
        env: { ...env, MCPSCOPE_TAP_MEMORY_ENTRIES: '6' },
        stderr: 'ignore',
      }),
    );
    cleanups.push(() => client.close());
    for (let i = 0; i < 5; i++)
      await client.callTool({ name: 'echo', arguments: { message: `m${i}` } });
    const ui = await startUi();
    const session = await tapSession(ui);
    ui.socket.send({ type: 'attach', sessionId: session.id, sinceSeq: 0 });
    const first = await ui.socket.waitFor(
      'traffic',
      (e) => e.sessionId === session.id && e.entries.length > 0,
    );
    const entries = first.entries;
    expect(entries.length).toBeLessThanOrEqual(6);
    entries.forEach((entry, i) => expect(entry.seq).toBe(i));
    const paired = entries.filter((e) => e.pairSeq !== undefined);
    expect(paired.length).toBeGreaterThan(0);
    for (const entry of paired) {
      const request = entries[entry.pairSeq!]!;
      expect(request.kind).toBe('request');
      expect((request.msg as { id: unknown }).id).toBe((entry.msg as { id: unknown }).id);
    }
  });
});

describe('checks in the UI', () => {
  it('a tapped server’s invalid answer gets the same diagnostics as in a session of mcpscope’s own', async () => {
    const ui = await startUi();
    const bad = tmp.path('bad-server.cjs');
    writeFileSync(
      bad,
      `require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
        const m = JSON.parse(line);
        if (m.id === undefined) return;
        const result = m.method === 'initialize'
          ? { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'bad', version: '1' } }
          : { tools: 'not a list' };
        process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, result }) + '\\n');
      });`,
    );
    const tap = spawn(
      process.execPath,
      [built.bin, 'tap', '--no-record', '--', process.execPath, bad],
      {
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    children.push(tap);
    const send = (msg: unknown): boolean => tap.stdin.write(JSON.stringify(msg) + '\n');
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    const session = await tapSession(ui, (s) => s.state === 'ready');
    ui.socket.send({ type: 'attach', sessionId: session.id, sinceSeq: 0 });
    const traffic = await ui.socket.waitFor('traffic', (e) =>
      e.entries.some((x) => x.dir === 's2c' && JSON.stringify(x.msg ?? '').includes('not a list')),
    );
    const answer = traffic.entries.find((x) => JSON.stringify(x.msg ?? '').includes('not a list'))!;
    expect(answer.issues?.map((i) => i.code)).toContain('INVALID_RESULT');
  });
});

describe('an HTTP tap in the UI', () => {
  it('shows as a tapped session with its HTTP exchanges, the host’s Authorization redacted', async () => {
    const ui = await startUi();
    const everything = await startEverything('streamableHttp');
    cleanups.push(() => everything.stop());
    const tap = spawn(
      process.execPath,
      [built.bin, 'tap', '--listen', '0', '--name', 'everything-http', `${everything.origin}/mcp`],
      { env, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    children.push(tap);
    const [, address] = await waitForOutput(
      tap,
      /point the host at (http:\/\/127\.0\.0\.1:\d+\/mcp)/,
    );
    const client = new Client({ name: 'http-host', version: '9.9.9' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(address!), {
        requestInit: { headers: { authorization: 'Bearer sk-ui-feed-secret-42' } },
      }),
    );
    cleanups.push(() => client.close());
    const session = await tapSession(ui, (s) => s.state === 'ready');
    expect(session.tap?.source).toBe('http');
    expect(session.config).toMatchObject({ transport: 'streamable-http', name: 'everything-http' });
    expect(session.handshake?.offered.clientInfo).toEqual({ name: 'http-host', version: '9.9.9' });
    ui.socket.send({ type: 'attach', sessionId: session.id, sinceSeq: 0 });
    await client.callTool({ name: 'echo', arguments: { message: 'over http' } });
    const traffic = await ui.socket.waitFor('traffic', (e) =>
      e.entries.some((x) => JSON.stringify(x.msg ?? '').includes('over http') && x.dir === 's2c'),
    );
    expect(JSON.stringify(ui.socket.events)).not.toContain('sk-ui-feed-secret-42');
    const exchange = traffic.entries.find(
      (x) => x.kind === 'http' && x.transport?.http?.requestHeaders,
    );
    expect(exchange?.transport?.http?.requestHeaders?.['authorization']).toBe('[REDACTED]');
  });
});

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
