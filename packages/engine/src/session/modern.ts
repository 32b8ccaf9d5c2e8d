import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  LOG_LEVEL_META_KEY,
  PROTOCOL_VERSION_META_KEY,
  SERVER_INFO_META_KEY,
  type ClientCapabilities,
  type Implementation,
} from '@modelcontextprotocol/client';
import { explainEraError, type Diagnostic } from '@mcpscope/protocol';
import type { DiscoverInfo, Handshake, Offer } from './handshake.js';
import { seqsOf } from './outcome.js';
import { withTasksExtension } from './tasks-ext.js';

// The wire vocabulary of the stateless 2026-07-28 revision that the engine speaks itself.
// The SDK's Client does all of this behind its own request loop; mcpscope keeps its own loop
// (the tap is the source of truth and every frame must be visible), so the rules live here.

// The JSON-RPC error codes new in 2026-07-28 live with their explanation in the protocol package.
export {
  HEADER_MISMATCH,
  MISSING_CLIENT_CAPABILITY,
  UNSUPPORTED_PROTOCOL_VERSION,
  supportedVersionsOf,
} from '@mcpscope/protocol';

/** What the client declares about itself on every modern request. */
export interface Envelope {
  protocolVersion: string;
  clientInfo: Implementation;
  capabilities: ClientCapabilities;
  logLevel?: string;
}

/**
 * Adds the per-request `_meta` envelope to a request's params. Keys the caller already put
 * in `_meta` win: a debugger must be able to send a deliberately wrong version.
 */
export function withEnvelope(
  params: Record<string, unknown> | undefined,
  envelope: Envelope,
): Record<string, unknown> {
  const meta = (params?.['_meta'] ?? {}) as Record<string, unknown>;
  return {
    ...params,
    _meta: {
      [PROTOCOL_VERSION_META_KEY]: envelope.protocolVersion,
      [CLIENT_INFO_META_KEY]: envelope.clientInfo,
      [CLIENT_CAPABILITIES_META_KEY]: envelope.capabilities,
      ...(envelope.logLevel !== undefined && { [LOG_LEVEL_META_KEY]: envelope.logLevel }),
      ...meta,
    },
  };
}

/** The `server/discover` handshake of 2026-07-28 at one version. */
export function discoverHandshake(version: string): Handshake {
  return {
    async run(context) {
      // Every request declares the Tasks extension: the session follows any task a server
      // makes of a tools/call (see tasks-ext.ts), whichever face sent the call.
      const offer: Offer = {
        ...context.offer,
        protocolVersion: version,
        capabilities: withTasksExtension(context.offer.capabilities),
      };
      const outcome = await context.request(
        'server/discover',
        withEnvelope(
          {},
          {
            protocolVersion: version,
            clientInfo: offer.clientInfo,
            capabilities: offer.capabilities,
          },
        ),
      );
      if (!outcome.ok) return outcome;
      const discover = readDiscover(outcome.result);
      if (discover === undefined) {
        return {
          ok: false,
          code: 'HANDSHAKE_FAILED',
          message:
            'server/discover answered without a supportedVersions list: not a 2026-07-28 server',
          ...seqsOf(outcome),
        };
      }
      const issues: Diagnostic[] = [];
      if (!discover.supportedVersions.includes(version)) {
        issues.push({
          severity: 'warning',
          code: 'UNSUPPORTED_VERSION',
          message: `the server's supportedVersions (${discover.supportedVersions.join(', ')}) do not include ${version}, which this session sends`,
        });
      }
      context.setProtocolVersion(version);
      return {
        ok: true,
        info: {
          era: 'modern',
          offered: offer,
          agreed: {
            protocolVersion: version,
            capabilities: discover.capabilities,
            serverInfo: discover.serverInfo ?? { name: '(unnamed)', version: '' },
            ...(discover.instructions !== undefined && { instructions: discover.instructions }),
          },
          discover,
          ...seqsOf(outcome),
          issues,
        },
      };
    },
  };
}

