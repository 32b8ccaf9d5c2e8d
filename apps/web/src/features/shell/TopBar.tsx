import { Keyboard, Monitor, Moon, Sun } from 'lucide-react';
import { useApp } from '../../lib/store';
import type { ThemeChoice } from './use-theme';
import { SessionTabs } from './SessionTabs';
import { PingButton } from './PingButton';
import { RecordToggle } from '../recordings/RecordToggle';
import { RemoteImagesSwitch } from '../../components/RemoteImagesSwitch';
import { REPORT_MODE } from '../../lib/report-mode';
import { ReportBadge } from '../../report/ReportBadge';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const THEME_ICON = { system: Monitor, light: Sun, dark: Moon } as const;

/** The bar across the top: name, sessions, ping, theme, shortcuts. */
export function TopBar({
  theme,
  setTheme,
  onShortcuts,
}: {
  theme: ThemeChoice;
  setTheme: (t: ThemeChoice) => void;
  onShortcuts: () => void;
}) {
  const connection = useApp((s) => s.connection);
  const ThemeIcon = THEME_ICON[theme];
  return (
    <header className="flex h-11 shrink-0 items-center gap-3 border-b border-zinc-200 bg-zinc-100 px-3 dark:border-zinc-800 dark:bg-zinc-950">
      <span className="shrink-0 font-semibold tracking-tight">
        mcp<span className="text-indigo-600 dark:text-indigo-400">scope</span>
      </span>
      <div className="min-w-0 flex-1">
        <SessionTabs />
      </div>
      {connection !== 'open' && (
        <span
          className="shrink-0 rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
          role="status"
        >
          {connection === 'connecting'
            ? 'Connecting to the proxy…'
            : 'Proxy connection lost: reconnecting…'}
        </span>
      )}
      {REPORT_MODE ? (
        // A file: nothing to record or ping, and its CSP loads no remote image.
        <ReportBadge />
      ) : (
        <>
          <RecordToggle />
          <PingButton />
          <RemoteImagesSwitch />
        </>
      )}
      <button
        type="button"
        onClick={() => setTheme(NEXT[theme])}
        title={`Theme: ${theme} (click to change)`}
        aria-label={`Theme: ${theme}`}
        className="rounded p-1.5 text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-800"
      >
        <ThemeIcon size={16} />
      </button>
      <button
        type="button"
        onClick={onShortcuts}
        title="Keyboard shortcuts (?)"
        aria-label="Keyboard shortcuts"
        className="rounded p-1.5 text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-800"
      >
        <Keyboard size={16} />
      </button>
    </header>
  );
}
