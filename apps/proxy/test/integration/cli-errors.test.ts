import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runCli } from '../helpers/cli.js';
import { EVERYTHING_STDIO } from '../helpers/paths.js';
import { freePort, isAlive } from '../helpers/processes.js';
import { loadRecording, messagesOf, spawnedPids } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';

const tmp = tempDir('cli-errors');
afterAll(() => tmp.remove());

/** The stderr of a failed run, which must be exactly one line starting "mcpscope: ". */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^mcpscope: /);
  return lines[0]!;
}

describe('usage errors exit 2 and say what to fix', () => {
  it('no --method', async () => {
    const run = await runCli([...EVERYTHING_STDIO]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^mcpscope: --method is required: one of initialize, ping, tools\/list, tools\/call, /,
    );
    expect(run.stderr).toContain('mcpscope: see mcpscope --help');
  });

  it('--transport bogus', async () => {
    const run = await runCli([
      '--method',
      'ping',
      '--transport',
      'bogus',
      'http://127.0.0.1:1/mcp',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "argument 'bogus' is invalid. Allowed choices are stdio, sse, http, streamable-http.",
    );
  });

  it('--transport that does not fit the target', async () => {
    const http = await runCli(['--method', 'ping', '--transport', 'http', ...EVERYTHING_STDIO]);
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('--transport http needs a URL');
    const stdio = await runCli([
      '--method',
      'ping',
      '--transport',
      'stdio',
      'http://127.0.0.1:1/mcp',
    ]);
    expect(stdio.code).toBe(2);
    expect(stdio.stderr).toContain('--transport stdio needs a command, not a URL');
  });

  it('no target at all', async () => {
    const run = await runCli(['--method', 'tools/list']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mcpscope: no server given: add a command/);
  });

  it('a target and --server-url both', async () => {
    const run = await runCli([
      '--method',
      'ping',
      '--server-url',
      'http://127.0.0.1:1/mcp',
      'node',
      'server.js',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--server-url was given, so "node server.js" is not understood');
  });

  it('a --server-url that is not a URL', async () => {
    const run = await runCli(['--method', 'ping', '--server-url', 'not-a-url']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('must be an absolute URL, e.g. http://127.0.0.1:3001/mcp');
  });

  it('bad values: --timeout, --log-level, --format, --params, --elicitation, --header, -e, --config', async () => {
    const server = [...EVERYTHING_STDIO];
    const cases: [string[], string | RegExp][] = [
      [
        ['--method', 'ping', '--timeout', 'soon', ...server],
        '--timeout must be a positive number of milliseconds, got "soon"',
      ],
      [['--method', 'ping', '--timeout', '0', ...server], '--timeout must be a positive number'],
      [
        ['--method', 'logging/setLevel', '--log-level', 'loud', ...server],
        '--log-level must be one of debug, info',
      ],
      [['--method', 'ping', '--format', 'xml', ...server], "argument 'xml' is invalid"],
      [['--method', 'ping', '--params', '{oops', ...server], '--params is not valid JSON'],
      [
        ['--method', 'ping', '--elicitation', 'maybe', ...server],
        '--elicitation must be accept, decline or cancel, got "maybe"',
      ],
      [
        ['--method', 'ping', '--header', 'NoColon', 'http://127.0.0.1:1/mcp'],
        '--header expects "Name: value", got "NoColon"',
      ],
      [['--method', 'ping', '-e', 'NOEQUALS', ...server], '-e expects key=value, got "NOEQUALS"'],
      [
        ['--method', 'ping', '--config', tmp.path('missing.json')],
        /cannot read --config .*missing\.json: no such file/,
      ],
      [
        ['--method', 'ping', '--config', tmp.path('missing.json'), ...server],
        'give either --config or a target, not both',
      ],
      [['--method', 'tools/call', ...server], 'tools/call needs --tool-name NAME'],
    ];
    for (const [argv, message] of cases) {
      const run = await runCli(argv);
      expect(run.code, `${argv.join(' ')}\n${describeRun(run)}`).toBe(2);
      if (typeof message === 'string') expect(run.stderr).toContain(message);
      else expect(run.stderr).toMatch(message);
    }
  });

  it('a --tool-arg without "=" exits 2 and says so', async () => {
    const run = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'echo',
      '--tool-arg',
      'message',
      ...EVERYTHING_STDIO,
    ]);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain('--tool-arg expects key=value, got "message"');
  });

  // Bug: --tool-arg is parsed only after connecting and listing tools, so a typo starts the
  // server and sends initialize and tools/list, although exit 2 documents "nothing was sent".
  it('a bad --tool-arg is caught before the server is started', async () => {
    const path = tmp.path('bad-tool-arg.jsonl');
    const run = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'echo',
      '--tool-arg',
      'message',
      '--record',
      path,
      ...EVERYTHING_STDIO,
    ]);
    expect(run.code).toBe(2);
    const entries = existsSync(path) ? loadRecording(path).entries : [];
    expect(spawnedPids(entries)).toEqual([]);
    expect(entries.filter((e) => e.dir === 'c2s')).toEqual([]);
  });
});

