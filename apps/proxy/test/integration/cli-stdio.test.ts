import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runCli, stdoutJson, toolText } from '../helpers/cli.js';
import { EVERYTHING, EVERYTHING_STDIO } from '../helpers/paths.js';
import { isAlive } from '../helpers/processes.js';
import { loadRecording, spawnedPids } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';

const tmp = tempDir('cli-stdio');
afterAll(() => tmp.remove());

const SECRET = 'supersecretvalue';

describe('--record over stdio', () => {
  it('writes a recording whose every line parses, with a secret env value redacted everywhere', async () => {
    const path = tmp.path('get-env.jsonl');
    const run = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'get-env',
      '-e',
      `API_TOKEN=${SECRET}`,
      '-e',
      'PLAIN_SETTING=visible-value',
      '--record',
      path,
      ...EVERYTHING_STDIO,
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    // The server really got the value (it prints its environment): the recording must not.
    expect(toolText(run)).toContain(SECRET);

    const recording = loadRecording(path);
    expect(recording.text).not.toContain(SECRET);
    expect(recording.header).toMatchObject({
      format: 'mcpscope-recording',
      version: 1,
      client: { name: 'mcpscope' },
      target: {
        transport: 'stdio',
        command: process.execPath,
        env: { API_TOKEN: '[REDACTED]', PLAIN_SETTING: 'visible-value' },
      },
    });
    expect(Number.isNaN(Date.parse(recording.header.createdAt))).toBe(false);
    // Non-secret values are kept, also inside the tool result.
    expect(recording.text).toContain('visible-value');

    const kinds = new Set(recording.entries.map((e) => `${e.dir}:${e.kind}`));
    for (const kind of [
      'meta:lifecycle',
      'c2s:request',
      's2c:response',
      'c2s:notification',
      'meta:stderr',
    ])
      expect(kinds).toContain(kind);
    const states = recording.entries.flatMap((e) =>
      e.transport?.state === undefined ? [] : [e.transport.state],
    );
    expect(states).toEqual(['connecting', 'initializing', 'ready', 'closing', 'closed']);

    const pids = spawnedPids(recording.entries);
    expect(pids).toHaveLength(1);
    expect(isAlive(pids[0]!)).toBe(false);
    const exit = recording.entries.find(
      (e) => e.transport?.exitCode !== undefined || e.transport?.signal != null,
    );
    expect(exit?.transport?.pid).toBe(pids[0]);
  });

  it('keeps the secret with --no-redact (the redaction above is not an accident)', async () => {
    const path = tmp.path('no-redact.jsonl');
    const run = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'get-env',
      '-e',
      `API_TOKEN=${SECRET}`,
      '--no-redact',
      '--record',
      path,
      ...EVERYTHING_STDIO,
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    const recording = loadRecording(path);
    expect(recording.header.target).toMatchObject({ env: { API_TOKEN: SECRET } });
    expect(recording.text).toContain(SECRET);
  });
});

describe('where the target goes', () => {
  it('accepts the command before the flags', async () => {
    const run = await runCli([
      ...EVERYTHING_STDIO,
      '--method',
      'tools/call',
      '--tool-name',
      'echo',
      '--tool-arg',
      'message=first',
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('Echo: first');
  });

  it('gives everything after -- to the server, even words that are mcpscope flags', async () => {
    // server-everything ignores arguments after its transport name.
    const run = await runCli([
      '--method',
      'ping',
      '--',
      process.execPath,
      EVERYTHING,
      'stdio',
      '--verbose',
      '-e',
      'X=1',
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(stdoutJson(run)).toEqual({});
    // --verbose went to the server, not to mcpscope: no traffic log on stderr.
    expect(run.stderr).toBe('');
  });

  it('reads the server from an mcpServers config file', async () => {
    const config = tmp.path('claude_desktop_config.json');
    writeFileSync(
      config,
      JSON.stringify({
        mcpServers: {
          everything: {
            command: process.execPath,
            args: [EVERYTHING, 'stdio'],
            env: { FROM_CONFIG: 'yes-from-config' },
          },
          other: { url: 'http://127.0.0.1:1/mcp' },
        },
      }),
    );
    const run = await runCli([
      '--config',
      config,
      '--server',
      'everything',
      '--method',
      'tools/call',
      '--tool-name',
      'get-env',
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toContain('yes-from-config');

    const ambiguous = await runCli(['--config', config, '--method', 'ping']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('has 2 servers; pick one with --server (everything, other)');
    const missing = await runCli(['--config', config, '--server', 'nope', '--method', 'ping']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('has no server "nope" (it has: everything, other)');
  });
});

describe('output', () => {
  it('--format text prints one line per tool', async () => {
    const run = await runCli(['--method', 'tools/list', '--format', 'text', ...EVERYTHING_STDIO]);
    expect(run.code, describeRun(run)).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('echo — Echoes back the input string');
    expect(lines.length).toBeGreaterThan(5);
  });

  it('--verbose prints the traffic log on stderr and only the result on stdout', async () => {
    const run = await runCli(['--method', 'ping', '--verbose', ...EVERYTHING_STDIO]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(stdoutJson(run)).toEqual({});
    expect(run.stderr).toMatch(/→ request\s+initialize #0/);
    expect(run.stderr).toMatch(/← response\s+#0 \(\d+(\.\d)?ms\)/);
    expect(run.stderr).toMatch(/→ notification notifications\/initialized/);
    expect(run.stderr).toMatch(/→ request\s+ping #1/);
    expect(run.stderr).toMatch(/· lifecycle\s+spawned /);
  });
});
