import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { parseRecordingEntry, parseRecordingHeader, type TrafficEntry } from '@mcpscope/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateBin } from '../helpers/built-bin.js';
import { EVERYTHING, FIXTURES_DIR } from '../helpers/paths.js';
import { loadRecording } from '../helpers/recording.js';
import { collect, ended, hostScenario, spawnTap } from '../helpers/tap.js';
import { tempDir } from '../helpers/temp.js';

let bin: { bin: string; remove: () => void };
const temp = tempDir('tap-stdio');

beforeAll(() => {
  bin = buildPrivateBin();
}, 120_000);
afterAll(() => {
  bin.remove();
  temp.remove();
});

const node = process.execPath;

describe('mcpscope tap -- COMMAND (stdio shim)', () => {
  it('a real host gets byte-identical results through the tap, and the tap records both directions', async () => {
    const direct = await hostScenario(
      new StdioClientTransport({ command: node, args: [EVERYTHING, 'stdio'], stderr: 'ignore' }),
    );
    const recording = temp.path('everything.jsonl');
    const tapped = await hostScenario(
      new StdioClientTransport({
        command: node,
        args: [bin.bin, 'tap', '--no-ui', '--record', recording, '--', node, EVERYTHING, 'stdio'],
        env: process.env as Record<string, string>,
        stderr: 'ignore',
      }),
    );
    expect(tapped.results).toEqual(direct.results);
    expect(tapped.rootsAsked).toBe(direct.rootsAsked);
    expect(direct.rootsAsked).toBeGreaterThan(0);

    // The shim ends with the server after the client closed stdin: the file is complete.
    await waitFor(() => readFileSync(recording, 'utf8').includes('"exitCode"'));
    const { header, entries } = loadRecording(recording);
    expect(header.target).toMatchObject({ transport: 'stdio', command: node });
    expect(entries.every((e) => e.observed === true)).toBe(true);
    const init = entries.find((e) => e.dir === 'c2s' && method(e) === 'initialize')!;
    expect(init).toBeDefined();
    expect((init.msg as { params: { clientInfo: unknown } }).params.clientInfo).toEqual({
      name: 'tap-test-host',
      version: '3.1.4',
    });
    const initAnswer = entries.find((e) => e.pairSeq === init.seq)!;
    expect(initAnswer.dir).toBe('s2c');
    expect(initAnswer.kind).toBe('response');
    // A server-to-client request and the host's answer, paired the other way round.
    const roots = entries.find((e) => e.dir === 's2c' && method(e) === 'roots/list')!;
    expect(roots.kind).toBe('request');
    const rootsAnswer = entries.find((e) => e.pairSeq === roots.seq)!;
    expect(rootsAnswer.dir).toBe('c2s');
    expect(JSON.stringify(rootsAnswer.msg)).toContain('file:///tmp/tap-host');
    // Every host request has its answer.
    const requests = entries.filter((e) => e.dir === 'c2s' && e.kind === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(8);
    for (const request of requests)
      expect(
        entries.some((e) => e.pairSeq === request.seq),
        `answer to ${method(request)}`,
      ).toBe(true);
    expect(entries.filter((e) => e.kind === 'raw')).toEqual([]);
  });

  it('2026-07-28 over stdio: a modern host gets the same answers, the recording has its _meta envelope', async () => {
    const dual = join(FIXTURES_DIR, 'modern', 'dual-era.mjs');
    const run = async (command: string, args: string[]): Promise<string> => {
      const client = new Client(
        { name: 'modern-stdio-host', version: '1.0.0' },
        { versionNegotiation: { mode: { pin: '2026-07-28' } } },
      );
      await client.connect(
        new StdioClientTransport({
          command,
          args,
          env: process.env as Record<string, string>,
          stderr: 'ignore',
        }),
      );
      try {
        const tools = await client.listTools();
        return JSON.stringify([tools, await client.listPrompts()]);
      } finally {
        await client.close();
      }
    };
    const recording = temp.path('modern.jsonl');
    const direct = await run(node, [dual]);
    const tapped = await run(node, [
      bin.bin,
      'tap',
      '--no-ui',
      '--record',
      recording,
      '--',
      node,
      dual,
    ]);
    expect(tapped).toBe(direct);
    await waitFor(() => readFileSync(recording, 'utf8').includes('"exitCode"'));
    const { entries } = loadRecording(recording);
    // A pinned host skips server/discover: its envelope on every request says who it is.
    const list = entries.find((e) => e.dir === 'c2s' && method(e) === 'tools/list')!;
    expect(entries.find((e) => e.pairSeq === list.seq)?.kind).toBe('response');
    expect(JSON.stringify(entries.find((e) => method(e) === 'tools/list')?.msg)).toContain(
      '"io.modelcontextprotocol/clientInfo":{"name":"modern-stdio-host"',
    );
  });

  it('passes arbitrary bytes through unchanged both ways: binary, invalid UTF-8, CRLF, no final newline, stderr', async () => {
    // A server that echoes stdin to stdout and a marker on stderr, byte for byte.
    const echo = `process.stderr.write(Buffer.from([0x65,0x72,0x72,0xff,0x0a,0x6e,0x6f,0x2d,0x6e,0x6c]));process.stdin.pipe(process.stdout)`;
    const recording = temp.path('bytes.jsonl');
    const child = spawnTap(bin.bin, ['--no-ui', '--record', recording, '--', node, '-e', echo]);
    const out = collect(child.stdout);
    const err = collect(child.stderr);
    const payload = Buffer.concat([
      Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping"}\r\n'),
      Buffer.from([0x00, 0xff, 0xfe, 0x0a, 0xc3, 0x28, 0x0a]),
      Buffer.alloc(200_000, 0x61),
      Buffer.from('\n{"half":'),
      Buffer.from(' "line without end"}'),
    ]);
    // In small pieces, as a host may write them.
    for (let i = 0; i < payload.length; i += 7000) child.stdin.write(payload.subarray(i, i + 7000));
    child.stdin.end();
    expect(await ended(child)).toEqual({ code: 0, signal: null });
    expect(out().equals(payload)).toBe(true);
    expect(
      err().equals(Buffer.from([0x65, 0x72, 0x72, 0xff, 0x0a, 0x6e, 0x6f, 0x2d, 0x6e, 0x6c])),
    ).toBe(true);
    const { entries } = loadRecording(recording);
    const c2s = entries.filter((e) => e.dir === 'c2s');
    expect(c2s[0]!.kind).toBe('request');
    expect(c2s.some((e) => e.issues?.some((i) => i.code === 'INVALID_UTF8'))).toBe(true);
    // The unterminated last line is still logged, once the stream ends.
    expect(c2s.at(-1)!.msg).toEqual({ half: 'line without end' });
    expect(entries.filter((e) => e.kind === 'stderr').map((e) => e.raw)).toEqual([
      'err\ufffd',
      'no-nl',
    ]);
  });

  it('exits with the server’s exit code, and dies of the server’s signal', async () => {
    const seven = spawnTap(bin.bin, [
      '--no-ui',
      '--no-record',
      '--',
      node,
      '-e',
      'process.exit(7)',
    ]);
    expect(await ended(seven)).toEqual({ code: 7, signal: null });
    const killed = spawnTap(bin.bin, [
      '--no-ui',
      '--no-record',
      '--',
      node,
      '-e',
      'process.kill(process.pid, "SIGTERM")',
    ]);
    expect(await ended(killed)).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('a command that cannot start: exit 127 and a line on stderr, stdout untouched', async () => {
    const child = spawnTap(bin.bin, ['--no-ui', '--no-record', '--', '/nonexistent/server-x']);
    const out = collect(child.stdout);
    const err = collect(child.stderr);
    expect(await ended(child)).toEqual({ code: 127, signal: null });
    expect(out().length).toBe(0);
    expect(err().toString()).toContain('mcpscope tap: could not start /nonexistent/server-x');
  });

  it('a SIGTERM from the host reaches the server; a tap killed outright leaves a recording valid to its last line', async () => {
    const recording = temp.path('killed.jsonl');
    const child = spawnTap(bin.bin, [
      '--no-ui',
      '--record',
      recording,
      '--',
      node,
      EVERYTHING,
      'stdio',
    ]);
    const out = collect(child.stdout);
    child.stdin.write(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'k', version: '1' },
        },
      }) + '\n',
    );
    await waitFor(() => out().includes('"id":1'));
    child.kill('SIGKILL');
    await ended(child);
    const lines = readFileSync(recording, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    expect(parseRecordingHeader(lines[0]!).ok).toBe(true);
    const entries = lines.slice(1).map((l, i) => parseRecordingEntry(l, i + 2));
    expect(entries.every((e) => e.ok)).toBe(true);
    expect(entries.some((e) => e.ok && e.entry.pairSeq !== undefined)).toBe(true);

    const polite = spawnTap(bin.bin, [
      '--no-ui',
      '--no-record',
      '--',
      node,
      '-e',
      'process.on("SIGTERM",()=>{process.stdout.write("bye\\n");process.exit(3)});setInterval(()=>{},1000);process.stdout.write("up\\n")',
    ]);
    const said = collect(polite.stdout);
    await waitFor(() => said().includes('up'));
    polite.kill('SIGTERM');
    expect(await ended(polite)).toEqual({ code: 3, signal: null });
    expect(said().toString()).toBe('up\nbye\n');
  });
});

function method(entry: TrafficEntry): string | undefined {
  return (entry.msg as { method?: string } | undefined)?.method;
}

async function waitFor(check: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
