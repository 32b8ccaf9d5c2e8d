import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ClientCommandSchema, ProxyEventSchema } from '@mcpscope/protocol';
import fc from 'fast-check';
import type { WebSocket } from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionHub } from '../../src/server/hub.js';
import { SavedServers } from '../../src/server/saved-servers.js';
import { SocketClient } from '../../src/server/socket.js';
import { tempDir } from '../helpers/temp.js';
import { openSocket, startUi, writeWebRoot } from '../helpers/ui.js';

/**
 * Fuzzes the browser → proxy command path: random text, random JSON and valid commands
 * mutated in every field, sent to the real decoder (`SocketClient`, zod's
 * `ClientCommandSchema`) and the real `SessionHub`. The proxy must answer each frame with
 * exactly one `reply` or `error`, throw nothing, create no session, spawn nothing, leave
 * `Object.prototype` alone and keep its heap flat.
 *
 * A valid `connect` would (rightly) start a program: the generator's output is checked with
 * the same schema before sending, and valid connects are counted and skipped, never sent.
 */

const SEED = Number(process.env['MCPSCOPE_FUZZ_SEED'] ?? 20_260_611);
const IN_PROCESS_FRAMES = 100_000;
const WIRE_FRAMES = 2_000;
const CHUNK = 5_000;
/** Heap growth allowed over the whole in-process run, after a full GC at both ends. */
const HEAP_BOUND_BYTES = 24 * 1024 * 1024;

const tmp = tempDir('fuzz');
afterAll(() => tmp.remove());

/** A full garbage collection, with or without `--expose-gc`. */
function gc(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed();
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

// ---------------------------------------------------------------------------------------
// Generators

const TYPES = [
  'connect',
  'disconnect',
  'reconnect',
  'remove',
  'request',
  'notify',
  'cancel',
  'respond',
  'setRoots',
  'attach',
  'saveServer',
  'deleteServer',
] as const;

/** Never spawned (valid connects are skipped), and could not be even if it were. */
const NO_SUCH_COMMAND = '/nonexistent/mcpscope-fuzz-never-run';

/** One valid command of each type; the mutations start from these. */
const VALID: Record<string, unknown>[] = [
  {
    type: 'connect',
    id: 'c1',
    config: { transport: 'stdio', command: NO_SUCH_COMMAND, args: ['x'], env: { A: 'b' } },
    options: { timeoutMs: 1000, roots: [{ uri: 'file:///tmp' }] },
  },
  {
    type: 'connect',
    id: 'c2',
    config: { transport: 'streamable-http', url: 'http://127.0.0.1:9/mcp', headers: {} },
  },
  { type: 'disconnect', id: 'd1', sessionId: 's1' },
  { type: 'reconnect', id: 'r1', sessionId: 's1' },
  { type: 'remove', id: 'r2', sessionId: 's1' },
  {
    type: 'request',
    id: 'q1',
    sessionId: 's1',
    method: 'tools/call',
    params: { name: 'echo', arguments: { message: 'hi' } },
    timeoutMs: 1000,
  },
  { type: 'notify', id: 'n1', sessionId: 's1', method: 'notifications/x', params: {} },
  { type: 'cancel', id: 'k1', sessionId: 's1', requestCommandId: 'q1' },
  { type: 'respond', id: 'p1', sessionId: 's1', serverRequestId: 'sr', answer: { result: {} } },
  {
    type: 'respond',
    id: 'p2',
    sessionId: 's1',
    serverRequestId: 'sr',
    answer: { error: { code: -1, message: 'no' } },
  },
  { type: 'setRoots', id: 't1', sessionId: 's1', roots: [{ uri: 'file:///', name: 'r' }] },
  { type: 'attach', id: 'a1', sessionId: 's1', sinceSeq: 0 },
  {
    type: 'saveServer',
    id: 'v1',
    server: {
      id: 'srv',
      name: 'n',
      config: { transport: 'stdio', command: NO_SUCH_COMMAND, args: [], env: {} },
    },
  },
  { type: 'deleteServer', id: 'x1', serverId: 'srv' },
];

const STORING = new Set<unknown>(['saveServer', 'deleteServer']);

const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Sets `key` as an own enumerable property, even `__proto__`, so JSON.stringify writes it. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** `[[[…]]]` or `{"a":{"a":…}}`, `depth` levels, as text (JSON.stringify would recurse). */
function deepText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const weirdId = fc.oneof(
  fc.constant(''),
  fc.string({ minLength: 101, maxLength: 300 }),
  fc.integer(),
  fc.constant(null),
  fc.constant(true),
  fc.array(fc.string(), { maxLength: 3 }),
  // A fresh object each time: a shared one could end up inside itself after mutations.
  fc.constant(null).map(() => ({})),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
);

const jsonValue = fc.jsonValue({ maxDepth: 3 });

type Mutation = (command: Record<string, unknown>) => void;

/** Paths of the nested objects of a command, where a mutation can also strike. */
function objectsOf(
  value: unknown,
  found: Record<string, unknown>[] = [],
): Record<string, unknown>[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    found.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) objectsOf(child, found);
  } else if (Array.isArray(value)) {
    for (const child of value) objectsOf(child, found);
  }
  return found;
}

