// Replay of 2026-07-28 recordings: a recorded book-trip (three input_required rounds) replays
// against the dual-era fixture with no difference, its input requests answered from the
// recorded retries' inputResponses; --protocol-version overrides the recorded era; and the
// recording header says the era when it was chosen up front.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildPrivateBin, runBin } from '../helpers/built-bin.js';
import { describeRun, stdoutJson, type CliRun } from '../helpers/cli.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { loadRecording } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';

const DUAL = join(FIXTURES_DIR, 'modern', 'dual-era.mjs');
const BOOK_TRIP = [
  '--tool-name',
  'book-trip',
  '--tool-arg',
  'destination=Oslo',
  '--elicitation',
  'accept',
  '--elicitation-content',
  '{"name":"Ada","nights":3}',
  '--sampling-response',
  'Fjords',
  '--root',
  '/tmp',
];

const tmp = tempDir('replay-eras');
let built: { bin: string; remove: () => void };
const run = (argv: readonly string[]): Promise<CliRun> => runBin(built.bin, argv);
const recording = (choice: string): string => tmp.path(`book-trip-${choice}.jsonl`);

interface Report {
  exitCode: number;
  summary: {
    same: number;
    different: number;
    failed: number;
    serverRequests: { answered: number; unmatched: unknown[] };
  };
  requests: { label: string; status: string; differences: { path: string }[] }[];
}

beforeAll(async () => {
  built = buildPrivateBin();
  const runs = await Promise.all(
    ['auto', 'legacy', '2026-07-28'].map((choice) =>
      run([
        '--cli',
        ...BOOK_TRIP,
        '--protocol-version',
        choice,
        '--record',
        recording(choice),
        process.execPath,
        DUAL,
      ]),
    ),
  );
  for (const r of runs) expect(r.code, describeRun(r)).toBe(0);
}, 60_000);

afterAll(() => {
  built?.remove();
  tmp.remove();
});

describe('replaying modern recordings', () => {
  it('replays a recorded book-trip with no difference, answering its rounds from the recording', async () => {
    const replayed = await run(['replay', recording('auto'), '--format', 'json']);
    expect(replayed.code, describeRun(replayed)).toBe(0);
    const report = stdoutJson<Report>(replayed);
    expect(report.summary).toMatchObject({ same: 2, different: 0, failed: 0 });
    // traveller (elicitation), pitch (sampling), roots: from the recorded inputResponses.
    expect(report.summary.serverRequests).toEqual({ answered: 3, unmatched: [] });
  });

  it('replays a legacy book-trip recording the same way, from its recorded server requests', async () => {
    const replayed = await run(['replay', recording('legacy'), '--format', 'json']);
    expect(replayed.code, describeRun(replayed)).toBe(0);
    expect(stdoutJson<Report>(replayed).summary.serverRequests.answered).toBe(3);
  });

  it('--protocol-version overrides the recorded era: the answers serve legacy server requests too', async () => {
    const [legacy, bogus] = await Promise.all([
      run(['replay', recording('auto'), '--format', 'json', '--protocol-version', 'legacy']),
      run(['replay', recording('auto'), '--protocol-version', 'modern']),
    ]);
    const report = stdoutJson<Report>(legacy);
    expect(report.summary.failed, describeRun(legacy)).toBe(0);
    expect(report.summary.serverRequests).toEqual({ answered: 3, unmatched: [] });
    // What differs is the era's own vocabulary, not the booking.
    const paths = report.requests.flatMap((r) => r.differences.map((d) => d.path));
    expect(paths.filter((p) => !/resultType|ttlMs|cacheScope|_meta/.test(p))).toEqual([]);

    expect(bogus.code, describeRun(bogus)).toBe(2);
    expect(bogus.stderr).toContain('--protocol-version must be auto, legacy or a revision date');
  });

  it('writes the era in the header when --protocol-version chose it', () => {
    expect(loadRecording(recording('legacy')).header.era).toBe('legacy');
    expect(loadRecording(recording('2026-07-28')).header.era).toBe('modern');
    // auto: not known when the header is written; readers infer it from server/discover.
    expect(loadRecording(recording('auto')).header.era).toBeUndefined();
  });
});