/** A `server/discover` result, or undefined when the result is not one. */
export function readDiscover(result: unknown): DiscoverInfo | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const r = result as Record<string, unknown>;
  const versions = r['supportedVersions'];
  if (!Array.isArray(versions) || !versions.every((v) => typeof v === 'string')) return undefined;
  const info: DiscoverInfo = {
    supportedVersions: versions,
    capabilities: isObject(r['capabilities']) ? r['capabilities'] : {},
  };
  if (typeof r['instructions'] === 'string') info.instructions = r['instructions'];
  const serverInfo = isObject(r['_meta']) ? r['_meta'][SERVER_INFO_META_KEY] : undefined;
  const fallbackInfo = r['serverInfo'];
  if (isObject(serverInfo)) info.serverInfo = serverInfo;
  else if (isObject(fallbackInfo)) info.serverInfo = fallbackInfo;
  return info;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------- input_required (MRTR)

/** An `input_required` result: what the server needs before it can answer the call. */
export interface InputRequired {
  inputRequests: Record<string, { method: string; params: Record<string, unknown> }>;
  /** Opaque; echoed byte for byte on the retry, never sent when none came. */
  requestState?: string;
}

/** The result as an `input_required` result, or undefined when it is a final one. */
export function readInputRequired(result: unknown): InputRequired | undefined {
  if (!isObject(result) || result['resultType'] !== 'input_required') return undefined;
  const requests: InputRequired['inputRequests'] = {};
  const raw = result['inputRequests'];
  if (isObject(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      if (!isObject(value) || typeof value['method'] !== 'string') continue;
      requests[key] = {
        method: value['method'],
        params: isObject(value['params']) ? value['params'] : {},
      };
    }
  }
  const state = result['requestState'];
  return typeof state === 'string'
    ? { inputRequests: requests, requestState: state }
    : { inputRequests: requests };
}

/**
 * The params of the next round: the original params with this round's answers and the
 * server's state. A previous round's `inputResponses` and `requestState` never carry over.
 */
export function retryParams(
  original: Record<string, unknown> | undefined,
  responses: Record<string, unknown>,
  requestState: string | undefined,
): Record<string, unknown> {
  const { inputResponses: _r, requestState: _s, ...rest } = original ?? {};
  return {
    ...rest,
    inputResponses: responses,
    ...(requestState !== undefined && { requestState }),
  };
}

// ---------------------------------------------------------------- x-mcp-header (SEP-2243)

