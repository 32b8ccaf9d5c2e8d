import { readFileSync, statSync, existsSync } from 'node:fs';
import type { TrafficEntry } from '@mcpscope/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { DISPLAY_CAP_BYTES, forDisplay, PREVIEW_CHARS } from '@mcpscope/engine/session/display';
import { HistoryWindow } from '@mcpscope/engine/session/history-window';
import { SpillFile } from '@mcpscope/engine/session/spill-file';
import { HistoryUnavailable, TrafficLog } from '@mcpscope/engine/session/traffic-log';
import { tempDir } from '../helpers/temp.js';

const tmp = tempDir('spill');
afterAll(() => tmp.remove());

const entry = (seq: number, extra: Partial<TrafficEntry> = {}): TrafficEntry => ({
  seq,
  t: seq,
  dir: 'meta',
  kind: 'stderr',
  raw: `line ${seq}`,
  ...extra,
});
const notification = (i: number, data = `event ${i}`): unknown => ({
  jsonrpc: '2.0',
  method: 'notifications/message',
  params: { level: 'info', data },
});

describe('HistoryWindow (ring buffer)', () => {
  it('keeps the newest maxEntries, contiguous by seq, across many wraps', () => {
    const window = new HistoryWindow(7);
    for (let seq = 0; seq < 100; seq++) window.push(entry(seq), 10);
    expect(window.length).toBe(7);
    expect(window.firstSeq).toBe(93);
    expect(window.bytes).toBe(70);
    expect(window.range(0).map((e) => e.seq)).toEqual([93, 94, 95, 96, 97, 98, 99]);
    expect(window.range(95, 98).map((e) => e.seq)).toEqual([95, 96, 97]);
    expect(window.get(92)).toBeUndefined();
    expect(window.get(99)?.raw).toBe('line 99');
    expect(window.sizeOf(96)).toBe(10);
  });

  it('drops the oldest entries to stay within maxBytes, but always keeps the newest', () => {
    const window = new HistoryWindow(100, 1000);
    for (let seq = 0; seq < 10; seq++) window.push(entry(seq), 300);
    expect(window.range(0).map((e) => e.seq)).toEqual([7, 8, 9]);
    expect(window.bytes).toBe(900);
    window.push(entry(10), 5000);
    expect(window.range(0).map((e) => e.seq)).toEqual([10]);
    expect(window.bytes).toBe(5000);
    window.push(entry(11), 1);
    expect(window.range(0).map((e) => e.seq)).toEqual([11]);
  });
});

describe('SpillFile', () => {
  it('reads back any range of what it appended, byte for byte, from a private file', async () => {
    const spill = SpillFile.create(tmp.path(''));
    const lines: string[] = [];
    for (let seq = 0; seq < 5000; seq++) {
      // Lines of varying length, some multi-byte, so offsets are not guessable.
      const line = JSON.stringify(entry(seq, { raw: `é${'x'.repeat(seq % 97)} ${seq}` }));
      lines.push(line);
      spill.append(seq, line);
    }
    expect(statSync(spill.path).mode & 0o777).toBe(0o600);
    for (const [from, to] of [
      [0, 1],
      [0, 5000],
      [127, 129],
      [128, 256],
      [4999, 5000],
      [1234, 3210],
      [4990, 6000],
    ] as const) {
      expect(await spill.read(from, to), `${from}..${to}`).toEqual(lines.slice(from, to));
    }
    await spill.flushed();
    expect(readFileSync(spill.path, 'utf8')).toBe(lines.join('\n') + '\n');
    await spill.close();
    expect(existsSync(spill.path)).toBe(false);
  });

  it('reads while appends continue, and refuses a seq out of order', async () => {
    const spill = SpillFile.create(tmp.path(''));
    const reads: Promise<string[]>[] = [];
    for (let seq = 10; seq < 3000; seq++) {
      spill.append(seq, `{"seq":${seq}}`);
      if (seq % 500 === 0) reads.push(spill.read(seq - 300, seq + 1));
    }
    const results = await Promise.all(reads);
    for (const lines of results) {
      const seqs = lines.map((l) => (JSON.parse(l) as { seq: number }).seq);
      expect(seqs).toEqual(Array.from({ length: 301 }, (_, i) => seqs[0]! + i));
    }
    expect(await spill.read(0, 12)).toEqual(['{"seq":10}', '{"seq":11}']);
    expect(() => spill.append(5000, '{}')).toThrow(/seq 5000 after 2999/);
    await spill.close();
  });
});

