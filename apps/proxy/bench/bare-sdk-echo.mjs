// The baseline for bench/replay.mjs: the same N sequential `tools/call echo` calls a replay
// re-issues, made directly by a bare SDK client over stdio, with nothing recorded or compared.
//
//   node apps/proxy/bench/bare-sdk-echo.mjs N <command> [args...]
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const [countText, command, ...args] = process.argv.slice(2);
const count = Number(countText);
if (!Number.isInteger(count) || count < 1 || command === undefined) {
  process.stderr.write('usage: node bare-sdk-echo.mjs N <command> [args...]\n');
  process.exitCode = 2;
} else {
  const client = new Client({ name: 'bare-sdk-echo', version: '0.0.0' });
  await client.connect(new StdioClientTransport({ command, args, stderr: 'ignore' }));
  await client.listTools();
  for (let i = 0; i < count; i++) {
    const result = await client.callTool({ name: 'echo', arguments: { message: `call ${i}` } });
    if (result.content?.[0]?.text !== `Echo: call ${i}`)
      throw new Error(`unexpected result ${JSON.stringify(result)}`);
  }
  await client.close();
}
