import type {
  FullEntry,
  HistoryPage,
  ProxyErrorCode,
  RequestOutcomeWire,
  TrafficEntry,
} from '@mcpscope/protocol';
import { DISPLAY_CAP_BYTES, preview } from '@mcpscope/engine/session/display';
import { HistoryUnavailable, type TrafficLog } from '@mcpscope/engine/session/traffic-log';

/**
 * How many of the newest entries an attaching tab gets at once (the browser keeps about as
 * many); older ones it pages in with `history`. See docs/limits.md.
 */
export const ATTACH_TAIL = 100_000;

/** A failure of a history command, as the socket sends it. */
export interface HistoryFailure {
  code: Extract<ProxyErrorCode, 'NO_SUCH_ENTRY' | 'HISTORY_UNAVAILABLE'>;
  message: string;
}

/** Runs a read of the log, turning a missing history into `{code, message}`. */
export async function readHistory<T>(
  read: () => Promise<T>,
): Promise<{ ok: true; value: T } | ({ ok: false } & HistoryFailure)> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (error instanceof HistoryUnavailable)
      return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

/** Up to `limit` entries before `beforeSeq`, oldest first, as the UI shows them. */
export async function historyPage(
  log: TrafficLog,
  beforeSeq: number,
  limit: number,
): Promise<HistoryPage> {
  const to = Math.min(beforeSeq, log.lastSeq + 1);
  const from = Math.max(0, to - limit);
  const entries = await log.readForDisplay(from, to);
  return { entries, complete: from === 0 };
}

/** One entry whole, or a `NO_SUCH_ENTRY` failure. */
export async function fullEntry(
  log: TrafficLog,
  seq: number,
): Promise<{ ok: true; value: FullEntry } | ({ ok: false } & HistoryFailure)> {
  const read = await readHistory(() => log.entry(seq));
  if (!read.ok) return read;
  if (read.value === undefined)
    return {
      ok: false,
      code: 'NO_SUCH_ENTRY',
      message: `no entry #${seq} in this session (its last is #${log.lastSeq})`,
    };
  return { ok: true, value: { entry: read.value } };
}

/**
 * The outcome of a `request` as the UI gets it: a result too big to show goes as a preview
 * marked `truncated`, and the UI fetches it whole with `entry {seq: responseSeq}` on demand.
 * The size is the response entry's JSON, which bounds the result's.
 */
export function outcomeForDisplay(
  log: TrafficLog,
  outcome: RequestOutcomeWire,
): RequestOutcomeWire {
  if (!outcome.ok || outcome.responseSeq === undefined) return outcome;
  // Measured by the log when it still holds the response; otherwise (a busy session moved its
  // window on) measured here, once.
  const bytes =
    log.sizeOf(outcome.responseSeq) ?? Buffer.byteLength(JSON.stringify(outcome.result) ?? '');
  if (bytes <= DISPLAY_CAP_BYTES) return outcome;
  return { ...outcome, result: preview(outcome.result), truncated: { bytes } };
}

/** Entries of a session for an attaching tab: where to start and whether its copy is replaced. */
export function attachRange(
  log: TrafficLog,
  sinceSeq: number,
): { from: number; to: number; reset: boolean; inMemory: boolean } {
  const to = log.lastSeq + 1;
  const from = Math.max(sinceSeq, to - ATTACH_TAIL);
  // A tab that would be left with a gap starts over from the tail instead.
  const reset = sinceSeq === 0 || from > sinceSeq;
  return { from, to, reset, inMemory: from >= log.memoryStart };
}

/** The in-memory part of an attach, without waiting for the disk. */
export function memoryEntries(log: TrafficLog, from: number, to: number): TrafficEntry[] {
  return log
    .entries(from)
    .slice(0, to - from)
    .map((entry) => log.display(entry));
}
