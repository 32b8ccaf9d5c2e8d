/** ANSI styles, or none: colours only on a terminal, and never when NO_COLOR is set. */
export interface Colors {
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  cyan: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
}

const wrap =
  (open: number, close: number) =>
  (s: string): string =>
    `\u001b[${open}m${s}\u001b[${close}m`;

const ON: Colors = {
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};

const id = (s: string): string => s;
const OFF: Colors = { red: id, green: id, yellow: id, cyan: id, dim: id, bold: id };

/**
 * Colours for stdout: `--color` / `--no-color` when given, else on when it is a TTY and
 * NO_COLOR is unset or empty (no-color.org: a command-line flag may override NO_COLOR).
 */
export function colorsFor(
  flag: boolean | undefined,
  isTty: boolean,
  env: Record<string, string | undefined> = process.env,
): Colors {
  if (flag !== undefined) return flag ? ON : OFF;
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  return isTty && !noColor ? ON : OFF;
}

/** `1.23 s` or `45 ms`. */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
