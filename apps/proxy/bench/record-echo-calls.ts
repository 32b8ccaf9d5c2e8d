// Records N sequential `tools/call echo` calls against the real server-everything over stdio,
// through mcpscope's own Session and RecordingWriter: the recording `bench/replay.mjs` replays.
//
//   node --import tsx apps/proxy/bench/record-echo-calls.ts N FILE
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RecordingWriter } from '@mcpscope/engine/recording/writer';
import { Session } from '@mcpscope/engine/session/session';
import { CLIENT_INFO } from '../src/version.js';

const [countText, file] = process.argv.slice(2);
const count = Number(countText);
if (!Number.isInteger(count) || count < 1 || file === undefined) {
  process.stderr.write('usage: node --import tsx record-echo-calls.ts N FILE\n');
  process.exit(2);
}
const everything = join(
  dirname(
    createRequire(import.meta.url).resolve('@modelcontextprotocol/server-everything/package.json'),
  ),
  'dist',
  'index.js',
);
const config = {
  transport: 'stdio' as const,
  command: process.execPath,
  args: [everything, 'stdio'],
  env: {},
};
const session = new Session(config, { clientInfo: CLIENT_INFO, historyLimit: 100 });
const writer = new RecordingWriter(file, { config, client: CLIENT_INFO });
session.log.addRecorder(writer.write);
const connected = await session.connect();
if (!connected.ok) throw new Error(connected.message);
// The baseline lists the tools once too.
await session.request('tools/list', {});
for (let i = 0; i < count; i++) {
  const outcome = await session.request('tools/call', {
    name: 'echo',
    arguments: { message: `call ${i}` },
  });
  if (!outcome.ok) throw new Error(outcome.message);
}
await session.close();
writer.close();
