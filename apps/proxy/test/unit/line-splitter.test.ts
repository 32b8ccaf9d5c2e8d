import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/transports/line-splitter.js';

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
