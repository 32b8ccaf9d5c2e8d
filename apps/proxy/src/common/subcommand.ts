import { CommanderError, type Command } from 'commander';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import type { CliIo } from './io.js';
import { UsageError } from './usage-error.js';

/**
 * Parses a subcommand's arguments (its commander program has `exitOverride`). Returns the
 * exit code when parsing ended the run: 0 after --help or --version, 2 for a usage mistake,
 * which commander has already printed.
 */
export function parseOrExit(command: Command, args: readonly string[]): ExitCodeValue | undefined {
  try {
    command.parse([...args], { from: 'user' });
    return undefined;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    throw error;
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs the body of `mcpscope NAME`. A {@link UsageError}, or an error of one of the `alsoUsage`
 * classes, is the user's to fix: one line, a pointer to --help, exit 2, never a stack trace.
 */
export async function reportUsageErrors<T extends number = ExitCodeValue>(
  name: string,
  io: CliIo,
  body: () => Promise<T>,
  alsoUsage: readonly ErrorClass[] = [],
): Promise<T | ExitCodeValue> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof UsageError) && !alsoUsage.some((type) => error instanceof type))
      throw error;
    io.stderr(`mcpscope ${name}: ${(error as Error).message}`);
    io.stderr(`mcpscope ${name}: see mcpscope ${name} --help`);
    return ExitCode.USAGE;
  }
}
