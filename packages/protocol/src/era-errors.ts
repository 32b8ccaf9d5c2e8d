// The three JSON-RPC errors new in 2026-07-28, read and explained once for every face: the
// CLI prints the explanation as one line that names its flags, the UI shows it as a hint that
// names its controls. Both read the error's `data` here, the same tolerant way (servers send
// several shapes), so the two can never disagree about what an error says.

/** -32020: an MCP header disagrees with the request body. */
export const HEADER_MISMATCH = -32020;
/** -32021: the server needs a client capability the request did not declare. */
export const MISSING_CLIENT_CAPABILITY = -32021;
/** -32022: the server does not support the protocol version the request carried. */
export const UNSUPPORTED_PROTOCOL_VERSION = -32022;

/** A JSON-RPC error object, as it came from the server. */
export interface EraRpcError {
  code: number;
  message: string;
  data?: unknown;
}

/** A person's reading of one of the three 2026-07-28 errors. */
export interface EraErrorExplained {
  code: -32020 | -32021 | -32022;
  /** What kind of error it is, e.g. "Unsupported protocol version". */
  title: string;
  /** What went wrong, in the error's own terms. */
  what: string;
  /** What to do next, in the words of the face that shows it. */
  next: string;
  /** For -32022: the revisions the server says it supports (empty when it named none). */
  supported?: string[];
}

/** Who reads the explanation: the next step names CLI flags or the UI's controls. */
export type EraErrorAudience = 'cli' | 'ui';

export interface EraErrorContext {
  audience: EraErrorAudience;
  /** The capabilities the session declared, to say whether the one asked for was among them. */
  declared?: Record<string, unknown>;
  /** The protocol version the failed request carried, when the error does not say. */
  sentVersion?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The versions a `-32022` error lists as supported, or undefined when it lists none. */
export function supportedVersionsOf(data: unknown): string[] | undefined {
  if (!isObject(data)) return undefined;
  const supported = data['supported'] ?? data['supportedVersions'];
  return Array.isArray(supported) && supported.every((v) => typeof v === 'string')
    ? supported
    : undefined;
}

/** The CLI flag that declares each client capability (the UI declares all three always). */
const CAPABILITY_FLAGS: Record<string, string> = {
  sampling: '--sampling-response',
  elicitation: '--elicitation',
  roots: '--root',
};

// How the UI's user declares each capability the server may require.
const UI_HOW_TO_DECLARE: Record<string, string> = {
  sampling: 'the CLI declares it with --sampling-response',
  elicitation: 'the CLI declares it with --elicitation',
  roots: 'the CLI declares it with --root; here, the Roots panel lists what is sent',
};

/**
 * Explains -32020 (header mismatch), -32021 (missing client capability) and -32022
 * (unsupported protocol version) from their `error.data`; undefined for any other error.
 */
export function explainEraError(
  error: EraRpcError | undefined,
  context: EraErrorContext,
): EraErrorExplained | undefined {
  if (error === undefined) return undefined;
  const data = isObject(error.data) ? error.data : {};
  const cli = context.audience === 'cli';
  switch (error.code) {
    case HEADER_MISMATCH: {
      // The v2 SDK sends `mismatch: {header, body}`, where body is its own sentence; others
      // send the header and the two values.
      const mismatch = isObject(data['mismatch']) ? data['mismatch'] : {};
      const named = data['header'] ?? mismatch['header'];
      const header = typeof named === 'string' ? named : undefined;
      const sentence = typeof mismatch['body'] === 'string' ? mismatch['body'] : undefined;
      const expected = data['expected'] ?? data['body'];
      const received = data['received'] ?? data['actual'] ?? data['sent'];
      const values =
        sentence !== undefined
          ? cli
            ? sentence
            : `the server says: ${sentence}`
          : expected !== undefined || received !== undefined
            ? `sent ${JSON.stringify(received)}, the body says ${JSON.stringify(expected)}`
            : undefined;
      const what = `${header !== undefined ? `the ${header} header` : 'an MCP header'} disagrees with the request body${values !== undefined ? ` (${values})` : ''}`;
      return {
        code: HEADER_MISMATCH,
        title: cli
          ? 'header mismatch'
          : 'Header mismatch: the HTTP headers disagree with the request body',
        what: cli ? what : `${what.charAt(0).toUpperCase()}${what.slice(1)}.`,
        next: cli
          ? 'The server checks MCP-Protocol-Version, Mcp-Method, Mcp-Name and Mcp-Param-* against the body; a proxy that rewrites headers, or a hand-set --header, causes this'
          : 'mcpscope derives MCP-Protocol-Version, Mcp-Method, Mcp-Name and Mcp-Param-* from the body. Remove a header of that name from the Headers box on the New connection page (or a proxy that rewrites headers), then reconnect.',
      };
    }
    case MISSING_CLIENT_CAPABILITY: {
      const names = Array.isArray(data['missing'])
        ? data['missing'].map(String)
        : typeof data['capability'] === 'string'
          ? [data['capability']]
          : Object.keys(isObject(data['requiredCapabilities']) ? data['requiredCapabilities'] : {});
      const list = names.length > 0 ? names.join(', ') : 'a capability it did not name';
      const top = names.map((n) => n.split('.')[0] ?? n);
      const { declared } = context;
      const missingHere = top.filter((n) => declared !== undefined && !(n in declared));
      const said =
        declared === undefined
          ? ''
          : missingHere.length > 0
            ? ` This session did not declare ${missingHere.join(', ')}.`
            : ' This session declared it, so the server may want a sub-capability (see error.data).';
      const flags = top.map((n) => CAPABILITY_FLAGS[n]).filter((f) => f !== undefined);
      const how = top.map((n) => UI_HOW_TO_DECLARE[n]).filter((h) => h !== undefined);
      return {
        code: MISSING_CLIENT_CAPABILITY,
        title: cli
          ? 'missing client capability'
          : `Missing client capability: the server needs ${list}`,
        what: cli
          ? `the server needs the client to declare ${names.length > 0 ? list : 'a capability'}`
          : `The server will only ask for this input from a client that declares ${list} in its _meta envelope (clientCapabilities).${said}`,
        next: cli
          ? flags.length > 0
            ? `Declare it with ${flags.join('; ')}`
            : ''
          : `The UI declares sampling, elicitation and roots on every connection (Overview, Client capabilities); ${
              how.length > 0 ? how.join('; ') : 'see error.data for what exactly is required'
            }.`,
      };
    }
    case UNSUPPORTED_PROTOCOL_VERSION: {
      const supported = supportedVersionsOf(data) ?? [];
      const requested = typeof data['requested'] === 'string' ? data['requested'] : undefined;
      const sent = requested ?? context.sentVersion;
      const versions =
        supported.length > 0 ? supported.join(', ') : 'other versions (it did not say which)';
      return {
        code: UNSUPPORTED_PROTOCOL_VERSION,
        title: cli ? 'unsupported protocol version' : 'Unsupported protocol version',
        what: cli
          ? `the client sent ${sent ?? 'a version'}, the server supports ${versions}`
          : `${sent !== undefined ? `The client sent ${sent}; ` : ''}the server supports ${versions}.`,
        next: cli
          ? `Pick one with --protocol-version${supported[0] !== undefined ? ` ${supported[0]}` : ''} (or the connect form's protocol version)`
          : `Choose ${
              supported[0] !== undefined ? `Pinned revision ${supported[0]} or ` : ''
            }Auto under Protocol on the New connection page (or edit the saved server), then connect again.`,
        supported,
      };
    }
    default:
      return undefined;
  }
}
