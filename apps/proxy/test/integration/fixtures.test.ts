import type { TrafficEntry } from '@mcpscope/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runCli, stdoutJson, toolText, type CliRun } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { isAlive } from '../helpers/processes.js';
import { loadRecording, messagesOf, spawnedPids } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';

const tmp = tempDir('fixtures');
afterAll(() => tmp.remove());

let n = 0;

/**
 * Calls the fixture's tool with a recording, then checks what every fixture test needs:
 * the recording parses line by line, and the server process it names is gone.
 */
async function call(
  fixtureName: string | [string, ...string[]],
  tool: string,
  ...flags: string[]
): Promise<{ run: CliRun; entries: TrafficEntry[] }> {
  const [name, ...fixtureArgs] = typeof fixtureName === 'string' ? [fixtureName] : fixtureName;
  const path = tmp.path(`${name}-${n++}.jsonl`);
  const run = await runCli([
    '--method',
    'tools/call',
    '--tool-name',
    tool,
    '--record',
    path,
    ...flags,
    '--',
    ...fixture(name, ...fixtureArgs),
  ]);
  const { entries } = loadRecording(path);
  const pids = spawnedPids(entries);
  expect(pids, 'one server process was spawned').toHaveLength(1);
  expect(isAlive(pids[0]!), `server pid ${pids[0]} is still running after mcpscope returned`).toBe(
    false,
  );
  return { run, entries };
}

/**
 * `call` with `--timeout 500` against a server that never answers tools/call. The timeout
 * also covers starting node and the handshake (~50 ms idle, a few hundred on a loaded
 * machine), so a run whose *handshake* timed out says nothing about tools/call and is
 * repeated, at most twice. A tools/call that never times out still fails the test.
 */
async function callUntilToolsCallTimesOut(
  fixtureName: [string, ...string[]],
): Promise<{ run: CliRun; entries: TrafficEntry[] }> {
  for (let attempt = 1; ; attempt++) {
    const result = await call(fixtureName, 'wait-forever', '--timeout', '500');
    const handshakeTimedOut =
      /^mcpscope: (initialize failed: )?(initialize|tools\/list) timed out/.test(result.run.stderr);
    if (!handshakeTimedOut || attempt === 3) return result;
  }
}

function exitFact(entries: TrafficEntry[]): TrafficEntry | undefined {
  return entries.find(
    (e) =>
      e.kind === 'lifecycle' &&
      (e.transport?.exitCode !== undefined || e.transport?.signal != null),
  );
}

describe('a server that prints garbage on stdout', () => {
  it('still succeeds, and warns NOT_JSON with the line on stderr', async () => {
    const { run, entries } = await call('garbage-stdout.mjs', 'hello');
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('hello after garbage');
    expect(run.stderr).toMatch(
      /^mcpscope: warning: NOT_JSON: not JSON \(.*\); a server must write only JSON-RPC messages to stdout, logs belong on stderr: "Server ready, handling tools\/call \(this line is not JSON\)"$/m,
    );
    const raw = entries.filter((e) => e.kind === 'raw');
    expect(raw.map((e) => [e.dir, e.raw])).toEqual([
      ['s2c', 'Server ready, handling tools/call (this line is not JSON)'],
    ]);
  });

  it('shows the raw line in the --verbose traffic log', async () => {
    const { run } = await call('garbage-stdout.mjs', 'hello', '--verbose');
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr).toMatch(
      /← raw\s+Server ready, handling tools\/call \(this line is not JSON\)/,
    );
    expect(run.stderr).toMatch(/! error NOT_JSON: not JSON/);
  });

  it('exits 6 with --strict', async () => {
    const { run } = await call('garbage-stdout.mjs', 'hello', '--strict');
    expect(run.code, describeRun(run)).toBe(6);
    expect(toolText(run)).toBe('hello after garbage');
  });
});

describe('a server that crashes during tools/call', () => {
  it('exits 3, saying the process exited with code 1 and what it last wrote to stderr', async () => {
    const { run, entries } = await call('crash-mid-call.mjs', 'explode');
    expect(run.code, describeRun(run)).toBe(3);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mcpscope: tools\/call failed: server process exited with code 1/);
    expect(lines[0]).toContain('fatal: the database is on fire');
    expect(exitFact(entries)?.transport).toMatchObject({ exitCode: 1, signal: null });
  });
});

describe('a server that never answers', () => {
  it('exits 4 after --timeout, sends notifications/cancelled, and SIGTERMs the server', async () => {
    const { run, entries } = await callUntilToolsCallTimesOut(['hang.mjs']);
    expect(run.code, describeRun(run)).toBe(4);
    expect(run.stderr).toMatch(
      /^mcpscope: tools\/call timed out: no response or progress for 500 ms/,
    );
    const request = messagesOf(entries, 'c2s', 'tools/call')[0]!;
    const cancelled = messagesOf(entries, 'c2s', 'notifications/cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.msg).toMatchObject({
      params: {
        requestId: (request.msg as { id: unknown }).id,
        reason: expect.stringContaining('timed out') as unknown,
      },
    });
    expect(cancelled[0]!.seq).toBeGreaterThan(request.seq);
    // The fixture ignores end-of-input, so only a signal stops it.
    expect(exitFact(entries)?.transport).toMatchObject({ signal: 'SIGTERM' });
  });

  it('is SIGKILLed when it ignores SIGTERM', async () => {
    const { run, entries } = await callUntilToolsCallTimesOut(['hang.mjs', '--ignore-sigterm']);
    expect(run.code, describeRun(run)).toBe(4);
    expect(run.stderr).toMatch(/^mcpscope: tools\/call timed out/);
    expect(exitFact(entries)?.transport).toMatchObject({ signal: 'SIGKILL' });
  });
});

describe('a server that returns a 20 MB result', () => {
  it('exits 0 and prints the whole result', async () => {
    const { run, entries } = await call('huge-result.mjs', 'big');
    expect(run.code, `exit ${run.code}, stderr: ${run.stderr.slice(0, 2000)}`).toBe(0);
    const result = stdoutJson<{ content: { type: string; text: string }[] }>(run);
    expect(result.content).toHaveLength(1);
    const text = result.content[0]!.text;
    expect(text.length).toBe(20 * 1024 * 1024);
    expect(text.endsWith('xxEND')).toBe(true);
    const response = entries.find(
      (e) =>
        e.kind === 'response' &&
        (e.msg as { id: unknown }).id ===
          (messagesOf(entries, 'c2s', 'tools/call')[0]!.msg as { id: unknown }).id,
    );
    expect(response?.size).toBeGreaterThan(20 * 1024 * 1024);
  });
});

describe('a tool whose structuredContent breaks its outputSchema', () => {
  it('warns OUTPUT_SCHEMA_MISMATCH and exits 0', async () => {
    const { run } = await call('output-schema.mjs', 'count-things');
    expect(run.code, describeRun(run)).toBe(0);
    expect(stdoutJson(run)).toMatchObject({ structuredContent: { count: 'three' } });
    expect(run.stderr).toMatch(
      /^mcpscope: warning: OUTPUT_SCHEMA_MISMATCH: structuredContent does not match the tool's outputSchema: at count: /m,
    );
  });

  it('exits 6 with --strict, still printing the result', async () => {
    const { run } = await call('output-schema.mjs', 'count-things', '--strict');
    expect(run.code, describeRun(run)).toBe(6);
    expect(stdoutJson(run)).toMatchObject({ structuredContent: { count: 'three' } });
    expect(run.stderr).toContain('OUTPUT_SCHEMA_MISMATCH');
  });
});
