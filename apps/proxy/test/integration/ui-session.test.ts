import type { ServerConfig, TrafficEntry } from '@mcpscope/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERYTHING } from '../helpers/paths.js';
import { isAlive } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp.js';
import {
  methodOf,
  openSocket,
  pidsOf,
  rawGet,
  startUi,
  writeWebRoot,
  type RunningUi,
  type UiSocket,
} from '../helpers/ui.js';

/**
 * A whole session driven through the socket, as the web UI drives it, against the real
 * server-everything over stdio: connect, traffic, requests, a second tab, human answers to
 * sampling, roots, cancellation, disconnect, reconnect and remove. The tests of the first
 * describe share one session and run in order; each names the step it checks.
 */
const EVERYTHING_CONFIG: ServerConfig = {
  transport: 'stdio',
  name: 'server-everything',
  command: process.execPath,
  args: [EVERYTHING, 'stdio'],
  env: {},
};

const tmp = tempDir('ui-session');
const webRoot = writeWebRoot(tmp.path('web'));
const sockets: UiSocket[] = [];
/** Every server pid any socket saw spawned: none may outlive its test's teardown. */
const seenPids = new Set<number>();

async function tab(ui: RunningUi): Promise<UiSocket> {
  const socket = await openSocket(`${ui.wsUrl}?token=${ui.token}`, { origin: ui.origin });
  sockets.push(socket);
  await socket.waitFor('hello');
  return socket;
}

function notePids(socket: UiSocket, sessionId: string): number[] {
  const pids = pidsOf(socket.traffic(sessionId));
  for (const pid of pids) seenPids.add(pid);
  return pids;
}

/** Seqs must run 0, 1, 2, … in arrival order: nothing lost, nothing twice, nothing reordered. */
function expectContiguous(entries: readonly TrafficEntry[]): void {
  const seqs = entries.map((e) => e.seq);
  expect(seqs).toEqual(seqs.map((_, i) => i));
}

type Outcome =
  | { ok: true; result: unknown; requestSeq?: number; responseSeq?: number }
  | { ok: false; code: string; message: string };

function textOf(outcome: Outcome): string {
  if (!outcome.ok) throw new Error(`request failed: ${outcome.code}: ${outcome.message}`);
  const content = (outcome.result as { content?: { text?: string }[] }).content ?? [];
  return content.map((c) => c.text ?? '').join('\n');
}

afterAll(async () => {
  for (const socket of sockets) expect(socket.invalid, 'frames off the wire contract').toEqual([]);
  await Promise.all(sockets.map((s) => s.close()));
  tmp.remove();
  for (const pid of seenPids)
    expect(isAlive(pid), `server pid ${pid} outlived the proxy`).toBe(false);
});

