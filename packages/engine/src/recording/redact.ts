import { REDACTED, type ServerConfig, type TrafficEntry } from '@mcpscope/protocol';
import { nullObject } from '../util/safe-keys.js';

// The marker is the wire contract's (replay and diff compare against it); redaction's users
// keep finding it here.
export { REDACTED };

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
]);

/** Names of env vars, headers and query parameters whose values are secrets. */
const SECRET_NAME =
  /(token|secret|passw(or)?d|api[-_]?key|apikey|auth|credential|private[-_]?key|session[-_]?key|cookie|bearer|pat$)/i;

/** Values shorter than this are not searched for in free text: too many false matches. */
const MIN_SECRET_LENGTH = 6;

export interface RedactionOptions {
  /** The target as configured; its secret env values and headers are redacted everywhere. */
  config: ServerConfig;
  /** Extra patterns (JavaScript regular expressions) whose matches are redacted. */
  patterns?: RegExp[];
}

/**
 * Redacts secrets from recordings and exports: secret headers by name, secret query
 * parameters in URLs, configured secret env values and header values wherever they appear
 * (a server that echoes its environment must not leak it), and user patterns.
 */
export class Redactor {
  private readonly secrets: string[];
  private readonly patterns: RegExp[];

  constructor(options: RedactionOptions) {
    this.patterns = (options.patterns ?? []).map(
      (p) => new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`),
    );
    const values = new Set<string>();
    const { config } = options;
    if (config.transport === 'stdio') {
      for (const [name, value] of Object.entries(config.env))
        if (SECRET_NAME.test(name)) values.add(value);
    } else {
      for (const secret of urlSecrets(config.url)) values.add(secret);
      for (const [name, value] of Object.entries(config.headers)) {
        if (!SECRET_HEADERS.has(name.toLowerCase()) && !SECRET_NAME.test(name)) continue;
        values.add(value);
        // "Bearer abc": the bare token may appear on its own too.
        const token = /^\S+\s+(\S{6,})$/.exec(value)?.[1];
        if (token !== undefined) values.add(token);
      }
    }
    this.secrets = [...values]
      // A target read back from a redacted recording holds the placeholder, not a secret.
      .filter((v) => v.length >= MIN_SECRET_LENGTH && !v.includes(REDACTED))
      .sort((a, b) => b.length - a.length);
  }

  /** The target with secret env values, headers and URL parameters replaced. */
  config(config: ServerConfig): ServerConfig {
    let safe: ServerConfig;
    switch (config.transport) {
      case 'stdio':
        safe = { ...config, env: redactMap(config.env, (name) => SECRET_NAME.test(name)) };
        break;
      case 'sse':
      case 'streamable-http':
        safe = { ...config, url: redactUrl(config.url), headers: redactHeaders(config.headers) };
        break;
      default: {
        const _exhaustive: never = config;
        return _exhaustive;
      }
    }
    // A secret or a pattern may also sit in the arguments (`--api-key sk-…`).
    return mapStrings(safe, (s) => this.text(s));
  }

  /** One entry as a JSON line, redacted. */
  line(entry: TrafficEntry): string {
    const http = entry.transport?.http;
    let safe = entry;
    if (http !== undefined) {
      safe = {
        ...entry,
        transport: {
          ...entry.transport,
          http: {
            ...http,
            url: redactUrl(http.url),
            ...(http.requestHeaders && { requestHeaders: redactHeaders(http.requestHeaders) }),
            ...(http.responseHeaders && { responseHeaders: redactHeaders(http.responseHeaders) }),
          },
        },
      };
    }
    // Patterns run on string values, not on the serialised line: a pattern like `sk-\S+`
    // would otherwise eat the closing quote and leave a line that is not JSON.
    if (this.patterns.length > 0) safe = mapStrings(safe, (s) => this.applyPatterns(s));
    return this.replaceSecrets(JSON.stringify(safe));
  }

  /** Free text (an error message, a log line) with known secrets and patterns replaced. */
  text(text: string): string {
    return this.applyPatterns(this.replaceSecrets(text));
  }

  private replaceSecrets(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.replaceAll(secret, REDACTED);
      // The same value as it appears inside a JSON string.
      const escaped = JSON.stringify(secret).slice(1, -1);
      if (escaped !== secret && out.includes(escaped)) out = out.replaceAll(escaped, REDACTED);
    }
    return out;
  }

  private applyPatterns(text: string): string {
    let out = text;
    for (const pattern of this.patterns) out = out.replace(pattern, REDACTED);
    return out;
  }
}

/** A copy of a JSON value with every string value passed through `f` (keys are kept). */
function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, f)) as T;
  if (typeof value === 'object' && value !== null) {
    // A key `__proto__` stays a key (a plain object would take it as its prototype).
    const out = nullObject<unknown>();
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f);
    return out as T;
  }
  return value;
}

function redactMap(
  map: Record<string, string>,
  isSecret: (name: string) => boolean,
): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, isSecret(k) ? REDACTED : v]));
}

/** Headers with secret values replaced, by name. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return redactMap(
    headers,
    (name) => SECRET_HEADERS.has(name.toLowerCase()) || SECRET_NAME.test(name),
  );
}

/** A URL with secret-looking query parameters and embedded credentials replaced. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  if (parsed.password !== '') {
    parsed.password = REDACTED;
    changed = true;
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_NAME.test(name)) {
      parsed.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  return changed ? parsed.toString() : url;
}

/** Secret-looking query parameter values and the password of a URL, to redact wherever they appear. */
function urlSecrets(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const out: string[] = [];
  if (parsed.password !== '') out.push(decodeURIComponent(parsed.password), parsed.password);
  for (const [name, value] of parsed.searchParams)
    if (SECRET_NAME.test(name)) out.push(value, encodeURIComponent(value));
  return out;
}

/**
 * Parses `--redact` values: a JavaScript regular expression, either bare (`sk-[a-z0-9]+`) or
 * as a literal with flags (`/bearer \\S+/i`). Each match is redacted wherever it appears.
 */
export function parseRedactPatterns(
  sources: readonly string[],
): { ok: true; patterns: RegExp[] } | { ok: false; message: string } {
  const patterns: RegExp[] = [];
  for (const source of sources) {
    const literal = /^\/(.+)\/([a-z]*)$/s.exec(source);
    try {
      patterns.push(literal ? new RegExp(literal[1]!, literal[2]) : new RegExp(source));
    } catch (error) {
      return {
        ok: false,
        message: `--redact ${JSON.stringify(source)} is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`,
      };
    }
    if (patterns.at(-1)!.test('')) {
      return {
        ok: false,
        message: `--redact ${JSON.stringify(source)} matches the empty string, so it would redact nothing useful; make it match at least one character`,
      };
    }
  }
  return { ok: true, patterns };
}

/** An http(s) URL inside free text, up to whitespace, quotes or angle brackets. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>`]+/g;

/**
 * Free text meant for a person (an error message, a session's detail, a `--verbose` line):
 * the secret-looking parameters of every URL it mentions, then every secret the redactor
 * knows from the target's configuration (a server that echoes its token in an error page,
 * or its environment on stderr).
 */
export function redactFreeText(text: string, redactor?: Redactor): string {
  const urls = text.includes('://') ? text.replace(URL_IN_TEXT, (url) => redactUrl(url)) : text;
  return redactor?.text(urls) ?? urls;
}
