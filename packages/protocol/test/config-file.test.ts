import { describe, expect, it } from 'vitest';
import { inferUrlConfig, parseServersConfig, type ServerConfig } from '../src/index.js';

/** Parses a config that must load, and fails the test with the message when it does not. */
function load(text: string, env: Record<string, string | undefined> = {}) {
  const loaded = parseServersConfig(text, { env });
  if (!loaded.ok) throw new Error(`expected the config to load, got: ${loaded.message}`);
  return loaded;
}

describe('parseServersConfig: mcpServers (Claude Desktop, Cursor, MCP Inspector)', () => {
  it('reads stdio, sse, http and streamable-http entries with their defaults', () => {
    const loaded = load(
      JSON.stringify({
        mcpServers: {
          files: {
            command: 'npx',
            args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'],
          },
          memory: { type: 'stdio', command: 'node', env: { DEBUG: 1, VERBOSE: true }, cwd: '/srv' },
          legacy: { type: 'sse', url: 'http://127.0.0.1:3001/sse', headers: { 'X-Trace': '1' } },
          modern: { type: 'http', url: 'http://127.0.0.1:3001/mcp' },
          spelled: { type: 'streamable-http', url: 'https://example.com/mcp' },
          camel: { type: 'streamableHttp', url: 'https://example.com/mcp' },
        },
      }),
    );
    expect(loaded.shape).toBe('mcpServers');
    expect(loaded.problems).toEqual([]);
    expect(loaded.servers).toEqual<Record<string, ServerConfig>>({
      files: {
        transport: 'stdio',
        name: 'files',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'],
        env: {},
      },
      memory: {
        transport: 'stdio',
        name: 'memory',
        command: 'node',
        args: [],
        // Numbers and booleans in "env" become the strings a process environment holds.
        env: { DEBUG: '1', VERBOSE: 'true' },
        cwd: '/srv',
      },
      legacy: {
        transport: 'sse',
        name: 'legacy',
        url: 'http://127.0.0.1:3001/sse',
        headers: { 'X-Trace': '1' },
      },
      // A declared type is a choice: no fallback to SSE.
      modern: {
        transport: 'streamable-http',
        name: 'modern',
        url: 'http://127.0.0.1:3001/mcp',
        headers: {},
        sseFallback: false,
      },
      spelled: {
        transport: 'streamable-http',
        name: 'spelled',
        url: 'https://example.com/mcp',
        headers: {},
        sseFallback: false,
      },
      camel: {
        transport: 'streamable-http',
        name: 'camel',
        url: 'https://example.com/mcp',
        headers: {},
        sseFallback: false,
      },
    });
  });

  it('infers the transport of a url without a type: /sse paths are SSE, others Streamable HTTP with SSE fallback', () => {
    const loaded = load(
      JSON.stringify({
        mcpServers: {
          sse: { url: 'http://127.0.0.1:3001/sse' },
          sseSlash: { url: 'http://127.0.0.1:3001/SSE/' },
          sseQuery: { url: 'http://127.0.0.1:3001/sse?key=1' },
          mcp: { url: 'http://127.0.0.1:3001/mcp' },
          queryMentionsSse: { url: 'http://127.0.0.1:3001/mcp?via=/sse' },
          serverUrlKey: { serverUrl: 'http://127.0.0.1:3001/api' },
        },
      }),
    );
    const kinds = Object.fromEntries(
      Object.entries(loaded.servers).map(([name, c]) => [
        name,
        c.transport === 'streamable-http' ? `http fallback=${c.sseFallback}` : c.transport,
      ]),
    );
    expect(kinds).toEqual({
      sse: 'sse',
      sseSlash: 'sse',
      sseQuery: 'sse',
      mcp: 'http fallback=true',
      queryMentionsSse: 'http fallback=true',
      serverUrlKey: 'http fallback=true',
    });
    expect(loaded.servers['serverUrlKey']).toMatchObject({ url: 'http://127.0.0.1:3001/api' });
  });

  it('reports bad entries in problems and keeps the good ones', () => {
    const loaded = load(
      JSON.stringify({
        mcpServers: {
          good: { command: 'node', args: ['server.js'] },
          ws: { type: 'websocket', url: 'ws://127.0.0.1:3001' },
          empty: {},
          notAnObject: 42,
          badArgs: { command: 'node', args: 'server.js' },
          badUrl: { url: 'not a url' },
          ftp: { type: 'sse', url: 'ftp://example.com/sse' },
          stdioWithoutCommand: { type: 'stdio', args: ['x'] },
          emptyCommand: { command: '' },
        },
      }),
    );
    expect(Object.keys(loaded.servers)).toEqual(['good']);
    const problems = Object.fromEntries(loaded.problems.map((p) => [p.server, p.message]));
    expect(Object.keys(problems).sort()).toEqual(
      [
        'badArgs',
        'badUrl',
        'empty',
        'emptyCommand',
        'ftp',
        'notAnObject',
        'stdioWithoutCommand',
        'ws',
      ].sort(),
    );
    expect(problems['ws']).toBe(
      'unknown "type": "websocket" (expected stdio, sse, http or streamable-http)',
    );
    expect(problems['empty']).toBe('needs either "command" (stdio) or "url" (sse, http)');
    expect(problems['stdioWithoutCommand']).toBe('a stdio server needs "command"');
    expect(problems['badArgs']).toMatch(/^args: /);
    expect(problems['badUrl']).toContain('must be an absolute URL');
    expect(problems['ftp']).toContain('must be an http:// or https:// URL');
    expect(problems['emptyCommand']).toContain('command must not be empty');
  });

  it('rejects a file with no known shape, naming the keys it looked for', () => {
    const result = parseServersConfig('{"servers_": {}}');
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/"mcpServers".*"servers"/) as unknown,
    });
    expect(parseServersConfig('[]')).toEqual({
      ok: false,
      message: 'expected a JSON object with "mcpServers" or "servers"',
    });
    expect(parseServersConfig('{"mcpServers": []}')).toEqual({
      ok: false,
      message: '"mcpServers" must be an object keyed by server name',
    });
  });
});

