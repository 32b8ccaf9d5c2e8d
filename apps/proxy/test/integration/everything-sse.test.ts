import { afterAll, beforeAll } from 'vitest';
import { everythingSuite } from '../helpers/everything-suite.js';
import { startEverything, type RunningServer } from '../helpers/processes.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startEverything('sse');
});
afterAll(async () => {
  await server?.stop();
});

// A URL ending in /sse needs no --transport.
everythingSuite('SSE', () => [`${server.origin}/sse`]);
