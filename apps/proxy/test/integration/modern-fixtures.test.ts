// The modern-era fixtures (test/fixtures/modern/) against the real v2 SDK client
// (@modelcontextprotocol/client 2.4.0): every test starts the processes it talks to and stops
// them. What the SDK client does here is what mcpscope's own engine has to match.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import {
  Client,
  ProtocolError,
  StreamableHTTPClientTransport,
  type JSONRPCMessage,
  type Transport,
} from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, describe, expect, it } from 'vitest';

import { FIXTURES_DIR } from '../helpers/paths.js';
import { stopProcess, waitForOutput } from '../helpers/processes.js';

const MODERN = '2026-07-28';
const DUAL = join(FIXTURES_DIR, 'modern', 'dual-era.mjs');
const MODERN_ONLY = join(FIXTURES_DIR, 'modern', 'modern-only.mjs');

type Mode = 'auto' | 'pin' | 'legacy';
type Kind = 'stdio' | 'http';

/** Things to stop after each test, newest first. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts a fixture with `--http 0`; resolves with its endpoint URL. */
async function startHttp(fixture: string, ...args: string[]): Promise<string> {
  const child = spawn(process.execPath, [fixture, '--http', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => stopProcess(child));
  const match = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/);
  return match[1]!;
}

/** Wraps a transport's send/onmessage so that every frame it carries is recorded. */
function tap(transport: Transport, frames: { dir: 'out' | 'in'; message: JSONRPCMessage }[]) {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    frames.push({ dir: 'out', message });
    return send(message, options);
  };
  // The client installs its onmessage more than once (again after the discover probe), so the
  // wrap sits in a setter rather than being applied once.
  let onmessage = transport.onmessage;
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    get: (): Transport['onmessage'] =>
      onmessage &&
      ((message, extra) => {
        frames.push({ dir: 'in', message });
        onmessage?.(message, extra);
      }),
    set: (handler: Transport['onmessage']) => {
      onmessage = handler;
    },
  });
  return transport;
}

interface Connected {
  client: Client;
  counts: { elicit: number; sample: number; roots: number };
  frames: { dir: 'out' | 'in'; message: JSONRPCMessage }[];
}

/** A v2 Client in `mode`, with elicitation/sampling/roots handlers that count their calls. */
async function connect(
  kind: Kind,
  target: string,
  mode: Mode,
  capabilities: ConstructorParameters<typeof Client>[1] extends infer O
    ? O extends { capabilities?: infer C }
      ? C
      : never
    : never = { elicitation: { form: {} }, sampling: {}, roots: {} },
): Promise<Connected> {
  const client = new Client(
    { name: 'modern-fixtures-test', version: '1.0.0' },
    {
      capabilities,
      versionNegotiation: {
        mode: mode === 'pin' ? { pin: MODERN } : mode,
      },
    },
  );
  const counts = { elicit: 0, sample: 0, roots: 0 };
  if (capabilities?.elicitation !== undefined) {
    client.setRequestHandler('elicitation/create', (request) => {
      counts.elicit++;
      const message = request.params.message;
      const content: Record<string, string | number | boolean> = message.includes('vault')
        ? { confirm: true }
        : message.includes('budget')
          ? { style: 'budget' }
          : { name: 'Ada', nights: 3 };
      return { action: 'accept', content };
    });
  }
  if (capabilities?.sampling !== undefined) {
    client.setRequestHandler('sampling/createMessage', () => {
      counts.sample++;
      return { model: 'test-model', role: 'assistant', content: { type: 'text', text: 'fjords' } };
    });
  }
  if (capabilities?.roots !== undefined) {
    client.setRequestHandler('roots/list', () => {
      counts.roots++;
      return { roots: [{ uri: 'file:///tmp/trip', name: 'trip' }] };
    });
  }
  const frames: Connected['frames'] = [];
  const transport =
    kind === 'stdio'
      ? new StdioClientTransport({ command: process.execPath, args: [target], stderr: 'ignore' })
      : new StreamableHTTPClientTransport(new URL(target));
  await client.connect(tap(transport, frames));
  cleanups.push(() => client.close());
  return { client, counts, frames };
}

const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': MODERN,
  'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {
    elicitation: { form: {} },
    sampling: {},
    roots: {},
  },
};

