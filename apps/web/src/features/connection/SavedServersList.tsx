import { describeTarget } from '@mcpscope/protocol';
import { Pencil, Plug, Trash2 } from 'lucide-react';
import { Button } from '../../components/Button';
import { actions } from '../../lib/inspector';
import { useApp } from '../../lib/store';
import type { ServerConfig } from '@mcpscope/protocol';

/** Servers saved by the proxy in the user's config directory. */
export function SavedServersList({ onEdit }: { onEdit: (config: ServerConfig) => void }) {
  const saved = useApp((s) => s.savedServers);
  if (saved.length === 0)
    return (
      <p className="text-sm text-zinc-500">
        Nothing saved yet. Fill in the form and press Save, or import a config.
      </p>
    );
  return (
    <ul
      className="divide-y divide-zinc-200 rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800"
      aria-label="Saved servers"
    >
      {saved.map((server) => (
        <li key={server.id} className="flex items-center gap-2 px-3 py-2">
          <div className="min-w-0 flex-1">
            <div className="font-medium">{server.name}</div>
            <div className="truncate font-mono text-xs text-zinc-500">
              {server.config.transport} · {describeTarget({ ...server.config, name: undefined })}
              {server.config.protocolVersion !== undefined &&
                ` · protocol ${server.config.protocolVersion}`}
            </div>
          </div>
          <Button onClick={() => void actions.connect({ ...server.config, name: server.name })}>
            <Plug size={13} /> Connect
          </Button>
          <button
            type="button"
            className="rounded p-1.5 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            aria-label={`Edit ${server.name}`}
            onClick={() => onEdit({ ...server.config, name: server.name })}
          >
            <Pencil size={14} />
          </button>
          <button
            type="button"
            className="rounded p-1.5 text-zinc-500 hover:bg-red-50 hover:text-red-700 dark:hover:bg-red-950/40"
            aria-label={`Delete ${server.name}`}
            onClick={() => void actions.deleteServer(server.id)}
          >
            <Trash2 size={14} />
          </button>
        </li>
      ))}
    </ul>
  );
}
