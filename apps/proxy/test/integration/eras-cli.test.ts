// The built CLI against both protocol eras: the dual-era and modern-only fixtures
// (test/fixtures/modern/) over stdio and Streamable HTTP, with each --protocol-version
// choice, and the legacy server-everything in auto mode. Every run is a real `mcpscope`
// process, so the per-process negotiation cache never carries a verdict from one run to the
// next. -32020 (header mismatch) is not here: the HTTP transport derives every Mcp-* header
// from the body and a hand-set --header is overridden, so the CLI has no way to send one.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import type { TrafficEntry } from '@mcpscope/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildPrivateBin, runBin } from '../helpers/built-bin.js';
import { describeRun, stdoutJson, type CliRun } from '../helpers/cli.js';
import { EVERYTHING_STDIO, FIXTURES_DIR } from '../helpers/paths.js';
import { startEverything, stopProcess, waitForOutput } from '../helpers/processes.js';
import { loadRecording } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';

const MODERN = '2026-07-28';
const DUAL = join(FIXTURES_DIR, 'modern', 'dual-era.mjs');
const MODERN_ONLY = join(FIXTURES_DIR, 'modern', 'modern-only.mjs');
const BOOK_TRIP_ANSWERS = [
  '--elicitation',
  'accept',
  '--elicitation-content',
  '{"name":"Ada","nights":3,"style":"budget"}',
  '--sampling-response',
  'Fjords',
  '--root',
  '/tmp',
];

const tmp = tempDir('eras-cli');
const stops: (() => Promise<void>)[] = [];
let bin: string;
const urls: Record<'dual' | 'modernOnly' | 'everything', string> = {
  dual: '',
  modernOnly: '',
  everything: '',
};

async function startFixtureHttp(fixture: string): Promise<string> {
  const child = spawn(process.execPath, [fixture, '--http', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stops.push(() => stopProcess(child));
  const match = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/);
  return match[1]!;
}

beforeAll(async () => {
  const built = buildPrivateBin();
  bin = built.bin;
  stops.push(() => Promise.resolve(built.remove()));
  const everything = await startEverything('streamableHttp');
  stops.push(() => everything.stop());
  [urls.dual, urls.modernOnly] = await Promise.all([
    startFixtureHttp(DUAL),
    startFixtureHttp(MODERN_ONLY),
  ]);
  urls.everything = `${everything.origin}/mcp`;
}, 60_000);

afterAll(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  tmp.remove();
});

/** `mcpscope --cli ARGV…` as a process. */
const cli = (argv: readonly string[]): Promise<CliRun> => runBin(bin, ['--cli', ...argv]);

type Kind = 'stdio' | 'http';
const KINDS: Kind[] = ['stdio', 'http'];

function target(server: 'dual' | 'modernOnly', kind: Kind): string[] {
  if (kind === 'http') return [urls[server]];
  return [process.execPath, server === 'dual' ? DUAL : MODERN_ONLY];
}

interface HandshakeJson {
  era: string;
  agreed: { protocolVersion: string; serverInfo: { name: string } };
  negotiation?: { choice: string; steps: { detail: string }[] };
}

