import {
  parseRecordingEntry,
  parseRecordingHeader,
  type RecordingHeader,
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

/**
 * Reads a recording's text with the protocol package's schemas, the way the proxy's reader
 * does: a bad line in the middle makes the file unreadable, a bad *last* line is what a
 * crash leaves behind and becomes a warning.
 */
export function parseRecording(
  text: string,
  name: string,
): { ok: true; recording: ParsedRecording } | { ok: false; message: string } {
  const lines = text.split('\n');
  // A finished file ends with a newline, which leaves one empty string at the end.
  if (lines[lines.length - 1] === '') lines.pop();
  const first = lines[0];
  if (first === undefined || first.trim() === '')
    return { ok: false, message: `${name}: empty file, not an mcpscope recording` };
  const header = parseRecordingHeader(first.replace(/\r$/, ''));
  if (!header.ok) return { ok: false, message: `${name}: ${header.message}` };
  const entries: TrafficEntry[] = [];
  const warnings: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const parsed = parseRecordingEntry(line, i + 1);
    if (parsed.ok) {
      entries.push(parsed.entry);
    } else if (i === lines.length - 1) {
      warnings.push(`${parsed.message}; ignoring it`);
    } else {
      return { ok: false, message: `${name}: ${parsed.message}` };
    }
  }
  return { ok: true, recording: { name, header: header.header, entries, warnings } };
}
