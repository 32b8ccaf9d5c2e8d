import { describe, expect, it } from 'vitest';
import { LineSplitter } from '@mcpscope/engine/transports/line-splitter';

function collect(): { lines: string[]; splitter: LineSplitter } {
  const lines: string[] = [];
  return { lines, splitter: new LineSplitter((line) => lines.push(line.toString('utf8'))) };
}

describe('LineSplitter', () => {
  it('emits each complete line of a chunk, and nothing for an unfinished one', () => {
    const { lines, splitter } = collect();
    splitter.push(Buffer.from('one\ntwo\nthr'));
    expect(lines).toEqual(['one', 'two']);
    expect(splitter.pendingBytes).toBe(3);
  });

  it('joins a line split across chunks, wherever the split falls', () => {
    const text = '{"jsonrpc":"2.0","id":1,"result":{}}\n{"jsonrpc":"2.0","method":"x"}\n';
    for (let cut = 1; cut < text.length; cut++) {
      const { lines, splitter } = collect();
      splitter.push(Buffer.from(text.slice(0, cut)));
      splitter.push(Buffer.from(text.slice(cut)));
      expect(lines, `split at ${cut}`).toEqual([
        '{"jsonrpc":"2.0","id":1,"result":{}}',
        '{"jsonrpc":"2.0","method":"x"}',
      ]);
      expect(splitter.pendingBytes).toBe(0);
    }
  });

  it('drops the CR of CRLF line ends, also when CR and LF arrive in different chunks', () => {
    const { lines, splitter } = collect();
    splitter.push(Buffer.from('a\r\nb\r'));
    splitter.push(Buffer.from('\nc\n'));
    expect(lines).toEqual(['a', 'b', 'c']);
  });

  it('keeps empty lines and a lone CR inside a line', () => {
    const { lines, splitter } = collect();
    splitter.push(Buffer.from('\n\nx\ry\n'));
    expect(lines).toEqual(['', '', 'x\ry']);
  });

  it('never splits a multi-byte UTF-8 character cut across chunks', () => {
    const bytes = Buffer.from('héllo → 世界\n', 'utf8');
    const { lines, splitter } = collect();
    for (const byte of bytes) splitter.push(Buffer.from([byte]));
    expect(lines).toEqual(['héllo → 世界']);
  });

  it('reassembles a multi-megabyte line pushed in many 64 KiB chunks', () => {
    const size = 5 * 1024 * 1024;
    const big = Buffer.alloc(size, 'a');
    big.write('START', 0);
    big.write('END', size - 3);
    const input = Buffer.concat([Buffer.from('first\n'), big, Buffer.from('\nlast\n')]);
    const seen: Buffer[] = [];
    const splitter = new LineSplitter((line) => seen.push(line));
    for (let at = 0; at < input.length; at += 64 * 1024)
      splitter.push(input.subarray(at, at + 64 * 1024));
    expect(seen.map((b) => b.length)).toEqual([5, size, 4]);
    expect(seen[1]!.subarray(0, 5).toString()).toBe('START');
    expect(seen[1]!.subarray(size - 3).toString()).toBe('END');
    expect(seen[1]!.equals(big)).toBe(true);
  });

  it('flush returns what is left without a newline, once', () => {
    const { lines, splitter } = collect();
    splitter.push(Buffer.from('done\npart'));
    splitter.push(Buffer.from('ial'));
    expect(splitter.flush()?.toString()).toBe('partial');
    expect(splitter.pendingBytes).toBe(0);
    expect(splitter.flush()).toBeUndefined();
    expect(lines).toEqual(['done']);
    splitter.push(Buffer.from('next\n'));
    expect(lines).toEqual(['done', 'next']);
  });

  it('flush of an empty splitter is undefined', () => {
    const { splitter } = collect();
    splitter.push(Buffer.from('line\n'));
    expect(splitter.flush()).toBeUndefined();
  });
});

describe('LineSplitter with a cap', () => {
  function capped(maxLineBytes: number) {
    const lines: string[] = [];
    const long: { head: string; bytes: number }[] = [];
    const splitter = new LineSplitter((line) => lines.push(line.toString('utf8')), {
      maxLineBytes,
      onLongLine: (head, bytes) => long.push({ head: head.toString('utf8'), bytes }),
    });
    return { lines, long, splitter };
  }

  it('keeps the head of a line over the cap, counts the rest, and goes on', () => {
    const { lines, long, splitter } = capped(100);
    splitter.push(Buffer.from('short\n' + 'a'.repeat(60)));
    splitter.push(Buffer.from('b'.repeat(60)));
    splitter.push(Buffer.from('c'.repeat(1000)));
    expect(long).toEqual([]);
    expect(splitter.pendingBytes).toBe(1120);
    splitter.push(Buffer.from('dd\nnext\n'));
    expect(lines).toEqual(['short', 'next']);
    expect(long).toEqual([{ head: 'a'.repeat(60) + 'b'.repeat(40), bytes: 1122 }]);
    expect(splitter.pendingBytes).toBe(0);
  });

  it('a line exactly at the cap is a line; one byte more is not', () => {
    const { lines, long, splitter } = capped(10);
    splitter.push(Buffer.from('0123456789\n0123456789X\n'));
    expect(lines).toEqual(['0123456789']);
    expect(long).toEqual([{ head: '0123456789', bytes: 11 }]);
  });

  it('reports a line over the cap that never ends at flush', () => {
    const { long, splitter } = capped(10);
    splitter.push(Buffer.alloc(50, 'z'));
    expect(splitter.flush()).toBeUndefined();
    expect(long).toEqual([{ head: 'z'.repeat(10), bytes: 50 }]);
  });

  it('holds at most 64 KiB of a 100 MB line arriving in 64 KiB chunks', () => {
    const { long, splitter } = capped(1024 * 1024);
    const chunk = Buffer.alloc(64 * 1024, 'y');
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 1600; i++) splitter.push(chunk);
    // Nothing of the dropped rest is retained: only the 64 KiB head (and this test's chunk).
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(8 * 1024 * 1024);
    splitter.push(Buffer.from('\n'));
    expect(long).toHaveLength(1);
    expect(long[0]!.bytes).toBe(1600 * 64 * 1024);
    expect(long[0]!.head.length).toBe(64 * 1024);
  });
});
