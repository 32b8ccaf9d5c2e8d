import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  Client,
  SSEClientTransport,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import type { TrafficEntry } from '@mcpscope/protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runHttpTap } from '../../src/tap/http-tap.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import {
  startEverything,
  stopProcess,
  waitForOutput,
  type RunningServer,
} from '../helpers/processes.js';
import { loadRecording } from '../helpers/recording.js';
import { hostScenario } from '../helpers/tap.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir('tap-http');
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
});
afterAll(() => temp.remove());

/** `mcpscope tap --listen 0 URL` in this process; resolves once it listens. */
async function tap(
  url: string,
  record: string,
): Promise<{ address: string; done: Promise<number> }> {
  let stop: () => void = () => undefined;
  let listening: (address: string) => void = () => undefined;
  const ready = new Promise<string>((resolve) => (listening = resolve));
  const done = runHttpTap({
    port: 0,
    url: new URL(url),
    record,
    redact: true,
    ui: false,
    io: { stdout: () => undefined, stderr: () => undefined },
    ready: (address, s) => {
      stop = s;
      listening(address);
    },
  });
  const address = await Promise.race([ready, done.then(() => 'the tap ended before listening')]);
  stops.push(async () => {
    stop();
    await done;
  });
  return { address, done };
}

async function server(mode: 'sse' | 'streamableHttp'): Promise<RunningServer> {
  const running = await startEverything(mode);
  stops.push(() => running.stop());
  return running;
}

