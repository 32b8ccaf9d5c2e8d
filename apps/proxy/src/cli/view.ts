import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseRecordingHeader } from '@mcpscope/protocol';
import { ExitCode, type ExitCodeValue } from '../common/exit-codes.js';
import type { CliIo } from './oneshot.js';
import { runUi } from './ui.js';

const USAGE = `Usage: mcpscope view FILE [--port N] [--open] [other mcpscope ui flags]

Starts the inspector like \`mcpscope ui\` and opens FILE, an mcpscope recording (JSON Lines),
as a read-only session with a timeline. See docs/recording-format.md.`;

/** `mcpscope view FILE`: checks that FILE is a recording, then runs the UI showing it. */
export async function runView(
  argv: readonly string[],
  io: CliIo,
  ready?: (url: string, close: () => Promise<void>) => void,
): Promise<ExitCodeValue> {
  const [file, ...rest] = argv;
  if (file === '--help' || file === '-h') {
    io.stdout(USAGE);
    return ExitCode.OK;
  }
  if (file === undefined || file.startsWith('-')) {
    io.stderr('mcpscope: view needs a recording file first: mcpscope view session.jsonl');
    return ExitCode.USAGE;
  }
  const path = resolve(file);
  const problem = checkRecording(path);
  if (problem !== undefined) {
    io.stderr(`mcpscope: ${file}: ${problem}`);
    return ExitCode.USAGE;
  }
  return runUi(rest, io, ready, { file: path });
}

/** Why `path` cannot be viewed, judged from its header line; undefined when it looks right. */
function checkRecording(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return 'not a file; give the path of a .jsonl recording';
  } catch {
    return 'no such file; give the path of a .jsonl recording (mcpscope ui keeps them under ~/.local/share/mcpscope/recordings)';
  }
  const head = Buffer.alloc(64 * 1024);
  const fd = openSync(path, 'r');
  let length: number;
  try {
    length = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (length === 0) return 'empty file, not an mcpscope recording';
  const newline = head.subarray(0, length).indexOf(10);
  const header = parseRecordingHeader(
    head.subarray(0, newline < 0 ? length : newline).toString('utf8'),
  );
  return header.ok ? undefined : header.message;
}
