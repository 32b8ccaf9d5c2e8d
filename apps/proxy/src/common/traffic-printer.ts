import type { TrafficEntry } from '@mcpscope/protocol';

const ARROWS = { c2s: '→', s2c: '←', meta: '·' } as const;
const MAX_BODY = 400;

/** One line (plus diagnostics) per traffic entry, for `--verbose` on stderr. */
export function formatEntry(entry: TrafficEntry): string {
  const time = `${entry.t.toFixed(1).padStart(8)}ms`;
  const head = `${time} ${ARROWS[entry.dir]} ${entry.kind.padEnd(12)}`;
  let body: string;
  if (entry.msg !== undefined) {
    const msg = entry.msg as Record<string, unknown>;
    const what = typeof msg['method'] === 'string' ? `${msg['method']} ` : '';
    const id = msg['id'] !== undefined ? `#${JSON.stringify(msg['id'])} ` : '';
    const duration = entry.durationMs !== undefined ? `(${entry.durationMs.toFixed(1)}ms) ` : '';
    body = `${what}${id}${duration}${clip(JSON.stringify(msg['params'] ?? msg['result'] ?? msg['error'] ?? msg))}`;
  } else if (entry.kind === 'http' && entry.transport?.http !== undefined) {
    const http = entry.transport.http;
    body = `${http.method} ${http.url} ${http.status ?? ''} ${http.contentType ?? ''}`.trim();
    if (entry.transport.sessionId !== undefined) body += ` session=${entry.transport.sessionId}`;
    if (entry.transport.detail !== undefined) body += ` ${entry.transport.detail}`;
  } else {
    body = clip(entry.raw ?? entry.transport?.detail ?? entry.transport?.state ?? '');
  }
  const lines = [`${head} ${body}`];
  for (const issue of entry.issues ?? []) {
    if (issue.severity !== 'info')
      lines.push(`${' '.repeat(13)}! ${issue.severity} ${issue.code}: ${issue.message}`);
  }
  return lines.join('\n');
}

function clip(text: string): string {
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}… (${text.length} chars)` : text;
}
