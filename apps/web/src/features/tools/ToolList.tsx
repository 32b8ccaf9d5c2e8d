import { Loader2, RefreshCw, Search } from 'lucide-react';
import { memo, useMemo } from 'react';
import { firstLine, iconsByPreference, toolDescription, toolIcons, toolTitle } from './tool-info';
import { ToolBadges } from './ToolBadges';
import { ToolIcon } from './ToolIcon';
import { updateSessionTools, type SessionTools, type Tool } from './tools-store';
import { useDark } from './use-dark';

function matches(tool: Tool, needle: string): boolean {
  if (needle === '') return true;
  const haystack = [tool.name, toolTitle(tool), toolDescription(tool) ?? '']
    .join('\n')
    .toLowerCase();
  return needle
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * The left pane: every listed tool with its icon, title, name, first line of description and
 * annotation badges; a filter box; refresh; and a prompt when the server said the list changed.
 */
export const ToolList = memo(function ToolList({
  sessionId,
  state,
  listChanged,
  runningTools,
  onRefresh,
}: {
  sessionId: string;
  state: SessionTools;
  listChanged: boolean;
  runningTools: ReadonlySet<string>;
  onRefresh: () => void;
}) {
  const dark = useDark();
  const shown = useMemo(
    () => state.tools.filter((t) => matches(t, state.filter.trim())),
    [state.tools, state.filter],
  );
  const loading = state.list.status === 'loading';
  return (
    <aside
      className="flex w-80 shrink-0 flex-col border-r border-zinc-200 dark:border-zinc-800"
      aria-label="Tools"
    >
      <div className="flex items-center gap-1.5 border-b border-zinc-200 p-2 dark:border-zinc-800">
        <label className="relative flex-1">
          <Search
            size={13}
            className="pointer-events-none absolute top-1/2 left-2 -translate-y-1/2 text-zinc-400"
          />
          <input
            type="search"
            aria-label="Filter tools"
            placeholder={`Filter ${state.tools.length} tools`}
            value={state.filter}
            onChange={(e) => updateSessionTools(sessionId, () => ({ filter: e.target.value }))}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && shown[0] !== undefined)
                updateSessionTools(sessionId, () => ({ selected: shown[0]?.name }));
            }}
            className="w-full rounded-md border border-zinc-300 bg-white py-1 pr-2 pl-7 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <button
          type="button"
          onClick={onRefresh}
          disabled={loading}
          title="Refresh: send tools/list again"
          aria-label="Refresh tools"
          className="rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 disabled:opacity-50 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          {loading ? <Loader2 size={15} className="animate-spin" /> : <RefreshCw size={15} />}
        </button>
      </div>
      {listChanged && (
        <div
          role="status"
          className="flex items-center justify-between gap-2 border-b border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200"
        >
          <span>
            The server sent <code>notifications/tools/list_changed</code>.
          </span>
          <button
            type="button"
            onClick={onRefresh}
            className="shrink-0 rounded bg-amber-600 px-2 py-0.5 font-medium text-white hover:bg-amber-500"
          >
            Refresh
          </button>
        </div>
      )}
      <ul className="min-h-0 flex-1 overflow-y-auto" role="listbox" aria-label="Tool list">
        {shown.map((tool) => {
          const title = toolTitle(tool);
          const description = toolDescription(tool);
          const selected = tool.name === state.selected;
          const calls = state.history.get(tool.name)?.length ?? 0;
          return (
            <li key={tool.name} role="option" aria-selected={selected}>
              <button
                type="button"
                onClick={() => updateSessionTools(sessionId, () => ({ selected: tool.name }))}
                className={`block w-full border-b border-l-2 border-b-zinc-100 px-3 py-2 text-left dark:border-b-zinc-900 ${
                  selected
                    ? 'border-l-indigo-500 bg-indigo-50 dark:bg-indigo-950/40'
                    : 'border-l-transparent hover:bg-zinc-50 dark:hover:bg-zinc-900'
                }`}
              >
                <span className="flex items-center gap-2">
                  <ToolIcon icons={iconsByPreference(toolIcons(tool), dark)} />
                  <span className="min-w-0 flex-1 truncate text-sm font-medium">{title}</span>
                  {runningTools.has(tool.name) && (
                    <Loader2
                      size={13}
                      className="shrink-0 animate-spin text-indigo-500"
                      aria-label="running"
                    />
                  )}
                  {calls > 0 && (
                    <span
                      className="shrink-0 text-[11px] text-zinc-400"
                      title={`${calls} calls in history`}
                    >
                      {calls}×
                    </span>
                  )}
                </span>
                {title !== tool.name && (
                  <code className="mt-0.5 block truncate text-xs text-zinc-500">{tool.name}</code>
                )}
                {description !== undefined && (
                  <span className="mt-0.5 line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400">
                    {firstLine(description)}
                  </span>
                )}
                <span className="mt-1 block">
                  <ToolBadges tool={tool} compact />
                </span>
              </button>
            </li>
          );
        })}
        {shown.length === 0 && state.tools.length > 0 && (
          <li className="p-4 text-center text-xs text-zinc-500">
            No tool matches “{state.filter}”.
          </li>
        )}
      </ul>
    </aside>
  );
});
