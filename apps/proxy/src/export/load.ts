import type { RecordingHeader, TrafficEntry } from '@mcpscope/protocol';
import { readRecording } from '@mcpscope/engine/recording/reader';
import { Redactor } from '@mcpscope/engine/recording/redact';

/** A whole recording in memory, as the exporters read it. */
export interface LoadedRecording {
  header: RecordingHeader;
  /**
   * Each entry as a (redacted) JSON line. Kept as text: the HTML report embeds it as is,
   * which spares a parse and a serialisation per entry on a 100,000-entry recording.
   */
  lines: string[];
  /** What the reader tolerated (a truncated last line), to show in the export. */
  warnings: string[];
}

export interface LoadOptions {
  /** Redact again (default true): the file may have been written with --no-redact. */
  redact: boolean;
  patterns: RegExp[];
}

/**
 * Reads a recording for export. Redaction is applied here, once, so that no exporter can
 * forget it: the header's target names the secrets (a recording made with --no-redact still
 * holds them there), and the user's patterns run over every entry.
 */
export async function loadRecording(path: string, options: LoadOptions): Promise<LoadedRecording> {
  let header: RecordingHeader | undefined;
  let redactor: Redactor | undefined;
  const lines: string[] = [];
  const warnings: string[] = [];
  for await (const item of readRecording(path)) {
    switch (item.type) {
      case 'header':
        redactor = options.redact
          ? new Redactor({ config: item.header.target, patterns: options.patterns })
          : undefined;
        header = redactor
          ? { ...item.header, target: redactor.config(item.header.target) }
          : item.header;
        break;
      case 'entry':
        lines.push(redactor ? redactor.line(item.entry) : JSON.stringify(item.entry));
        break;
      case 'warning':
        warnings.push(`line ${item.line}: ${item.message}`);
        break;
      default: {
        const _exhaustive: never = item;
        return _exhaustive;
      }
    }
  }
  // readRecording throws on an empty file or a bad header, so a header was seen.
  return { header: header!, lines, warnings };
}

/** The entries of a loaded recording as objects. */
export function entriesOf(recording: LoadedRecording): TrafficEntry[] {
  return recording.lines.map((line) => JSON.parse(line) as TrafficEntry);
}
