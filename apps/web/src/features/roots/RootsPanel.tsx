import type { Root } from '@mcpscope/protocol';
import { FolderTree, Trash2, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { actions, useReadOnly } from '../../lib/inspector';
import type { SessionView } from '../../lib/store';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { AddRootForm } from './AddRootForm';
import { RootsAskedCard } from './RootsAskedCard';

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; notified: boolean }
  | { kind: 'failed'; message: string };

// Escaped characters (%20…) are hard to read: show the path they spell next to the URI.
function decodedPath(uri: string): string | undefined {
  if (!uri.startsWith('file://') || !uri.includes('%')) return undefined;
  try {
    return decodeURI(uri.slice('file://'.length));
  } catch {
    return undefined;
  }
}

function sameRoots(a: readonly Root[], b: readonly Root[]): boolean {
  return a.length === b.length && a.every((r, i) => r.uri === b[i]?.uri && r.name === b[i]?.name);
}

/**
 * The roots this client exposes to the server. Edits stay local until saved; saving hands
 * the list to the proxy, which answers `roots/list` from it and tells the server with
 * `notifications/roots/list_changed`.
 */
export function RootsPanel({ session }: { session: SessionView }) {
  const saved = session.summary.roots;
  // undefined while not editing, so a change saved in another tab shows up here as is.
  const [draft, setDraft] = useState<Root[] | undefined>(undefined);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const roots = draft ?? saved;
  const dirty = draft !== undefined && !sameRoots(draft, saved);
  const ready = session.summary.state === 'ready';
  const readOnly = useReadOnly(session.summary.id);
  const declared = session.summary.handshake?.offered.capabilities['roots'] !== undefined;

  const edit = (next: Root[]): void => {
    setDraft(next);
    setSave({ kind: 'idle' });
  };

  const commit = async (): Promise<void> => {
    if (draft === undefined) return;
    setSave({ kind: 'saving' });
    try {
      await actions.setRoots(session.summary.id, draft);
      setDraft(undefined);
      setSave({ kind: 'saved', notified: ready });
    } catch (error) {
      setSave({ kind: 'failed', message: (error as Error).message });
    }
  };

  return (
    <div className="flex h-full min-h-0 overflow-auto">
      <div className="mx-auto flex w-full max-w-6xl gap-6 p-5">
        <div className="min-w-0 flex-1 space-y-4">
          <header className="flex items-center gap-2">
            <FolderTree size={18} className="text-zinc-400" />
            <h2 className="text-base font-semibold">Roots</h2>
            <Badge>{roots.length}</Badge>
            {dirty && <Badge tone="amber">unsaved</Badge>}
            <div className="ml-auto flex items-center gap-2">
              {dirty && (
                <Button variant="ghost" onClick={() => setDraft(undefined)}>
                  <Undo2 size={14} /> Revert
                </Button>
              )}
              <Button
                variant="primary"
                disabled={!dirty || save.kind === 'saving' || readOnly !== undefined}
                title={readOnly}
                onClick={() => void commit()}
              >
                {save.kind === 'saving' ? 'Saving…' : 'Save roots'}
              </Button>
            </div>
          </header>

          <SaveNotice save={save} />

          {roots.length === 0 ? (
            <p className="rounded-lg border border-zinc-200 p-4 text-sm text-zinc-500 dark:border-zinc-800">
              No roots: <code>roots/list</code> answers an empty list. Add a folder the server may
              work in below.
            </p>
          ) : (
            <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
              {roots.map((root, i) => (
                <li key={root.uri} className="flex items-center gap-3 px-3 py-2">
                  <span className="min-w-0 flex-1 truncate" title={root.uri}>
                    <code className="text-sm">{root.uri}</code>
                    {decodedPath(root.uri) !== undefined && (
                      <span className="ml-2 text-xs text-zinc-500">{decodedPath(root.uri)}</span>
                    )}
                  </span>
                  <input
                    className="w-48 rounded border border-zinc-200 bg-transparent px-1.5 py-1 text-sm placeholder:text-zinc-400 hover:border-zinc-300 focus:border-indigo-500 focus:outline-none dark:border-zinc-800 dark:hover:border-zinc-700"
                    value={root.name ?? ''}
                    placeholder="no name"
                    aria-label={`Name of ${root.uri}`}
                    onChange={(e) => {
                      const name = e.target.value;
                      edit(
                        roots.map((r, j) =>
                          j !== i ? r : name === '' ? { uri: r.uri } : { uri: r.uri, name },
                        ),
                      );
                    }}
                  />
                  <button
                    type="button"
                    className="rounded p-1.5 text-zinc-400 hover:bg-red-50 hover:text-red-600 dark:hover:bg-red-950"
                    title={`Remove ${root.uri}`}
                    aria-label={`Remove ${root.uri}`}
                    onClick={() => edit(roots.filter((_, j) => j !== i))}
                  >
                    <Trash2 size={14} />
                  </button>
                </li>
              ))}
            </ul>
          )}

          <AddRootForm existing={roots} onAdd={(root) => edit([...roots, root])} />
        </div>

        <aside className="w-80 shrink-0 space-y-4">
          <RootsAskedCard session={session} />
          <section className="space-y-2 rounded-lg bg-zinc-50 p-3 text-sm text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
            <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">
              About roots
            </h3>
            <p>
              Roots tell the server which folders (or other URIs) it should work in. The server asks
              with <code>roots/list</code>; mcpscope answers from this list and sends{' '}
              <code>notifications/roots/list_changed</code> when you save, so the server can ask
              again.
            </p>
            <p>
              Roots are advice, not a sandbox: the server is trusted to respect them.
              {!declared && (
                <>
                  {' '}
                  <span className="text-amber-700 dark:text-amber-400">
                    This session did not declare the <code>roots</code> capability, so the server
                    may never ask.
                  </span>
                </>
              )}
            </p>
          </section>
        </aside>
      </div>
    </div>
  );
}

function SaveNotice({ save }: { save: SaveState }) {
  if (save.kind === 'saved')
    return (
      <p className="text-sm text-emerald-700 dark:text-emerald-400" role="status">
        {save.notified
          ? 'Saved. The server was sent notifications/roots/list_changed.'
          : 'Saved. The session is not ready, so no notification was sent; the server gets the list when it asks roots/list.'}
      </p>
    );
  if (save.kind === 'failed')
    return (
      <p className="text-sm text-red-700 dark:text-red-400" role="alert">
        Could not save the roots: {save.message}. Check that the proxy is running, then save again.
      </p>
    );
  return null;
}
