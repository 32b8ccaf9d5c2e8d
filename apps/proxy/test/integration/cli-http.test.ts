import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, runCli, stdoutJson, toolText } from '../helpers/cli.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { startEverything, startSseOnlyFixture, type RunningServer } from '../helpers/processes.js';
import { loadRecording } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';
import { join } from 'node:path';

const tmp = tempDir('cli-http');
let http: RunningServer;
let sse: RunningServer;
let sseOnly: RunningServer;

beforeAll(async () => {
  [http, sse, sseOnly] = await Promise.all([
    startEverything('streamableHttp'),
    startEverything('sse'),
    startSseOnlyFixture(join(FIXTURES_DIR, 'sse-only-server.mjs')),
  ]);
});
afterAll(async () => {
  await Promise.all([http?.stop(), sse?.stop(), sseOnly?.stop()]);
  tmp.remove();
});

/** The one stderr line of a failed run. */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n');
  expect(lines, stderr).toHaveLength(1);
  return lines[0]!;
}

describe('choosing the transport for a URL', () => {
  it('--transport http with --server-url', async () => {
    const run = await runCli([
      '--method',
      'ping',
      '--transport',
      'http',
      '--server-url',
      `${http.origin}/mcp`,
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(stdoutJson(run)).toEqual({});
  });

  it('--transport sse with --server-url', async () => {
    const run = await runCli([
      '--method',
      'ping',
      '--transport',
      'sse',
      '--server-url',
      `${sse.origin}/sse`,
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(stdoutJson(run)).toEqual({});
  });

  it('falls back to SSE when a legacy server at a non-/sse URL refuses the Streamable HTTP POST', async () => {
    const path = tmp.path('fallback.jsonl');
    const run = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'ping-tool',
      '--record',
      path,
      `${sseOnly.origin}/events`,
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('pong');
    const { entries, header } = loadRecording(path);
    expect(header.target).toMatchObject({ transport: 'streamable-http', sseFallback: true });
    const details = entries.map((e) => e.transport?.detail ?? '');
    expect(details).toContain(
      'Streamable HTTP was rejected with HTTP 405; retrying the same URL as legacy SSE',
    );
    // The first POST was refused, then the SSE stream was opened with a GET.
    const exchanges = entries.flatMap((e) =>
      e.transport?.http?.status === undefined
        ? []
        : [`${e.transport.http.method} ${e.transport.http.status}`],
    );
    expect(exchanges.slice(0, 2)).toEqual(['POST 405', 'GET 200']);
  });

  it('an SSE server addressed at /mcp fails with exit 3 and a message that points at /sse', async () => {
    const run = await runCli(['--method', 'tools/list', `${sse.origin}/mcp`]);
    expect(run.code, describeRun(run)).toBe(3);
    const line = oneLine(run.stderr);
    expect(line).toContain('HTTP 404');
    expect(line).toContain('/sse');
  });

  // Bug: after the SSE fallback also gets a 404, the message leads with
  // "is the endpoint /mcp/mcp (Streamable HTTP)?", a path that exists nowhere.
  it('an SSE server addressed at /mcp is not told to try /mcp/mcp', async () => {
    const run = await runCli(['--method', 'tools/list', `${sse.origin}/mcp`]);
    expect(run.code).toBe(3);
    expect(oneLine(run.stderr)).not.toContain('/mcp/mcp');
  });

  it('a 404 path with --transport http exits 3 and mentions /sse or /mcp', async () => {
    const run = await runCli([
      '--method',
      'tools/list',
      '--transport',
      'http',
      `${http.origin}/nope`,
    ]);
    expect(run.code, describeRun(run)).toBe(3);
    const line = oneLine(run.stderr);
    expect(line).toMatch(/^mcpscope: initialize failed: HTTP 404 at \/nope: /);
    expect(line).toMatch(/\/(sse|mcp)\b/);
  });

  it('the SSE path of a Streamable HTTP server exits 3 and points at /mcp', async () => {
    const run = await runCli(['--method', 'tools/list', `${http.origin}/sse`]);
    expect(run.code, describeRun(run)).toBe(3);
    expect(oneLine(run.stderr)).toMatch(/HTTP 404 at \/sse: .*\/mcp/);
  });
});

describe('recording an HTTP session', () => {
  const TOKEN = 'tok_live_supersecret_4242';

  it('redacts the Authorization header everywhere and keeps the session id', async () => {
    const path = tmp.path('http-auth.jsonl');
    const run = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'echo',
      '--tool-arg',
      'message=hi',
      '--header',
      `Authorization: Bearer ${TOKEN}`,
      '--header',
      'X-Trace: visible-trace',
      '--record',
      path,
      `${http.origin}/mcp`,
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    const { text, header, entries } = loadRecording(path);
    expect(text).not.toContain(TOKEN);
    expect(header.target).toMatchObject({
      headers: { Authorization: '[REDACTED]', 'X-Trace': 'visible-trace' },
    });
    const posts = entries.filter((e) => e.transport?.http?.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(3);
    for (const post of posts)
      expect(post.transport?.http?.requestHeaders?.['authorization']).toBe('[REDACTED]');
    // Streamable HTTP facts: a session id, and SSE event ids where the server streamed.
    expect(
      entries.some(
        (e) => typeof e.transport?.sessionId === 'string' && e.transport.sessionId.length > 0,
      ),
    ).toBe(true);
    const messagesOverHttp = entries.filter((e) => e.dir === 's2c' && e.kind === 'response');
    expect(messagesOverHttp.length).toBeGreaterThanOrEqual(3);
  });

  it('records an SSE session with the endpoint event', async () => {
    const path = tmp.path('sse.jsonl');
    const run = await runCli(['--method', 'ping', '--record', path, `${sse.origin}/sse`]);
    expect(run.code, describeRun(run)).toBe(0);
    const { entries } = loadRecording(path);
    expect(
      entries.some(
        (e) =>
          e.kind === 'http' &&
          /SSE endpoint event: messages go to \/message\?sessionId=/.test(
            e.transport?.detail ?? '',
          ),
      ),
    ).toBe(true);
  });

  // Bug: the URL's token is redacted in transport.http.url but not in the free-text detail
  // "body of HTTP 404 from POST <url>" that the tapped fetch writes for an error body.
  it('does not leak a URL query token when the server answers with an error page', async () => {
    const path = tmp.path('url-token.jsonl');
    const run = await runCli([
      '--method',
      'ping',
      '--transport',
      'http',
      '--record',
      path,
      `${http.origin}/nope?token=abcdefsecret`,
    ]);
    expect(run.code).toBe(3);
    expect(loadRecording(path).text).not.toContain('abcdefsecret');
  });
});
