import { UsageError } from './usage-error.js';

/** Where output goes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A `--timeout`-like flag in milliseconds. Throws {@link UsageError} when it is not one. */
export function parseTimeout(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms <= 0)
    throw new UsageError(`${flag} must be a positive number of milliseconds, got "${text}"`);
  return ms;
}