describe('one session through the socket, against server-everything over stdio', () => {
  let ui: RunningUi;
  /** The tab that connected. */
  let a: UiSocket;
  /** A second tab, attached later. */
  let b: UiSocket;
  let sessionId: string;

  const call = (name: string, args: Record<string, unknown> = {}) =>
    a.command({
      type: 'request',
      sessionId,
      method: 'tools/call',
      params: { name, arguments: args },
    }) as Promise<Outcome>;

  beforeAll(async () => {
    ui = await startUi({ webRoot, configDir: tmp.path('config'), demo: EVERYTHING_CONFIG });
    a = await tab(ui);
  });

  afterAll(async () => {
    await ui?.close();
  });

  it('hello offers the demo server', async () => {
    const hello = await a.waitFor('hello');
    expect(hello.demo).toEqual(EVERYTHING_CONFIG);
  });

  it('connect replies with a sessionId; the session goes connecting → initializing → ready', async () => {
    const from = a.mark();
    const result = (await a.command({ type: 'connect', config: EVERYTHING_CONFIG })) as {
      sessionId: string;
    };
    sessionId = result.sessionId;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await a.waitForState(sessionId, 'ready', from);
    const states = a.events
      .slice(from)
      .flatMap((e) => (e.type === 'session' && e.session.id === sessionId ? [e.session.state] : []))
      .filter((state, i, all) => state !== all[i - 1] && state !== 'idle');
    expect(states).toEqual(['connecting', 'initializing', 'ready']);
    expect(ready.session.transport).toBe('stdio');
    const handshake = ready.session.handshake!;
    expect(handshake.era).toBe('legacy');
    expect(handshake.agreed.serverInfo['name']).toBe('mcp-servers/everything');
    // A human answers in the UI: sampling, elicitation and roots are all declared.
    expect(Object.keys(handshake.offered.capabilities)).toEqual(
      expect.arrayContaining(['sampling', 'elicitation', 'roots']),
    );
    notePids(a, sessionId);
  });

  it('traffic arrives in batches, contiguous by seq, from seq 0', async () => {
    await a.waitForEntry(
      sessionId,
      (e) => e.kind === 'lifecycle' && e.transport?.state === 'ready',
    );
    const events = a.events.filter((e) => e.type === 'traffic' && e.sessionId === sessionId);
    expect(events[0]).toMatchObject({ type: 'traffic', reset: true });
    // Live traffic, not the history sent on attach: the lifecycle entry `initializing` and the
    // initialize request are appended in the same tick, so one frame carries both unless the
    // proxy sends a frame per entry.
    const live = events.filter((e) => e.type === 'traffic' && e.reset !== true);
    expect(live.some((e) => e.type === 'traffic' && e.entries.length > 1)).toBe(true);
    const entries = a.traffic(sessionId);
    expectContiguous(entries);
    const methods = entries.map(methodOf);
    expect(methods).toContain('initialize');
    expect(methods).toContain('notifications/initialized');
    expect(pidsOf(entries)).toHaveLength(1);
  });

  it('request tools/call echo replies {ok:true, result} after its traffic arrived', async () => {
    const outcome = await call('echo', { message: 'hello over the socket' });
    expect(outcome).toMatchObject({
      ok: true,
      result: { content: [{ type: 'text', text: 'Echo: hello over the socket' }] },
    });
    // The socket flushes the session's traffic before the reply.
    const entries = a.traffic(sessionId);
    if (!outcome.ok) return;
    const response = entries.find((e) => e.seq === outcome.responseSeq);
    expect(response?.kind).toBe('response');
    expect(response?.pairSeq).toBe(outcome.requestSeq);
    expect(methodOf(entries.find((e) => e.seq === outcome.requestSeq)!)).toBe('tools/call');
  });

  it('the reply refers to the response entry instead of carrying the result again; the traffic names the request as it goes out', async () => {
    const from = a.mark();
    const sent = a.send({
      type: 'request',
      sessionId,
      method: 'tools/call',
      params: { name: 'trigger-long-running-operation', arguments: { duration: 1, steps: 2 } },
    });
    // Before the reply: a traffic batch carries this command's request and names its seq.
    const named = await a.waitFor(
      'traffic',
      (e) => e.sessionId === sessionId && (e.sent ?? []).some((s) => s.id === sent.id),
      from,
    );
    const requestSeq = named.sent!.find((s) => s.id === sent.id)!.requestSeq;
    const request = a.traffic(sessionId).find((e) => e.seq === requestSeq);
    expect(request?.dir).toBe('c2s');
    expect(methodOf(request!)).toBe('tools/call');
    const answer = await sent.answer;
    if (answer.type !== 'reply') throw new Error(`expected a reply, got ${JSON.stringify(answer)}`);
    expect(answer.result).toMatchObject({ ok: true, resultIn: 'entry', requestSeq });
    expect(Object.keys(answer.result as object).sort()).toEqual(
      ['durationMs', 'ok', 'requestSeq', 'responseSeq', 'resultIn'].sort(),
    );
    const outcome = a.outcomeOf(sessionId, answer);
    expect(outcome.ok && textOf(outcome)).toContain('Long running operation completed');
    // The one copy of the result is the one in the entry.
    const replyFrame = JSON.stringify(answer);
    expect(replyFrame).not.toContain('Long running operation completed');
  });

  it('a second tab attaching with sinceSeq 0 gets the full history, then live traffic', async () => {
    b = await tab(ui);
    const hello = await b.waitFor('hello');
    expect(hello.sessions.map((s) => [s.id, s.state])).toEqual([[sessionId, 'ready']]);
    const { lastSeq } = (await b.command({ type: 'attach', sessionId, sinceSeq: 0 })) as {
      lastSeq: number;
    };
    const history = b.events.find((e) => e.type === 'traffic' && e.sessionId === sessionId);
    expect(history).toMatchObject({ reset: true });
    expect(b.traffic(sessionId).at(-1)?.seq).toBe(lastSeq);
    // Tab A gets the same entries live, up to 16 ms later (batching): compare once it has them.
    await a.waitForEntry(sessionId, (e) => e.seq === lastSeq);
    const upTo = (socket: UiSocket, seq: number | undefined) =>
      socket.traffic(sessionId).filter((e) => seq !== undefined && e.seq <= seq);
    expect(b.traffic(sessionId)).toEqual(upTo(a, lastSeq));

    const outcome = await call('echo', { message: 'seen by both tabs' });
    if (!outcome.ok) throw new Error(outcome.message);
    await b.waitForEntry(sessionId, (e) => e.seq === outcome.responseSeq);
    expect(upTo(b, outcome.responseSeq)).toEqual(upTo(a, outcome.responseSeq));
    expectContiguous(b.traffic(sessionId));

    // A later sinceSeq gets only what follows, without resetting the tab's list.
    const c = await tab(ui);
    await c.command({ type: 'attach', sessionId, sinceSeq: lastSeq });
    const partial = c.events.find((e) => e.type === 'traffic' && e.sessionId === sessionId);
    expect(partial).toMatchObject({ type: 'traffic' });
    expect(partial).not.toHaveProperty('reset');
    expect(c.traffic(sessionId)[0]?.seq).toBe(lastSeq);
    await c.close();
  });

  it('respond answers a sampling request (from either tab); the tool result carries the answer', async () => {
    const fromA = a.mark();
    const fromB = b.mark();
    const pendingCall = a.send({
      type: 'request',
      sessionId,
      method: 'tools/call',
      params: { name: 'trigger-sampling-request', arguments: { prompt: 'hi', maxTokens: 10 } },
    });
    const pending = await a.waitFor(
      'pendingServerRequest',
      (e) => e.sessionId === sessionId,
      fromA,
    );
    // The request's traffic entry is flushed before its dialog.
    expect(a.traffic(sessionId).some((e) => e.seq === pending.request.seq)).toBe(true);
    expect(pending.request.method).toBe('sampling/createMessage');
    expect(pending.request.params).toMatchObject({ maxTokens: 10 });
    expect(JSON.stringify(pending.request.params['messages'])).toContain('hi');
    const seenByB = await b.waitFor(
      'pendingServerRequest',
      (e) => e.sessionId === sessionId,
      fromB,
    );
    expect(seenByB.request).toEqual(pending.request);

    await b.command({
      type: 'respond',
      sessionId,
      serverRequestId: pending.request.key,
      answer: {
        result: {
          role: 'assistant',
          content: { type: 'text', text: 'a human says hello' },
          model: 'human-in-the-loop',
        },
      },
    });
    const settled = await a.waitFor(
      'serverRequestSettled',
      (e) => e.sessionId === sessionId,
      fromA,
    );
    expect(settled).toMatchObject({ key: pending.request.key, how: 'answered' });

    const answer = await pendingCall.answer;
    expect(answer.type).toBe('reply');
    if (answer.type !== 'reply') return;
    const text = textOf(a.outcomeOf(sessionId, answer));
    expect(text).toContain('LLM sampling result');
    expect(text).toContain('a human says hello');
    expect(text).toContain('human-in-the-loop');

    // Answered once: a second answer is refused, not sent.
    const again = await a.send({
      type: 'respond',
      sessionId,
      serverRequestId: pending.request.key,
      answer: { error: { code: -1, message: 'too late' } },
    }).answer;
    expect(again).toMatchObject({ type: 'error', code: 'NOT_PENDING' });
  });

  it('setRoots tells the server; get-roots-list then shows the root', async () => {
    const uri = 'file:///tmp/mcpscope-ui-root';
    const from = a.mark();
    await a.command({ type: 'setRoots', sessionId, roots: [{ uri, name: 'ui test root' }] });
    const announced = await a.waitFor(
      'session',
      (e) => e.session.id === sessionId && e.session.roots.length === 1,
      from,
    );
    expect(announced.session.roots).toEqual([{ uri, name: 'ui test root' }]);
    await a.waitForEntry(
      sessionId,
      (e) => e.dir === 'c2s' && methodOf(e) === 'notifications/roots/list_changed',
      from,
    );
    // The server asks for the list again (or for the first time); wait until it has our root.
    await a.waitForEntry(
      sessionId,
      (e) => e.dir === 'c2s' && e.kind === 'response' && JSON.stringify(e.msg).includes(uri),
      from,
    );
    const text = textOf(await call('get-roots-list'));
    expect(text).toContain('Current MCP Roots (1 total)');
    expect(text).toContain(`URI: ${uri}`);
    expect(text).toContain('ui test root');
  });

  it('cancel stops a pending request: its reply is CANCELLED and the server is told', async () => {
    const from = a.mark();
    const long = a.send({
      type: 'request',
      id: 'long-op',
      sessionId,
      method: 'tools/call',
      params: { name: 'trigger-long-running-operation', arguments: { duration: 10 } },
    });
    const request = await a.waitForEntry(
      sessionId,
      (e) => e.dir === 'c2s' && methodOf(e) === 'tools/call',
      from,
    );
    expect(await a.command({ type: 'cancel', sessionId, requestCommandId: 'long-op' })).toEqual({
      cancelled: true,
    });
    const answer = await long.answer;
    expect(answer).toMatchObject({ type: 'reply', result: { ok: false, code: 'CANCELLED' } });
    const requestId = (request.msg as { id: number }).id;
    const notice = await a.waitForEntry(
      sessionId,
      (e) => e.dir === 'c2s' && methodOf(e) === 'notifications/cancelled',
      from,
    );
    expect(notice.msg).toMatchObject({ params: { requestId } });
    // Nothing left to cancel.
    expect(await a.command({ type: 'cancel', sessionId, requestCommandId: 'long-op' })).toEqual({
      cancelled: false,
    });
  });

  it('disconnect closes the session and the server process is gone', async () => {
    const [pid] = notePids(a, sessionId);
    expect(isAlive(pid!)).toBe(true);
    const from = a.mark();
    await a.command({ type: 'disconnect', sessionId });
    await a.waitForState(sessionId, 'closed', from);
    expect(isAlive(pid!)).toBe(false);
    const exit = await a.waitForEntry(
      sessionId,
      (e) =>
        e.kind === 'lifecycle' && e.transport?.pid === pid && e.transport?.exitCode !== undefined,
      from,
    );
    expect(exit.transport?.detail).toMatch(/^server process /);
    expect(await a.command({ type: 'request', sessionId, method: 'tools/list' })).toMatchObject({
      ok: false,
      code: 'NOT_CONNECTED',
    });
  });

  it('reconnect makes it ready again with a new process, its seqs continuing one history', async () => {
    const before = a.traffic(sessionId);
    const lastSeq = before.at(-1)!.seq;
    const from = a.mark();
    await a.command({ type: 'reconnect', sessionId });
    await a.waitForState(sessionId, 'ready', from);
    await a.waitForEntry(
      sessionId,
      (e) => e.seq > lastSeq && e.kind === 'lifecycle' && e.transport?.state === 'ready',
      from,
    );
    const pids = notePids(a, sessionId);
    expect(pids).toHaveLength(2);
    expect(isAlive(pids[1]!)).toBe(true);
    expect(
      a.events.slice(from).some((e) => e.type === 'traffic' && e.reset === true),
      'a reconnect continues the list, it does not replace it',
    ).toBe(false);
    const after = a.traffic(sessionId);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after[before.length]?.seq).toBe(lastSeq + 1);
    expectContiguous(after);
    expect(textOf(await call('echo', { message: 'again' }))).toBe('Echo: again');
    // The second tab followed the same history.
    const newest = a.traffic(sessionId).at(-1)!.seq;
    await b.waitForEntry(sessionId, (e) => e.seq === newest);
    expectContiguous(b.traffic(sessionId));
  });

  it('remove ends the session: sessionRemoved in every tab, the server gone', async () => {
    const pid = notePids(a, sessionId).at(-1)!;
    const fromA = a.mark();
    const fromB = b.mark();
    await a.command({ type: 'remove', sessionId });
    await a.waitFor('sessionRemoved', (e) => e.sessionId === sessionId, fromA);
    await b.waitFor('sessionRemoved', (e) => e.sessionId === sessionId, fromB);
    expect(isAlive(pid)).toBe(false);
    expect(ui.hub.list()).toEqual([]);
    const answer = await a.send({ type: 'request', sessionId, method: 'tools/list' }).answer;
    expect(answer).toMatchObject({ type: 'error', code: 'UNKNOWN_SESSION' });
  });
});

