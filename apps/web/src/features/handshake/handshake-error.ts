import type { SessionView } from '../../lib/store';
import type { RpcError } from '../../lib/era-errors';

const ERA_CODES = new Set([-32020, -32021, -32022]);

/**
 * The era error that failed the session's opening, if any: the newest error response from the
 * server with one of the 2026-07-28 codes (e.g. -32022 to an `initialize` pinned as legacy).
 */
export function handshakeError(session: SessionView): RpcError | undefined {
  for (let i = session.entries.length - 1; i >= 0; i--) {
    const entry = session.entries[i];
    if (entry?.kind !== 'error' || entry.dir !== 's2c') continue;
    const error = (entry.msg as { error?: Partial<RpcError> } | undefined)?.error;
    if (typeof error?.code === 'number' && ERA_CODES.has(error.code))
      return { code: error.code, message: String(error.message ?? ''), data: error.data };
  }
  return undefined;
}