const mutation: fc.Arbitrary<{ mutate: Mutation; where: number }> = fc.record({
  where: fc.nat(),
  mutate: fc.oneof(
    // Drop a field.
    fc.nat().map<Mutation>((n) => (o) => {
      const keys = Object.keys(o);
      if (keys.length > 0) delete o[keys[n % keys.length]!];
    }),
    // Give a field a random JSON value (often of the wrong type).
    fc.tuple(fc.nat(), jsonValue).map<Mutation>(([n, v]) => (o) => {
      const keys = Object.keys(o);
      if (keys.length > 0) o[keys[n % keys.length]!] = v;
    }),
    // Add an unknown field.
    fc.tuple(fc.string({ maxLength: 12 }), jsonValue).map<Mutation>(([k, v]) => (o) => {
      setOwn(o, k, v);
    }),
    // Prototype-pollution keys, with an object value that would pollute if merged.
    fc
      .tuple(fc.constantFrom(...POLLUTING_KEYS), fc.string({ maxLength: 8 }))
      .map<Mutation>(([k, marker]) => (o) => {
        setOwn(o, k, { polluted: marker, prototype: { polluted: marker } });
      }),
    // A weird id.
    weirdId.map<Mutation>((id) => (o) => {
      o['id'] = id;
    }),
    // Another (or an unknown) type.
    fc.oneof(fc.constantFrom(...TYPES), fc.string({ maxLength: 12 })).map<Mutation>((t) => (o) => {
      o['type'] = t;
    }),
    // Wrong types for the numeric fields.
    fc.constantFrom(-1, 0, 1.5, 2 ** 53, Number.MAX_VALUE, '5', null).map<Mutation>((n) => (o) => {
      if ('sinceSeq' in o) o['sinceSeq'] = n;
      else o['timeoutMs'] = n;
    }),
  ),
});

/** A valid command with 1–4 mutations, sometimes a huge string or a deep nest. */
const mutatedCommand: fc.Arbitrary<{ text: string; binary: boolean }> = fc
  .record({
    // Commands that write servers.json wait on the disk: fewer of them keeps the run fast.
    base: fc.oneof(
      { weight: 50, arbitrary: fc.constantFrom(...VALID.filter((c) => !STORING.has(c['type']))) },
      { weight: 1, arbitrary: fc.constantFrom(...VALID.filter((c) => STORING.has(c['type']))) },
    ),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
    extra: fc.oneof(
      { weight: 1000, arbitrary: fc.constant<'none'>('none') },
      { weight: 1, arbitrary: fc.constant<'huge'>('huge') },
      { weight: 4, arbitrary: fc.constant<'deep'>('deep') },
    ),
    depth: fc.integer({ min: 1_000, max: 20_000 }),
    hugeBytes: fc.integer({ min: 64 * 1024, max: 1024 * 1024 }),
  })
  .map(({ base, mutations, extra, depth, hugeBytes }) => {
    const command = structuredClone(base);
    for (const { mutate, where } of mutations) {
      const targets = objectsOf(command);
      mutate(targets[where % targets.length]!);
    }
    let text = JSON.stringify(command);
    if (extra === 'huge') {
      const key = Object.keys(command)[0] ?? 'x';
      text = JSON.stringify({ ...command, [key]: 'A'.repeat(hugeBytes) });
    } else if (extra === 'deep') {
      // Splice a deep nest into the params (or wherever the first field is).
      const nest = deepText(depth, depth % 2 === 0 ? 'array' : 'object');
      text = text.replace(/^\{/, `{"params":${nest},`).replace(/,\}$/, '}');
    }
    return { text, binary: false };
  });

