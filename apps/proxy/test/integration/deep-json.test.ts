import type { ServerConfig } from '@mcpscope/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, runCli, toolText } from '../helpers/cli.js';
import { readValidRecording, issueCodes } from '../helpers/misbehaving.js';
import { EVERYTHING, fixture } from '../helpers/paths.js';
import { startHttpFixture } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp.js';
import { openSocket, startUi, writeWebRoot, type RunningUi, type UiSocket } from '../helpers/ui.js';

/**
 * JSON nested 5,000 levels deep (a 25 KB line) from a server, and 100,000 levels deep in a
 * browser command. V8 parses it; JSON.stringify, zod and the spill file then threw, which
 * crashed the proxy over stdio and wedged the session over HTTP. Now such a frame is kept as
 * raw text with TOO_DEEP, a response that deep fails its request at once, and a command
 * that deep gets BAD_REQUEST.
 */
const tmp = tempDir('deep-json');
afterAll(() => tmp.remove());

const FAILED =
  /^mcpscope: (tools\/call|tools\/list) failed: its response could not be read \(nested deeper than 1000 levels: kept as raw text, not parsed\)/;

describe('deep JSON through the one-shot CLI', () => {
  it('a deep tools/call result fails the call with one line, and is recorded raw', async () => {
    const path = tmp.path('deep-stdio.jsonl');
    const run = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'deep',
      '--record',
      path,
      '--',
      ...fixture('deep-json.mjs'),
    ]);
    expect(run.code, describeRun(run)).toBe(3);
    expect(run.stderr, describeRun(run)).toMatch(FAILED);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const entries = await readValidRecording(path);
    const deep = entries.filter((e) => e.issues?.some((i) => i.code === 'TOO_DEEP'));
    // The notification and the response, both as raw text; the response paired with its request.
    expect(deep).toHaveLength(2);
    for (const e of deep) {
      expect(e.msg).toBeUndefined();
      expect(e.raw?.length).toBeGreaterThan(10_000);
    }
    expect(deep[1]!.pairSeq).toBeDefined();
  });

  it('a deep notification before a good result: exit 0 with a warning', async () => {
    const run = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'fine',
      '--',
      ...fixture('deep-json.mjs'),
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('fine after a deep notification');
    expect(run.stderr).toMatch(/^mcpscope: warning: TOO_DEEP: nested deeper than 1000 levels/m);
  });

  it('a deep tools/list result', async () => {
    const run = await runCli([
      '--method',
      'tools/list',
      '--',
      ...fixture('deep-json.mjs', '--deep-list'),
    ]);
    expect(run.code, describeRun(run)).toBe(3);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(FAILED);
  });

  it('over Streamable HTTP, the same', async () => {
    const server = await startHttpFixture('deep-json.mjs', ['--http']);
    try {
      const url = `${server.origin}/mcp`;
      const deep = await runCli(['--method', 'tools/call', '--tool-name', 'deep', url]);
      expect(deep.code, describeRun(deep)).toBe(3);
      expect(deep.stderr.split('\n')).toHaveLength(1);
      expect(deep.stderr).toMatch(FAILED);
      const fine = await runCli(['--method', 'tools/call', '--tool-name', 'fine', url]);
      expect(fine.code, describeRun(fine)).toBe(0);
      expect(toolText(fine)).toBe('fine after a deep notification');
    } finally {
      await server.stop();
    }
  });
});

type Outcome = { ok: true; result: unknown } | { ok: false; code: string; message: string };

const HEALTHY: ServerConfig = {
  transport: 'stdio',
  name: 'server-everything',
  command: process.execPath,
  args: [EVERYTHING, 'stdio'],
  env: {},
};

