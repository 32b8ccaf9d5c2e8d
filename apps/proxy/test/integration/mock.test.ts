import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateBin } from '../helpers/built-bin.js';
import { ECHO_HI, LONG_RUNNING_4_STEPS } from '../helpers/calls.js';
import { describeRun, runCli, stdoutJson, toolText } from '../helpers/cli.js';
import { EVERYTHING_STDIO } from '../helpers/paths.js';
import { stopProcess, waitForOutput } from '../helpers/processes.js';
import { loadRecording, messagesOf } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';

const tmp = tempDir('mock');
let bin: { bin: string; remove: () => void };
let echo: string;
let longRunning: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  bin = buildPrivateBin();
  echo = tmp.path('echo.jsonl');
  longRunning = tmp.path('long.jsonl');
  const runs = await Promise.all([
    runCli([...ECHO_HI, '--record', echo, ...EVERYTHING_STDIO]),
    runCli([...LONG_RUNNING_4_STEPS, '--record', longRunning, ...EVERYTHING_STDIO]),
  ]);
  for (const run of runs) expect(run.code, describeRun(run)).toBe(0);
}, 60_000);

afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child)));
  bin?.remove();
  tmp.remove();
});

/** `mcpscope mock FILE …` as a stdio target command line. */
const mockCommand = (...args: string[]): string[] => [process.execPath, bin.bin, 'mock', ...args];

/** Starts `mcpscope mock FILE --http 0 …` and resolves with the URL it prints. */
async function startHttpMock(...args: string[]): Promise<string> {
  const child = spawn(process.execPath, [bin.bin, 'mock', ...args, '--http', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const match = await waitForOutput(child, /at (http:\/\/127\.0\.0\.1:\d+\/\w+)/);
  return match[1]!;
}

describe('mcpscope mock over stdio', () => {
  it('a one-shot mcpscope --cli call gets the recorded answer', async () => {
    const run = await runCli(['--cli', ...ECHO_HI, ...mockCommand(echo)]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(stdoutJson(run)).toEqual({ content: [{ type: 'text', text: 'Echo: hi' }] });
  });

  it('answers initialize with the recorded server info and capabilities', async () => {
    const run = await runCli(['--cli', '--method', 'initialize', ...mockCommand(echo)]);
    expect(run.code, describeRun(run)).toBe(0);
    const recorded = loadRecording(echo).entries.find(
      (e) =>
        e.kind === 'response' &&
        e.pairSeq === messagesOf(loadRecording(echo).entries, 'c2s', 'initialize')[0]!.seq,
    );
    const result = (recorded!.msg as { result: { serverInfo: unknown; capabilities: unknown } })
      .result;
    expect(stdoutJson<{ agreed: Record<string, unknown> }>(run).agreed).toMatchObject({
      serverInfo: result.serverInfo,
      capabilities: result.capabilities,
    });
  });

  it('answers initialize with the protocol version a client pinned to another revision asks for', async () => {
    const run = await runCli([
      '--cli',
      '--method',
      'initialize',
      '--protocol-version',
      '2025-06-18',
      ...mockCommand(echo),
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(stdoutJson<{ agreed: { protocolVersion: string } }>(run).agreed.protocolVersion).toBe(
      '2025-06-18',
    );
  });

  it('an unrecorded request gets a JSON-RPC error that names it', async () => {
    const run = await runCli(['--cli', '--method', 'prompts/list', ...mockCommand(echo)]);
    expect(run.code, describeRun(run)).toBe(5);
    expect(run.stderr).toContain(
      'JSON-RPC error -32601: mcpscope mock: the recording has no prompts/list request',
    );
    expect(run.stderr).toMatch(
      /it recorded (server\/discover, )?initialize, tools\/list, tools\/call/,
    );
  });

  it('replays the notifications recorded during a call, with the caller’s progress token, before the response', async () => {
    const recording = tmp.path('mocked-long.jsonl');
    const run = await runCli([
      '--cli',
      ...LONG_RUNNING_4_STEPS,
      '--record',
      recording,
      ...mockCommand(longRunning),
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('Long running operation completed. Duration: 1 seconds, Steps: 4.');
    const { entries } = loadRecording(recording);
    const call = messagesOf(entries, 'c2s', 'tools/call')[0]!;
    const token = (call.msg as { params: { _meta: { progressToken: unknown } } }).params._meta
      .progressToken;
    const progress = messagesOf(entries, 's2c', 'notifications/progress');
    expect(progress.map((e) => (e.msg as { params: unknown }).params)).toEqual(
      [1, 2, 3, 4].map((i) => ({ progress: i, total: 4, progressToken: token })),
    );
    const response = entries.find((e) => e.kind === 'response' && e.pairSeq === call.seq)!;
    expect(response.seq).toBeGreaterThan(progress.at(-1)!.seq);
    // At the recorded offsets: the last progress came ~1 s into the recorded call.
    const original = loadRecording(longRunning).entries;
    const originalCall = messagesOf(original, 'c2s', 'tools/call')[0]!;
    const lastOffset =
      messagesOf(original, 's2c', 'notifications/progress').at(-1)!.t - originalCall.t;
    expect(progress.at(-1)!.t - call.t).toBeGreaterThanOrEqual(lastOffset * 0.9);
  });
});

describe('mcpscope mock over HTTP', () => {
  it('Streamable HTTP: a one-shot call gets the recorded answer in a session of its own', async () => {
    const url = await startHttpMock(echo);
    expect(url).toMatch(/\/mcp$/);
    const recording = tmp.path('over-http.jsonl');
    const run = await runCli(['--cli', ...ECHO_HI, '--record', recording, url]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('Echo: hi');
    const sessionIds = new Set(
      loadRecording(recording).entries.flatMap((e) =>
        e.transport?.sessionId === undefined ? [] : [e.transport.sessionId],
      ),
    );
    expect(sessionIds.size).toBe(1);
  });

  it('the SDK’s own client lists the recorded tools', async () => {
    const url = await startHttpMock(echo);
    const client = new Client({ name: 'sdk-client', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      const { tools } = await client.listTools();
      const recorded = loadRecording(echo).entries.find(
        (e) => e.kind === 'response' && JSON.stringify(e.msg).includes('"tools":['),
      )!;
      expect(tools.map((t) => t.name)).toEqual(
        (recorded.msg as { result: { tools: { name: string }[] } }).result.tools.map((t) => t.name),
      );
      expect(client.getServerVersion()?.name).toBe('mcp-servers/everything');
    } finally {
      await client.close();
    }
  });

  it('refuses a request whose Host is not its loopback address (DNS rebinding)', async () => {
    const url = new URL(await startHttpMock(echo));
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: url.port,
          path: '/mcp',
          method: 'POST',
          headers: { host: 'attacker.example', 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('--sse serves the legacy transport, progress included', async () => {
    const url = await startHttpMock(longRunning, '--sse');
    expect(url).toMatch(/\/sse$/);
    const run = await runCli(['--cli', ...LONG_RUNNING_4_STEPS, url]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toContain('Steps: 4.');
  });

  it('--sse without --http is a usage error', async () => {
    const run = await runCli(['mock', echo, '--sse']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--sse needs --http PORT');
  });
});