describe('shutting down', () => {
  it('hub.closeAll() then app.close() leave no server process alive and close the sockets', async () => {
    const ui = await startUi({ webRoot, configDir: tmp.path('config-shutdown') });
    const socket = await tab(ui);
    const from = socket.mark();
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { sessionId } = (await socket.command({
        type: 'connect',
        config: EVERYTHING_CONFIG,
      })) as { sessionId: string };
      ids.push(sessionId);
    }
    for (const id of ids) await socket.waitForState(id, 'ready', from);
    // One of them has a request pending, so it closes without the end-of-input grace.
    const busy = socket.send({
      type: 'request',
      sessionId: ids[1]!,
      method: 'tools/call',
      params: { name: 'trigger-long-running-operation', arguments: { duration: 30 } },
    });
    await socket.waitForEntry(ids[1]!, (e) => e.dir === 'c2s' && methodOf(e) === 'tools/call');
    const pids = ids.flatMap((id) => notePids(socket, id));
    expect(pids).toHaveLength(2);
    expect(pids.every(isAlive)).toBe(true);

    await ui.hub.closeAll();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(await busy.answer).toMatchObject({
      type: 'reply',
      result: { ok: false, code: 'CONNECTION_CLOSED' },
    });

    await ui.app.close();
    await socket.closed;
    await expect(rawGet(ui.port, '/')).rejects.toThrow(/ECONNREFUSED/);
    await ui.close();
  });
});