describe('connection failures exit 3 with one line that says what happened', () => {
  it('a command that does not exist', async () => {
    const run = await runCli(['--method', 'ping', 'definitely-not-a-command-mcpscope']);
    expect(run.code).toBe(3);
    expect(oneLine(run.stderr)).toBe(
      'mcpscope: command not found: definitely-not-a-command-mcpscope (check PATH, or give the full path to the executable)',
    );
  });

  it('a working directory that does not exist', async () => {
    const run = await runCli([
      '--method',
      'ping',
      '--cwd',
      tmp.path('no-such-dir'),
      ...EVERYTHING_STDIO,
    ]);
    expect(run.code).toBe(3);
    expect(oneLine(run.stderr)).toMatch(
      /working directory not found: .*no-such-dir \(check --cwd\)/,
    );
  });

  it('a closed port (Streamable HTTP)', async () => {
    const port = await freePort();
    const run = await runCli(['--method', 'tools/list', `http://127.0.0.1:${port}/mcp`]);
    expect(run.code, describeRun(run)).toBe(3);
    expect(oneLine(run.stderr)).toBe(
      `mcpscope: initialize failed: connection refused by 127.0.0.1:${port}: is the server running and listening on that port?`,
    );
  });

  // Bug: over SSE the SDK's SseError (no HTTP status, no cause) is passed through as is, so
  // the user gets "SSE error: TypeError: fetch failed: connect ECONNREFUSED …" instead of the
  // message the Streamable HTTP path gives (and the failure is coded SEND_FAILED).
  it('a closed port (SSE) says "connection refused" like Streamable HTTP does', async () => {
    const port = await freePort();
    const run = await runCli(['--method', 'tools/list', `http://127.0.0.1:${port}/sse`]);
    expect(run.code, describeRun(run)).toBe(3);
    expect(oneLine(run.stderr)).toContain(
      `connection refused by 127.0.0.1:${port}: is the server running and listening on that port?`,
    );
  });

  it('a host that does not resolve', async () => {
    const run = await runCli(['--method', 'ping', 'http://mcpscope-test.invalid/mcp']);
    expect(run.code, describeRun(run)).toBe(3);
    expect(oneLine(run.stderr)).toContain('mcpscope-test.invalid');
  });
});

describe('a server that never answers the handshake', () => {
  // Reads its input and says nothing: neither the server/discover probe nor initialize.
  const silent = [process.execPath, '-e', 'process.stdin.resume(); setInterval(() => {}, 1000)'];

  it('--timeout bounds the handshake too, and the message names it', async () => {
    const started = Date.now();
    const run = await runCli(['--method', 'tools/list', '--timeout', '1000', '--', ...silent]);
    expect(run.code, describeRun(run)).toBe(4);
    // The probe and initialize, 1 s each: not the 30 s default of the handshake.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(oneLine(run.stderr)).toMatch(
      /^mcpscope: initialize timed out: no response or progress for 1000 ms \(--timeout bounds the handshake too/,
    );
  });

  it('--connect-timeout, when smaller, is the one named', async () => {
    const run = await runCli([
      '--method',
      'tools/list',
      '--timeout',
      '20000',
      '--connect-timeout',
      '800',
      '--',
      ...silent,
    ]);
    expect(run.code, describeRun(run)).toBe(4);
    expect(oneLine(run.stderr)).toMatch(/for 800 ms \(raise --connect-timeout/);
  });
});

describe('server answers', () => {
  it('a JSON-RPC error exits 5 with the code and message', async () => {
    const run = await runCli([
      '--method',
      'resources/read',
      '--uri',
      'demo://no/such/resource',
      ...EVERYTHING_STDIO,
    ]);
    expect(run.code, describeRun(run)).toBe(5);
    expect(run.stdout).toBe('');
    expect(oneLine(run.stderr)).toMatch(
      /^mcpscope: resources\/read failed with JSON-RPC error -32602: .*demo:\/\/no\/such\/resource/,
    );
    const unknown = await runCli(['--method', 'custom/nothing', ...EVERYTHING_STDIO]);
    expect(unknown.code).toBe(5);
    expect(oneLine(unknown.stderr)).toBe(
      'mcpscope: custom/nothing failed with JSON-RPC error -32601: Method not found',
    );
  });

  it('no response or progress within --timeout exits 4, cancels the request and stops the server', async () => {
    const path = tmp.path('timeout.jsonl');
    // One 20 s step: no progress before the 3 s timeout. (The timeout also covers the server's
    // start and the handshake, so it stays well above what a loaded machine needs for those.)
    const run = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'trigger-long-running-operation',
      '--tool-arg',
      'duration=20',
      '--tool-arg',
      'steps=1',
      '--timeout',
      '3000',
      '--record',
      path,
      ...EVERYTHING_STDIO,
    ]);
    expect(run.code, describeRun(run)).toBe(4);
    expect(run.stdout).toBe('');
    expect(oneLine(run.stderr)).toMatch(
      /^mcpscope: tools\/call timed out: no response or progress for 3000 ms \(raise --timeout/,
    );
    const { entries } = loadRecording(path);
    const call = messagesOf(entries, 'c2s', 'tools/call')[0]!;
    const cancelled = messagesOf(entries, 'c2s', 'notifications/cancelled');
    expect(
      cancelled.map((e) => (e.msg as { params: { requestId: unknown } }).params.requestId),
    ).toEqual([(call.msg as { id: unknown }).id]);
    for (const pid of spawnedPids(entries)) expect(isAlive(pid)).toBe(false);
  });
});