describe('mcpscope tap --listen PORT URL (HTTP reverse proxy)', () => {
  it('Streamable HTTP: a real host gets the same results through the tap, every exchange is recorded', async () => {
    const everything = await server('streamableHttp');
    const direct = await hostScenario(
      new StreamableHTTPClientTransport(new URL(`${everything.origin}/mcp`)),
    );
    const record = temp.path('streamable.jsonl');
    const { address, done } = await tap(`${everything.origin}/mcp`, record);
    const tapped = await hostScenario(new StreamableHTTPClientTransport(new URL(address)));
    expect(tapped.results).toEqual(direct.results);
    expect(tapped.rootsAsked).toBe(direct.rootsAsked);
    await stops.pop()!();
    expect(await done).toBe(0);
    const { header, entries } = loadRecording(record);
    expect(header.target).toMatchObject({
      transport: 'streamable-http',
      url: `${everything.origin}/mcp`,
    });
    expect(entries.every((e) => e.observed === true)).toBe(true);
    const init = entries.find((e) => e.dir === 'c2s' && method(e) === 'initialize')!;
    expect(entries.find((e) => e.pairSeq === init.seq)?.kind).toBe('response');
    const exchanges = entries.filter(
      (e) => e.kind === 'http' && e.transport?.http?.status !== undefined,
    );
    expect(exchanges.length).toBeGreaterThan(5);
    expect(exchanges.find((e) => e.transport?.http?.requestSeq === init.seq)).toBeDefined();
    expect(entries.some((e) => e.transport?.sessionId !== undefined)).toBe(true);
    const requests = entries.filter((e) => e.dir === 'c2s' && e.kind === 'request');
    for (const request of requests)
      expect(
        entries.some((e) => e.pairSeq === request.seq),
        `answer to ${method(request)}`,
      ).toBe(true);
  });

  it('legacy HTTP+SSE: the endpoint event and every answer come through the stream', async () => {
    const everything = await server('sse');
    const direct = await hostScenario(new SSEClientTransport(new URL(`${everything.origin}/sse`)));
    const record = temp.path('sse.jsonl');
    const { address } = await tap(`${everything.origin}/sse`, record);
    const tapped = await hostScenario(new SSEClientTransport(new URL(address)));
    expect(tapped.results).toEqual(direct.results);
    await stops.pop()!();
    const { header, entries } = loadRecording(record);
    expect(header.target.transport).toBe('sse');
    expect(
      entries.some(
        (e) => e.kind === 'http' && e.transport?.detail?.startsWith('SSE endpoint event'),
      ),
    ).toBe(true);
    const call = entries.find((e) => e.dir === 'c2s' && method(e) === 'tools/call')!;
    const answer = entries.find((e) => e.pairSeq === call.seq)!;
    expect(answer.dir).toBe('s2c');
    expect(answer.transport?.httpSeq).toBeDefined();
  });

  it('streams: progress notifications reach the host as the server sends them, not with the result', async () => {
    const everything = await server('streamableHttp');
    const { address } = await tap(`${everything.origin}/mcp`, temp.path('progress.jsonl'));
    const client = new Client({ name: 'progress-host', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(address)));
    stops.push(() => client.close());
    const seen: number[] = [];
    const start = Date.now();
    await client.callTool(
      { name: 'trigger-long-running-operation', arguments: { duration: 2, steps: 4 } },
      { onprogress: () => seen.push(Date.now() - start) },
    );
    const total = Date.now() - start;
    expect(seen.length).toBeGreaterThanOrEqual(3);
    // The first step arrives long before the result (a buffering proxy would deliver all at the end).
    expect(total - seen[0]!).toBeGreaterThan(800);
  });

  it('2026-07-28 (modern era): server/discover and per-request _meta pass through; the recording reads as modern', async () => {
    const child: ChildProcessWithoutNullStreams = spawn(
      process.execPath,
      [join(FIXTURES_DIR, 'modern', 'modern-only.mjs'), '--http', '0'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    stops.push(() => stopProcess(child));
    const [, url] = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/);
    const record = temp.path('modern.jsonl');
    const { address } = await tap(url!, record);
    const run = async (target: string): Promise<string[]> => {
      const client = new Client(
        { name: 'modern-host', version: '2.0.0' },
        { versionNegotiation: { mode: { pin: '2026-07-28' } } },
      );
      await client.connect(new StreamableHTTPClientTransport(new URL(target)));
      try {
        const tools = await client.listTools();
        const first = tools.tools[0]!.name;
        return [JSON.stringify(tools), first];
      } finally {
        await client.close();
      }
    };
    expect(await run(address)).toEqual(await run(url!));
    await stops.pop()!();
    const { entries } = loadRecording(record);
    const discover = entries.find((e) => e.dir === 'c2s' && method(e) === 'server/discover');
    expect(discover).toBeDefined();
    expect(entries.find((e) => e.pairSeq === discover!.seq)?.dir).toBe('s2c');
    const list = entries.find((e) => e.dir === 'c2s' && method(e) === 'tools/list')!;
    expect(JSON.stringify(list.msg)).toContain('io.modelcontextprotocol/clientInfo');
    const exchange = entries.find((e) => e.transport?.http?.requestSeq === list.seq)!;
    expect(exchange.transport?.http?.requestHeaders?.['mcp-protocol-version']).toBe('2026-07-28');
  });

  it('passes Authorization through to the server and redacts it in the recording only', async () => {
    const secret = 'Bearer sk-live-0123456789abcdef';
    const upstream: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const id = (JSON.parse(body) as { id: number }).id;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            jsonrpc: '2.0',
            id,
            result: { authorized: req.headers.authorization === secret },
          }),
        );
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    stops.push(() => new Promise((r) => upstream.close(() => r())));
    const { port } = upstream.address() as AddressInfo;
    const record = temp.path('auth.jsonl');
    const { address } = await tap(`http://127.0.0.1:${port}/mcp`, record);
    const response = await fetch(address, {
      method: 'POST',
      headers: { authorization: secret, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping' }),
    });
    expect(await response.json()).toEqual({ jsonrpc: '2.0', id: 7, result: { authorized: true } });
    await stops.pop()!();
    const { text, entries } = loadRecording(record);
    expect(text).not.toContain('sk-live-0123456789abcdef');
    const exchange = entries.find((e) => e.kind === 'http' && e.transport?.http?.status === 200)!;
    expect(exchange.transport?.http?.requestHeaders?.['authorization']).toBe('[REDACTED]');
  });
});

function method(entry: TrafficEntry): string | undefined {
  return (entry.msg as { method?: string } | undefined)?.method;
}
