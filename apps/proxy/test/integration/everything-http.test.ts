import { afterAll, beforeAll } from 'vitest';
import { everythingSuite } from '../helpers/everything-suite.js';
import { startEverything, type RunningServer } from '../helpers/processes.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startEverything('streamableHttp');
});
afterAll(async () => {
  await server?.stop();
});

// A URL ending in /mcp without --transport: Streamable HTTP (with fallback to SSE).
everythingSuite('Streamable HTTP', () => [`${server.origin}/mcp`]);
