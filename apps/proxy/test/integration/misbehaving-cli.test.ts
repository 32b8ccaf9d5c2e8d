import type { TrafficEntry } from '@mcpscope/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runCli, toolText, type CliRun } from '../helpers/cli.js';
import {
  CASES,
  issueCodes,
  readValidRecording,
  startCaseServer,
  type MisbehavingCase,
} from '../helpers/misbehaving.js';
import { fixture } from '../helpers/paths.js';
import { isAlive, startHttpFixture } from '../helpers/processes.js';
import { messagesOf, spawnedPids } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';

/**
 * Every misbehaving server through the one-shot CLI, as a user runs it: a clear one-line
 * error and its exit code (or the result with a warning), no stack trace, a recording that
 * the recording reader accepts, and no server process left behind.
 */
const tmp = tempDir('misbehaving-cli');
afterAll(() => tmp.remove());

interface Expectation {
  code: number;
  /** Matched against the whole stderr (multiline). */
  stderr: RegExp;
  /** A failure is exactly one line on stderr. */
  oneLine?: boolean;
  flags?: string[];
  check?: (run: CliRun, entries: TrafficEntry[]) => void;
}

const text = (expected: string) => (run: CliRun) => expect(toolText(run)).toBe(expected);
const counted = (code: string, n: number) => (_run: CliRun, entries: TrafficEntry[]) =>
  expect(issueCodes(entries).filter((c) => c === code)).toHaveLength(n);
const tenThousand = (run: CliRun, entries: TrafficEntry[]) => {
  expect(toolText(run)).toBe('sent 10000 notifications');
  expect(messagesOf(entries, 's2c', 'notifications/message')).toHaveLength(10_000);
};
const fiftyMb = (run: CliRun) => {
  const result = toolText(run);
  expect(result.length).toBe(50 * 1024 * 1024);
  expect(result.endsWith('xEND')).toBe(true);
};
const undeclared = (run: CliRun) =>
  expect(toolText(run)).toContain('bogus/undeclared: error -32601 Method not found');
