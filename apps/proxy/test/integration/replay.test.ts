import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TrafficEntry } from '@mcpscope/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ECHO_HI, LONG_RUNNING_4_STEPS } from '../helpers/calls.js';
import { describeRun, runCli, stdoutJson, type CliRun } from '../helpers/cli.js';
import { EVERYTHING_STDIO } from '../helpers/paths.js';
import { startEverything, type RunningServer } from '../helpers/processes.js';
import { loadRecording } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';

/** The real @modelcontextprotocol/server-memory: a different server to replay against. */
const MEMORY = [
  process.execPath,
  join(
    dirname(
      createRequire(import.meta.url).resolve('@modelcontextprotocol/server-memory/package.json'),
    ),
    'dist',
    'index.js',
  ),
];

const tmp = tempDir('replay');
afterAll(() => tmp.remove());

interface Report {
  exitCode: number;
  target: unknown;
  summary: {
    requests: number;
    same: number;
    different: number;
    failed: number;
    handshakes: number;
    serverRequests: { answered: number; unmatched: { method: string }[] };
  };
  requests: {
    label: string;
    status: string;
    differences: { path: string; recorded?: unknown; actual?: unknown }[];
  }[];
  notifications: { method: string; status: string; differences: { path: string }[] }[];
}

/** Records one CLI call against server-everything over stdio. */
async function record(name: string, ...argv: string[]): Promise<string> {
  const path = tmp.path(name);
  const run = await runCli([...argv, '--record', path, ...EVERYTHING_STDIO]);
  expect(run.code, describeRun(run)).toBe(0);
  return path;
}

async function replayJson(...argv: string[]): Promise<{ run: CliRun; report: Report }> {
  const run = await runCli(['replay', ...argv, '--format', 'json']);
  return { run, report: stdoutJson<Report>(run) };
}

/** Rewrites the entries of a recording (the header stays). */
function rewrite(from: string, to: string, change: (entry: TrafficEntry) => TrafficEntry): void {
  const { header, entries } = loadRecording(from);
  writeFileSync(
    to,
    [header, ...entries.map(change)].map((line) => JSON.stringify(line)).join('\n') + '\n',
  );
}

