import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, PROXY_DIR } from './paths.js';
import { freePort, stopProcess, waitForOutput, type RunningServer } from './processes.js';

/** The SDK's example server, whose `--oauth` mode starts the SDK's demo authorization server. */
export const SDK_OAUTH_EXAMPLE = join(
  PROXY_DIR,
  'node_modules/@modelcontextprotocol/sdk/dist/esm/examples/server/simpleStreamableHttp.js',
);

async function start(
  args: string[],
  env: Record<string, string>,
  listening: RegExp,
): Promise<{ child: ReturnType<typeof spawn>; output: () => string; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  try {
    return { child, output: () => output, match: await waitForOutput(child, listening) };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

/** Our OAuth fixture (test/fixtures/oauth-server.mjs) with the given variation flags. */
export async function startOAuthFixture(...flags: string[]): Promise<RunningServer> {
  const { child, output, match } = await start(
    [join(FIXTURES_DIR, 'oauth-server.mjs'), ...flags],
    { PORT: '0' },
    /listening on (\d+)/,
  );
  const port = Number(match[1]);
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    output,
    stop: () => stopProcess(child),
  };
}

/**
 * `simpleStreamableHttp.js --oauth`: the MCP server on one port, the demo authorization
 * server (auto-approving, dynamic registration) on another. It names itself `localhost`.
 */
export async function startSdkOAuthExample(): Promise<RunningServer & { url: string }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const [mcpPort, authPort] = [await freePort(), await freePort()];
    try {
      const { child, output } = await start(
        [SDK_OAUTH_EXAMPLE, '--oauth'],
        { MCP_PORT: String(mcpPort), MCP_AUTH_PORT: String(authPort) },
        /MCP Streamable HTTP Server listening on port/,
      );
      // The authorization server starts separately; wait for it too.
      if (!/Authorization Server listening/.test(output()))
        await waitForOutput(child, /Authorization Server listening/);
      return {
        origin: `http://localhost:${mcpPort}`,
        url: `http://localhost:${mcpPort}/mcp`,
        port: mcpPort,
        pid: child.pid!,
        output,
        stop: () => stopProcess(child),
      };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** The stored credentials file of a config dir, parsed, with its permission bits. */
export function readStore(dir: string): {
  mode: number;
  servers: {
    serverUrl: string;
    tokens?: Record<string, unknown>;
    client?: Record<string, unknown>;
  }[];
} {
  const path = join(dir, 'oauth.json');
  return {
    mode: statSync(path).mode & 0o777,
    servers: (JSON.parse(readFileSync(path, 'utf8')) as { servers: [] }).servers,
  };
}
