import { useApp } from '../../lib/store';
import { actions } from '../../lib/inspector';
import { visiblePanels } from './panels';

/** The panels of the active session, down the left side. */
export function PanelNav({
  badges,
  tapped,
}: {
  badges: Partial<Record<string, number>>;
  tapped: boolean;
}) {
  const panel = useApp((s) => s.panel);
  return (
    <nav
      className="flex w-44 shrink-0 flex-col gap-0.5 border-r border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-800 dark:bg-zinc-900/40"
      aria-label="Panels"
    >
      {visiblePanels(tapped).map((p) => {
        const Icon = p.icon;
        const badge = badges[p.id];
        return (
          <button
            key={p.id}
            type="button"
            onClick={() => actions.showPanel(p.id)}
            aria-current={panel === p.id ? 'page' : undefined}
            title={`${p.label} (Alt+${p.key})`}
            className={`flex items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-sm ${
              panel === p.id
                ? 'bg-indigo-50 font-medium text-indigo-700 dark:bg-indigo-950/60 dark:text-indigo-300'
                : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'
            }`}
          >
            <Icon size={15} className="shrink-0" />
            <span className="flex-1">{p.label}</span>
            {badge !== undefined && badge > 0 && (
              <span className="rounded-full bg-zinc-200 px-1.5 text-[10px] font-semibold text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200">
                {badge > 999 ? '999+' : badge}
              </span>
            )}
          </button>
        );
      })}
    </nav>
  );
}
