import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHttpTap } from '../../src/tap/http-tap.js';
import { buildPrivateBin } from '../helpers/built-bin.js';
import { describeRun, runCli } from '../helpers/cli.js';
import { EVERYTHING } from '../helpers/paths.js';
import { startEverything } from '../helpers/processes.js';
import { hostScenario } from '../helpers/tap.js';
import { tempDir } from '../helpers/temp.js';

/**
 * A tap recording is a recording like any other: replay (the CI check that a server still
 * answers as recorded), mock, and export all read it.
 */
const temp = tempDir('tap-recording');
let bin: { bin: string; remove: () => void };
const stdioRecording = temp.path('tapped-stdio.jsonl');
let direct: string[] = [];

beforeAll(async () => {
  bin = buildPrivateBin();
  direct = (
    await hostScenario(
      new StdioClientTransport({
        command: process.execPath,
        args: [EVERYTHING, 'stdio'],
        stderr: 'ignore',
      }),
    )
  ).results;
  await hostScenario(
    new StdioClientTransport({
      command: process.execPath,
      args: [
        bin.bin,
        'tap',
        '--no-ui',
        '--record',
        stdioRecording,
        '--',
        process.execPath,
        EVERYTHING,
        'stdio',
      ],
      env: process.env as Record<string, string>,
      stderr: 'ignore',
    }),
  );
  const until = Date.now() + 15_000;
  while (!readFileSync(stdioRecording, 'utf8').includes('"exitCode"') && Date.now() < until)
    await new Promise((r) => setTimeout(r, 25));
}, 120_000);
afterAll(() => {
  bin.remove();
  temp.remove();
});

describe('a tap recording', () => {
  it('replays against its server: every observed host request gets the same answer again', async () => {
    const run = await runCli(['replay', stdioRecording, '--format', 'json']);
    expect(run.code, describeRun(run)).toBe(0);
    const { summary } = JSON.parse(run.stdout) as {
      summary: {
        requests: number;
        same: number;
        different: number;
        serverRequests: { answered: number };
      };
    };
    // initialize and the host's seven calls, each answered the same.
    expect(summary.requests).toBeGreaterThanOrEqual(8);
    expect(summary.same).toBe(summary.requests);
    expect(summary.different).toBe(0);
  });

  it('replay notices a server that answers differently', async () => {
    // The same recording against a server that is not server-everything.
    const other = temp.path('other-server.cjs');
    writeFileSync(
      other,
      `require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
        const m = JSON.parse(line);
        if (m.id === undefined || m.method === undefined) return;
        const result = m.method === 'initialize'
          ? { protocolVersion: '2025-11-25', capabilities: { tools: {}, prompts: {}, resources: {} }, serverInfo: { name: 'other', version: '1' } }
          : { tools: [], prompts: [], resources: [], content: [], messages: [], contents: [] };
        process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, result }) + '\\n');
      });`,
    );
    const run = await runCli([
      'replay',
      stdioRecording,
      '--timeout',
      '5000',
      '--against',
      process.execPath,
      other,
    ]);
    expect(run.code, describeRun(run)).not.toBe(0);
  });

  it('is served by mcpscope mock: a host gets the recorded answers', async () => {
    const client = new Client({ name: 'tap-test-host', version: '3.1.4' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [bin.bin, 'mock', stdioRecording],
        env: process.env as Record<string, string>,
        stderr: 'ignore',
      }),
    );
    try {
      expect(JSON.stringify(await client.listTools())).toBe(direct[0]);
      const echo = await client.callTool({
        name: 'echo',
        arguments: { message: 'through the tap ✓' },
      });
      expect(JSON.stringify(echo)).toBe(direct[1]);
    } finally {
      await client.close();
    }
  });

  it('exports as an HTML report, and an HTTP tap recording as HAR', async () => {
    const html = temp.path('report.html');
    const exported = await runCli(['export', stdioRecording, '--html', html]);
    expect(exported.code, describeRun(exported)).toBe(0);
    // The report carries the recording gzipped and base64-encoded: the tap's entries are in it.
    const data =
      /<script type="application\/gzip" id="mcpscope-recording">([A-Za-z0-9+/=]*)<\/script>/.exec(
        readFileSync(html, 'utf8'),
      )![1]!;
    const embedded = gunzipSync(Buffer.from(data, 'base64')).toString('utf8');
    expect(embedded).toContain('"observed":true');
    expect(embedded).toContain('through the tap');

    const everything = await startEverything('streamableHttp');
    const httpRecording = temp.path('tapped-http.jsonl');
    let stop = (): void => undefined;
    let listening: (a: string) => void = () => undefined;
    const ready = new Promise<string>((r) => (listening = r));
    const done = runHttpTap({
      port: 0,
      url: new URL(`${everything.origin}/mcp`),
      record: httpRecording,
      redact: true,
      ui: false,
      io: { stdout: () => undefined, stderr: () => undefined },
      ready: (address, s) => {
        stop = s;
        listening(address);
      },
    });
    try {
      const client = new Client({ name: 'har-host', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(await ready)));
      await client.callTool({ name: 'echo', arguments: { message: 'in the HAR' } });
      await client.close();
    } finally {
      stop();
      await done;
      await everything.stop();
    }
    const har = temp.path('tap.har');
    const run = await runCli(['export', httpRecording, '--har', har]);
    expect(run.code, describeRun(run)).toBe(0);
    const log = (
      JSON.parse(readFileSync(har, 'utf8')) as {
        log: { entries: { request: { postData?: { text: string } } }[] };
      }
    ).log;
    expect(log.entries.length).toBeGreaterThan(2);
    expect(log.entries.some((e) => e.request.postData?.text.includes('in the HAR'))).toBe(true);
  });
});
