import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { ExitCode, type ExitCodeValue } from '../common/exit-codes.js';
import type { CliIo } from '../common/io.js';
import { checkRedactFlags, collectRedactPattern } from '../common/redact-flags.js';
import { parseOrExit, reportUsageErrors } from '../common/subcommand.js';
import { UsageError } from '../common/usage-error.js';
import { RecordingFormatError } from '@mcpscope/engine/recording/reader';
import { parseRedactPatterns } from '@mcpscope/engine/recording/redact';
import { HarExportError, recordingToHar } from './har.js';
import { recordingToHtml } from './html.js';
import { loadRecording } from './load.js';

interface ExportFlags {
  har?: string;
  html?: string;
  /** `--redact REGEX` (repeatable) collects patterns; `--no-redact` makes it false. */
  redact?: boolean | string[];
}

function program(io: CliIo): Command {
  return new Command('mcpscope export')
    .description(
      'Turn a recording into a HAR 1.2 file (HTTP transports) or a self-contained HTML report.',
    )
    .usage('<recording.jsonl> [--har OUT.har] [--html OUT.html]')
    .argument('<recording>', 'a recording made with --record (JSON Lines)')
    .option('--har <file>', 'write a HAR 1.2 log (sse and streamable-http recordings)')
    .option('--html <file>', 'write a one-file HTML report that opens offline')
    .option(
      '--redact <regex>',
      'also redact what this regular expression matches (repeatable; /re/flags accepted)',
      collectRedactPattern,
    )
    .option(
      '--no-redact',
      'keep secrets: do not redact Authorization, cookies, tokens and secret env values again',
    )
    .addHelpText(
      'after',
      `
Secrets are redacted again on export, so a recording made with --no-redact is safe to
share once exported; --no-redact here keeps them.

Examples:
  mcpscope export session.jsonl --html report.html
  mcpscope export session.jsonl --har session.har --redact 'sk-[A-Za-z0-9]+'

Exit codes: 0 written, 2 usage error or not a recording this mcpscope can read.`,
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s.trimEnd()),
      writeErr: (s) => io.stderr(s.trimEnd()),
    });
}

/** `mcpscope export`. Returns the exit code. */
export async function runExportCommand(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const command = program(io);
  const parsed = parseOrExit(command, argv);
  if (parsed !== undefined) return parsed;
  return reportUsageErrors('export', io, async () => {
    checkRedactFlags(argv);
    try {
      return await run(command.args[0]!, command.opts<ExportFlags>(), io);
    } catch (error) {
      // The file's fault, not the call's: no pointer to --help.
      if (error instanceof RecordingFormatError || error instanceof HarExportError) {
        io.stderr(`mcpscope export: ${error.message}`);
        return ExitCode.USAGE;
      }
      if (isFileError(error)) {
        io.stderr(`mcpscope export: ${error.path ?? ''}: ${describeFileError(error)}`);
        return ExitCode.USAGE;
      }
      throw error;
    }
  });
}

async function run(file: string, flags: ExportFlags, io: CliIo): Promise<ExitCodeValue> {
  if (flags.har === undefined && flags.html === undefined)
    throw new UsageError('say what to write: --har OUT.har, --html OUT.html, or both');
  let patterns: RegExp[] = [];
  if (Array.isArray(flags.redact)) {
    const parsed = parseRedactPatterns(flags.redact);
    if (!parsed.ok) throw new UsageError(parsed.message);
    patterns = parsed.patterns;
  }
  const recording = await loadRecording(file, { redact: flags.redact !== false, patterns });
  for (const warning of recording.warnings) io.stderr(`mcpscope export: ${file}: ${warning}`);
  // Build everything before writing anything: a stdio recording asked for both gets no HTML
  // written either, rather than half of what was asked.
  const outputs: [string, string][] = [];
  if (flags.har !== undefined)
    outputs.push([flags.har, JSON.stringify(recordingToHar(recording, file), null, 2) + '\n']);
  if (flags.html !== undefined) outputs.push([flags.html, recordingToHtml(recording, file)]);
  for (const [path, text] of outputs) {
    // Exports hold what the server said; keep them as private as the recording (0600).
    await writeFile(path, text, { mode: 0o600 });
    io.stderr(
      `mcpscope export: wrote ${path} (${recording.lines.length} entries${flags.redact === false ? ', not redacted' : ''})`,
    );
  }
  return ExitCode.OK;
}

function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function describeFileError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file or directory (check the path)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return error.message;
  }
}
