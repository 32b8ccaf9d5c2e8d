import { useFullPayload, type FullPayload } from './use-full-payload';

interface MaybeTruncated {
  ok: boolean;
  result?: unknown;
  responseSeq?: number;
  truncated?: { bytes: number };
}

/**
 * A request's outcome with "load full": while the proxy sent a preview of a huge result,
 * `truncated` says how big it is and `payload.load()` fetches the response entry whole, after
 * which `outcome` carries the whole result.
 */
export function useFullOutcome<T extends MaybeTruncated | undefined>(
  sessionId: string,
  outcome: T,
): { outcome: T; truncated: { bytes: number } | undefined; payload: FullPayload } {
  const truncated = outcome?.ok === true ? outcome.truncated : undefined;
  const payload = useFullPayload(
    sessionId,
    truncated === undefined ? undefined : outcome?.responseSeq,
  );
  const msg = payload.full?.msg as { result?: unknown } | undefined;
  if (outcome === undefined || truncated === undefined || msg === undefined)
    return { outcome, truncated, payload };
  const { truncated: _preview, ...rest } = outcome;
  return { outcome: { ...rest, result: msg.result } as T, truncated: undefined, payload };
}
