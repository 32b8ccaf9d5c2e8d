import { UsageError } from './usage-error.js';

/**
 * Commander's collector for `--redact REGEX`. `--redact` and `--no-redact` share one value
 * (an array of patterns, or false), so a `--redact` after `--no-redact` finds `false` here;
 * {@link checkRedactFlags} reports that combination.
 */
export function collectRedactPattern(value: string, previous: unknown): string[] {
  return [...(Array.isArray(previous) ? (previous as string[]) : []), value];
}

/** `--redact` and `--no-redact` together contradict each other, in either order. */
export function checkRedactFlags(args: readonly string[]): void {
  const patterns = args.some((a) => a === '--redact' || a.startsWith('--redact='));
  if (patterns && args.includes('--no-redact'))
    throw new UsageError('--redact and --no-redact contradict each other: keep one of them');
}
