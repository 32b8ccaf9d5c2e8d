import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import { ServerConfigSchema, StringMapSchema, type ServerConfig } from './server-config.js';

/**
 * One server entry as written in the config files of Claude Desktop, Cursor, the official
 * MCP Inspector (`mcpServers`) and VS Code (`servers`, or `mcp.servers` in settings.json).
 * Loose on purpose: those files carry keys of their own that we ignore.
 */
const ServerEntrySchema = z.looseObject({
  type: z.string().optional(),
  transport: z.string().optional(),
  command: z.string().optional(),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  cwd: z.string().optional(),
  url: z.string().optional(),
  serverUrl: z.string().optional(),
  headers: StringMapSchema.optional(),
  disabled: z.boolean().optional(),
});

type ServerEntry = z.infer<typeof ServerEntrySchema>;

/** Which of the known config-file shapes a file used. */
export type ConfigFileShape = 'mcpServers' | 'vscode';

/** Servers read from a config file, by name, with problems found along the way. */
export interface LoadedServersConfig {
  shape: ConfigFileShape;
  servers: Record<string, ServerConfig>;
  /** Entries that could not be turned into a server, with the reason. */
  problems: { server: string; message: string }[];
}

/** Expected failure of {@link parseServersConfig}: not JSON, or no known shape. */
export interface ConfigFileError {
  ok: false;
  message: string;
}

/** Options for {@link parseServersConfig}. */
export interface ParseServersConfigOptions {
  /** Values for `${env:NAME}` and `${NAME}` references; unset names are left as written. */
  env?: Record<string, string | undefined>;
}

const STDIO_TYPES = new Set(['stdio']);
const SSE_TYPES = new Set(['sse']);
const HTTP_TYPES = new Set(['http', 'streamable-http', 'streamablehttp', 'streamable_http']);

/**
 * Reads an `mcpServers` (Claude Desktop, Cursor, official inspector) or VS Code (`servers`,
 * `mcp.servers`) config file. Accepts JSON with comments and trailing commas, as VS Code
 * writes it. Returns every usable server plus a list of entries it had to skip and why.
 */
export function parseServersConfig(
  text: string,
  options: ParseServersConfigOptions = {},
): ({ ok: true } & LoadedServersConfig) | ConfigFileError {
  const errors: ParseError[] = [];
  const data: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const first = errors[0]!;
    const { line, column } = lineAndColumn(text, first.offset);
    return {
      ok: false,
      message: `not valid JSON: ${printParseErrorCode(first.error)} at line ${line}, column ${column}`,
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, message: 'expected a JSON object with "mcpServers" or "servers"' };
  }
  const root = data as Record<string, unknown>;
  const nested = root['mcp'];
  let shape: ConfigFileShape;
  let entries: unknown;
  if (root['mcpServers'] !== undefined) {
    shape = 'mcpServers';
    entries = root['mcpServers'];
  } else if (root['servers'] !== undefined) {
    shape = 'vscode';
    entries = root['servers'];
  } else if (typeof nested === 'object' && nested !== null && 'servers' in nested) {
    shape = 'vscode';
    entries = (nested as Record<string, unknown>)['servers'];
  } else {
    return {
      ok: false,
      message:
        'no servers found: expected a top-level "mcpServers" object (Claude Desktop, Cursor, MCP Inspector) or "servers" (VS Code .vscode/mcp.json)',
    };
  }
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    return {
      ok: false,
      message: `"${shape === 'vscode' ? 'servers' : 'mcpServers'}" must be an object keyed by server name`,
    };
  }
  const servers: Record<string, ServerConfig> = {};
  const problems: LoadedServersConfig['problems'] = [];
  for (const [name, raw] of Object.entries(entries)) {
    const converted = convertEntry(name, raw, options.env ?? {});
    if (converted.ok) servers[name] = converted.config;
    else problems.push({ server: name, message: converted.message });
  }
  return { ok: true, shape, servers, problems };
}

function convertEntry(
  name: string,
  raw: unknown,
  env: Record<string, string | undefined>,
): { ok: true; config: ServerConfig } | { ok: false; message: string } {
  const entry = ServerEntrySchema.safeParse(raw);
  if (!entry.success) {
    return { ok: false, message: entry.error.issues.map(formatIssue).join('; ') };
  }
  const e = expandEntry(entry.data, env);
  const declared = (e.type ?? e.transport)?.toLowerCase();
  const url = e.url ?? e.serverUrl;
  let candidate: unknown;
  if (
    (declared !== undefined && STDIO_TYPES.has(declared)) ||
    (declared === undefined && e.command !== undefined)
  ) {
    if (e.command === undefined) return { ok: false, message: 'a stdio server needs "command"' };
    candidate = {
      transport: 'stdio',
      name,
      command: e.command,
      args: e.args ?? [],
      env: Object.fromEntries(Object.entries(e.env ?? {}).map(([k, v]) => [k, String(v)])),
      cwd: e.cwd,
    };
  } else if (declared !== undefined && SSE_TYPES.has(declared)) {
    candidate = { transport: 'sse', name, url, headers: e.headers ?? {} };
  } else if (declared !== undefined && HTTP_TYPES.has(declared)) {
    candidate = { transport: 'streamable-http', name, url, headers: e.headers ?? {} };
  } else if (declared === undefined && url !== undefined) {
    candidate = inferUrlConfig(url, e.headers ?? {}, name);
  } else if (declared !== undefined) {
    return {
      ok: false,
      message: `unknown "type": "${declared}" (expected stdio, sse, http or streamable-http)`,
    };
  } else {
    return { ok: false, message: 'needs either "command" (stdio) or "url" (sse, http)' };
  }
  const parsed = ServerConfigSchema.safeParse(candidate);
  if (!parsed.success)
    return { ok: false, message: parsed.error.issues.map(formatIssue).join('; ') };
  return { ok: true, config: parsed.data };
}

/**
 * The transport for a URL given without one: a path ending in `/sse` means legacy SSE;
 * anything else is Streamable HTTP with fallback to SSE, as the spec's
 * backwards-compatibility section recommends for clients.
 */
export function inferUrlConfig(
  url: string,
  headers: Record<string, string> = {},
  name?: string,
): ServerConfig {
  // Only the path counts: `/sse?key=1` is SSE, `/mcp?via=/sse` is not.
  const path = url.replace(/[?#].*$/, '');
  const base = name === undefined ? {} : { name };
  if (/\/sse\/?$/i.test(path)) return { transport: 'sse', url, headers, ...base };
  return { transport: 'streamable-http', url, headers, sseFallback: true, ...base };
}

const ENV_REF = /\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)\}/g;

function expandEntry(e: ServerEntry, env: Record<string, string | undefined>): ServerEntry {
  const expand = (s: string): string => s.replace(ENV_REF, (m, n: string) => env[n] ?? m);
  const expandValues = <V>(
    m: Record<string, V> | undefined,
  ): Record<string, V | string> | undefined =>
    m &&
    Object.fromEntries(
      Object.entries(m).map(([k, v]) => [k, typeof v === 'string' ? expand(v) : v]),
    );
  return {
    ...e,
    command: e.command && expand(e.command),
    args: e.args?.map(expand),
    cwd: e.cwd && expand(e.cwd),
    url: e.url && expand(e.url),
    serverUrl: e.serverUrl && expand(e.serverUrl),
    env: expandValues(e.env),
    headers:
      e.headers && Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k, expand(v)])),
  };
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue.message}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
