import { History } from 'lucide-react';
import { Button } from '../../components/Button';
import { useOlder } from '../../lib/history';

/**
 * Above the list when the browser holds only the newest part of a session: says what is
 * where (search and filters see only what is loaded) and pages older entries in.
 */
export function OlderBar({
  sessionId,
  firstSeq,
  blocked,
  onLoad,
}: {
  sessionId: string;
  firstSeq: number;
  /** Why no more can be loaded (see olderBlocked), or undefined. */
  blocked: string | undefined;
  onLoad: () => void;
}) {
  const loading = useOlder((s) => s.loading[sessionId] === true);
  const error = useOlder((s) => s.error[sessionId]);
  return (
    <div
      data-testid="older-bar"
      className="flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 text-xs text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
    >
      <History size={13} />
      <span className="min-w-0 flex-1">
        Entries #0–#{firstSeq - 1} are kept by the proxy, not loaded in this tab; search and filters
        cover the loaded entries only.
        {blocked !== undefined && ` Not loading more: ${blocked}.`}
      </span>
      {error !== undefined && (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
      {blocked === undefined && (
        <Button onClick={onLoad} disabled={loading} className="!px-2 !py-0.5 !text-xs">
          {loading ? 'Loading…' : 'Load older'}
        </Button>
      )}
    </div>
  );
}