describe('mcpscope replay against the recorded server', () => {
  let echo: string;
  beforeAll(async () => {
    echo = await record('echo.jsonl', ...ECHO_HI);
  });

  it('a CLI recording replays with no difference: exit 0, one line per request', async () => {
    const run = await runCli(['replay', echo, '--no-color']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain(`Replaying ${echo} against ${EVERYTHING_STDIO.join(' ')}`);
    expect(run.stdout).toMatch(/✓ initialize \(seq \d+\)/);
    expect(run.stdout).toMatch(/✓ tools\/list \(seq \d+\)/);
    expect(run.stdout).toMatch(/✓ tools\/call echo \(seq \d+\)/);
    expect(run.stdout).toMatch(/3 requests replayed in 1 session \(\d+ ms\): 3 same, 0 different$/);
  });

  it('answers the target’s sampling request with the recorded answer', async () => {
    const path = await record(
      'sampling.jsonl',
      '--method',
      'tools/call',
      '--tool-name',
      'trigger-sampling-request',
      '--tool-arg',
      'prompt=say hello',
      '--sampling-response',
      'a recorded answer',
    );
    const { run, report } = await replayJson(path);
    expect(run.code, describeRun(run)).toBe(0);
    expect(report.summary).toMatchObject({ same: 3, different: 0 });
    // The tool result quotes the sampling answer, so "same" means the recorded one was sent.
    expect(report.summary.serverRequests).toEqual({ answered: 1, unmatched: [] });
  });

  it('answers elicitation and roots requests from the recording', async () => {
    const elicitation = await record(
      'elicitation.jsonl',
      '--method',
      'tools/call',
      '--tool-name',
      'trigger-elicitation-request',
      '--elicitation',
      'accept',
      '--elicitation-content',
      '{"name":"Ada Lovelace"}',
    );
    const roots = await record(
      'roots.jsonl',
      '--method',
      'tools/call',
      '--tool-name',
      'get-roots-list',
      '--root',
      '/tmp',
    );
    for (const path of [elicitation, roots]) {
      const { run, report } = await replayJson(path);
      expect(run.code, describeRun(run)).toBe(0);
      expect(report.summary.serverRequests.answered).toBeGreaterThan(0);
      expect(report.summary.serverRequests.unmatched).toEqual([]);
    }
  });

  it('reports a changed response as a difference at its JSONPath; --ignore-path ignores it', async () => {
    const tampered = tmp.path('tampered.jsonl');
    rewrite(echo, tampered, (entry) =>
      JSON.stringify(entry).includes('Echo: hi')
        ? (JSON.parse(JSON.stringify(entry).replace('Echo: hi', 'Echo: recorded')) as TrafficEntry)
        : entry,
    );
    const human = await runCli(['replay', tampered, '--no-color']);
    expect(human.code, describeRun(human)).toBe(1);
    expect(human.stdout).toContain('✗ tools/call echo');
    expect(human.stdout).toContain('$.result.content[0].text');
    expect(human.stdout).toContain('- recorded: "Echo: recorded"');
    expect(human.stdout).toContain('+ actual:   "Echo: hi"');
    expect(human.stdout).toMatch(/2 same, 1 different$/);

    const ignored = await runCli(['replay', tampered, '--ignore-path', '$.result.content[0].text']);
    expect(ignored.code, describeRun(ignored)).toBe(0);
  });

  it('compares the server notifications too: a changed one and a missing one differ', async () => {
    const progress = await record('progress.jsonl', ...LONG_RUNNING_4_STEPS);
    const same = await replayJson(progress);
    expect(same.run.code, describeRun(same.run)).toBe(0);
    const compared = same.report.notifications.filter((n) => n.method === 'notifications/progress');
    expect(compared.map((n) => n.status)).toEqual(['same', 'same', 'same', 'same']);

    // The recorded server said something else at its second step, and nothing at its last.
    const tampered = tmp.path('progress-tampered.jsonl');
    let steps = 0;
    const { header, entries } = loadRecording(progress);
    const kept = entries
      .map((entry) => {
        const msg = entry.msg as { method?: string; params?: { progress?: number } } | undefined;
        if (msg?.method !== 'notifications/progress') return entry;
        steps++;
        if (steps === 4) return undefined;
        return steps === 2
          ? { ...entry, msg: { ...msg, params: { ...msg.params, progress: 99 } } }
          : entry;
      })
      .filter((entry) => entry !== undefined);
    writeFileSync(
      tampered,
      [header, ...kept].map((line) => JSON.stringify(line)).join('\n') + '\n',
    );
    const human = await runCli(['replay', tampered, '--no-color']);
    expect(human.code, describeRun(human)).toBe(1);
    expect(human.stdout).toMatch(
      /✗ notifications\/progress \(recorded seq \d+, live seq \d+\) 1 difference/,
    );
    expect(human.stdout).toContain('- recorded: 99');
    expect(human.stdout).toMatch(
      /✗ notifications\/progress \(live seq \d+\) sent by the target, not in the recording/,
    );
    expect(human.stdout).toMatch(/server notifications compared: \d+ same, 1 different, 1 new/);
  });

  it('--update rewrites the recording from the new responses', async () => {
    const stale = tmp.path('stale.jsonl');
    rewrite(
      echo,
      stale,
      (entry) =>
        JSON.parse(JSON.stringify(entry).replace('Echo: hi', 'Echo: stale')) as TrafficEntry,
    );
    const update = await runCli(['replay', stale, '--update']);
    expect(update.code, describeRun(update)).toBe(1);
    expect(update.stderr).toContain(`rewrote ${stale}`);
    const rewritten = loadRecording(stale);
    expect(rewritten.text).toContain('Echo: hi');
    expect(rewritten.text).not.toContain('Echo: stale');
    const again = await runCli(['replay', stale]);
    expect(again.code, describeRun(again)).toBe(0);
  });

  it('replays every session of a recording with several handshakes', async () => {
    const second = await record('ping.jsonl', '--method', 'prompts/list');
    const a = loadRecording(echo);
    const b = loadRecording(second);
    const offset = a.entries.length;
    const joined = tmp.path('two-sessions.jsonl');
    writeFileSync(
      joined,
      [
        a.header,
        ...a.entries,
        ...b.entries.map((e) => ({
          ...e,
          seq: e.seq + offset,
          ...(e.pairSeq !== undefined && { pairSeq: e.pairSeq + offset }),
        })),
      ]
        .map((line) => JSON.stringify(line))
        .join('\n') + '\n',
    );
    const { run, report } = await replayJson(joined);
    expect(run.code, describeRun(run)).toBe(0);
    expect(report.summary).toMatchObject({ handshakes: 2, requests: 5, same: 5 });
    expect(report.requests.map((r) => r.label)).toEqual([
      'initialize',
      'tools/list',
      'tools/call echo',
      'initialize',
      'prompts/list',
    ]);
  });
});

describe('mcpscope replay keeps the recorded concurrency', () => {
  it('sends a request while another is in flight, and cancels what the recorded client cancelled', async () => {
    const base = loadRecording(await record('base.jsonl', '--method', 'ping'));
    // The handshake as recorded, then a session written as a client with two requests in
    // flight would have it: a slow call, a ping answered before it, and a cancelled call.
    // (Everything before the recorded ping: the server's notifications after the handshake
    // too, such as tools/list_changed, which replay compares with the target's.)
    const pingAt = base.entries.findIndex(
      (x) => x.kind === 'request' && (x.msg as { method?: string }).method === 'ping',
    );
    const handshake = [
      ...base.entries.slice(0, pingAt),
      ...base.entries.slice(pingAt).filter((x) => x.dir === 's2c' && x.kind === 'notification'),
    ].map((x, i) => ({ ...x, seq: i }));
    const slow = {
      name: 'trigger-long-running-operation',
      arguments: { duration: 1, steps: 2 },
      _meta: { progressToken: 1 },
    };
    let seq = handshake.length;
    let t = handshake.at(-1)!.t;
    const entry = (fields: Omit<TrafficEntry, 'seq' | 't'>): TrafficEntry => ({
      seq: seq++,
      t: (t += 10),
      ...fields,
    });
    const call = entry({
      dir: 'c2s',
      kind: 'request',
      msg: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: slow },
    });
    const ping = entry({
      dir: 'c2s',
      kind: 'request',
      msg: { jsonrpc: '2.0', id: 2, method: 'ping' },
    });
    const pong = entry({
      dir: 's2c',
      kind: 'response',
      msg: { jsonrpc: '2.0', id: 2, result: {} },
      pairSeq: ping.seq,
    });
    // The server's progress on the slow call: replay compares server notifications too.
    const progress = [1, 2].map((step) =>
      entry({
        dir: 's2c',
        kind: 'notification',
        msg: {
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progress: step, total: 2, progressToken: 1 },
        },
      }),
    );
    const done = entry({
      dir: 's2c',
      kind: 'response',
      msg: {
        jsonrpc: '2.0',
        id: 1,
        result: {
          content: [
            {
              type: 'text',
              text: 'Long running operation completed. Duration: 1 seconds, Steps: 2.',
            },
          ],
        },
      },
      pairSeq: call.seq,
    });
    const doomed = entry({
      dir: 'c2s',
      kind: 'request',
      msg: {
        jsonrpc: '2.0',
        id: 3,
        method: 'tools/call',
        params: { ...slow, _meta: { progressToken: 3 } },
      },
    });
    const cancel = entry({
      dir: 'c2s',
      kind: 'notification',
      msg: {
        jsonrpc: '2.0',
        method: 'notifications/cancelled',
        params: { requestId: 3, reason: 'user' },
      },
    });
    const path = tmp.path('concurrent.jsonl');
    writeFileSync(
      path,
      [base.header, ...handshake, call, ping, pong, ...progress, done, doomed, cancel]
        .map((line) => JSON.stringify(line))
        .join('\n') + '\n',
    );

    const update = tmp.path('concurrent-live.jsonl');
    writeFileSync(update, readFileSync(path));
    const { run, report } = await replayJson(update, '--update');
    expect(run.code, describeRun(run)).toBe(0);
    expect(report.notifications.map((n) => [n.method, n.status])).toEqual([
      ['notifications/tools/list_changed', 'same'],
      ['notifications/progress', 'same'],
      ['notifications/progress', 'same'],
    ]);
    expect(report.requests.map((r) => [r.label, r.status])).toEqual([
      ['initialize', 'same'],
      ['tools/call trigger-long-running-operation', 'same'],
      ['ping', 'same'],
      ['tools/call trigger-long-running-operation', 'cancelled'],
    ]);
    // In the live session, the ping went out and came back while the slow call was pending,
    // and the cancelled call was cancelled with its live id.
    const live = loadRecording(update).entries;
    const calls = live.filter(
      (e) =>
        e.dir === 'c2s' &&
        e.kind === 'request' &&
        (e.msg as { method: string }).method === 'tools/call',
    );
    const livePing = live.find(
      (e) => e.dir === 'c2s' && (e.msg as { method?: string } | undefined)?.method === 'ping',
    )!;
    const slowResponse = live.find((e) => e.dir === 's2c' && e.pairSeq === calls[0]!.seq)!;
    const pingResponse = live.find((e) => e.dir === 's2c' && e.pairSeq === livePing.seq)!;
    expect(livePing.seq).toBeGreaterThan(calls[0]!.seq);
    expect(pingResponse.seq).toBeLessThan(slowResponse.seq);
    const liveCancel = live.find(
      (e) => (e.msg as { method?: string } | undefined)?.method === 'notifications/cancelled',
    )!;
    expect((liveCancel.msg as { params: { requestId: unknown } }).params.requestId).toBe(
      (calls[1]!.msg as { id: unknown }).id,
    );
  });
});

