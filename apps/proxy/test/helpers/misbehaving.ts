import type { ServerConfig, TrafficEntry } from '@mcpscope/protocol';
import { expect } from 'vitest';
import { readRecording } from '@mcpscope/engine/recording/reader';
import { fixture } from './paths.js';
import { startHttpFixture, type RunningServer } from './processes.js';

/**
 * The misbehaving servers of issue 6, one row per server and transport, shared by the CLI
 * and the UI tests (misbehaving-cli.test.ts, misbehaving-ui.test.ts) so that both faces are
 * tried against exactly the same peers. The expectations live with each face.
 */
export interface MisbehavingCase {
  /** Stable key, also used to name recordings. */
  id: string;
  /** What the server does wrong, as the test title says it. */
  title: string;
  /** A file under test/fixtures. */
  fixture: string;
  args?: string[];
  transport: 'stdio' | 'http';
  /** The endpoint's path for HTTP fixtures (default /mcp). */
  path?: string;
  /** The tool whose call triggers the misbehaviour; absent when the handshake itself fails. */
  tool?: string;
  env?: Record<string, string>;
}

const FIFTY_MB = String(50 * 1024 * 1024);

export const CASES: readonly MisbehavingCase[] = [
  {
    id: 'garbage-stdio',
    title: '1 garbage on stdout',
    fixture: 'garbage-stdout.mjs',
    transport: 'stdio',
    tool: 'hello',
  },
  {
    id: 'garbage-http',
    title: '1 garbage in the SSE stream',
    fixture: 'garbage-stdout.mjs',
    transport: 'http',
    tool: 'hello',
  },
  {
    id: 'partial-stdio',
    title: '1 a partial JSON line, then exit',
    fixture: 'partial-line.mjs',
    transport: 'stdio',
    tool: 'cut-short',
  },
  {
    id: 'utf8-stdio',
    title: '2 invalid UTF-8',
    fixture: 'invalid-utf8.mjs',
    transport: 'stdio',
    tool: 'latin1',
  },
  {
    id: 'utf8-http',
    title: '2 invalid UTF-8 in the SSE stream',
    fixture: 'invalid-utf8.mjs',
    transport: 'http',
    tool: 'latin1',
  },
  {
    id: 'crash-stdio',
    title: '3 exit mid-request',
    fixture: 'crash-mid-call.mjs',
    transport: 'stdio',
    tool: 'explode',
  },
  {
    id: 'crash-http',
    title: '3 exit mid-request',
    fixture: 'crash-mid-call.mjs',
    transport: 'http',
    tool: 'explode',
  },
  {
    id: 'crash-loop-stdio',
    title: '3 a crash at every start',
    fixture: 'crash-on-start.mjs',
    transport: 'stdio',
  },
  {
    id: 'hang-stdio',
    title: '4 never answering',
    fixture: 'hang.mjs',
    transport: 'stdio',
    tool: 'wait-forever',
  },
  {
    id: 'hang-http',
    title: '4 never answering',
    fixture: 'hang.mjs',
    transport: 'http',
    tool: 'wait-forever',
  },
  {
    id: 'flood-stdio',
    title: '5 10,000 notifications in a second',
    fixture: 'flood.mjs',
    transport: 'stdio',
    tool: 'flood',
  },
  {
    id: 'flood-http',
    title: '5 10,000 notifications in a second',
    fixture: 'flood.mjs',
    transport: 'http',
    tool: 'flood',
  },
  {
    id: 'huge-stdio',
    title: '6 a 50 MB response',
    fixture: 'huge-result.mjs',
    transport: 'stdio',
    tool: 'big',
    env: { HUGE_BYTES: FIFTY_MB },
  },
  {
    id: 'huge-http',
    title: '6 a 50 MB response',
    fixture: 'huge-result.mjs',
    transport: 'http',
    tool: 'big',
    env: { HUGE_BYTES: FIFTY_MB },
  },
  {
    id: 'stderr-stdio',
    title: '7 16 MB of stderr',
    fixture: 'stderr-flood.mjs',
    transport: 'stdio',
    tool: 'noisy',
  },
  {
    id: 'undeclared-stdio',
    title: '8 requests for capabilities the client did not declare',
    fixture: 'undeclared-requests.mjs',
    transport: 'stdio',
    tool: 'overreach',
  },
  {
    id: 'undeclared-http',
    title: '8 requests for capabilities the client did not declare',
    fixture: 'undeclared-requests.mjs',
    transport: 'http',
    tool: 'overreach',
  },
  {
    id: 'ids-stdio',
    title: '9 duplicate and wrong response ids',
    fixture: 'wrong-ids.mjs',
    transport: 'stdio',
    tool: 'echo-thrice',
  },
  {
    id: 'ids-http',
    title: '9 duplicate and wrong response ids',
    fixture: 'wrong-ids.mjs',
    transport: 'http',
    tool: 'echo-thrice',
  },
  {
    id: 'http-500',
    title: '10 HTTP 500 with an HTML page',
    fixture: 'http-errors.mjs',
    transport: 'http',
    path: '/status/500',
    tool: 'boom',
  },
  {
    id: 'http-404',
    title: '10 HTTP 404 with an HTML page',
    fixture: 'http-errors.mjs',
    transport: 'http',
    path: '/status/404',
    tool: 'boom',
  },
  {
    id: 'http-html',
    title: '10 an HTML page instead of an MCP endpoint',
    fixture: 'http-errors.mjs',
    transport: 'http',
    path: '/html',
    tool: 'boom',
  },
  {
    id: 'http-500-later',
    title: '10 HTTP 500 on tools/call after a good handshake',
    fixture: 'http-errors.mjs',
    transport: 'http',
    path: '/fails-later',
    tool: 'boom',
  },
  {
    id: 'sse-resume',
    title: '11 an SSE stream that drops mid-response, resumed with Last-Event-ID',
    fixture: 'sse-resume.mjs',
    transport: 'http',
    tool: 'slow-answer',
  },
  {
    id: 'sse-refused',
    title: '11 an SSE stream that drops mid-response, whose resumption is refused',
    fixture: 'sse-resume.mjs',
    args: ['--refuse-resume'],
    transport: 'http',
    tool: 'slow-answer',
  },
  {
    id: 'sse-lost',
    title: '11 an SSE stream that drops mid-response, without event ids',
    fixture: 'sse-resume.mjs',
    args: ['--no-event-ids'],
    transport: 'http',
    tool: 'slow-answer',
  },
];

