import type { TrafficEntry } from '@mcpscope/protocol';

/**
 * One row of the HTML report's list, computed here so that the page parses a small index
 * up front and each entry's full JSON only when it is shown:
 * `[seq, t, dir, kind, label, durationMs | null, pair | -1, errors, warnings, infos]`, where
 * `pair` is the index of the request a response answers, or of the response a request got.
 */
export type IndexRow = [
  number,
  number,
  TrafficEntry['dir'],
  TrafficEntry['kind'],
  string,
  number | null,
  number,
  number,
  number,
  number,
];

/** Labels longer than this are cut; the detail pane has the whole entry. */
const LABEL_LIMIT = 300;

/** The list rows of a recording's entries. */
export function reportIndex(entries: readonly TrafficEntry[]): IndexRow[] {
  const indexOfSeq = new Map<number, number>();
  entries.forEach((e, i) => indexOfSeq.set(e.seq, i));
  const pairOf = new Map<number, number>();
  entries.forEach((e, i) => {
    const request = e.pairSeq === undefined ? undefined : indexOfSeq.get(e.pairSeq);
    if (request === undefined) return;
    pairOf.set(i, request);
    pairOf.set(request, i);
  });
  return entries.map((e, i): IndexRow => {
    const pair = pairOf.get(i) ?? -1;
    const counts = { error: 0, warning: 0, info: 0 };
    for (const issue of e.issues ?? []) counts[issue.severity]++;
    const response = e.kind === 'request' && pair >= 0 ? entries[pair] : undefined;
    const request = e.pairSeq !== undefined && pair >= 0 ? entries[pair] : undefined;
    return [
      e.seq,
      e.t,
      e.dir,
      e.kind,
      labelOf(e, request).slice(0, LABEL_LIMIT),
      e.durationMs ?? response?.durationMs ?? null,
      pair,
      counts.error,
      counts.warning,
      counts.info,
    ];
  });
}

/** What an entry is, in one line: the method and id, the HTTP exchange, the stderr text. */
export function labelOf(e: TrafficEntry, request: TrafficEntry | undefined): string {
  const msg = (e.msg ?? {}) as { method?: unknown; id?: unknown; error?: unknown };
  const method = typeof msg.method === 'string' ? msg.method : methodOf(request);
  const id = msg.id !== undefined ? ` #${JSON.stringify(msg.id)}` : '';
  const t = e.transport ?? {};
  switch (e.kind) {
    case 'request':
    case 'notification':
    case 'response':
      return `${method ?? e.kind}${id}`;
    case 'error': {
      const error = (msg.error ?? {}) as { code?: unknown; message?: unknown };
      const text = (v: unknown): string =>
        typeof v === 'string' || typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? '');
      return `${method ?? 'error'}${id}: ${text(error.code)} ${text(error.message)}`;
    }
    case 'http': {
      const h = t.http;
      if (h === undefined) return t.detail ?? e.raw ?? 'http';
      return `${h.method} ${h.url}${h.status !== undefined ? ` → ${h.status} ${h.statusText ?? ''}` : ''}`;
    }
    case 'lifecycle':
      return [t.state, t.detail].filter(Boolean).join(': ') || 'lifecycle';
    case 'stderr':
    case 'raw':
      return e.raw ?? JSON.stringify(e.msg) ?? '';
    default: {
      const _exhaustive: never = e.kind;
      return _exhaustive;
    }
  }
}

function methodOf(entry: TrafficEntry | undefined): string | undefined {
  const method = (entry?.msg as { method?: unknown } | undefined)?.method;
  return typeof method === 'string' ? method : undefined;
}
