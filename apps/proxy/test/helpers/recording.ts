import { readFileSync } from 'node:fs';
import {
  parseRecordingEntry,
  parseRecordingHeader,
  type RecordingHeader,
  type TrafficEntry,
} from '@mcpscope/protocol';
import { expect } from 'vitest';

/** A recording file read strictly: every line must parse with the protocol schemas. */
export interface LoadedRecording {
  text: string;
  header: RecordingHeader;
  entries: TrafficEntry[];
}

export function loadRecording(path: string): LoadedRecording {
  const text = readFileSync(path, 'utf8');
  expect(text.endsWith('\n'), 'a finished recording ends with a newline').toBe(true);
  const lines = text.slice(0, -1).split('\n');
  const header = parseRecordingHeader(lines[0] ?? '');
  if (!header.ok) throw new Error(`${path}: ${header.message}`);
  const entries = lines.slice(1).map((line, i) => {
    const parsed = parseRecordingEntry(line, i + 2);
    if (!parsed.ok) throw new Error(`${path}: ${parsed.message}`);
    return parsed.entry;
  });
  entries.forEach((entry, i) => expect(entry.seq, 'seqs are consecutive from 0').toBe(i));
  return { text, header: header.header, entries };
}

/** The pids of the server processes a recording says were spawned. */
export function spawnedPids(entries: readonly TrafficEntry[]): number[] {
  return entries
    .filter(
      (e) =>
        e.kind === 'lifecycle' &&
        e.transport?.pid !== undefined &&
        e.transport.detail?.startsWith('spawned'),
    )
    .map((e) => e.transport!.pid!);
}

/** Messages of one direction and method (requests and notifications). */
export function messagesOf(
  entries: readonly TrafficEntry[],
  dir: 'c2s' | 's2c',
  method: string,
): TrafficEntry[] {
  return entries.filter(
    (e) => e.dir === dir && (e.msg as { method?: unknown } | undefined)?.method === method,
  );
}
