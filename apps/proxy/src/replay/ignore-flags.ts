import { DEFAULT_IGNORED_PATHS } from '@mcpscope/protocol/compare';
import type { Command } from 'commander';
import { jsonPathProblem } from '@mcpscope/protocol/compare';
import { UsageError } from '../common/usage-error.js';

/** The ignore flags replay and diff share. */
export interface IgnoreFlags {
  ignorePath?: string[];
  defaultIgnores?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Adds --ignore-path and --no-default-ignores. */
export function addIgnoreOptions(command: Command): Command {
  return command
    .option(
      '--ignore-path <jsonpath>',
      'also ignore what this JSONPath selects, e.g. $..id (repeatable)',
      collect,
    )
    .option('--no-default-ignores', 'compare ids, timestamps, session ids and versions too');
}

/** The paths to ignore, each checked as RFC 9535 JSONPath before anything runs. */
export function ignoredPaths(flags: IgnoreFlags): string[] {
  for (const path of flags.ignorePath ?? []) {
    const problem = jsonPathProblem(path);
    if (problem !== undefined) throw new UsageError(`--ignore-path ${path}: ${problem}`);
  }
  return [
    ...(flags.defaultIgnores === false ? [] : DEFAULT_IGNORED_PATHS),
    ...(flags.ignorePath ?? []),
  ];
}
