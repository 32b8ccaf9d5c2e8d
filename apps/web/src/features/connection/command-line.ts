/**
 * Splits a command line the way a POSIX shell would for simple cases: whitespace separates,
 * single quotes are literal, double quotes group, backslash escapes. No expansion happens.
 */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let inToken = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else current += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length) current += line[++i];
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inToken = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      current += line[++i];
      inToken = true;
    } else if (/\s/.test(ch)) {
      if (inToken) out.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (inToken) out.push(current);
  return out;
}

/** Quotes one argument for a POSIX shell, only when it needs it. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** `KEY=value` lines (or `Name: value` lines) as a record; blank lines and `#` comments skipped. */
export function parsePairs(
  text: string,
  separator: '=' | ':',
): { pairs: Record<string, string>; bad: string[] } {
  const pairs: Record<string, string> = {};
  const bad: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf(separator);
    if (at <= 0) bad.push(line);
    else pairs[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { pairs, bad };
}
