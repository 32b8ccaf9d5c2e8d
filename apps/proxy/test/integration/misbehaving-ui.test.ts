import type { ServerConfig, TrafficEntry } from '@mcpscope/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingWriter } from '@mcpscope/engine/recording/writer';
import { CLIENT_INFO } from '../../src/version.js';
import {
  CASES,
  caseConfig,
  issueCodes,
  readValidRecording,
  startCaseServer,
  type MisbehavingCase,
} from '../helpers/misbehaving.js';
import { EVERYTHING, fixture } from '../helpers/paths.js';
import { isAlive } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp.js';
import {
  methodOf,
  openSocket,
  pidsOf,
  startUi,
  writeWebRoot,
  type RunningUi,
  type UiSocket,
} from '../helpers/ui.js';

/**
 * Every misbehaving server through the proxy, as the web UI sees it over its WebSocket: the
 * session's state and detail, the outcome of the request, the diagnostics on the traffic.
 * After each, a healthy session on the same proxy (server-everything over stdio) still
 * answers, the bad session's traffic makes a recording the reader accepts, and its server
 * processes are gone once it is removed.
 */
const tmp = tempDir('misbehaving-ui');
const webRoot = writeWebRoot(tmp.path('web'));

type Outcome = { ok: true; result: unknown } | { ok: false; code: string; message: string };

interface Expectation {
  /** Where the session ends up after the call (or the connect, without a tool). */
  state: 'ready' | 'failed';
  /** The session's detail, when it has one to show. */
  detail?: RegExp;
  /** The reply to the tools/call request. */
  outcome?: { ok: true; text?: string } | { ok: false; code: string; message: RegExp };
  /** Diagnostics the tab must have received on the session's traffic. */
  issues?: string[];
  timeoutMs?: number;
  check?: (traffic: TrafficEntry[]) => void;
}

const ok = (text?: string): Expectation => ({
  state: 'ready',
  outcome: text === undefined ? { ok: true } : { ok: true, text },
});
const failedCall = (code: string, message: RegExp, state: 'ready' | 'failed' = 'ready') =>
  ({ state, outcome: { ok: false, code, message } }) satisfies Expectation;

