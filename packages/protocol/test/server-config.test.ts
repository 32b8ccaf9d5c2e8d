import { describe, expect, it } from 'vitest';
import { describeTarget, ServerConfigSchema } from '../src/index.js';

describe('ServerConfigSchema', () => {
  it('fills the defaults of each transport', () => {
    expect(ServerConfigSchema.parse({ transport: 'stdio', command: 'node' })).toEqual({
      transport: 'stdio',
      command: 'node',
      args: [],
      env: {},
    });
    expect(
      ServerConfigSchema.parse({ transport: 'sse', url: 'http://127.0.0.1:3001/sse' }),
    ).toEqual({
      transport: 'sse',
      url: 'http://127.0.0.1:3001/sse',
      headers: {},
    });
    expect(
      ServerConfigSchema.parse({ transport: 'streamable-http', url: 'https://example.com/mcp' }),
    ).toEqual({
      transport: 'streamable-http',
      url: 'https://example.com/mcp',
      headers: {},
      sseFallback: false,
    });
  });

  it('rejects an empty command, a relative URL, a non-HTTP URL and an unknown transport', () => {
    const message = (input: unknown): string => {
      const parsed = ServerConfigSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      return parsed.error?.issues.map((i) => i.message).join('; ') ?? '';
    };
    expect(message({ transport: 'stdio', command: '' })).toContain('command must not be empty');
    expect(message({ transport: 'sse', url: '/sse' })).toContain(
      'must be an absolute URL, e.g. http://127.0.0.1:3001/mcp',
    );
    expect(message({ transport: 'streamable-http', url: 'ws://example.com/mcp' })).toContain(
      'must be an http:// or https:// URL',
    );
    expect(ServerConfigSchema.safeParse({ transport: 'websocket', url: 'ws://x' }).success).toBe(
      false,
    );
  });

  it('keeps env and header values as strings only', () => {
    expect(
      ServerConfigSchema.safeParse({ transport: 'stdio', command: 'node', env: { PORT: 3000 } })
        .success,
    ).toBe(false);
  });
});

describe('describeTarget', () => {
  it('uses the name, else the URL, else the command line', () => {
    expect(
      describeTarget(
        ServerConfigSchema.parse({ transport: 'stdio', command: 'node', args: ['s.js', '-v'] }),
      ),
    ).toBe('node s.js -v');
    expect(
      describeTarget(ServerConfigSchema.parse({ transport: 'sse', url: 'http://h/sse' })),
    ).toBe('http://h/sse');
    expect(
      describeTarget(
        ServerConfigSchema.parse({
          transport: 'streamable-http',
          name: 'prod',
          url: 'http://h/mcp',
        }),
      ),
    ).toBe('prod');
  });
});