interface RawReply {
  status: number;
  headers: Headers;
  /** The response to the request (the last frame with an id), parsed. */
  body: { id?: unknown; result?: Record<string, unknown>; error?: RawError };
}
interface RawError {
  code: number;
  message: string;
  data?: Record<string, unknown>;
}

/** One raw JSON-RPC POST, with the modern standard headers unless `headers` overrides them. */
async function post(
  url: string,
  message: { id: number; method: string; params?: Record<string, unknown> },
  headers: Record<string, string> = {},
): Promise<RawReply> {
  const name = message.params?.name ?? message.params?.uri;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': MODERN,
      'mcp-method': message.method,
      ...(typeof name === 'string' ? { 'mcp-name': name } : {}),
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: '2.0', ...message }),
  });
  const text = await response.text();
  const frames = (response.headers.get('content-type') ?? '').includes('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => JSON.parse(line.slice(6)) as RawReply['body'])
    : [JSON.parse(text) as RawReply['body']];
  return {
    status: response.status,
    headers: response.headers,
    body: frames.filter((frame) => frame.id !== undefined).at(-1) ?? frames.at(-1)!,
  };
}

/** A fixture on stdio driven by raw JSON lines. */
function rawStdio(fixture: string) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [fixture], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  cleanups.push(() => stopProcess(child));
  const waiting = new Map<unknown, (message: RawReply['body']) => void>();
  const nonJson: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    let message: RawReply['body'];
    try {
      message = JSON.parse(line) as RawReply['body'];
    } catch {
      nonJson.push(line);
      return;
    }
    waiting.get(message.id)?.(message);
  });
  return {
    nonJson,
    request(message: { id: number; method: string; params?: Record<string, unknown> }) {
      return new Promise<RawReply['body']>((resolve) => {
        waiting.set(message.id, resolve);
        child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
      });
    },
  };
}

function textOf(result: { content?: unknown }): string {
  const [first] = (result.content ?? []) as { type: string; text?: string }[];
  return first?.type === 'text' ? (first.text ?? '') : '';
}

async function expectProtocolError(
  promise: Promise<unknown>,
  code: number,
): Promise<ProtocolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProtocolError);
  expect((error as ProtocolError).code).toBe(code);
  return error as ProtocolError;
}

const MATRIX: [Kind, Mode][] = [
  ['stdio', 'auto'],
  ['stdio', 'pin'],
  ['stdio', 'legacy'],
  ['http', 'auto'],
  ['http', 'pin'],
  ['http', 'legacy'],
];