/** Every kind of frame, weighted towards commands that get far into the decoder. */
const frame: fc.Arbitrary<{ text: string; binary: boolean }> = fc.oneof(
  { weight: 6, arbitrary: mutatedCommand },
  {
    weight: 2,
    arbitrary: jsonValue.map((v) => ({ text: JSON.stringify(v), binary: false })),
  },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 200 })
      .map((text) => ({ text, binary: false })),
  },
  {
    weight: 1,
    arbitrary: fc
      .dictionary(fc.constantFrom(...POLLUTING_KEYS, 'type', 'id'), jsonValue)
      .map((o) => {
        const copy: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(o)) setOwn(copy, k, v);
        return { text: JSON.stringify(copy), binary: false };
      }),
  },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 50 }).map((text) => ({ text, binary: true })),
  },
);

/** A frame the proxy must never see: a valid connect would spawn its command. */
function isValidConnect(text: string): boolean {
  // Cheap and sound: a valid connect spells its type, literally or with \u escapes.
  if (!text.includes('connect') && !text.includes('\\u')) return false;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return false;
  }
  const parsed = ClientCommandSchema.safeParse(data);
  return parsed.success && parsed.data.type === 'connect';
}

// ---------------------------------------------------------------------------------------
// A stand-in for the `ws` socket, so 100,000 frames take seconds

/**
 * Stands in for the `ws` WebSocket only: the few members SocketClient uses (`on('message'
 * | 'close')`, `send`, `readyState`/`OPEN`, `bufferedAmount`). The decoder, the hub and the
 * saved-servers store behind it are the real ones.
 */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  /** `reply` and `error` events since the last `take()`. */
  private answers = 0;
  readonly invalid: string[] = [];
  readonly sent = new Map<string, number>();

  send(data: string): void {
    const parsed = ProxyEventSchema.safeParse(JSON.parse(data));
    if (!parsed.success) {
      this.invalid.push(data.slice(0, 300));
      return;
    }
    const type = parsed.data.type;
    this.sent.set(type, (this.sent.get(type) ?? 0) + 1);
    if (type === 'reply' || type === 'error') this.answers++;
  }

  take(): number {
    const n = this.answers;
    this.answers = 0;
    return n;
  }

  frame(text: string, binary: boolean): void {
    this.emit('message', Buffer.from(text, 'utf8'), binary);
  }
}

const pollutionCheck = (): { keys: string[]; polluted: unknown } => ({
  keys: Object.getOwnPropertyNames(Object.prototype).sort(),
  polluted: ({} as Record<string, unknown>)['polluted'],
});

