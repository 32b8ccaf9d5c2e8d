import { explainEraError as explain, type EraErrorExplained } from '@mcpscope/protocol';

export type { EraErrorExplained };

/** A JSON-RPC error as the UI holds it. */
export interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

/**
 * Explains -32020, -32021 and -32022 in the UI's words (the reading is the protocol
 * package's, shared with the CLI); undefined for any other error. `declared` is what the
 * session offered, to say whether the capability was in it.
 */
export function explainEraError(
  error: RpcError | undefined,
  declared?: Record<string, unknown>,
): EraErrorExplained | undefined {
  return explain(error, { audience: 'ui', ...(declared !== undefined && { declared }) });
}
