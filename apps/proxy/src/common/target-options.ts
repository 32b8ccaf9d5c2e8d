import type { Command } from 'commander';
import { UsageError } from './usage-error.js';

// Kept apart from target.ts, which loads the protocol package (and zod): `mcpscope ui` declares
// these options at start-up but resolves a target only when one is given.

/** The flags that say which server to talk to. */
export interface TargetFlags {
  transport?: string;
  serverUrl?: string;
  header?: string[];
  env?: string[];
  cwd?: string;
  config?: string;
  server?: string;
  protocolVersion?: string;
  /** `--max-line-mb`: the cap on one stdout line of a stdio server, in MiB. */
  maxLineMb?: string;
}

/** The help text of `--max-line-mb`, the same on every command that has it. */
export const MAX_LINE_MB_HELP =
  'cap on one stdout line of a stdio server, in MiB; a longer line is kept as its first 64 KiB (default 64)';

/** `--max-line-mb` as the `maxLineBytes` session option, or nothing when it is not given. */
export function maxLineOption(flags: { maxLineMb?: string }): { maxLineBytes?: number } {
  if (flags.maxLineMb === undefined) return {};
  const mb = Number(flags.maxLineMb);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 1024)
    throw new UsageError(
      `--max-line-mb must be a number of MiB above 0 and at most 1024, got "${flags.maxLineMb}"`,
    );
  return { maxLineBytes: Math.max(1, Math.round(mb * 1024 * 1024)) };
}

/** The help text of `--protocol-version`, the same on every command that connects. */
export const PROTOCOL_VERSION_HELP =
  'auto (probe with server/discover, fall back to initialize), legacy (initialize only), or a revision date to pin, e.g. 2026-07-28 or 2025-11-25 (default: auto)';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The {@link TargetFlags} options, for commands that take a target beside their own flags. */
export function addTargetOptions(command: Command): Command {
  return command
    .option('--transport <kind>', 'stdio, sse or http, for the target')
    .option('--server-url <url>', 'the target URL')
    .option('--header <"Name: value">', 'an HTTP header for the target (repeatable)', collect)
    .option(
      '-e, --env <KEY=value>',
      'an environment variable for a stdio target (repeatable)',
      collect,
    )
    .option('--cwd <dir>', 'working directory of a stdio target')
    .option('--config <file>', 'read the target from an mcpServers or VS Code config file')
    .option('--server <name>', 'which server of --config')
    .option('--protocol-version <version>', PROTOCOL_VERSION_HELP);
}
