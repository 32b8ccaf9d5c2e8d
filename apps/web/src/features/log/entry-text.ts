import type { TrafficEntry } from '@mcpscope/protocol';

/** The JSON-RPC method of a message entry, if it has one. */
export function methodOf(entry: TrafficEntry): string | undefined {
  const method = (entry.msg as { method?: unknown } | undefined)?.method;
  return typeof method === 'string' ? method : undefined;
}

/** The JSON-RPC id of a message entry, as text. */
export function idOf(entry: TrafficEntry): string | undefined {
  const msg = entry.msg as { id?: unknown } | undefined;
  return msg?.id === undefined || msg.id === null ? undefined : JSON.stringify(msg.id);
}

/** A one-line summary of what an entry is about, for the list. */
export function summaryOf(entry: TrafficEntry, requestMethod: string | undefined): string {
  switch (entry.kind) {
    case 'request':
    case 'notification': {
      const params = (entry.msg as { params?: Record<string, unknown> } | undefined)?.params;
      const subject =
        params?.['name'] ??
        params?.['uri'] ??
        params?.['level'] ??
        params?.['message'] ??
        params?.['progress'];
      return subject === undefined
        ? ''
        : typeof subject === 'string'
          ? subject
          : JSON.stringify(subject);
    }
    case 'response': {
      const result = (entry.msg as { result?: Record<string, unknown> } | undefined)?.result ?? {};
      for (const key of [
        'tools',
        'resources',
        'resourceTemplates',
        'prompts',
        'contents',
        'messages',
        'content',
      ]) {
        if (Array.isArray(result[key]))
          return `${(result[key] as unknown[]).length} ${key}${result['isError'] === true ? ' · isError' : ''}`;
      }
      const name = (result['serverInfo'] as { name?: unknown } | undefined)?.name;
      return requestMethod === 'initialize' && typeof name === 'string' ? name : '';
    }
    case 'error': {
      const error = (entry.msg as { error?: { code?: unknown; message?: unknown } } | undefined)
        ?.error;
      return `${JSON.stringify(error?.code)} ${typeof error?.message === 'string' ? error.message : ''}`;
    }
    case 'raw':
      return entry.raw ?? JSON.stringify(entry.msg) ?? '';
    case 'stderr':
      return entry.raw ?? '';
    case 'http': {
      const http = entry.transport?.http;
      if (http === undefined) return entry.transport?.detail ?? entry.raw ?? '';
      const detail = entry.transport?.detail;
      // A detail on an exchange says what it was for, e.g. a GET resuming an SSE stream.
      return `${http.method} ${http.url.replace(/^https?:\/\/[^/]+/, '')} → ${http.status ?? '…'}${http.contentType ? ` ${http.contentType.split(';')[0]}` : ''}${detail !== undefined ? ` · ${detail}` : ''}`;
    }
    case 'lifecycle':
      return entry.transport?.detail ?? entry.transport?.state ?? '';
    default:
      return '';
  }
}

const searchText = new WeakMap<TrafficEntry, string>();

/** Lower-cased text an entry is searched by, computed once per entry and capped in length. */
export function searchTextOf(entry: TrafficEntry): string {
  let text = searchText.get(entry);
  if (text === undefined) {
    const body = entry.msg !== undefined ? JSON.stringify(entry.msg) : (entry.raw ?? '');
    const facts = entry.transport === undefined ? '' : JSON.stringify(entry.transport);
    const issues = entry.issues?.map((i) => `${i.code} ${i.message}`).join(' ') ?? '';
    text = `${body.slice(0, 8192)} ${facts.slice(0, 2048)} ${issues}`.toLowerCase();
    searchText.set(entry, text);
  }
  return text;
}

const warmed = new WeakMap<TrafficEntry[], number>();

/**
 * Computes search text for entries not seen yet, a slice per idle period, so that the first
 * search over a large session does not pay for 100,000 serialisations at once.
 */
export function warmSearchText(entries: TrafficEntry[]): () => void {
  let handle: number | undefined;
  const step = (deadline: IdleDeadline): void => {
    let i = warmed.get(entries) ?? 0;
    if (i > entries.length) i = 0;
    while (i < entries.length && deadline.timeRemaining() > 2) {
      const end = Math.min(entries.length, i + 500);
      for (; i < end; i++) searchTextOf(entries[i]!);
    }
    warmed.set(entries, i);
    handle = i < entries.length ? requestIdleCallback(step) : undefined;
  };
  handle = requestIdleCallback(step);
  return () => {
    if (handle !== undefined) cancelIdleCallback(handle);
  };
}