/** The fixture's own HTTP server, when the case needs one: started by the test, stopped after. */
export async function startCaseServer(c: MisbehavingCase): Promise<RunningServer | undefined> {
  if (c.transport !== 'http') return undefined;
  const args = [...(c.args ?? [])];
  // Our mini-server fixtures speak stdio unless told otherwise; the HTTP-only ones ignore it.
  if (!['http-errors.mjs', 'sse-resume.mjs'].includes(c.fixture)) args.push('--http');
  return startHttpFixture(c.fixture, args, c.env);
}

/** The target as the UI's connect command gives it. */
export function caseConfig(c: MisbehavingCase, server: RunningServer | undefined): ServerConfig {
  if (c.transport === 'stdio') {
    const [command, ...args] = fixture(c.fixture, ...(c.args ?? []));
    return { transport: 'stdio', name: c.id, command: command!, args, env: c.env ?? {} };
  }
  return {
    transport: 'streamable-http',
    name: c.id,
    url: `${server!.origin}${c.path ?? '/mcp'}`,
    headers: {},
    sseFallback: false,
  };
}

/**
 * Reads a recording with the reader users' tools use: a header, then entries, no warning (a
 * warning means a torn last line), seqs contiguous from 0.
 */
export async function readValidRecording(path: string): Promise<TrafficEntry[]> {
  const entries: TrafficEntry[] = [];
  let headers = 0;
  for await (const item of readRecording(path)) {
    if (item.type === 'header') headers++;
    else if (item.type === 'warning') throw new Error(`${path}: ${item.message}`);
    else entries.push(item.entry);
  }
  expect(headers, 'one header line').toBe(1);
  expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i));
  return entries;
}

/** Every diagnostic code on the server's entries. */
export function issueCodes(entries: readonly TrafficEntry[]): string[] {
  return entries.flatMap((e) => (e.issues ?? []).map((i) => i.code));
}