/** Child processes of this test process, by pid. */
function children(): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], {
      encoding: 'utf8',
    })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, comm]) => comm !== undefined && comm !== 'ps') // ps lists itself
      .map(([pid]) => Number(pid));
  } catch {
    return []; // ps exits 1 when there are none
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('fuzzing the command decoder', () => {
  it(`${IN_PROCESS_FRAMES.toLocaleString('en')} random and mutated frames in process: one answer each, no session, no spawn, no pollution, flat heap`, async () => {
    const before = pollutionCheck();
    const childrenBefore = children();
    const hub = new SessionHub();
    const socket = new FakeSocket();
    const client = new SocketClient(socket as unknown as WebSocket, {
      hub,
      saved: new SavedServers(tmp.path('config-in-process')),
      demo: undefined,
    });
    expect(client).toBeDefined();
    while (socket.sent.get('hello') === undefined) await nextTurn();

    let sent = 0;
    let skippedConnects = 0;
    let crashes = 0;
    let asyncAnswers = 0;
    let asyncWaitMs = 0;
    const badCounts: string[] = [];
    let heapBefore = 0;
    const started = Date.now();

    for (let chunk = 0; sent < IN_PROCESS_FRAMES; chunk++) {
      const frames = fc.sample(frame, { numRuns: CHUNK, seed: SEED + chunk });
      for (const { text, binary } of frames) {
        if (sent >= IN_PROCESS_FRAMES) break;
        if (!binary && isValidConnect(text)) {
          skippedConnects++;
          continue;
        }
        sent++;
        try {
          socket.frame(text, binary);
        } catch (error) {
          crashes++;
          if (crashes <= 5) console.log('crash:', (error as Error).message, text.slice(0, 200));
        }
        // Bad frames are answered synchronously; valid ones (saveServer, deleteServer, a
        // command for no session) may wait on the file system: wait for their answer, so
        // that a late second answer would land in the next frame's count.
        let answers = socket.take();
        if (answers === 0) {
          const deadline = Date.now() + 10_000;
          while (answers === 0 && Date.now() < deadline) {
            await nextTurn();
            answers += socket.take();
          }
          if (answers > 0) asyncAnswers++;
          asyncWaitMs += Date.now() - deadline + 10_000;
        }
        if (answers !== 1 && badCounts.length < 10)
          badCounts.push(`${answers} answers to: ${text.slice(0, 200)}`);
      }
      await nextTurn();
      if (chunk === 0) {
        // The first chunk warms up zod, fast-check and the JIT; measure from here.
        gc();
        heapBefore = process.memoryUsage().heapUsed;
      }
    }
    // Anything still on its way would be a second answer.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const late = socket.take();
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    socket.readyState = 3;
    socket.emit('close');

    const after = pollutionCheck();
    const spawned = children().filter((pid) => !childrenBefore.includes(pid));
    const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      [
        `fuzz (in process, seed ${SEED}): ${sent} frames sent in ${Date.now() - started} ms,`,
        `${skippedConnects} valid connects generated and skipped, ${crashes} crashes,`,
        `${hub.list().length} sessions, ${spawned.length} processes spawned,`,
        `events sent ${JSON.stringify(Object.fromEntries(socket.sent))},`,
        `${asyncAnswers} answered asynchronously (waited ${asyncWaitMs} ms), ${late} late answers,`,
        `heap ${mb(heapBefore)} → ${mb(heapAfter)} (growth ${mb(heapAfter - heapBefore)}, bound ${mb(HEAP_BOUND_BYTES)})`,
      ].join(' '),
    );

    expect(sent).toBe(IN_PROCESS_FRAMES);
    expect(crashes).toBe(0);
    expect(badCounts).toEqual([]);
    expect(late).toBe(0);
    expect(socket.invalid, 'events off the wire contract').toEqual([]);
    expect(hub.list()).toEqual([]);
    expect(spawned).toEqual([]);
    expect(after).toEqual(before);
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_BOUND_BYTES);
  }, 120_000);

  it(`${WIRE_FRAMES.toLocaleString('en')} frames over a real WebSocket: one answer each, the socket and the proxy stay up`, async () => {
    const before = pollutionCheck();
    const ui = await startUi({
      webRoot: writeWebRoot(tmp.path('web')),
      configDir: tmp.path('config-wire'),
    });
    try {
      const socket = await openSocket(`${ui.wsUrl}?token=${ui.token}`, { origin: ui.origin });
      await socket.waitFor('hello');
      const answers = (): number =>
        socket.events.filter((e) => e.type === 'reply' || e.type === 'error').length;

      const frames = fc.sample(frame, { numRuns: WIRE_FRAMES * 2, seed: SEED - 1 });
      let sent = 0;
      let skippedConnects = 0;
      const badCounts: string[] = [];
      const started = Date.now();
      for (const { text, binary } of frames) {
        if (sent >= WIRE_FRAMES) break;
        if (!binary && isValidConnect(text)) {
          skippedConnects++;
          continue;
        }
        sent++;
        const expected = answers() + 1;
        socket.sendRaw(binary ? Buffer.from(text, 'utf8') : text, { binary });
        const deadline = Date.now() + 10_000;
        while (answers() < expected && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 0));
        if (answers() !== expected && badCounts.length < 10)
          badCounts.push(`${answers() - expected + 1} answers to: ${text.slice(0, 200)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      console.log(
        `fuzz (WebSocket, seed ${SEED - 1}): ${sent} frames sent in ${Date.now() - started} ms, ${skippedConnects} valid connects skipped, ${answers()} answers, ${ui.hub.list().length} sessions`,
      );

      expect(badCounts).toEqual([]);
      expect(answers()).toBe(sent);
      expect(socket.invalid, 'events off the wire contract').toEqual([]);
      expect(ui.hub.list()).toEqual([]);
      // The same socket still works, and the proxy still accepts new ones.
      const probe = await socket.send({ type: 'attach', sessionId: 'none', sinceSeq: 0 }).answer;
      expect(probe).toMatchObject({ type: 'error', code: 'UNKNOWN_SESSION' });
      const second = await openSocket(`${ui.wsUrl}?token=${ui.token}`, { origin: ui.origin });
      await second.waitFor('hello');
      await second.close();
      await socket.close();
      expect(pollutionCheck()).toEqual(before);
    } finally {
      await ui.close();
    }
  }, 120_000);
});