describe.each(KINDS)('over %s', (kind) => {
  it('initialize prints the era and the negotiation for each --protocol-version', async () => {
    const runs = await Promise.all(
      (['dual', 'modernOnly'] as const).flatMap((server) =>
        (['auto', 'legacy', MODERN] as const).map(async (choice) => ({
          server,
          choice,
          run: await cli([
            '--method',
            'initialize',
            '--protocol-version',
            choice,
            ...target(server, kind),
          ]),
        })),
      ),
    );
    for (const { server, choice, run } of runs) {
      const label = `${server} ${choice}\n${describeRun(run)}`;
      if (server === 'modernOnly' && choice === 'legacy') {
        expect(run.code, label).toBe(5);
        expect(run.stderr, label).toContain(
          'initialize failed: unsupported protocol version (-32022): the client sent 2025-11-25, the server supports 2026-07-28',
        );
        expect(run.stderr, label).toContain('Pick one with --protocol-version 2026-07-28');
        continue;
      }
      expect(run.code, label).toBe(0);
      const handshake = stdoutJson<HandshakeJson>(run);
      expect(handshake.era, label).toBe(choice === 'legacy' ? 'legacy' : 'modern');
      if (choice !== 'legacy') expect(handshake.agreed.protocolVersion, label).toBe(MODERN);
      expect(handshake.negotiation?.choice, label).toBe(choice);
      expect(handshake.negotiation?.steps.length, label).toBeGreaterThan(0);
    }
  });

  it('lists the bad-header tools with INVALID_TOOL_HEADER and refuses to call one (exit 2)', async () => {
    const [listed, called, echoed, legacyEcho] = await Promise.all([
      cli(['--method', 'tools/list', '--verbose', ...target('dual', kind)]),
      cli(['--tool-name', 'bad-header-space', '--tool-arg', 'zone=x', ...target('dual', kind)]),
      cli(['--tool-name', 'echo', '--tool-arg', 'message=hi', ...target('modernOnly', kind)]),
      cli([
        '--protocol-version',
        'legacy',
        '--tool-name',
        'echo',
        '--tool-arg',
        'message=hi',
        ...target('dual', kind),
      ]),
    ]);
    expect(listed.code, describeRun(listed)).toBe(0);
    const names = stdoutJson<{ tools: { name: string }[] }>(listed).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['bad-header-items', 'bad-header-space']));
    expect(listed.stderr).toMatch(/INVALID_TOOL_HEADER[^\n]*bad-header-items/);
    expect(listed.stderr).toMatch(/INVALID_TOOL_HEADER[^\n]*bad-header-space/);

    expect(called.code, describeRun(called)).toBe(2);
    expect(called.stderr).toContain(
      'tool "bad-header-space" is excluded from calls: zone: x-mcp-header "Time Zone" is not an HTTP token',
    );

    for (const run of [echoed, legacyEcho]) {
      expect(run.code, describeRun(run)).toBe(0);
      expect(stdoutJson<{ content: { text: string }[] }>(run).content[0]?.text).toBe('echo: hi');
    }
  });

  it('runs book-trip through three input_required rounds and records them', async () => {
    const file = tmp.path(`book-trip-${kind}.jsonl`);
    const run = await cli([
      '--tool-name',
      'book-trip',
      '--tool-arg',
      'destination=Oslo',
      ...BOOK_TRIP_ANSWERS,
      '--record',
      file,
      ...target('dual', kind),
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(stdoutJson<{ content: { text: string }[] }>(run).content[0]?.text).toBe(
      'booked Ada to Oslo for 3 nights',
    );

    const { entries } = loadRecording(file);
    const calls = entries.filter(
      (e): e is TrafficEntry & { msg: { id: number; params: Record<string, unknown> } } =>
        e.dir === 'c2s' &&
        e.kind === 'request' &&
        (e.msg as { method?: unknown } | undefined)?.method === 'tools/call',
    );
    expect(calls).toHaveLength(3);
    const [first, second, third] = calls as [
      (typeof calls)[0],
      (typeof calls)[0],
      (typeof calls)[0],
    ];
    expect(first.round).toBeUndefined();
    expect(second.round).toEqual({ of: first.seq, n: 2 });
    expect(third.round).toEqual({ of: first.seq, n: 3 });
    expect(new Set(calls.map((c) => c.msg.id)).size).toBe(3);

    // Each retry echoes the requestState of the input_required result just before it.
    for (const retry of [second, third]) {
      const answer = entries
        .filter((e) => e.dir === 's2c' && e.kind === 'response' && e.seq < retry.seq)
        .at(-1);
      const result = (answer?.msg as { result?: unknown } | undefined)?.result as {
        resultType?: string;
        requestState?: string;
      };
      expect(result.resultType).toBe('input_required');
      expect(typeof result.requestState).toBe('string');
      expect(retry.msg.params['requestState']).toBe(result.requestState);
    }
    expect(Object.keys(second.msg.params['inputResponses'] as object).sort()).toEqual([
      'pitch',
      'traveller',
    ]);
    expect(Object.keys(third.msg.params['inputResponses'] as object)).toEqual(['roots']);
  });

  it('names the cause of -32021 and -32022 with the next step (exit 5)', async () => {
    const [sampling, version] = await Promise.all([
      cli(['--tool-name', 'needs-sampling', ...target('dual', kind)]),
      cli(['--method', 'tools/list', '--protocol-version', '2099-01-01', ...target('dual', kind)]),
    ]);
    expect(sampling.code, describeRun(sampling)).toBe(5);
    expect(sampling.stderr).toContain(
      'tools/call failed: missing client capability (-32021): the server needs the client to declare sampling',
    );
    expect(sampling.stderr).toContain('Declare it with --sampling-response');

    expect(version.code, describeRun(version)).toBe(5);
    expect(version.stderr).toContain(
      'server/discover failed: unsupported protocol version (-32022): the client sent 2099-01-01, the server supports 2026-07-28',
    );
    expect(version.stderr).toContain('Pick one with --protocol-version 2026-07-28');
  });
});

it('sends the Mcp-Param-* headers of header-echo over HTTP', async () => {
  const run = await cli([
    '--tool-name',
    'header-echo',
    '--tool-arg',
    'region=eu',
    '--tool-arg',
    'city=Zürich',
    '--tool-arg',
    'count=3',
    urls.dual,
  ]);
  expect(run.code, describeRun(run)).toBe(0);
  const { headers } = stdoutJson<{ structuredContent: { headers: Record<string, string> } }>(
    run,
  ).structuredContent;
  expect(headers).toMatchObject({
    'mcp-method': 'tools/call',
    'mcp-name': 'header-echo',
    'mcp-param-region': 'eu',
    'mcp-param-city': `=?base64?${Buffer.from('Zürich').toString('base64')}?=`,
    'mcp-param-count': '3',
    'mcp-protocol-version': MODERN,
  });
});

describe.each(KINDS)('legacy server-everything over %s in auto mode', (kind) => {
  const everything = (): string[] => (kind === 'http' ? [urls.everything] : [...EVERYTHING_STDIO]);

  it('falls back after the probe and lists the same tools as --protocol-version legacy', async () => {
    const [handshake, auto, legacy] = await Promise.all([
      cli(['--method', 'initialize', ...everything()]),
      cli(['--method', 'tools/list', '--protocol-version', 'auto', ...everything()]),
      cli(['--method', 'tools/list', '--protocol-version', 'legacy', ...everything()]),
    ]);
    expect(handshake.code, describeRun(handshake)).toBe(0);
    const info = stdoutJson<HandshakeJson>(handshake);
    expect(info.era).toBe('legacy');
    expect(info.agreed.serverInfo.name).toBe('mcp-servers/everything');
    // Over stdio the server answers -32601; over HTTP it refuses a request without a session
    // (HTTP 400) before JSON-RPC is reached. Either way the probe falls back to initialize.
    const steps = info.negotiation?.steps.map((s) => s.detail).join('\n');
    expect(steps).toContain(kind === 'stdio' ? '-32601' : 'HTTP 400');
    expect(steps).toContain('falling back to initialize');

    expect(auto.code, describeRun(auto)).toBe(0);
    expect(legacy.code, describeRun(legacy)).toBe(0);
    expect(stdoutJson(auto)).toEqual(stdoutJson(legacy));
  });
});
