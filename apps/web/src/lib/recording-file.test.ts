import { describe, expect, it } from 'vitest';
import { parseRecording, parseRecordingSlices } from './recording-file';

const header = JSON.stringify({
  format: 'mcpscope-recording',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  target: { transport: 'stdio', command: 'node', args: [], env: {} },
  client: { name: 'mcpscope', version: '0.1.0' },
});
const entry = (seq: number): string => JSON.stringify({ seq, t: seq, dir: 'meta', kind: 'raw' });
const file = (count: number, tail = ''): string =>
  [header, ...Array.from({ length: count }, (_, i) => entry(i))].join('\n') + `\n${tail}`;

describe('parseRecordingSlices', () => {
  it('hands the entries out in slices of the size asked, in order', () => {
    const slices = [...iterate(parseRecordingSlices(file(5), 'r.jsonl', 2))];
    expect(slices.map((s) => s.map((e) => e.seq))).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('makes a bad last line a warning and a bad middle line the reason, with either check', () => {
    for (const check of ['schema', 'own'] as const) {
      const cut = parseRecordingSlices(file(3, '{"seq":3,"t'), 'cut.jsonl', 2, check);
      const end = drain(cut);
      expect(end.ok && end.warnings).toEqual([
        'line 5 is not JSON' +
          (check === 'schema' ? ' (a truncated last line is expected after a crash)' : '') +
          '; ignoring it',
      ]);
      const broken = `${header}\n${entry(0)}\nnot json\n${entry(2)}\n`;
      const end2 = drain(parseRecordingSlices(broken, 'b.jsonl', 2, check));
      expect(!end2.ok && end2.message).toMatch(/^b\.jsonl: line 3 is not JSON/);
    }
  });

  it('checks entries against the schema unless they are the report’s own', () => {
    const odd = `${header}\n${JSON.stringify({ seq: -1, t: 0, dir: 'up', kind: 'raw' })}\n${entry(1)}\n`;
    const read = parseRecording(odd, 'odd.jsonl');
    expect(!read.ok && read.message).toMatch(/line 2 is not a traffic entry/);
    expect(drain(parseRecordingSlices(odd, 'odd.jsonl', 10, 'own'))).toMatchObject({ ok: true });
  });
});

function* iterate<T, R>(generator: Generator<T, R>): Generator<T> {
  for (;;) {
    const step = generator.next();
    if (step.done === true) return;
    yield step.value;
  }
}

function drain<T, R>(generator: Generator<T, R>): R {
  for (;;) {
    const step = generator.next();
    if (step.done === true) return step.value;
  }
}
