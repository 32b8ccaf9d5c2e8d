// Preloaded with `node --import ./peak-rss.mjs …` by the benches: on exit, writes this
// process's peak resident set size (KiB) and CPU time (µs, user + system), from getrusage, to
// the file named by PEAK_RSS_FILE. The server it talks to is not counted.
import { writeFileSync } from 'node:fs';

const file = process.env.PEAK_RSS_FILE;
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        maxRssKiB: usage.maxRSS,
        cpuMicros: usage.userCPUTime + usage.systemCPUTime,
      }),
    );
  });
}
