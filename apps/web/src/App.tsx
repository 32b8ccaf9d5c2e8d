import { useEffect, useMemo, useState } from 'react';
import { actions, useActiveSession } from './lib/inspector';
import { isTyping } from './lib/keyboard';
import { useApp } from './lib/store';
import { ConnectPage } from './features/connection/ConnectPage';
import { DropZone } from './features/recordings/DropZone';
import { OpenErrorAlert } from './features/recordings/OpenErrorAlert';
import { Timeline } from './features/recordings/Timeline';
import { useRecordedInfo } from './lib/recorded-store';
import { ServerRequestsHost } from './features/server-requests/ServerRequestsHost';
import { panelBadges } from './features/shell/panel-badges';
import { PanelNav } from './features/shell/PanelNav';
import { PANELS, visiblePanels } from './features/shell/panels';
import { ShortcutsHelp } from './features/shell/ShortcutsHelp';
import { TopBar } from './features/shell/TopBar';
import { useTheme } from './features/shell/use-theme';
import { PanelErrorBoundary } from './components/PanelErrorBoundary';
import { REPORT_MODE } from './lib/report-mode';
import { ReportPlaceholder } from './report/ReportPlaceholder';

/** The inspector: top bar, then either the connect page or the active session's panels. */
export function App() {
  const [theme, setTheme] = useTheme();
  const [help, setHelp] = useState(false);
  const connecting = useApp((s) => s.connecting);
  const panel = useApp((s) => s.panel);
  const session = useActiveSession();
  const recorded = useRecordedInfo(session?.summary.id);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.altKey && !event.ctrlKey && !event.metaKey) {
        const spec = PANELS.find((p) => p.key === event.key);
        if (spec !== undefined) {
          event.preventDefault();
          actions.showPanel(spec.id);
        } else if (event.key.toLowerCase() === 'n' && !REPORT_MODE) {
          event.preventDefault();
          actions.showNewConnection();
        }
        return;
      }
      if (isTyping(event.target)) return;
      if (event.key === '?') setHelp((h) => !h);
      if (event.key === 'Escape') setHelp(false);
      if (event.key === '/') {
        event.preventDefault();
        actions.showPanel('log');
        setTimeout(() => document.getElementById('log-search')?.focus(), 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const badges = useMemo(
    () => (session === undefined ? {} : panelBadges(session.entries)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- entries mutate in place; version says when
    [session?.summary.id, session?.version],
  );

  const tapped = session?.summary.tap !== undefined;
  // A tapped session has no Tools, Resources, Prompts or Roots: the Overview stands in.
  const shown = visiblePanels(tapped).some((p) => p.id === panel) ? panel : 'overview';
  const Panel = PANELS.find((p) => p.id === shown)?.component;
  return (
    <div className="flex h-full flex-col">
      <TopBar theme={theme} setTheme={setTheme} onShortcuts={() => setHelp(true)} />
      {connecting || session === undefined ? (
        <main className="min-h-0 flex-1 overflow-auto">
          <PanelErrorBoundary name="the connect page">
            {REPORT_MODE ? <ReportPlaceholder /> : <ConnectPage />}
          </PanelErrorBoundary>
        </main>
      ) : (
        <>
          <div className="flex min-h-0 flex-1">
            <PanelNav badges={badges} tapped={tapped} />
            <main className="min-w-0 flex-1 overflow-hidden">
              {Panel !== undefined && (
                // Keyed by panel and session: switching either starts with a clean boundary.
                <PanelErrorBoundary
                  key={`${shown}:${session.summary.id}`}
                  name={`the ${PANELS.find((p) => p.id === shown)?.label ?? shown} panel`}
                >
                  <Panel session={session} />
                </PanelErrorBoundary>
              )}
            </main>
          </div>
          {recorded !== undefined && (
            <PanelErrorBoundary key={session.summary.id} name="the timeline">
              <Timeline session={session} info={recorded} />
            </PanelErrorBoundary>
          )}
        </>
      )}
      {!REPORT_MODE && (
        <PanelErrorBoundary name="the server requests dialog">
          <ServerRequestsHost />
        </PanelErrorBoundary>
      )}
      {!REPORT_MODE && <DropZone />}
      <OpenErrorAlert />
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