const hang: Expectation = {
  code: 4,
  flags: ['--timeout', '1500', '--connect-timeout', '30000'],
  stderr: /^mcpscope: tools\/call timed out: no response or progress for 1500 ms \(raise --timeout/,
  oneLine: true,
};

const EXPECTED: Record<string, Expectation> = {
  'garbage-stdio': {
    code: 0,
    stderr:
      /^mcpscope: warning: NOT_JSON: not JSON .*"Server ready, handling tools\/call \(this line is not JSON\)"$/m,
    check: text('hello after garbage'),
  },
  'garbage-http': {
    code: 0,
    stderr:
      /^mcpscope: warning: NOT_JSON: not JSON .*"Server ready, handling tools\/call \(this line is not JSON\)"$/m,
    check: text('hello after garbage'),
  },
  'partial-stdio': {
    code: 3,
    stderr:
      /^mcpscope: tools\/call failed: server process exited with code 0; its last stdout line was cut short: "\{\\"jsonrpc\\":\\"2\.0\\",\\"id\\":\d+,/,
    oneLine: true,
    check: counted('PARTIAL_LINE', 1),
  },
  'utf8-stdio': {
    code: 0,
    stderr: /^mcpscope: warning: INVALID_UTF8: frame is not valid UTF-8/m,
    check: text('caf\uFFFD\uFFFD au lait'),
  },
  'utf8-http': {
    code: 0,
    stderr: /^mcpscope: warning: INVALID_UTF8: frame is not valid UTF-8/m,
    check: text('caf\uFFFD\uFFFD au lait'),
  },
  'crash-stdio': {
    code: 3,
    stderr:
      /^mcpscope: tools\/call failed: server process exited with code 1; last stderr: starting the explode tool \| fatal: the database is on fire/,
    oneLine: true,
  },
  'crash-http': {
    code: 3,
    stderr:
      /^mcpscope: tools\/call failed: 127\.0\.0\.1:\d+ closed the connection before answering \(did the server crash\? see its logs\)$/,
    oneLine: true,
  },
  'crash-loop-stdio': {
    code: 3,
    stderr:
      /^mcpscope: initialize failed: server process exited with code 1; last stderr: crash-on-start: reading config \| fatal: missing config file/,
    oneLine: true,
  },
  'hang-stdio': hang,
  'hang-http': hang,
  'flood-stdio': { code: 0, stderr: /^$/, check: tenThousand },
  'flood-http': { code: 0, stderr: /^$/, check: tenThousand },
  'huge-stdio': { code: 0, stderr: /^$/, check: fiftyMb },
  'huge-http': { code: 0, stderr: /^$/, check: fiftyMb },
  'stderr-stdio': {
    code: 0,
    // The server's stderr is in the traffic log, not on mcpscope's own stderr.
    stderr: /^$/,
    check: (run, entries) => {
      expect(toolText(run)).toBe('done after the noise');
      const lines = entries.filter((e) => e.kind === 'stderr');
      expect(lines.length).toBeGreaterThan(160_000);
      expect(lines.some((e) => e.raw?.length === 1024 * 1024)).toBe(true);
    },
  },
  'undeclared-stdio': {
    code: 0,
    stderr:
      /^mcpscope: warning: UNDECLARED_CAPABILITY: the server sent sampling\/createMessage, but the client did not declare the sampling capability$/m,
    check: (run, entries) => {
      undeclared(run);
      counted('UNDECLARED_CAPABILITY', 3)(run, entries);
      counted('UNKNOWN_METHOD', 1)(run, entries);
    },
  },
  'undeclared-http': {
    code: 0,
    stderr: /^mcpscope: warning: UNDECLARED_CAPABILITY: the server sent roots\/list, but/m,
    check: (run, entries) => {
      undeclared(run);
      counted('UNDECLARED_CAPABILITY', 3)(run, entries);
    },
  },
  'ids-stdio': {
    code: 0,
    stderr: /^mcpscope: warning: UNKNOWN_ID: no pending request has id "no-such-request"/m,
    check: (run, entries) => {
      text('the right answer')(run);
      counted('UNKNOWN_ID', 2)(run, entries);
    },
  },
  'ids-http': {
    code: 0,
    stderr: /^mcpscope: warning: UNKNOWN_ID: no pending request has id \d+: a duplicate/m,
    check: (run, entries) => {
      text('the right answer')(run);
      counted('UNKNOWN_ID', 2)(run, entries);
    },
  },
  'http-500': {
    code: 3,
    stderr:
      /^mcpscope: initialize failed: HTTP 500 at \/status\/500: the server failed \(see its logs\)/,
    oneLine: true,
  },
  'http-404': {
    code: 3,
    stderr: /HTTP 404 at \/status\/404: no MCP endpoint there — is the endpoint/,
    oneLine: true,
  },
  'http-html': {
    code: 3,
    stderr:
      /^mcpscope: initialize failed: http:\/\/127\.0\.0\.1:\d+\/html did not answer with JSON or an SSE stream: .*text\/html.*\(is this an MCP endpoint\?\)$/,
    oneLine: true,
  },
  'http-500-later': {
    code: 3,
    stderr:
      /^mcpscope: tools\/call failed: HTTP 500 at \/fails-later: the server failed \(see its logs\)$/,
    oneLine: true,
    check: (_run, entries) =>
      expect(
        entries.some(
          (e) => e.kind === 'http' && e.raw?.includes('<h1>500 Internal Server Error</h1>'),
        ),
      ).toBe(true),
  },
  'sse-resume': {
    code: 0,
    stderr: /^$/,
    check: (run, entries) => {
      text('resumed answer 0')(run);
      const resumed = entries.find(
        (e) => e.kind === 'http' && e.transport?.http?.requestHeaders?.['last-event-id'] === '0-0',
      );
      expect(resumed?.transport).toMatchObject({
        http: { method: 'GET', status: 200 },
        detail: 'resuming the SSE stream after event 0-0 (Last-Event-ID)',
      });
      const response = entries.find(
        (e) => e.kind === 'response' && e.transport?.sseEventId === '0-1',
      );
      expect(response?.seq).toBeGreaterThan(resumed!.seq);
    },
  },
  'sse-refused': {
    code: 3,
    stderr:
      /^mcpscope: tools\/call failed: the server refused to resume its response stream after event 0-0 \(HTTP 405\)/,
    oneLine: true,
    check: counted('STREAM_LOST', 1),
  },
  'sse-lost': {
    code: 3,
    stderr:
      /^mcpscope: tools\/call failed: the server's response stream (broke \(.+\)|ended) before answering, with no SSE event id to resume from/,
    oneLine: true,
    check: counted('STREAM_LOST', 1),
  },
};

async function runCase(
  c: MisbehavingCase,
  e: Expectation,
): Promise<{ run: CliRun; entries: TrafficEntry[] }> {
  const server = await startCaseServer(c);
  const path = tmp.path(`${c.id}.jsonl`);
  const request =
    c.tool === undefined
      ? ['--method', 'tools/list']
      : ['--method', 'tools/call', '--tool-name', c.tool];
  const target =
    server === undefined
      ? [
          ...Object.entries(c.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
          '--',
          ...fixture(c.fixture, ...(c.args ?? [])),
        ]
      : [`${server.origin}${c.path ?? '/mcp'}`];
  try {
    const run = await runCli([...request, '--record', path, ...(e.flags ?? []), ...target]);
    return { run, entries: await readValidRecording(path) };
  } finally {
    await server?.stop();
  }
}

describe('misbehaving servers through the one-shot CLI', () => {
  it.each(CASES.map((c) => [`${c.title} (${c.transport}, ${c.id})`, c] as const))(
    '%s',
    async (_title, c) => {
      const e = EXPECTED[c.id];
      if (e === undefined) throw new Error(`no CLI expectation for ${c.id}`);
      const { run, entries } = await runCase(c, e);
      expect(run.code, describeRun(run)).toBe(e.code);
      expect(run.stderr, describeRun(run)).toMatch(e.stderr);
      if (e.oneLine === true) {
        expect(run.stderr.split('\n'), 'one line on stderr').toHaveLength(1);
        expect(run.stdout).toBe('');
      }
      expect(run.stderr).not.toMatch(/^\s+at /m);
      e.check?.(run, entries);
      const pids = spawnedPids(entries);
      // A server that dies on the server/discover probe is started once more for initialize
      // (servers that exit on any request before initialize exist), and never a third time.
      expect(pids).toHaveLength(c.transport !== 'stdio' ? 0 : c.id === 'crash-loop-stdio' ? 2 : 1);
      for (const pid of pids)
        expect(isAlive(pid), `server pid ${pid} outlived mcpscope`).toBe(false);
    },
    120_000,
  );
});

describe('secrets in what the CLI prints', () => {
  it('--verbose and the error line show neither the URL token nor the Authorization header', async () => {
    const server = await startHttpFixture('http-errors.mjs');
    try {
      const run = await runCli([
        '--method',
        'tools/call',
        '--tool-name',
        'boom',
        '--verbose',
        '--header',
        'Authorization: Bearer bearer-secret-4567',
        `${server.origin}/fails-later?token=url-secret-1234`,
      ]);
      expect(run.code, describeRun(run)).toBe(3);
      // The server echoed both into its error page, which --verbose prints.
      expect(run.stderr).toContain('(Authorization: [REDACTED])');
      expect(run.stderr).toContain('/fails-later?token=[REDACTED]');
      expect(run.stderr).not.toContain('url-secret-1234');
      expect(run.stderr).not.toContain('bearer-secret-4567');
    } finally {
      await server.stop();
    }
  });

  it('the error line does not repeat a secret env value the server echoed on stderr; --no-redact keeps it', async () => {
    const target = ['-e', 'API_TOKEN=env-secret-8910', '--', ...fixture('crash-mid-call.mjs')];
    const redacted = await runCli(['--method', 'tools/call', '--tool-name', 'explode', ...target]);
    expect(redacted.code).toBe(3);
    expect(redacted.stderr).toContain(
      'starting the explode tool with API_TOKEN=[REDACTED] | fatal',
    );
    expect(redacted.stderr).not.toContain('env-secret-8910');
    const kept = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'explode',
      '--no-redact',
      ...target,
    ]);
    expect(kept.stderr).toContain('API_TOKEN=env-secret-8910');
  });
});