describe('dual-era.mjs', () => {
  it.each(MATRIX)(
    'serves the whole surface over %s with versionNegotiation %s',
    async (kind, mode) => {
      const target = kind === 'stdio' ? DUAL : await startHttp(DUAL);
      const { client, counts, frames } = await connect(kind, target, mode);
      const modern = mode !== 'legacy';

      expect(client.getProtocolEra()).toBe(modern ? 'modern' : 'legacy');
      expect(client.getNegotiatedProtocolVersion()).toBe(modern ? MODERN : '2025-11-25');
      expect(client.getServerVersion()?.name).toBe('mcpscope-dual-era-fixture');
      expect(client.getInstructions()).toContain('book-trip');

      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toEqual(
        expect.arrayContaining(['echo', 'add', 'book-trip', 'header-echo', 'touch-resource']),
      );
      // The SDK client drops tools with an invalid x-mcp-header only where the headers exist:
      // 2026-07-28 over Streamable HTTP. On stdio and on 2025-era connections it lists them.
      const excludes = modern && kind === 'http';
      expect(names.includes('bad-header-items')).toBe(!excludes);
      expect(names.includes('bad-header-space')).toBe(!excludes);

      const echo = await client.callTool({ name: 'echo', arguments: { message: 'hi' } });
      expect(textOf(echo)).toBe('echo: hi');
      const add = await client.callTool({ name: 'add', arguments: { a: 2, b: 3 } });
      expect(add.structuredContent).toEqual({ sum: 5 });

      const trip = await client.callTool({ name: 'book-trip', arguments: { destination: 'Oslo' } });
      expect(trip.structuredContent).toEqual({
        destination: 'Oslo',
        traveller: { name: 'Ada', nights: 3 },
        pitch: 'fjords',
        roots: ['file:///tmp/trip'],
        rounds: 3,
      });
      expect(counts).toEqual({ elicit: 1, sample: 1, roots: 1 });
      const tripCalls = frames.filter(
        (f) =>
          f.dir === 'out' &&
          'method' in f.message &&
          f.message.method === 'tools/call' &&
          (f.message.params as { name?: string }).name === 'book-trip',
      );
      const serverRequests = frames
        .filter((f) => f.dir === 'in' && 'method' in f.message && 'id' in f.message)
        .map((f) => (f.message as { method: string }).method);
      if (modern) {
        // MRTR: three tools/call requests, each under a new id; no server-to-client requests.
        expect(tripCalls).toHaveLength(3);
        expect(new Set(tripCalls.map((f) => (f.message as { id: unknown }).id)).size).toBe(3);
        type Retry = { inputResponses?: Record<string, unknown>; requestState?: string };
        const [first, second, third] = tripCalls.map(
          (f) => (f.message as { params: Retry }).params,
        );
        expect(first?.inputResponses).toBeUndefined();
        expect(Object.keys(second?.inputResponses ?? {}).sort()).toEqual(['pitch', 'traveller']);
        expect(typeof second?.requestState).toBe('string');
        expect(Object.keys(third?.inputResponses ?? {})).toEqual(['roots']);
        expect(third?.requestState).not.toBe(second?.requestState);
        expect(serverRequests).toEqual([]);
      } else {
        // 2025 era: the SDK's legacy shim sends real requests, all within the one tools/call.
        expect(tripCalls).toHaveLength(1);
        expect(serverRequests).toEqual([
          'elicitation/create',
          'sampling/createMessage',
          'roots/list',
        ]);
      }

      const prompt = await client.getPrompt({
        name: 'plan-trip',
        arguments: { destination: 'Oslo' },
      });
      expect(prompt.messages[0]?.content).toEqual({
        type: 'text',
        text: 'Plan a budget trip to Oslo.',
      });
      const vault = await client.readResource({ uri: 'fixture://vault' });
      expect(vault.contents[0]).toMatchObject({ text: 'the vault is open' });
      expect(counts.elicit).toBe(3);
    },
  );

  it('mirrors x-mcp-header arguments into Mcp-Param-* headers over HTTP (base64 for non-ASCII)', async () => {
    const url = await startHttp(DUAL);
    const { client } = await connect('http', url, 'auto');
    await client.listTools();
    const result = await client.callTool({
      name: 'header-echo',
      arguments: { region: 'eu-west', city: 'Zürich', count: 7, note: 'not a header' },
    });
    const headers = (result.structuredContent as { headers: Record<string, string> }).headers;
    expect(headers).toMatchObject({
      'mcp-protocol-version': MODERN,
      'mcp-method': 'tools/call',
      'mcp-name': 'header-echo',
      'mcp-param-region': 'eu-west',
      'mcp-param-city': `=?base64?${Buffer.from('Zürich').toString('base64')}?=`,
      'mcp-param-count': '7',
    });
    expect(Object.keys(headers).filter((h) => h.startsWith('mcp-param-'))).toHaveLength(3);
  });

  it('refuses a tampered or missing requestState, and header mismatches (-32020)', async () => {
    const url = await startHttp(DUAL);
    const call = (id: number, params: Record<string, unknown>, headers?: Record<string, string>) =>
      post(url, { id, method: 'tools/call', params: { _meta: ENVELOPE, ...params } }, headers);

    const first = await call(1, { name: 'book-trip', arguments: { destination: 'Oslo' } });
    expect(first.body.result?.resultType).toBe('input_required');
    const state = first.body.result?.requestState as string;
    const answers = {
      traveller: { action: 'accept', content: { name: 'Ada', nights: 3 } },
      pitch: { role: 'assistant', content: { type: 'text', text: 'fjords' }, model: 'm' },
    };
    const tampered = `${state.slice(0, -4)}AAAA`;
    const bad = await call(2, {
      name: 'book-trip',
      arguments: { destination: 'Oslo' },
      inputResponses: answers,
      requestState: tampered,
    });
    expect(bad.body.error).toMatchObject({
      code: -32602,
      message: 'Invalid or expired requestState',
      data: { reason: 'invalid_request_state' },
    });
    const missing = await call(3, {
      name: 'book-trip',
      arguments: { destination: 'Oslo' },
      inputResponses: answers,
    });
    expect(missing.body.error?.code).toBe(-32602);
    expect(missing.body.error?.message).toContain('without the requestState');
    const good = await call(4, {
      name: 'book-trip',
      arguments: { destination: 'Oslo' },
      inputResponses: answers,
      requestState: state,
    });
    expect(good.body.result?.resultType).toBe('input_required');
    expect(good.body.result?.inputRequests).toEqual({ roots: { method: 'roots/list' } });

    const echo = { name: 'echo', arguments: { message: 'x' } };
    for (const headers of [
      // Each against the body: method, tool name, and the _meta protocolVersion.
      { 'mcp-method': 'tools/list' },
      { 'mcp-name': 'add' },
      { 'mcp-protocol-version': '2025-11-25' },
    ] as Record<string, string>[]) {
      const reply = await call(10, echo, headers);
      expect(reply.status).toBe(400);
      expect(reply.body.error?.code).toBe(-32020);
    }
    const param = await call(
      11,
      { name: 'header-echo', arguments: { region: 'eu-west' } },
      { 'mcp-param-region': 'us-east' },
    );
    expect(param.status).toBe(400);
    expect(param.body.error?.code).toBe(-32020);
    expect(param.body.error?.data).toMatchObject({ mismatch: { header: 'Mcp-Param-Region' } });
  });

  it('answers -32022 with the supported list to an unknown revision, and -32021 without sampling', async () => {
    const url = await startHttp(DUAL);
    const future = await post(
      url,
      {
        id: 1,
        method: 'tools/list',
        params: { _meta: { ...ENVELOPE, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' } },
      },
      { 'mcp-protocol-version': '2099-01-01' },
    );
    expect(future.body.error).toMatchObject({
      code: -32022,
      data: { supported: [MODERN], requested: '2099-01-01' },
    });

    for (const kind of ['http', 'stdio'] as const) {
      const { client, counts } = await connect(kind, kind === 'http' ? url : DUAL, 'auto', {
        elicitation: { form: {} },
      });
      const error = await expectProtocolError(
        client.callTool({ name: 'needs-sampling', arguments: {} }),
        -32021,
      );
      expect(error.data).toMatchObject({ requiredCapabilities: { sampling: {} } });
      expect(counts.sample).toBe(0);
    }
  });

  it.each(['stdio', 'http'] as const)(
    'delivers resource updates on subscriptions/listen over %s (2026-07-28)',
    async (kind) => {
      const { client, frames } = await connect(
        kind,
        kind === 'http' ? await startHttp(DUAL) : DUAL,
        'auto',
      );
      const updated: string[] = [];
      let listChanged = 0;
      client.setNotificationHandler('notifications/resources/updated', (n) => {
        updated.push(n.params.uri);
      });
      client.setNotificationHandler('notifications/resources/list_changed', () => {
        listChanged++;
      });
      const subscription = await client.listen({
        resourceSubscriptions: ['fixture://counter'],
        resourcesListChanged: true,
      });
      expect(subscription.honoredFilter).toMatchObject({
        resourceSubscriptions: ['fixture://counter'],
        resourcesListChanged: true,
      });
      await client.callTool({ name: 'touch-resource', arguments: {} });
      await expect.poll(() => updated).toEqual(['fixture://counter']);
      await expect.poll(() => listChanged).toBe(1);
      const listen = frames.find(
        (f) =>
          f.dir === 'out' && 'method' in f.message && f.message.method === 'subscriptions/listen',
      );
      expect(listen).toBeDefined();
      await subscription.close();
      expect(await subscription.closed).toBe('local');
    },
  );

  it.each(['stdio', 'http'] as const)(
    'delivers resources/subscribe updates to a 2025-era client over %s',
    async (kind) => {
      const target = kind === 'http' ? await startHttp(DUAL) : DUAL;
      const { client } = await connect(kind, target, 'legacy');
      const updated: string[] = [];
      client.setNotificationHandler('notifications/resources/updated', (n) => {
        updated.push(n.params.uri);
      });
      await client.subscribeResource({ uri: 'fixture://counter' });
      await client.callTool({ name: 'touch-resource', arguments: {} });
      await expect.poll(() => updated).toEqual(['fixture://counter']);
    },
  );

  it('logs through the per-request _meta logLevel (2026-07-28)', async () => {
    const { client } = await connect('stdio', DUAL, 'auto');
    const logged: string[] = [];
    client.setNotificationHandler('notifications/message', (n) => {
      logged.push(n.params.level);
    });
    const quiet = await client.callTool({ name: 'log-levels', arguments: {} });
    expect(quiet.structuredContent).toEqual({ requestedLevel: null });
    const warned = await client.callTool({
      name: 'log-levels',
      arguments: {},
      _meta: { 'io.modelcontextprotocol/logLevel': 'warning' },
    });
    expect(warned.structuredContent).toEqual({ requestedLevel: 'warning' });
    expect(logged).toEqual(['warning', 'error']);
  });

  it('never writes anything but JSON-RPC to stdout on stdio', async () => {
    const raw = rawStdio(DUAL);
    const reply = await raw.request({ id: 1, method: 'tools/list', params: { _meta: ENVELOPE } });
    expect((reply.result?.tools as unknown[]).length).toBeGreaterThan(5);
    expect(raw.nonJson).toEqual([]);
  });
});

describe('modern-only.mjs', () => {
  it.each(['stdio', 'http'] as const)(
    'serves 2026-07-28 over %s, auto and pinned',
    async (kind) => {
      const target = kind === 'http' ? await startHttp(MODERN_ONLY) : MODERN_ONLY;
      for (const mode of ['auto', 'pin'] as const) {
        const { client, counts } = await connect(kind, target, mode);
        expect(client.getProtocolEra()).toBe('modern');
        expect(client.getServerVersion()?.name).toBe('mcpscope-modern-only-fixture');
        const trip = await client.callTool({
          name: 'book-trip',
          arguments: { destination: 'Rome' },
        });
        expect((trip.structuredContent as { rounds: number }).rounds).toBe(3);
        expect(counts).toEqual({ elicit: 1, sample: 1, roots: 1 });
      }
    },
  );

  it.each(['stdio', 'http'] as const)('refuses a 2025-era client over %s', async (kind) => {
    const target = kind === 'http' ? await startHttp(MODERN_ONLY) : MODERN_ONLY;
    const error = await connect(kind, target, 'legacy').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/-32022|Unsupported protocol version/);
  });

  it('answers initialize with -32022 naming the supported revision, on stdio and HTTP', async () => {
    const initialize = {
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1.0.0' },
      },
    };
    const raw = rawStdio(MODERN_ONLY);
    const overStdio = await raw.request(initialize);
    expect(overStdio.error).toMatchObject({
      code: -32022,
      data: { supported: [MODERN], requested: '2025-11-25' },
    });
    // The connection stays open for a modern opening.
    const tools = await raw.request({ id: 2, method: 'tools/list', params: { _meta: ENVELOPE } });
    expect(tools.result?.resultType).toBe('complete');

    const url = await startHttp(MODERN_ONLY);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', ...initialize }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: -32022, data: { supported: [MODERN] } },
    });
  });

  it('answers GET and DELETE with 405 and checks the standard headers', async () => {
    const url = await startHttp(MODERN_ONLY);
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(url, { method, headers: { accept: 'text/event-stream' } });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      await response.body?.cancel();
    }
    const mismatch = await post(
      url,
      {
        id: 1,
        method: 'tools/call',
        params: { name: 'echo', arguments: { message: 'x' }, _meta: ENVELOPE },
      },
      { 'mcp-method': 'prompts/get' },
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error?.code).toBe(-32020);
  });

  it('refuses a tampered requestState over raw stdio', async () => {
    const raw = rawStdio(MODERN_ONLY);
    const first = await raw.request({
      id: 1,
      method: 'tools/call',
      params: { name: 'book-trip', arguments: { destination: 'Rome' }, _meta: ENVELOPE },
    });
    expect(first.result?.resultType).toBe('input_required');
    const bad = await raw.request({
      id: 2,
      method: 'tools/call',
      params: {
        name: 'book-trip',
        arguments: { destination: 'Rome' },
        inputResponses: {},
        requestState: 'v1.forged.state',
        _meta: ENVELOPE,
      },
    });
    expect(bad.error).toMatchObject({ code: -32602, message: 'Invalid or expired requestState' });
  });
});
