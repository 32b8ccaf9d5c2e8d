import { Download } from 'lucide-react';
import { formatBytes } from '../lib/format';
import type { FullPayload } from '../lib/use-full-payload';
import { Button } from './Button';

/**
 * Says that a payload is a preview (the proxy cut it for display) and offers the whole of
 * it. The whole payload is fetched only when asked: a 50 MB result would otherwise cross the
 * socket and be parsed just to show its first screen.
 */
export function TruncatedNotice({
  bytes,
  what = 'payload',
  payload: { loading, error, load },
}: {
  bytes: number;
  what?: string;
  payload: FullPayload;
}) {
  return (
    <div
      role="note"
      data-testid="truncated-notice"
      className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-2 py-1.5 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
    >
      <span className="min-w-0 flex-1">
        Preview: this {what} is {formatBytes(bytes)}, too big to show whole. Long strings and lists
        are cut.
      </span>
      <Button onClick={load} disabled={loading} className="!px-2 !py-0.5 !text-xs">
        <Download size={12} /> {loading ? 'Loading…' : `Load full (${formatBytes(bytes)})`}
      </Button>
      {error !== undefined && (
        <span role="alert" className="w-full text-red-700 dark:text-red-400">
          Could not load it: {error}
        </span>
      )}
    </div>
  );
}
