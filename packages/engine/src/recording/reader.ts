import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  parseRecordingEntry,
  parseRecordingHeader,
  type RecordingHeader,
  type TrafficEntry,
} from '@mcpscope/protocol';

/** What reading a recording yields, line by line, without loading the file whole. */
export type RecordingItem =
  | { type: 'header'; header: RecordingHeader }
  | { type: 'entry'; line: number; entry: TrafficEntry }
  | { type: 'warning'; line: number; message: string };

/** Thrown when a file is not a recording this version can read. */
export class RecordingFormatError extends Error {
  override name = 'RecordingFormatError';
}

/**
 * Streams a recording. A bad line in the middle is an error; a bad *last* line is what a
 * crash leaves behind, so it becomes a warning and reading ends there.
 */
export async function* readRecording(path: string): AsyncGenerator<RecordingItem> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let lineNo = 0;
  let held: { line: number; message: string } | undefined;
  for await (const text of lines) {
    lineNo++;
    if (lineNo === 1) {
      const header = parseRecordingHeader(text);
      if (!header.ok) throw new RecordingFormatError(`${path}: ${header.message}`);
      yield { type: 'header', header: header.header };
      continue;
    }
    if (held !== undefined) throw new RecordingFormatError(`${path}: ${held.message}`);
    if (text.trim() === '') continue;
    const parsed = parseRecordingEntry(text, lineNo);
    if (parsed.ok) yield { type: 'entry', line: parsed.line, entry: parsed.entry };
    else held = { line: parsed.line, message: parsed.message };
  }
  if (lineNo === 0)
    throw new RecordingFormatError(`${path}: empty file, not an mcpscope recording`);
  if (held !== undefined)
    yield { type: 'warning', line: held.line, message: `${held.message}; ignoring it` };
}

/**
 * The header of a recording, without reading further. A missing or unreadable file is a
 * {@link RecordingFormatError} too, with the reason in words.
 */
export async function readRecordingHeader(path: string): Promise<RecordingHeader> {
  try {
    for await (const item of readRecording(path)) {
      if (item.type === 'header') return item.header;
    }
  } catch (error) {
    if (error instanceof RecordingFormatError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new RecordingFormatError(
      `${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a recording' : (error as Error).message}`,
    );
  }
  throw new RecordingFormatError(`${path}: empty file, not an mcpscope recording`);
}
