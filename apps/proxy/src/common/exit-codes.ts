import type { ErrorCode } from '@mcpscope/protocol';

/**
 * Process exit codes, the same for every mcpscope command, so that a pipeline can tell
 * failures apart. Documented in the README and `mcpscope --help`.
 */
export const ExitCode = {
  /** The call succeeded. */
  OK: 0,
  /** The tool ran and reported failure (`isError: true`); for `mcpscope test`, an expectation failed. */
  TOOL_ERROR: 1,
  /** Bad flags, arguments or files: nothing was sent. */
  USAGE: 2,
  /** The server could not be started or reached, or the connection died. */
  CONNECTION: 3,
  /** No response in time (see --timeout). */
  TIMEOUT: 4,
  /** The server answered with a JSON-RPC error (or asked for input the client could not give). */
  RPC_ERROR: 5,
  /** With --strict: the server's messages broke the MCP schema or the tool's outputSchema. */
  PROTOCOL_VIOLATION: 6,
  /** Interrupted (Ctrl-C). */
  INTERRUPTED: 130,
} as const;

/** @see ExitCode */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code for a failed request or connection. */
export function exitCodeFor(code: ErrorCode): ExitCodeValue {
  switch (code) {
    case 'RPC_ERROR':
    case 'INPUT_FAILED':
      return ExitCode.RPC_ERROR;
    case 'TIMEOUT':
      return ExitCode.TIMEOUT;
    case 'CANCELLED':
      return ExitCode.INTERRUPTED;
    case 'BAD_REQUEST':
      return ExitCode.USAGE;
    case 'SPAWN_FAILED':
    case 'CONNECT_FAILED':
    case 'AUTH_REQUIRED':
    case 'HANDSHAKE_FAILED':
    case 'NOT_CONNECTED':
    case 'CONNECTION_CLOSED':
    case 'SEND_FAILED':
    case 'BAD_RESPONSE':
      return ExitCode.CONNECTION;
    default: {
      const _exhaustive: never = code;
      return _exhaustive;
    }
  }
}

/** The table printed by `--help`. */
export const EXIT_CODE_HELP = `Exit codes:
  0    success
  1    the tool returned isError: true (test: a test failed; lint: an error was found)
  2    usage error (bad flags or input, test: a spec error; nothing was sent)
  3    connection or spawn failure (server not found, refused, crashed)
  4    timeout (no response or progress within --timeout)
  5    the server answered with a JSON-RPC error
  6    --strict only: the server's messages violated the MCP schema or the tool's outputSchema
  130  interrupted`;
