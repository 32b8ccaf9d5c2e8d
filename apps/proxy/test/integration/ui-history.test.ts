import type { HistoryPage, ServerConfig, TrafficEntry } from '@mcpscope/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPILL_WINDOW_ENTRIES } from '@mcpscope/engine/session/traffic-log';
import { DISPLAY_CAP_BYTES } from '@mcpscope/engine/session/display';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { openSocket, startUi, writeWebRoot, type RunningUi, type UiSocket } from '../helpers/ui.js';

/**
 * Bounded memory over a real socket: a session longer than the proxy's memory window is read
 * back whole (attach and `history` pages come from the spill file, identical to what the live
 * tab received), and a 20 MiB tool result goes to the UI as a preview with `entry` fetching
 * it whole. Servers are our fixtures log-flood.mjs and huge-result.mjs, over stdio.
 */
const FLOOD = SPILL_WINDOW_ENTRIES + 10_000;
const tmp = tempDir('ui-history');
const webRoot = writeWebRoot(tmp.path('web'));
let ui: RunningUi;
const sockets: UiSocket[] = [];

async function tab(): Promise<UiSocket> {
  const socket = await openSocket(`${ui.wsUrl}?token=${ui.token}`, { origin: ui.origin });
  sockets.push(socket);
  await socket.waitFor('hello');
  return socket;
}

const stdio = (name: string, env: Record<string, string> = {}): ServerConfig => {
  const [command, ...args] = fixture(name);
  return { transport: 'stdio', command: command!, args, env };
};

beforeAll(async () => {
  ui = await startUi({ webRoot, configDir: tmp.path('config') });
});

afterAll(async () => {
  for (const socket of sockets) expect(socket.invalid, 'frames off the wire contract').toEqual([]);
  await Promise.all(sockets.map((s) => s.close()));
  await ui.close();
  tmp.remove();
});

describe('a session longer than the memory window', () => {
  let live: UiSocket;
  let sessionId: string;
  let seen: TrafficEntry[];

  beforeAll(async () => {
    live = await tab();
    ({ sessionId } = (await live.command({
      type: 'connect',
      config: stdio('log-flood.mjs', { FLOOD_COUNT: String(FLOOD) }),
    })) as { sessionId: string });
    await live.waitForEntry(
      sessionId,
      (e) => (e.msg as { params?: { data?: unknown } })?.params?.data === `event ${FLOOD - 1}`,
    );
    seen = live.traffic(sessionId);
  }, 60_000);

  it('the proxy holds only its window in memory, the live tab got every entry in order', () => {
    const log = ui.hub.get(sessionId)!.log;
    expect(log.entries().length).toBeLessThanOrEqual(SPILL_WINDOW_ENTRIES);
    expect(log.memoryStart).toBeGreaterThan(0);
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i));
    expect(seen.length).toBeGreaterThan(FLOOD);
  });

  it('a second tab attaching from 0 gets the whole session, identical, older part from disk', async () => {
    const other = await tab();
    const from = other.mark();
    await other.command({ type: 'attach', sessionId, sinceSeq: 0 });
    const events = other.events
      .slice(from)
      .filter((e) => e.type === 'traffic' && e.sessionId === sessionId);
    expect(events[0]).toMatchObject({ reset: true });
    const entries = events.flatMap((e) => (e.type === 'traffic' ? e.entries : []));
    expect(entries.slice(0, seen.length)).toEqual(seen);
  });

  it('`history` pages older entries back exactly as they were sent live', async () => {
    const page = (await live.command({
      type: 'history',
      sessionId,
      beforeSeq: 12_000,
      limit: 5000,
    })) as HistoryPage;
    expect(page.complete).toBe(false);
    expect(page.entries).toEqual(seen.slice(7000, 12_000));
    const first = (await live.command({
      type: 'history',
      sessionId,
      beforeSeq: 30,
      limit: 10_000,
    })) as HistoryPage;
    expect(first).toEqual({ entries: seen.slice(0, 30), complete: true });
    // A page that straddles disk and memory.
    const memoryStart = ui.hub.get(sessionId)!.log.memoryStart;
    const across = (await live.command({
      type: 'history',
      sessionId,
      beforeSeq: memoryStart + 50,
      limit: 100,
    })) as HistoryPage;
    expect(across.entries).toEqual(seen.slice(memoryStart - 50, memoryStart + 50));
  });

  it('`entry` returns one old entry whole; a seq past the end is NO_SUCH_ENTRY', async () => {
    expect(await live.command({ type: 'entry', sessionId, seq: 3 })).toEqual({ entry: seen[3] });
    const missing = await live.send({ type: 'entry', sessionId, seq: 10_000_000 }).answer;
    expect(missing).toMatchObject({ type: 'error', code: 'NO_SUCH_ENTRY' });
    if (missing.type === 'error') expect(missing.message).toMatch(/its last is #\d+/);
  });

  it('a history page larger than the protocol allows is BAD_COMMAND', async () => {
    const answer = await live.send({ type: 'history', sessionId, beforeSeq: 100, limit: 1e6 })
      .answer;
    expect(answer).toMatchObject({ type: 'error', code: 'BAD_COMMAND' });
  });
});

describe('a 20 MiB tool result', () => {
  it('reaches the UI as a marked preview, and `entry` fetches it whole', async () => {
    const socket = await tab();
    const { sessionId } = (await socket.command({
      type: 'connect',
      config: stdio('huge-result.mjs'),
    })) as { sessionId: string };
    await socket.waitForState(sessionId, 'ready');
    const outcome = (await socket.command({
      type: 'request',
      sessionId,
      method: 'tools/call',
      params: { name: 'big', arguments: {} },
    })) as {
      ok: true;
      result: { content: { text: string }[] };
      responseSeq: number;
      truncated?: { bytes: number };
    };
    expect(outcome.ok).toBe(true);
    expect(outcome.truncated!.bytes).toBeGreaterThan(20 * 1024 * 1024);
    const preview = outcome.result.content[0]!.text;
    expect(preview.length).toBeLessThan(DISPLAY_CAP_BYTES);
    expect(preview).toMatch(/^x+… \[[\d,]+ more characters\]$/);
    // The live traffic entry of the response is a preview too.
    const response = await socket.waitForEntry(sessionId, (e) => e.seq === outcome.responseSeq);
    expect(response.truncated).toEqual(outcome.truncated);
    expect(JSON.stringify(response).length).toBeLessThan(DISPLAY_CAP_BYTES);
    // "Load full": the whole entry, ending in the fixture's END marker.
    const { entry } = (await socket.command({
      type: 'entry',
      sessionId,
      seq: outcome.responseSeq,
    })) as { entry: TrafficEntry };
    const text = (entry.msg as { result: { content: { text: string }[] } }).result.content[0]!.text;
    expect(text.length).toBe(20 * 1024 * 1024);
    expect(text.endsWith('xEND')).toBe(true);
    expect(entry.truncated).toBeUndefined();
    await socket.command({ type: 'remove', sessionId });
  }, 60_000);
});
