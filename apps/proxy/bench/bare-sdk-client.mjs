// The baseline for bench/cli-oneshot.mjs: the least a one-shot `tools/list` over stdio can do
// with the MCP SDK. Connect, list tools, print the result as JSON, close gracefully, and let
// the process end on its own (no process.exit), exactly as a well-behaved CLI should.
//
//   node apps/proxy/bench/bare-sdk-client.mjs <command> [args...]
//   node apps/proxy/bench/bare-sdk-client.mjs node path/to/server-everything/dist/index.js stdio
//
// The SDK is imported by bare specifier, so it resolves from apps/proxy/node_modules: the same
// copy that apps/proxy/dist/bin.js loads.

import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  process.stderr.write('usage: node bare-sdk-client.mjs <command> [args...]\n');
  process.exitCode = 2;
} else {
  const transport = new StdioClientTransport({ command, args, stderr: 'inherit' });
  const client = new Client({ name: 'bare-sdk-client', version: '0.0.0' });
  try {
    await client.connect(transport);
    const result = await client.listTools();
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } catch (error) {
    process.stderr.write(
      `bare-sdk-client: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await client.close();
  }
}
