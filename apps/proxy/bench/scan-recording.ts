// Reads a recording through mcpscope's reader (packages/engine/src/recording/reader.ts) and prints, as JSON,
// the entries read, the time taken, and the resident memory at each tenth of the file: the
// figures bench/reader.mjs reports.
//
//   node --import tsx apps/proxy/bench/scan-recording.ts FILE
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readRecording } from '@mcpscope/engine/recording/reader';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: node --import tsx scan-recording.ts FILE\n');
  process.exit(2);
}
const size = statSync(file).size;
const started = performance.now();
let entries = 0;
let bytes = 0;
let nextMark = 0.1;
const rssAt: { fraction: number; rssMiB: number }[] = [];
for await (const item of readRecording(file)) {
  if (item.type !== 'entry') continue;
  entries++;
  // The size of an entry's line, near enough to tell how far into the file we are.
  bytes += (item.entry.raw?.length ?? 0) + JSON.stringify(item.entry.msg ?? null).length + 60;
  if (bytes / size >= nextMark) {
    rssAt.push({
      fraction: Math.round(nextMark * 10) / 10,
      rssMiB: process.memoryUsage().rss / 2 ** 20,
    });
    nextMark += 0.1;
  }
}
process.stdout.write(
  JSON.stringify({
    entries,
    ms: performance.now() - started,
    rssAt,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