/** One `x-mcp-header` declaration: the argument at `path` travels as `Mcp-Param-{name}`. */
export interface HeaderDeclaration {
  path: string[];
  headerName: string;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_TYPES = new Set(['string', 'integer', 'boolean']);
const UNREACHABLE = [
  'items',
  'prefixItems',
  'contains',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'patternProperties',
  'dependentSchemas',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  '$defs',
  'definitions',
];
const NAMED_SUBSCHEMAS = new Set(['patternProperties', 'dependentSchemas', '$defs', 'definitions']);

/**
 * Reads a tool's `x-mcp-header` declarations and checks the rules of the 2026-07-28
 * Streamable HTTP transport: only on properties reached through `properties` chains, a
 * non-empty RFC 9110 token, a string, integer or boolean property, unique ignoring case.
 * A tool that breaks one is excluded from calls, with the reason shown.
 */
export function scanHeaderDeclarations(
  inputSchema: unknown,
): { valid: true; declarations: HeaderDeclaration[] } | { valid: false; reason: string } {
  const declarations: HeaderDeclaration[] = [];
  const seen = new Map<string, string>();
  const at = (path: string[]): string => (path.length === 0 ? '<root>' : path.join('.'));
  const visit = (
    node: unknown,
    path: string[],
    reachable: boolean,
    depth: number,
  ): string | undefined => {
    if (!isObject(node) || depth > 64) return undefined;
    if ('x-mcp-header' in node) {
      if (!reachable || path.length === 0)
        return `${at(path)}: x-mcp-header is only allowed on properties reached through "properties" (not under items, additionalProperties, oneOf/anyOf/allOf/not, if/then/else or $defs)`;
      const name = node['x-mcp-header'];
      if (typeof name !== 'string' || name === '')
        return `${at(path)}: x-mcp-header must be a non-empty string`;
      if (!TOKEN.test(name))
        return `${at(path)}: x-mcp-header "${name}" is not an HTTP token (no spaces, control characters or delimiters)`;
      const type = typeof node['type'] === 'string' ? node['type'] : undefined;
      if (type === undefined || !HEADER_TYPES.has(type))
        return `${at(path)}: x-mcp-header is only allowed on string, integer or boolean properties (this one is ${type ?? 'untyped'})`;
      const prior = seen.get(name.toLowerCase());
      if (prior !== undefined)
        return `x-mcp-header "${name}" is declared twice (also as "${prior}"); header names ignore case`;
      seen.set(name.toLowerCase(), name);
      declarations.push({ path, headerName: name });
    }
    const properties = node['properties'];
    if (isObject(properties)) {
      for (const [key, child] of Object.entries(properties)) {
        const fault = visit(child, [...path, key], reachable, depth + 1);
        if (fault !== undefined) return fault;
      }
    }
    for (const keyword of UNREACHABLE) {
      const sub = node[keyword];
      if (sub === undefined) continue;
      const branches = Array.isArray(sub)
        ? sub
        : isObject(sub) && NAMED_SUBSCHEMAS.has(keyword)
          ? Object.values(sub)
          : [sub];
      for (const branch of branches) {
        const fault = visit(branch, [...path, `<${keyword}>`], false, depth + 1);
        if (fault !== undefined) return fault;
      }
    }
    return undefined;
  };
  const fault = visit(inputSchema, [], true, 0);
  return fault === undefined ? { valid: true, declarations } : { valid: false, reason: fault };
}

const BASE64_PREFIX = '=?base64?';
const BASE64_SUFFIX = '?=';

/**
 * An argument as an HTTP field value: plain when it is safe printable ASCII, else
 * `=?base64?{utf-8 as base64}?=` (also when it could be mistaken for that form).
 */
export function encodeHeaderValue(value: string): string {
  const plain =
    value !== '' &&
    value === value.trim() &&
    !(value.startsWith(BASE64_PREFIX) && value.endsWith(BASE64_SUFFIX)) &&
    [...value].every((c) => {
      const code = c.codePointAt(0) ?? 0;
      return code === 9 || (code >= 32 && code <= 126);
    });
  return plain
    ? value
    : `${BASE64_PREFIX}${Buffer.from(value, 'utf8').toString('base64')}${BASE64_SUFFIX}`;
}

/** The `Mcp-Param-*` headers of one `tools/call`; absent or non-primitive values send none. */
export function paramHeaders(
  declarations: readonly HeaderDeclaration[],
  args: unknown,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const declaration of declarations) {
    let value: unknown = args;
    for (const key of declaration.path) value = isObject(value) ? value[key] : undefined;
    let text: string | undefined;
    if (typeof value === 'string') text = value;
    else if (typeof value === 'boolean') text = value ? 'true' : 'false';
    else if (
      typeof value === 'number' &&
      Number.isFinite(value) &&
      Number.isSafeInteger(Math.trunc(value))
    )
      text = String(value);
    if (text !== undefined)
      headers[`Mcp-Param-${declaration.headerName}`] = encodeHeaderValue(text);
  }
  return headers;
}

// ---------------------------------------------------------------- errors that name their cause

/**
 * A person's reading of the three 2026-07-28 errors as one CLI line: what went wrong and what
 * to do next (the reading itself is the protocol package's, shared with the UI). Undefined
 * for every other error.
 */
export function describeModernError(
  error: { code: number; message: string; data?: unknown },
  context: { sentVersion?: string },
): string | undefined {
  const explained = explainEraError(error, { audience: 'cli', ...context });
  if (explained === undefined) return undefined;
  const { title, code, what, next } = explained;
  return `${title} (${code}): ${what}: ${error.message}.${next !== '' ? ` ${next}` : ''}`;
}
