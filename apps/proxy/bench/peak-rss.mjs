// Preloaded with `node --import ./peak-rss.mjs …` by the benches: on exit, writes this
// process's peak resident set size (KiB, from getrusage) to the file named by PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.PEAK_RSS_FILE;
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    writeFileSync(file, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
  });
}
