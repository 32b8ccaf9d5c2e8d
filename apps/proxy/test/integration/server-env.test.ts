import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '@mcpscope/engine/session/session';
import { EVERYTHING } from '../helpers/paths.js';

/**
 * A spawned server sees the SDK's minimal inherited environment plus what the user
 * configured, never the proxy's own environment. server-everything's `get-env` tool prints
 * its whole `process.env`.
 */
const SECRET_NAME = 'MCPSCOPE_FUZZ_SECRET';
const SECRET = 'sk-mcpscope-test-4f9c2e7a1b';
/** What getDefaultEnvironment() may pass on, on POSIX. */
const INHERITABLE = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'];

let session: Session;

beforeAll(async () => {
  process.env[SECRET_NAME] = SECRET;
  process.env['AWS_SECRET_ACCESS_KEY'] = SECRET;
  session = new Session({
    transport: 'stdio',
    command: process.execPath,
    args: [EVERYTHING, 'stdio'],
    env: { MCPSCOPE_CONFIGURED: 'configured-value', TERM: 'mcpscope-term' },
  });
  const connected = await session.connect();
  expect(connected.ok, JSON.stringify(connected)).toBe(true);
});

afterAll(async () => {
  await session.close();
  delete process.env[SECRET_NAME];
  delete process.env['AWS_SECRET_ACCESS_KEY'];
});

async function serverEnv(): Promise<Record<string, string>> {
  const outcome = await session.request('tools/call', { name: 'get-env', arguments: {} });
  if (!outcome.ok) throw new Error(`get-env failed: ${outcome.code}: ${outcome.message}`);
  const result = outcome.result as { content: { type: string; text: string }[] };
  return JSON.parse(result.content[0]!.text) as Record<string, string>;
}

describe.skipIf(process.platform === 'win32')('the environment of a spawned server', () => {
  it("does not carry the proxy's secrets; configured values are there and win", async () => {
    const env = await serverEnv();
    expect(env[SECRET_NAME]).toBeUndefined();
    expect(env['AWS_SECRET_ACCESS_KEY']).toBeUndefined();
    expect(JSON.stringify(env)).not.toContain(SECRET);
    expect(env['MCPSCOPE_CONFIGURED']).toBe('configured-value');
    expect(env['TERM']).toBe('mcpscope-term');
  });

  it('holds only the minimal inherited names plus the configured ones', async () => {
    const env = await serverEnv();
    const allowed = new Set([...INHERITABLE, 'MCPSCOPE_CONFIGURED']);
    expect(Object.keys(env).filter((name) => !allowed.has(name))).toEqual([]);
    // PATH is inherited as is: a server started by name must still be found.
    expect(env['PATH']).toBe(process.env['PATH']);
  });
});