describe('mcpscope replay of a recording with redacted secrets', () => {
  it('asks for the target with --against, and a recorded [REDACTED] matches the live secret', async () => {
    const path = tmp.path('env.jsonl');
    const recorded = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'get-env',
      '-e',
      'API_TOKEN=supersecretvalue',
      '--record',
      path,
      ...EVERYTHING_STDIO,
    ]);
    expect(recorded.code, describeRun(recorded)).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('[REDACTED]');

    const refused = await runCli(['replay', path]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "the recording's target has redacted secrets ([REDACTED]); give the target with --against",
    );

    const { run, report } = await replayJson(
      path,
      '--against',
      '-e',
      'API_TOKEN=supersecretvalue',
      ...EVERYTHING_STDIO,
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(report.summary).toMatchObject({ same: 3, different: 0 });
    // The report names the target, its secret redacted as the recording has it.
    expect(report).toMatchObject({ target: { env: { API_TOKEN: '[REDACTED]' } } });
    expect(run.stdout).not.toContain('supersecretvalue');
  });
});

describe('mcpscope replay against another server', () => {
  it('server-memory differs: exit 1, and the report says where', async () => {
    const echo = await record('echo-for-memory.jsonl', ...ECHO_HI);
    const { run, report } = await replayJson(echo, '--against', ...MEMORY);
    expect(run.code, describeRun(run)).toBe(1);
    expect(report.exitCode).toBe(1);
    const byLabel = Object.fromEntries(report.requests.map((r) => [r.label, r]));
    expect(byLabel['initialize']!.differences).toContainEqual({
      path: '$.result.serverInfo.name',
      recorded: 'mcp-servers/everything',
      actual: 'memory-server',
    });
    // Listings are compared by name: echo is missing, the memory tools are new.
    const listing = byLabel['tools/list']!.differences;
    const echoTool = listing.find((d) => d.path === "$.result.tools[?@.name=='echo']");
    expect(echoTool).toMatchObject({ recorded: { name: 'echo' } });
    expect(echoTool).not.toHaveProperty('actual');
    const created = listing.find((d) => d.path === "$.result.tools[?@.name=='create_entities']");
    expect(created).toMatchObject({ actual: { name: 'create_entities' } });
    expect(created).not.toHaveProperty('recorded');
    expect(byLabel['tools/call echo']!.status).toBe('different');
  });
});

