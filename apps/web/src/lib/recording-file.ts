import {
  parseRecordingEntry,
  parseRecordingHeader,
  type RecordingHeader,
  type RecordingLine,
  type TrafficEntry,
} from '@mcpscope/protocol';

/** A recording read into memory: its header, its entries, and what was wrong but tolerated. */
export interface ParsedRecording {
  /** File name, as the user knows it. */
  name: string;
  header: RecordingHeader;
  entries: TrafficEntry[];
  /** Tolerated problems, e.g. a truncated last line after a crash. */
  warnings: string[];
}

/** How a recording's text read: the recording, or the one-line reason it cannot be opened. */
export type ParseResult = { ok: true; recording: ParsedRecording } | { ok: false; message: string };

/** What is left once every slice of entries has been handed out. */
export type ParseEnd =
  { ok: true; header: RecordingHeader; warnings: string[] } | { ok: false; message: string };

/**
 * How entries are checked: against the protocol's schemas (a file from anywhere), or only as
 * JSON (`'own'`: the HTML report's embedded copy, which `mcpscope export` wrote from entries
 * its reader had just checked against the same schemas; a page that could change it could
 * change the page's script too, so checking again would guard nothing and cost the report
 * most of its opening time).
 */
export type EntryCheck = 'schema' | 'own';

function parseOwnEntry(text: string, line: number): RecordingLine {
  try {
    return { ok: true, line, entry: JSON.parse(text) as TrafficEntry };
  } catch {
    return { ok: false, line, message: `line ${line} is not JSON` };
  }
}

/** Entries per slice: a slice parses (or crosses from a worker) in well under 50 ms. */
export const SLICE_ENTRIES = 2000;

/**
 * Reads a recording's text with the protocol package's schemas, the way the proxy's reader
 * does: a bad line in the middle makes the file unreadable, a bad *last* line is what a
 * crash leaves behind and becomes a warning. Entries come out in slices so that a reader
 * can hand each one on (from a worker) or yield to the page between them: a 100,000-entry
 * recording must not hold the main thread for seconds.
 */
export function* parseRecordingSlices(
  text: string,
  name: string,
  sliceSize = SLICE_ENTRIES,
  check: EntryCheck = 'schema',
): Generator<TrafficEntry[], ParseEnd> {
  const parseEntry = check === 'schema' ? parseRecordingEntry : parseOwnEntry;
  const lines = text.split('\n');
  // A finished file ends with a newline, which leaves one empty string at the end.
  if (lines[lines.length - 1] === '') lines.pop();
  const first = lines[0];
  if (first === undefined || first.trim() === '')
    return { ok: false, message: `${name}: empty file, not an mcpscope recording` };
  const header = parseRecordingHeader(first.replace(/\r$/, ''));
  if (!header.ok) return { ok: false, message: `${name}: ${header.message}` };
  const warnings: string[] = [];
  let slice: TrafficEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const parsed = parseEntry(line, i + 1);
    if (parsed.ok) {
      slice.push(parsed.entry);
      if (slice.length >= sliceSize) {
        yield slice;
        slice = [];
      }
    } else if (i === lines.length - 1) {
      warnings.push(`${parsed.message}; ignoring it`);
    } else {
      return { ok: false, message: `${name}: ${parsed.message}` };
    }
  }
  if (slice.length > 0) yield slice;
  return { ok: true, header: header.header, warnings };
}

/** The whole recording at once (tests, small files): {@link parseRecordingSlices} drained. */
export function parseRecording(text: string, name: string): ParseResult {
  const entries: TrafficEntry[] = [];
  const slices = parseRecordingSlices(text, name, Number.POSITIVE_INFINITY);
  for (;;) {
    const step = slices.next();
    if (step.done !== true) {
      for (const entry of step.value) entries.push(entry);
      continue;
    }
    const end = step.value;
    return end.ok
      ? {
          ok: true,
          recording: { name, header: end.header, entries, warnings: end.warnings },
        }
      : end;
  }
}