describe('TrafficLog with a spill file', () => {
  it('holds a bounded window in memory and reads older entries back identical', async () => {
    const log = new TrafficLog({ spill: SpillFile.create(tmp.path('')), historyLimit: 1000 });
    const published: TrafficEntry[] = [];
    log.subscribe((e) => published.push(structuredClone(e)));
    for (let i = 0; i < 10_000; i++) log.appendText('s2c', JSON.stringify(notification(i)));
    expect(log.entries()).toHaveLength(1000);
    expect(log.memoryStart).toBe(9000);
    expect(await log.read(0, 10_000)).toEqual(published);
    expect(await log.read(8990, 9010)).toEqual(published.slice(8990, 9010));
    expect(await log.entry(42)).toEqual(published[42]);
    expect(await log.entry(10_000)).toBeUndefined();
    await log.close();
  });

  it('sends a huge entry to the UI as a marked preview, and keeps it whole for `entry`', async () => {
    const log = new TrafficLog({ spill: SpillFile.create(tmp.path('')), historyLimit: 10 });
    const big = 'y'.repeat(3 * 1024 * 1024) + 'END';
    const [huge] = log.appendText('s2c', JSON.stringify(notification(0, big)));
    const shown = log.display(huge!);
    expect(shown).not.toBe(huge);
    expect(shown.truncated!.bytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(shown.truncated!.bytes).toBe(Buffer.byteLength(JSON.stringify(huge)));
    expect(JSON.stringify(shown).length).toBeLessThan(PREVIEW_CHARS + 1000);
    expect(shown.msg).toMatchObject({ jsonrpc: '2.0', method: 'notifications/message' });
    const data = (shown.msg as { params: { data: string } }).params.data;
    expect(data).toMatch(/^y+… \[[\d,]+ more characters\]$/);
    // The small ones pass through untouched.
    const [small] = log.appendText('s2c', JSON.stringify(notification(1)));
    expect(log.display(small!)).toBe(small);
    // After memory dropped it, the whole entry still comes back from the disk.
    for (let i = 2; i < 30; i++) log.appendText('s2c', JSON.stringify(notification(i)));
    expect(log.memoryStart).toBeGreaterThan(0);
    const full = await log.entry(0);
    expect((full!.msg as { params: { data: string } }).params.data).toBe(big);
    const [page0] = await log.readForDisplay(0, 1);
    expect(page0!.truncated).toEqual(shown.truncated);
    // The JSON path (attach) gives the same entries, the huge one cut, the rest as spilled.
    const json = await log.readDisplayJson(0, log.lastSeq + 1);
    expect(json.map((line) => JSON.parse(line) as unknown)).toEqual(
      await log.readForDisplay(0, log.lastSeq + 1),
    );
    expect(json[0]!.length).toBeLessThan(PREVIEW_CHARS + 1000);
    await log.close();
  });

  it('without a spill file, older history is reported unavailable, not invented', async () => {
    const log = new TrafficLog({ historyLimit: 5 });
    for (let i = 0; i < 20; i++) log.appendText('s2c', JSON.stringify(notification(i)));
    await expect(log.read(0, 20)).rejects.toBeInstanceOf(HistoryUnavailable);
    expect((await log.read(15, 20)).map((e) => e.seq)).toEqual([15, 16, 17, 18, 19]);
  });

  it('forDisplay leaves entries at the cap alone and cuts one byte over it', () => {
    const e = entry(0, { raw: 'z'.repeat(DISPLAY_CAP_BYTES) });
    expect(forDisplay(e, DISPLAY_CAP_BYTES)).toBe(e);
    const cut = forDisplay(e, DISPLAY_CAP_BYTES + 1);
    expect(cut.truncated).toEqual({ bytes: DISPLAY_CAP_BYTES + 1 });
    expect(cut.raw!.length).toBeLessThan(PREVIEW_CHARS + 100);
  });
});
