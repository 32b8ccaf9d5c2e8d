import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Client } from '@modelcontextprotocol/client';
import type { Transport } from '@modelcontextprotocol/client';

/** `node BIN tap …` as its own process, the way a host starts it. */
export function spawnTap(bin: string, argv: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [bin, 'tap', ...argv], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: process.env,
  });
}

/** Resolves with how a process ended. */
export function ended(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Collects every byte of a stream. */
export function collect(stream: NodeJS.ReadableStream): () => Buffer {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks);
}

/**
 * The same session run by a real host: the v2 SDK's Client, with roots (server-everything
 * then asks for them, a server-to-client request) and a fixed set of calls. Returns every
 * result as JSON text, so two runs can be compared byte for byte.
 */
export async function hostScenario(transport: Transport): Promise<{
  results: string[];
  rootsAsked: number;
}> {
  const client = new Client(
    { name: 'tap-test-host', version: '3.1.4' },
    { capabilities: { roots: { listChanged: true } } },
  );
  let rootsAsked = 0;
  client.setRequestHandler('roots/list', () => {
    rootsAsked++;
    return { roots: [{ uri: 'file:///tmp/tap-host', name: 'host root' }] };
  });
  await client.connect(transport);
  try {
    const results = [
      await client.listTools(),
      await client.callTool({ name: 'echo', arguments: { message: 'through the tap ✓' } }),
      await client.callTool({ name: 'get-sum', arguments: { a: 2, b: 40 } }),
      await client.listPrompts(),
      await client.getPrompt({ name: 'args-prompt', arguments: { city: 'Oslo' } }),
      await client.listResources(),
      await client.readResource({ uri: 'demo://resource/static/document/architecture.md' }),
    ].map((result) => JSON.stringify(result));
    // server-everything asks for roots after initialized; give it the time to.
    for (let i = 0; i < 50 && rootsAsked === 0; i++) await new Promise((r) => setTimeout(r, 50));
    return { results, rootsAsked };
  } finally {
    await client.close();
  }
}
