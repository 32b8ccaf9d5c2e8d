import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun } from '../helpers/cli.js';
import { startEverything, type RunningServer } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp.js';
import { failuresOf, runJson, testNamed, writeSpec } from './spec-helpers.js';

const require = createRequire(import.meta.url);
const entry = (pkg: string): string =>
  join(dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'index.js');
const MEMORY = entry('@modelcontextprotocol/server-memory');
const FILESYSTEM = entry('@modelcontextprotocol/server-filesystem');

/**
 * Specs written the way a user of other servers would write them: Streamable HTTP with
 * headers, a server taken from an mcpServers config file, and the reference memory and
 * filesystem servers.
 */
describe('specs against other real servers', () => {
  const tmp = tempDir('real-servers');
  let http: RunningServer;
  beforeAll(async () => {
    http = await startEverything('streamableHttp');
  });
  afterAll(async () => {
    await http?.stop();
    tmp.remove();
  });

  it('Streamable HTTP with headers, and a stdio server from an mcpServers config file', async () => {
    writeSpec(
      tmp.path('http/mcp.json'),
      JSON.stringify({
        mcpServers: {
          memory: {
            command: process.execPath,
            args: [MEMORY],
            env: { MEMORY_FILE_PATH: tmp.path('http/memory.jsonl') },
          },
        },
      }),
    );
    const spec = writeSpec(
      tmp.path('http/spec.yaml'),
      `
servers:
  http:
    url: ${http.origin}/mcp
    transport: http
    headers: { X-Suite: mcpscope }
  memory:
    config: ./mcp.json
    server: memory
tests:
  - name: over HTTP
    server: http
    steps:
      - call: echo
        arguments: { message: over http }
        expect: { text: { equals: 'Echo: over http' } }
      - call: trigger-long-running-operation
        arguments: { duration: 0.3, steps: 3 }
        expect: { progress: 3 }
  - name: memory remembers
    server: memory
    steps:
      - call: create_entities
        arguments:
          entities: [{ name: Ada, entityType: person, observations: [wrote the first program] }]
      - call: read_graph
        expect:
          outputSchema: true
          structuredContent:
            - { path: '$.entities[0].name', equals: Ada }
            - { path: '$.entities[0].observations', contains: wrote the first program }
      - call: search_nodes
        arguments: { query: Ada }
        expect:
          structuredContent: [{ path: '$.entities[*].entityType', equals: robot }]
`,
    );
    const { run, report } = await runJson(spec);
    expect(run.code, describeRun(run)).toBe(1);
    expect(testNamed(report, 'over HTTP').status).toBe('passed');
    expect(report.files[0]!.servers).toEqual({ http: `${http.origin}/mcp`, memory: 'memory' });
    const memory = testNamed(report, 'memory remembers');
    expect(memory.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'failed']);
    expect(failuresOf(memory)).toMatchObject([
      {
        expectation: 'expect.structuredContent[0].equals',
        message: '$.entities[0].entityType is "person", expected "robot"',
        expected: 'robot',
        actual: 'person',
      },
    ]);
  });

  it('the filesystem server: writes, reads back, and refuses paths outside its directory', async () => {
    const root = tmp.path('fs-root');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'hello.txt'), 'hello from the spec\n');
    const spec = writeSpec(
      tmp.path('fs/spec.yaml'),
      `
server:
  command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(FILESYSTEM)}, ../fs-root]
tests:
  - name: files
    steps:
      - call: read_text_file
        arguments: { path: ${JSON.stringify(join(root, 'hello.txt'))} }
        expect:
          outputSchema: true
          text: { contains: hello from the spec }
      - call: write_file
        arguments: { path: ${JSON.stringify(join(root, 'new.txt'))}, content: written }
      - call: list_directory
        arguments: { path: ${JSON.stringify(root)} }
        expect: { text: { contains: ['[FILE] hello.txt', '[FILE] new.txt'] } }
      - call: read_text_file
        arguments: { path: /etc/hostname }
        expect:
          isError: true
          text: { matches: /access denied/i }
`,
    );
    const { run, report } = await runJson(spec);
    expect(run.code, describeRun(run)).toBe(0);
    expect(report.summary).toMatchObject({ tests: 1, passed: 1 });
  });
});