describe('parseServersConfig: VS Code', () => {
  it('reads .vscode/mcp.json "servers"', () => {
    const loaded = load(
      JSON.stringify({
        inputs: [{ type: 'promptString', id: 'key' }],
        servers: {
          local: { type: 'stdio', command: 'node', args: ['server.js'] },
          remote: {
            type: 'http',
            url: 'https://example.com/mcp',
            headers: { Authorization: 'Bearer x' },
          },
        },
      }),
    );
    expect(loaded.shape).toBe('vscode');
    expect(loaded.servers['local']).toMatchObject({
      transport: 'stdio',
      command: 'node',
      args: ['server.js'],
    });
    expect(loaded.servers['remote']).toMatchObject({
      transport: 'streamable-http',
      url: 'https://example.com/mcp',
      headers: { Authorization: 'Bearer x' },
    });
  });

  it('reads settings.json "mcp.servers"', () => {
    const loaded = load(
      JSON.stringify({
        'editor.fontSize': 14,
        mcp: { servers: { fromSettings: { command: 'uvx', args: ['mcp-server-git'] } } },
      }),
    );
    expect(loaded.shape).toBe('vscode');
    expect(loaded.servers).toEqual({
      fromSettings: {
        transport: 'stdio',
        name: 'fromSettings',
        command: 'uvx',
        args: ['mcp-server-git'],
        env: {},
      },
    });
  });

  it('accepts JSON with comments and trailing commas, as VS Code writes it', () => {
    const text = `{
  // Servers for this workspace
  "servers": {
    /* a block comment */
    "memory": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-memory",],
    },
  },
}`;
    const loaded = load(text);
    expect(loaded.servers['memory']).toMatchObject({
      transport: 'stdio',
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-memory'],
    });
  });
});

describe('parseServersConfig: ${env:NAME} expansion', () => {
  it('expands ${env:NAME} and ${NAME} in command, args, cwd, url, env and headers', () => {
    const loaded = load(
      JSON.stringify({
        mcpServers: {
          local: {
            command: '${env:HOME}/bin/server',
            args: ['--root', '${WORKSPACE}', 'literal'],
            cwd: '${env:WORKSPACE}',
            env: { API_TOKEN: '${env:TOKEN}', MIXED: 'a-${TOKEN}-b', PORT: 8080 },
          },
          remote: {
            url: 'https://${env:HOST}/mcp',
            headers: { Authorization: 'Bearer ${env:TOKEN}' },
          },
        },
      }),
      { HOME: '/home/ada', WORKSPACE: '/work', TOKEN: 's3cret', HOST: 'example.com' },
    );
    expect(loaded.servers['local']).toEqual({
      transport: 'stdio',
      name: 'local',
      command: '/home/ada/bin/server',
      args: ['--root', '/work', 'literal'],
      cwd: '/work',
      env: { API_TOKEN: 's3cret', MIXED: 'a-s3cret-b', PORT: '8080' },
    });
    expect(loaded.servers['remote']).toMatchObject({
      url: 'https://example.com/mcp',
      headers: { Authorization: 'Bearer s3cret' },
    });
  });

  it('leaves references to unset variables as written', () => {
    const loaded = load(
      JSON.stringify({
        mcpServers: { s: { command: 'node', args: ['${env:NOPE}', '${ALSO_NOPE}'] } },
      }),
      {},
    );
    expect(loaded.servers['s']).toMatchObject({ args: ['${env:NOPE}', '${ALSO_NOPE}'] });
  });
});

describe('parseServersConfig: not JSON', () => {
  it('says where the error is, by line and column', () => {
    const text = '{\n  "mcpServers": {\n    "a": { "command": "node" }\n    "b": {}\n  }\n}';
    // Line 4 starts with 4 spaces: the missing comma is noticed at the `"b"` token, column 5.
    const result = parseServersConfig(text);
    expect(result).toEqual({
      ok: false,
      message: 'not valid JSON: CommaExpected at line 4, column 5',
    });
  });

  it('reports an unterminated document', () => {
    const result = parseServersConfig('{"mcpServers": {');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^not valid JSON: \w+ at line 1, column \d+$/);
  });
});

describe('inferUrlConfig', () => {
  it('omits the name when none is given', () => {
    expect(inferUrlConfig('http://h/mcp')).toEqual({
      transport: 'streamable-http',
      url: 'http://h/mcp',
      headers: {},
      sseFallback: true,
    });
    expect(inferUrlConfig('http://h/sse', { A: 'b' }, 'n')).toEqual({
      transport: 'sse',
      url: 'http://h/sse',
      headers: { A: 'b' },
      name: 'n',
    });
  });
});
