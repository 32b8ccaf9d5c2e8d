import { describe, expect, it } from 'vitest';
import { describeHttpStatus } from '@mcpscope/engine/transports/http';
import { ExitCode, exitCodeFor } from '../../src/common/exit-codes.js';

describe('describeHttpStatus', () => {
  it('says what to try for 401, 403 and 405', () => {
    expect(describeHttpStatus('streamable-http', 'http://h/mcp', 401)).toBe(
      'HTTP 401 at /mcp: the server wants authorization (pass --header "Authorization: Bearer <token>")',
    );
    expect(describeHttpStatus('sse', 'http://h/sse', 403)).toMatch(/^HTTP 403 at \/sse: forbidden/);
    expect(describeHttpStatus('streamable-http', 'http://h/sse', 405)).toContain(
      'try --transport sse',
    );
    expect(describeHttpStatus('sse', 'http://h/mcp', 405)).toContain('try --transport http');
    expect(describeHttpStatus('sse', 'http://h/mcp', 503)).toBe(
      'HTTP 503 at /mcp: the server failed (see its logs)',
    );
  });

  it('points a 404 at the other transport’s usual path', () => {
    expect(describeHttpStatus('streamable-http', 'http://h/mcp', 404)).toContain('/sse');
    expect(describeHttpStatus('sse', 'http://h/sse', 404)).toContain('/mcp');
    expect(describeHttpStatus('sse', 'http://h/api/sse', 404)).toContain('/api/mcp');
    expect(describeHttpStatus('streamable-http', 'http://h/api/mcp', 404)).toContain('/api/sse');
  });

  // Bug: the suggested path is built by appending to whatever the path was, so a root URL
  // gives "//sse" and an SSE attempt at /mcp (the fallback) suggests "/mcp/mcp".
  it('never suggests a doubled path', () => {
    const suggestions = [
      describeHttpStatus('streamable-http', 'http://h/', 404),
      describeHttpStatus('sse', 'http://h/', 404),
      describeHttpStatus('sse', 'http://h/mcp', 404),
      describeHttpStatus('streamable-http', 'http://h/sse', 404),
    ];
    for (const text of suggestions) {
      expect(text).not.toMatch(/\/\/(sse|mcp)\b/);
      expect(text).not.toMatch(/\/(mcp|sse)\/(mcp|sse)\b/);
    }
  });
});

describe('exitCodeFor', () => {
  it('maps every local error code to its documented exit code', () => {
    expect(exitCodeFor('RPC_ERROR')).toBe(5);
    expect(exitCodeFor('TIMEOUT')).toBe(4);
    expect(exitCodeFor('CANCELLED')).toBe(130);
    expect(exitCodeFor('BAD_REQUEST')).toBe(2);
    for (const code of [
      'SPAWN_FAILED',
      'CONNECT_FAILED',
      'HANDSHAKE_FAILED',
      'NOT_CONNECTED',
      'CONNECTION_CLOSED',
      'SEND_FAILED',
    ] as const) {
      expect(exitCodeFor(code), code).toBe(3);
    }
    expect(ExitCode).toMatchObject({
      OK: 0,
      TOOL_ERROR: 1,
      USAGE: 2,
      CONNECTION: 3,
      TIMEOUT: 4,
      RPC_ERROR: 5,
      PROTOCOL_VIOLATION: 6,
    });
  });
});
