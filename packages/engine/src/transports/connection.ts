import type { RequestId, TransportKind } from '@mcpscope/protocol';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';

/** Per-message options of {@link Connection.send}. */
export interface SendOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Seq of the `c2s` entry the session logged this message as: an HTTP transport writes it
   * into the exchange's `http.requestSeq`, so nothing has to find the entry by its content.
   */
  seq?: number;
}

/** Why a connection ended, in words a user can act on. */
export interface CloseReason {
  /** `exited`: the server process ended; `error`: the transport failed; `closed`: we closed it. */
  cause: 'exited' | 'error' | 'closed';
  message: string;
  exitCode?: number | null;
  signal?: string | null;
}

/**
 * A live link to one target. Outgoing messages go through `send`; everything the server
 * sends is written into the session's traffic log by the connection itself, because only the
 * connection sees the raw bytes (so nothing can be lost to a parser before the tap).
 */
export interface Connection {
  readonly kind: TransportKind;
  /** Opens the link. Rejects with a {@link ConnectError} when the target cannot be reached. */
  start(): Promise<void>;
  /**
   * `headers` go on this message's HTTP request only (the 2026-07-28 `Mcp-Param-*` headers);
   * aborting `signal` ends its HTTP response stream, which is how a modern HTTP client cancels.
   * stdio ignores both.
   */
  send(message: JSONRPCMessage, options?: SendOptions): Promise<void>;
  /**
   * Ends the link. `graceful` lets a stdio server exit on end-of-input before signals are
   * sent; without it the process is signalled at once (it keeps a request pending).
   */
  close(options?: { graceful?: boolean; graceMs?: number }): Promise<void>;
  /** The `Mcp-Session-Id` the server assigned, for Streamable HTTP. */
  readonly sessionId: string | undefined;
  /** Sent as `MCP-Protocol-Version` on later HTTP requests once the handshake agreed on one. */
  setProtocolVersion(version: string): void;
  /** The server's last stderr lines, for a stdio server (quoted when it exits). */
  readonly recentStderr?: readonly string[];
  /** Called once when the link ends for any reason. */
  onclose?: (reason: CloseReason) => void;
  /**
   * Called when the answers to these requests can no longer arrive although the link is up
   * (an HTTP response stream that ended without them and cannot be resumed).
   */
  onanswerslost?: (requestIds: RequestId[], message: string) => void;
}

/** A failure to open a connection, with a code and the next step for the user. */
export class ConnectError extends Error {
  constructor(
    readonly code: 'SPAWN_FAILED' | 'CONNECT_FAILED' | 'AUTH_REQUIRED',
    message: string,
    /** The HTTP status, when the server answered with one. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ConnectError';
  }
}
