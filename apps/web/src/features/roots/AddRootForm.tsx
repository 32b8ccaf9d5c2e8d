import type { Root } from '@mcpscope/protocol';
import { AlertTriangle, Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { parseRootInput } from './root-uri';

const INPUT =
  'w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm placeholder:text-zinc-400 focus:border-indigo-500 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900';

/** Adds a root from a path or a URI, showing the URI it becomes before it is added. */
export function AddRootForm({
  existing,
  onAdd,
}: {
  existing: readonly Root[];
  onAdd: (root: Root) => void;
}) {
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const parsed = parseRootInput(path);
  const duplicate = parsed.ok && existing.some((r) => r.uri === parsed.uri);
  const error = !parsed.ok ? parsed.error : duplicate ? `${parsed.uri} is already a root` : '';

  const add = (): void => {
    setTried(true);
    if (!parsed.ok || duplicate) return;
    onAdd(name.trim() === '' ? { uri: parsed.uri } : { uri: parsed.uri, name: name.trim() });
    setPath('');
    setName('');
    setTried(false);
  };

  return (
    <form
      className="space-y-2 rounded-lg border border-dashed border-zinc-300 p-3 dark:border-zinc-700"
      onSubmit={(event) => {
        event.preventDefault();
        add();
      }}
    >
      <div className="flex gap-2">
        <label className="min-w-0 flex-[3]">
          <span className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Path or URI
          </span>
          <input
            className={`${INPUT} font-mono`}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="/home/me/project or file:///home/me/project"
            aria-label="Root path or URI"
            spellCheck={false}
          />
        </label>
        <label className="min-w-0 flex-[2]">
          <span className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Name <span className="font-normal text-zinc-400">(optional)</span>
          </span>
          <input
            className={INPUT}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="project"
            aria-label="Root name"
          />
        </label>
        <div className="flex items-end">
          <Button type="submit" disabled={path.trim() === ''}>
            <Plus size={14} /> Add
          </Button>
        </div>
      </div>
      {parsed.ok && parsed.uri !== path.trim() && !duplicate && (
        <p className="text-xs text-zinc-500">
          Becomes <code className="text-zinc-800 dark:text-zinc-200">{parsed.uri}</code>
        </p>
      )}
      {parsed.ok && parsed.warning !== undefined && (
        <p className="flex items-start gap-1.5 text-xs text-amber-700 dark:text-amber-400">
          <AlertTriangle size={13} className="mt-0.5 shrink-0" />
          {parsed.warning}
        </p>
      )}
      {error !== '' && (tried || path.trim() !== '') && (
        <p className="text-xs text-red-700 dark:text-red-400" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