describe('mcpscope replay over Streamable HTTP', () => {
  let http: RunningServer;
  beforeAll(async () => {
    http = await startEverything('streamableHttp');
  });
  afterAll(() => http?.stop());

  it('a recording made over HTTP replays against the same server with no difference', async () => {
    const path = tmp.path('http.jsonl');
    const recorded = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'get-sum',
      '--tool-arg',
      'a=1',
      '--tool-arg',
      'b=2',
      '--record',
      path,
      `${http.origin}/mcp`,
    ]);
    expect(recorded.code, describeRun(recorded)).toBe(0);
    // Each session gets its own Mcp-Session-Id: recorded beside the messages, never compared.
    expect(readFileSync(path, 'utf8')).toContain('sessionId');
    const { run, report } = await replayJson(path);
    expect(run.code, describeRun(run)).toBe(0);
    expect(report.summary).toMatchObject({ requests: 3, same: 3 });
  });
});

describe('mcpscope replay: bad input', () => {
  it('a missing file is a one-line usage error', async () => {
    const run = await runCli(['replay', tmp.path('nope.jsonl')]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      `mcpscope replay: ${tmp.path('nope.jsonl')}: no such file`,
    );
  });

  it('an unknown major version is refused with what to do', async () => {
    const path = tmp.path('v2.jsonl');
    writeFileSync(path, JSON.stringify({ format: 'mcpscope-recording', version: 2 }) + '\n');
    const run = await runCli(['replay', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'recording format version 2 is not supported by this mcpscope (reads version 1); upgrade mcpscope to read it',
    );
  });

  it('an invalid --ignore-path is refused before anything starts', async () => {
    const run = await runCli(['replay', tmp.path('whatever.jsonl'), '--ignore-path', '$[']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--ignore-path $[: not a valid JSONPath');
  });

  it('a truncated last line (a crash while recording) is a warning, and the rest replays', async () => {
    const echo = await record('echo-for-truncation.jsonl', ...ECHO_HI);
    const truncated = tmp.path('truncated.jsonl');
    writeFileSync(truncated, readFileSync(echo, 'utf8') + '{"seq":99,"t":1,"dir":"s2c","ki');
    const run = await runCli(['replay', truncated, '--no-color']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr).toMatch(/^mcpscope replay: warning: line \d+ is not JSON .*; ignoring it$/);
    expect(run.stdout).toMatch(/3 same, 0 different$/);
  });

  it('a target that cannot be started exits 3 and names it', async () => {
    const echo = await record('echo-for-missing.jsonl', '--method', 'ping');
    const run = await runCli(['replay', echo, '--against', '/nonexistent/server-binary']);
    expect(run.code, describeRun(run)).toBe(3);
    expect(run.stderr).toMatch(
      /^mcpscope replay: cannot replay against \/nonexistent\/server-binary: /,
    );
  });
});
