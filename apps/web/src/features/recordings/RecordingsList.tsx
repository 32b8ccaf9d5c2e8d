import { RecordingListSchema, type RecordingList } from '@mcpscope/protocol';
import { Download, FolderOpen, RefreshCw } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { formatBytes } from '../../lib/format';
import { openFile, openUrl } from './open-recording';

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; list: RecordingList };

async function fetchList(): Promise<Loaded> {
  try {
    const response = await fetch('/api/recordings', { cache: 'no-store' });
    const body = await response.text();
    if (!response.ok) {
      let message = body;
      try {
        message = (JSON.parse(body) as { message?: string }).message ?? body;
      } catch {
        // The guard answers in plain text.
      }
      return { status: 'error', message };
    }
    const parsed = RecordingListSchema.safeParse(JSON.parse(body));
    return parsed.success
      ? { status: 'ready', list: parsed.data }
      : { status: 'error', message: 'the proxy sent a list this UI does not understand' };
  } catch {
    return { status: 'error', message: 'cannot reach the mcpscope proxy' };
  }
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * Past sessions recorded by this proxy, newest first: open one read-only, or download it.
 * Also opens any recording file from disk (or drop one on the page).
 */
export function RecordingsList() {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const input = useRef<HTMLInputElement>(null);
  const refresh = useCallback(async () => setLoaded(await fetchList()), []);
  useEffect(() => {
    let live = true;
    void fetchList().then((l) => {
      if (live) setLoaded(l);
    });
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => input.current?.click()}>
          <FolderOpen size={14} /> Open a file…
        </Button>
        <input
          ref={input}
          type="file"
          accept=".jsonl,.json,application/x-ndjson"
          className="hidden"
          aria-label="Recording file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file !== undefined) void openFile(file);
          }}
        />
        <Button variant="ghost" onClick={() => void refresh()} aria-label="Refresh the list">
          <RefreshCw size={14} />
        </Button>
        <span className="text-xs text-zinc-500">or drop a .jsonl on the page</span>
      </div>
      {loaded.status === 'loading' && <p className="text-sm text-zinc-500">Loading…</p>}
      {loaded.status === 'error' && (
        <p className="text-sm text-red-700 dark:text-red-300">{loaded.message}</p>
      )}
      {loaded.status === 'ready' && loaded.list.recordings.length === 0 && (
        <p className="text-sm text-zinc-500">
          No recordings yet. Sessions you connect are recorded while their record switch is on.
        </p>
      )}
      {loaded.status === 'ready' && loaded.list.recordings.length > 0 && (
        <ul
          className="max-h-96 divide-y divide-zinc-100 overflow-y-auto dark:divide-zinc-800"
          aria-label="Recordings"
        >
          {loaded.list.recordings.map((r) => (
            <li key={r.name} className="flex items-center gap-3 py-2" data-testid="recording-row">
              <div className="min-w-0 flex-1">
                <p
                  className="line-clamp-2 text-sm font-medium [overflow-wrap:anywhere]"
                  title={r.target ?? r.name}
                >
                  {r.target ?? 'unknown target'}
                  {r.active && (
                    <span className="ml-2 text-xs font-normal text-red-600 dark:text-red-400">
                      ● recording
                    </span>
                  )}
                </p>
                <p className="truncate font-mono text-[11px] text-zinc-500" title={r.name}>
                  {r.name}
                </p>
                <p className="text-xs text-zinc-500">
                  {when(r.createdAt)} · {formatBytes(r.size)}
                  {r.entries !== undefined && ` · ${r.entries.toLocaleString()} entries`}
                </p>
              </div>
              <Button
                onClick={() =>
                  void openUrl(`/api/recordings/${encodeURIComponent(r.name)}`, r.name)
                }
                aria-label={`Open ${r.name}`}
              >
                Open
              </Button>
              <a
                href={`/api/recordings/${encodeURIComponent(r.name)}?download=1`}
                download={r.name}
                aria-label={`Download ${r.name}`}
                title="Download"
                className="rounded-md p-2 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
              >
                <Download size={14} />
              </a>
            </li>
          ))}
        </ul>
      )}
      {loaded.status === 'ready' && (
        <p className="text-[11px] [overflow-wrap:anywhere] text-zinc-500">
          Kept in <code>{loaded.list.dir}</code>: the newest {loaded.list.limits.maxFiles} files, at
          most {formatBytes(loaded.list.limits.maxBytes)} in all (
          <code>mcpscope ui --keep-recordings N --recordings-max-mb M</code>).
        </p>
      )}
    </div>
  );
}
