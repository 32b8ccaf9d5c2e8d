import type { ServerConfig } from '@mcpscope/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EVERYTHING } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { openSocket, startUi, writeWebRoot, type RunningUi, type UiSocket } from '../helpers/ui.js';

/**
 * A person answering a server's sampling request takes as long as they take: mcpscope's own
 * request timeout must not end the call that made the server ask while the dialog is open.
 * Against the real server-everything, whose `trigger-sampling-request` waits for the answer.
 */
const CONFIG: ServerConfig = {
  transport: 'stdio',
  name: 'server-everything',
  command: process.execPath,
  args: [EVERYTHING, 'stdio'],
  env: {},
};
const TIMEOUT_MS = 1000;

const tmp = tempDir('ui-human-wait');
let ui: RunningUi;
let tab: UiSocket;
let sessionId: string;

beforeAll(async () => {
  ui = await startUi({ webRoot: writeWebRoot(tmp.path('web')), configDir: tmp.path('config') });
  tab = await openSocket(`${ui.wsUrl}?token=${ui.token}`, { origin: ui.origin });
  await tab.waitFor('hello');
  const from = tab.mark();
  sessionId = ((await tab.command({ type: 'connect', config: CONFIG })) as { sessionId: string })
    .sessionId;
  await tab.waitForState(sessionId, 'ready', from);
});

afterAll(async () => {
  await tab?.close();
  await ui?.close();
  tmp.remove();
});

it('a sampling dialog left open for three times the request timeout still answers the call', async () => {
  const from = tab.mark();
  const call = tab.send({
    type: 'request',
    sessionId,
    method: 'tools/call',
    params: { name: 'trigger-sampling-request', arguments: { prompt: 'hi', maxTokens: 10 } },
    timeoutMs: TIMEOUT_MS,
  });
  const pending = await tab.waitFor('pendingServerRequest', (e) => e.sessionId === sessionId, from);
  // The person reads and types for a while.
  await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 3));
  await tab.command({
    type: 'respond',
    sessionId,
    serverRequestId: pending.request.key,
    answer: {
      result: {
        role: 'assistant',
        content: { type: 'text', text: 'a slow human says hello' },
        model: 'human-in-the-loop',
      },
    },
  });
  const answer = await call.answer;
  expect(answer).toMatchObject({ type: 'reply', result: { ok: true } });
  // The reply refers to its response entry; the result is read from there, as the UI does.
  if (answer.type !== 'reply') throw new Error('no reply');
  expect(JSON.stringify(tab.outcomeOf(sessionId, answer))).toContain('a slow human says hello');
});

it('once answered, the timeout runs again: a call the server never answers still times out', async () => {
  // The same session, no dialog open: a request to a method the server ignores would be
  // answered with an error, so a long-running tool stands in, cut short by the timeout.
  const started = Date.now();
  const outcome = (await tab.command({
    type: 'request',
    sessionId,
    method: 'tools/call',
    params: { name: 'trigger-long-running-operation', arguments: { duration: 30, steps: 1 } },
    timeoutMs: TIMEOUT_MS,
  })) as { ok: boolean; code?: string };
  expect(outcome).toMatchObject({ ok: false, code: 'TIMEOUT' });
  expect(Date.now() - started).toBeLessThan(10_000);
});