describe('deep JSON through the proxy socket', () => {
  const webRoot = writeWebRoot(tmp.path('web'));
  let ui: RunningUi;
  let tab: UiSocket;

  beforeAll(async () => {
    ui = await startUi({ webRoot, configDir: tmp.path('config') });
    tab = await openSocket(`${ui.wsUrl}?token=${ui.token}`, { origin: ui.origin });
    await tab.waitFor('hello');
  }, 60_000);

  afterAll(async () => {
    expect(tab.invalid, 'frames off the wire contract').toEqual([]);
    await tab.close();
    await ui.close();
  });

  async function connect(config: ServerConfig): Promise<string> {
    const from = tab.mark();
    const { sessionId } = (await tab.command({ type: 'connect', config })) as { sessionId: string };
    await tab.waitForState(sessionId, 'ready', from);
    return sessionId;
  }

  async function call(sessionId: string, name: string, args?: Record<string, unknown>) {
    return (await tab.command({
      type: 'request',
      sessionId,
      method: 'tools/call',
      params: { name, ...(args !== undefined && { arguments: args }) },
    })) as Outcome;
  }

  it('a deep result and notification: the call fails, the session and the proxy go on', async () => {
    const [command, ...args] = fixture('deep-json.mjs');
    const deep = await connect({
      transport: 'stdio',
      name: 'deep',
      command: command!,
      args,
      env: {},
    });
    const outcome = await call(deep, 'deep');
    expect(outcome).toMatchObject({ ok: false, code: 'BAD_RESPONSE' });
    expect((outcome as { message: string }).message).toMatch(
      /^tools\/call failed: its response could not be read \(nested deeper than 1000 levels/,
    );
    // The same session still works: nothing was wedged by the deep frames.
    expect(await call(deep, 'fine')).toMatchObject({ ok: true });
    const entry = await tab.waitForEntry(
      deep,
      (e) => e.issues?.some((i) => i.code === 'TOO_DEEP') === true,
    );
    expect(entry).toMatchObject({ kind: 'raw', dir: 's2c' });
    expect(
      issueCodes(tab.traffic(deep)).filter((c) => c === 'TOO_DEEP').length,
    ).toBeGreaterThanOrEqual(3);
    // The whole history reads back from the spill file and memory: no seq gap, no wedge.
    const page = (await tab.command({
      type: 'history',
      sessionId: deep,
      beforeSeq: 1_000_000,
      limit: 1000,
    })) as { entries: { seq: number }[] };
    expect(page.entries.map((e) => e.seq)).toEqual(page.entries.map((_, i) => i));
    const healthy = await connect(HEALTHY);
    const echo = await call(healthy, 'echo', { message: 'still here' });
    expect(echo).toMatchObject({ ok: true });
  }, 60_000);

  it('over Streamable HTTP, the session is not wedged (no spill seq gap)', async () => {
    const server = await startHttpFixture('deep-json.mjs', ['--http']);
    try {
      const deep = await connect({
        transport: 'streamable-http',
        name: 'deep-http',
        url: `${server.origin}/mcp`,
        headers: {},
        sseFallback: false,
      });
      expect(await call(deep, 'deep')).toMatchObject({ ok: false, code: 'BAD_RESPONSE' });
      expect(await call(deep, 'fine')).toMatchObject({ ok: true });
      expect(await call(deep, 'fine')).toMatchObject({ ok: true });
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('a 100,000-deep request command gets BAD_REQUEST; closing the tab then is harmless', async () => {
    const other = await openSocket(`${ui.wsUrl}?token=${ui.token}`, { origin: ui.origin });
    await other.waitFor('hello');
    const [command, ...args] = fixture('deep-json.mjs');
    const from = other.mark();
    const { sessionId } = (await other.command({
      type: 'connect',
      config: { transport: 'stdio', name: 'deep-cmd', command: command!, args, env: {} },
    })) as { sessionId: string };
    await other.waitForState(sessionId, 'ready', from);
    const levels = 100_000;
    const frame = `{"type":"request","id":"deep-1","sessionId":${JSON.stringify(sessionId)},"method":"tools/call","params":{"name":"fine","arguments":{"a":${'['.repeat(levels)}${']'.repeat(levels)}}}}`;
    const mark = other.mark();
    other.sendRaw(frame);
    const answer = await other.waitFor('error', (e) => e.id === 'deep-1', mark);
    expect(answer).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'command nested deeper than 1000 levels: not run',
    });
    await other.close();
    // The proxy is still up, and the session still answers through another tab.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await call(sessionId, 'fine')).toMatchObject({ ok: true });
  }, 60_000);
});
