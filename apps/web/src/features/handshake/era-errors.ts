/** A JSON-RPC error as the UI holds it. */
export interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

/** A person's reading of one of the three 2026-07-28 errors. */
export interface EraErrorExplained {
  code: -32020 | -32021 | -32022;
  title: string;
  /** What went wrong, in the error's own terms. */
  what: string;
  /** What to do next. */
  next: string;
  /** For -32022: the revisions the server says it supports. */
  supported?: string[];
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

// How a client declares each capability the server may require. The UI declares all
// three on every connection; the CLI only with these flags.
const HOW_TO_DECLARE: Record<string, string> = {
  sampling: 'the CLI declares it with --sampling-response',
  elicitation: 'the CLI declares it with --elicitation',
  roots: 'the CLI declares it with --root; here, the Roots panel lists what is sent',
};

/**
 * Explains -32020 (header mismatch), -32021 (missing client capability) and -32022
 * (unsupported protocol version) from their `error.data`; undefined for any other error.
 * `declared` is what the session offered, to say whether the capability was in it.
 */
export function explainEraError(
  error: RpcError | undefined,
  declared?: Record<string, unknown>,
): EraErrorExplained | undefined {
  if (error === undefined) return undefined;
  const data = objectOf(error.data);
  switch (error.code) {
    case -32020: {
      const mismatch = objectOf(data['mismatch']);
      const header = typeof mismatch['header'] === 'string' ? mismatch['header'] : undefined;
      const body = typeof mismatch['body'] === 'string' ? mismatch['body'] : undefined;
      return {
        code: -32020,
        title: 'Header mismatch: the HTTP headers disagree with the request body',
        what:
          (header !== undefined ? `The header carried "${header}"` : 'An MCP header') +
          (body !== undefined ? `; the server says: ${body}.` : ' disagrees with the body.'),
        next: 'mcpscope derives MCP-Protocol-Version, Mcp-Method, Mcp-Name and Mcp-Param-* from the body. Remove a header of that name from the Headers box on the New connection page (or a proxy that rewrites headers), then reconnect.',
      };
    }
    case -32021: {
      const required = objectOf(data['requiredCapabilities']);
      const names = Object.keys(required);
      const list = names.length > 0 ? names.join(', ') : 'a capability it did not name';
      const missingHere = names.filter((n) => declared !== undefined && !(n in declared));
      const how = names.map((n) => HOW_TO_DECLARE[n]).filter((h) => h !== undefined);
      return {
        code: -32021,
        title: `Missing client capability: the server needs ${list}`,
        what: `The server will only ask for this input from a client that declares ${list} in its _meta envelope (clientCapabilities).${
          declared === undefined
            ? ''
            : missingHere.length > 0
              ? ` This session did not declare ${missingHere.join(', ')}.`
              : ' This session declared it, so the server may want a sub-capability (see error.data).'
        }`,
        next: `The UI declares sampling, elicitation and roots on every connection (Overview, Client capabilities); ${
          how.length > 0 ? how.join('; ') : 'see error.data for what exactly is required'
        }.`,
      };
    }
    case -32022: {
      const supported = Array.isArray(data['supported'])
        ? data['supported'].filter((v): v is string => typeof v === 'string')
        : [];
      const requested = typeof data['requested'] === 'string' ? data['requested'] : undefined;
      return {
        code: -32022,
        title: 'Unsupported protocol version',
        what: `${requested !== undefined ? `The client sent ${requested}; ` : ''}the server supports ${
          supported.length > 0 ? supported.join(', ') : 'other versions (it did not say which)'
        }.`,
        next: `Choose ${
          supported[0] !== undefined ? `Pinned revision ${supported[0]} or ` : ''
        }Auto under Protocol on the New connection page (or edit the saved server), then connect again.`,
        supported,
      };
    }
    default:
      return undefined;
  }
}