const EXPECTED: Record<string, Expectation> = {
  'garbage-stdio': { ...ok('hello after garbage'), issues: ['NOT_JSON'] },
  'garbage-http': { ...ok('hello after garbage'), issues: ['NOT_JSON'] },
  'partial-stdio': {
    ...failedCall(
      'CONNECTION_CLOSED',
      /^tools\/call failed: server process exited with code 0; its last stdout line was cut short: /,
      'failed',
    ),
    detail: /^server process exited with code 0; its last stdout line was cut short: "\{\\"jsonrpc/,
    issues: ['PARTIAL_LINE', 'NOT_JSON'],
  },
  'utf8-stdio': { ...ok('caf\uFFFD\uFFFD au lait'), issues: ['INVALID_UTF8'] },
  'utf8-http': { ...ok('caf\uFFFD\uFFFD au lait'), issues: ['INVALID_UTF8'] },
  'crash-stdio': {
    ...failedCall(
      'CONNECTION_CLOSED',
      /^tools\/call failed: server process exited with code 1/,
      'failed',
    ),
    detail: /^server process exited with code 1; last stderr: .*fatal: the database is on fire$/,
  },
  'crash-http': failedCall(
    'CONNECT_FAILED',
    /^tools\/call failed: 127\.0\.0\.1:\d+ closed the connection before answering \(did the server crash\? see its logs\)$/,
  ),
  'crash-loop-stdio': {
    state: 'failed',
    detail:
      /^initialize failed: server process exited with code 1; last stderr: crash-on-start: reading config \| fatal: missing config file/,
  },
  'hang-stdio': {
    ...failedCall('TIMEOUT', /^tools\/call timed out: no response or progress for 1500 ms$/),
    timeoutMs: 1500,
  },
  'hang-http': {
    ...failedCall('TIMEOUT', /^tools\/call timed out: no response or progress for 1500 ms$/),
    timeoutMs: 1500,
  },
  'flood-stdio': { ...ok('sent 10000 notifications'), check: tenThousand },
  'flood-http': { ...ok('sent 10000 notifications'), check: tenThousand },
  'huge-stdio': ok(),
  'huge-http': ok(),
  'stderr-stdio': {
    ...ok('done after the noise'),
    check: (traffic) => {
      const lines = traffic.filter((e) => e.kind === 'stderr');
      expect(lines.length).toBeGreaterThan(160_000);
    },
  },
  'undeclared-stdio': {
    // The UI declares sampling, elicitation and roots (a human answers them): only the
    // method no client has is left to send, and it gets Method not found.
    ...ok('bogus/undeclared: error -32601 Method not found: bogus/undeclared'),
    issues: ['UNKNOWN_METHOD'],
  },
  'undeclared-http': {
    ...ok('bogus/undeclared: error -32601 Method not found: bogus/undeclared'),
    issues: ['UNKNOWN_METHOD'],
  },
  'ids-stdio': { ...ok('the right answer'), issues: ['UNKNOWN_ID', 'UNKNOWN_ID'] },
  'ids-http': { ...ok('the right answer'), issues: ['UNKNOWN_ID', 'UNKNOWN_ID'] },
  'http-500': {
    state: 'failed',
    detail: /^initialize failed: HTTP 500 at \/status\/500: the server failed \(see its logs\)$/,
    issues: ['HTTP_STATUS'],
  },
  'http-404': {
    state: 'failed',
    detail: /^initialize failed: HTTP 404 at \/status\/404: no MCP endpoint there/,
    issues: ['HTTP_STATUS'],
  },
  'http-html': {
    state: 'failed',
    detail: /did not answer with JSON or an SSE stream: .*text\/html/,
  },
  'http-500-later': {
    ...failedCall(
      'CONNECT_FAILED',
      /^tools\/call failed: HTTP 500 at \/fails-later: the server failed/,
    ),
    issues: ['HTTP_STATUS'],
  },
  'sse-resume': {
    ...ok('resumed answer 0'),
    check: (traffic) => {
      const resumed = traffic.find(
        (e) => e.kind === 'http' && e.transport?.http?.requestHeaders?.['last-event-id'] === '0-0',
      );
      expect(resumed?.transport?.detail).toBe(
        'resuming the SSE stream after event 0-0 (Last-Event-ID)',
      );
      expect(
        traffic.some((e) => /resuming with Last-Event-ID 0-0$/.test(e.transport?.detail ?? '')),
      ).toBe(true);
    },
  },
  'sse-refused': {
    ...failedCall(
      'CONNECTION_CLOSED',
      /^tools\/call failed: the server refused to resume its response stream after event 0-0 \(HTTP 405\)$/,
    ),
    issues: ['STREAM_LOST'],
  },
  'sse-lost': {
    ...failedCall(
      'CONNECTION_CLOSED',
      /^tools\/call failed: the server's response stream (broke \(.+\)|ended) before answering, with no SSE event id to resume from$/,
    ),
    issues: ['STREAM_LOST'],
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tenThousand(traffic: TrafficEntry[]): void {
  expect(traffic.filter((e) => methodOf(e) === 'notifications/message')).toHaveLength(10_000);
}

const HEALTHY: ServerConfig = {
  transport: 'stdio',
  name: 'server-everything',
  command: process.execPath,
  args: [EVERYTHING, 'stdio'],
  env: {},
};

let ui: RunningUi;
let tab: UiSocket;
let healthy: string;
const writers = new Map<string, RecordingWriter>();
const allPids = new Set<number>();

beforeAll(async () => {
  ui = await startUi({ webRoot, configDir: tmp.path('config') });
  // The recording of each session, fed from the hub as the UI's own recorder would be.
  ui.hub.listen((event) => {
    if (event.type !== 'traffic') return;
    let writer = writers.get(event.sessionId);
    if (writer === undefined) {
      writer = new RecordingWriter(tmp.path(`${event.sessionId}.jsonl`), {
        config: ui.hub.get(event.sessionId)!.config,
        client: CLIENT_INFO,
      });
      writers.set(event.sessionId, writer);
    }
    writer.write(event.entry);
  });
  tab = await openSocket(`${ui.wsUrl}?token=${ui.token}`, { origin: ui.origin });
  await tab.waitFor('hello');
  healthy = await connect(HEALTHY);
  await tab.waitForState(healthy, 'ready');
}, 60_000);

afterAll(async () => {
  expect(tab.invalid, 'frames off the wire contract').toEqual([]);
  await tab.close();
  await ui.close();
  for (const writer of writers.values()) writer.close();
  tmp.remove();
  for (const pid of allPids)
    expect(isAlive(pid), `server pid ${pid} outlived the proxy`).toBe(false);
});

async function connect(config: ServerConfig): Promise<string> {
  const { sessionId } = (await tab.command({ type: 'connect', config })) as { sessionId: string };
  return sessionId;
}

/** The session's state once it settled after connecting: ready or failed. */
async function settled(sessionId: string, from: number) {
  const event = await tab.waitFor(
    'session',
    (e) =>
      e.session.id === sessionId && (e.session.state === 'ready' || e.session.state === 'failed'),
    from,
  );
  return event.session;
}

function latestSummary(sessionId: string) {
  return tab.events
    .filter((e) => e.type === 'session' && e.session.id === sessionId)
    .map((e) => (e.type === 'session' ? e.session : undefined))
    .at(-1)!;
}

function textOf(result: unknown): string {
  return ((result as { content?: { text?: string }[] }).content ?? [])
    .map((c) => c.text ?? '')
    .join('\n');
}

/** The healthy session still answers a call. */
async function healthyAnswers(): Promise<void> {
  const outcome = (await tab.command({
    type: 'request',
    sessionId: healthy,
    method: 'tools/call',
    params: { name: 'echo', arguments: { message: 'still here' } },
  })) as Outcome;
  expect(outcome).toMatchObject({ ok: true });
  expect(textOf((outcome as { result: unknown }).result)).toBe('Echo: still here');
}

/** Removes the session; its server processes must be gone and its recording valid. */
async function removeAndCheck(sessionId: string): Promise<TrafficEntry[]> {
  const pids = pidsOf(tab.traffic(sessionId));
  for (const pid of pids) allPids.add(pid);
  await tab.command({ type: 'remove', sessionId });
  for (const pid of pids)
    expect(isAlive(pid), `server pid ${pid} outlived its session`).toBe(false);
  const writer = writers.get(sessionId)!;
  writer.close();
  return readValidRecording(writer.path);
}

async function runCase(c: MisbehavingCase, e: Expectation): Promise<void> {
  const server = await startCaseServer(c);
  try {
    const from = tab.mark();
    const sessionId = await connect(caseConfig(c, server));
    const first = await settled(sessionId, from);
    if (e.outcome === undefined) {
      // The handshake itself fails: the session says so, with the error code last.
      expect(first.state).toBe(e.state);
      await tab.waitFor(
        'session',
        (x) => x.session.id === sessionId && x.session.errorCode !== undefined,
        from,
      );
    } else {
      expect(first.state, first.detail).toBe('ready');
      const outcome = (await tab.command({
        type: 'request',
        sessionId,
        method: 'tools/call',
        params: { name: c.tool!, arguments: {} },
        ...(e.timeoutMs !== undefined && { timeoutMs: e.timeoutMs }),
      })) as Outcome;
      const expected = e.outcome;
      if (expected.ok) {
        expect(outcome, JSON.stringify(outcome).slice(0, 500)).toMatchObject({ ok: true });
        if (expected.text !== undefined && outcome.ok)
          expect(textOf(outcome.result)).toBe(expected.text);
      } else {
        expect(outcome).toMatchObject({ ok: false, code: expected.code });
        if (!outcome.ok) expect(outcome.message).toMatch(expected.message);
      }
      if (e.state === 'failed') await tab.waitForState(sessionId, 'failed', from);
      expect(latestSummary(sessionId).state).toBe(e.state);
    }
    if (e.detail !== undefined) expect(latestSummary(sessionId).detail).toMatch(e.detail);
    // Traffic is batched per frame, session events are not: the last entries may still be
    // on their way when the state arrives.
    for (const code of new Set(e.issues ?? [])) {
      const wanted = (e.issues ?? []).filter((x) => x === code).length;
      const count = () => issueCodes(tab.traffic(sessionId)).filter((x) => x === code).length;
      for (let waited = 0; count() < wanted && waited < 10_000; waited += 50) await sleep(50);
      expect(count(), code).toBeGreaterThanOrEqual(wanted);
    }
    const traffic = tab.traffic(sessionId);
    e.check?.(traffic);
    await healthyAnswers();
    // The recording holds what the tab saw, then the session's closing.
    const recorded = await removeAndCheck(sessionId);
    expect(recorded.slice(0, traffic.length)).toEqual(traffic);
  } finally {
    await server?.stop();
  }
}

describe('misbehaving servers through the proxy WebSocket', () => {
  it.each(CASES.map((c) => [`${c.title} (${c.transport}, ${c.id})`, c] as const))(
    '%s',
    async (_title, c) => {
      const e = EXPECTED[c.id];
      if (e === undefined) throw new Error(`no UI expectation for ${c.id}`);
      await runCase(c, e);
    },
    120_000,
  );

  it('3 a crash loop on reconnect: each reconnect fails with a new process, none survives', async () => {
    const c = CASES.find((x) => x.id === 'crash-loop-stdio')!;
    const from = tab.mark();
    const sessionId = await connect(caseConfig(c, undefined));
    expect((await settled(sessionId, from)).state).toBe('failed');
    for (let i = 0; i < 3; i++) {
      const mark = tab.mark();
      await tab.command({ type: 'reconnect', sessionId });
      const again = (
        await tab.waitFor(
          'session',
          (x) => x.session.id === sessionId && x.session.errorCode !== undefined,
          mark,
        )
      ).session;
      expect(again.state).toBe('failed');
      expect(again.errorCode).toBe('HANDSHAKE_FAILED');
      expect(again.detail).toMatch(
        /^initialize failed: server process exited with code 1; last stderr: /,
      );
    }
    const pids = pidsOf(tab.traffic(sessionId));
    // Each connect: the probe's process, then one more for initialize (see misbehaving-cli).
    expect(new Set(pids).size).toBe(8);
    expect(pids.filter(isAlive)).toEqual([]);
    await healthyAnswers();
    await removeAndCheck(sessionId);
  }, 120_000);
});

describe('secrets in what the UI is told', () => {
  it("a session's detail and a call's failure do not repeat a secret env value the server echoed", async () => {
    const [command, ...args] = fixture('crash-mid-call.mjs');
    const from = tab.mark();
    const sessionId = await connect({
      transport: 'stdio',
      name: 'leaky',
      command: command!,
      args,
      env: { API_TOKEN: 'env-secret-8910' },
    });
    await tab.waitForState(sessionId, 'ready', from);
    const outcome = (await tab.command({
      type: 'request',
      sessionId,
      method: 'tools/call',
      params: { name: 'explode', arguments: {} },
    })) as Outcome;
    expect(outcome).toMatchObject({ ok: false, code: 'CONNECTION_CLOSED' });
    if (!outcome.ok) expect(outcome.message).toContain('with API_TOKEN=[REDACTED] | fatal');
    const failed = await tab.waitForState(sessionId, 'failed', from);
    expect(failed.session.detail).toContain('with API_TOKEN=[REDACTED] | fatal');
    const told = JSON.stringify(
      tab.events.filter((e) => e.type !== 'traffic' && JSON.stringify(e).includes(sessionId)),
    );
    // The configured value itself is the user's own (the connect form shows it); no
    // message or detail repeats it.
    expect(told.replaceAll('"API_TOKEN":"env-secret-8910"', '')).not.toContain('env-secret-8910');
    await removeAndCheck(sessionId);
  });
});
