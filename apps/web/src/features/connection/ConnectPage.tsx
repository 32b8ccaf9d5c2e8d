import type { ServerConfig } from '@mcpscope/protocol';
import { Sparkles } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Button } from '../../components/Button';
import { actions } from '../../lib/inspector';
import { useApp } from '../../lib/store';
import { ConnectForm } from './ConnectForm';
import { ImportConfig } from './ImportConfig';
import { RecordingsList } from '../recordings/RecordingsList';
import { SavedServersList } from './SavedServersList';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="min-w-0 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900/60">
      <h2 className="mb-3 text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** The first page: the demo server, a connect form, saved servers, config import. */
export function ConnectPage() {
  const demo = useApp((s) => s.demo);
  const hasSessions = useApp((s) => s.order.length > 0);
  const [editing, setEditing] = useState<{ config: ServerConfig; key: number }>();
  return (
    // minmax(0, …): a plain `fr` column grows to its longest unbreakable line (a recording's
    // command path), which pushed the right column and its buttons past the viewport.
    <div className="mx-auto grid max-w-6xl gap-5 p-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="min-w-0 space-y-5">
        {demo !== undefined && (
          <section className="flex items-center gap-4 rounded-xl border border-indigo-200 bg-indigo-50 p-5 dark:border-indigo-900 dark:bg-indigo-950/40">
            <Sparkles className="shrink-0 text-indigo-600 dark:text-indigo-400" />
            <div className="min-w-0 flex-1">
              <h2 className="font-semibold">Try it on the demo server</h2>
              <p className="text-sm [overflow-wrap:anywhere] text-zinc-600 dark:text-zinc-400">
                <code>@modelcontextprotocol/server-everything</code> over stdio: tools, resources,
                prompts, sampling, elicitation, progress and logging.
              </p>
            </div>
            <Button variant="primary" onClick={() => void actions.connect(demo)}>
              Connect demo
            </Button>
          </section>
        )}
        <Section title={hasSessions ? 'Connect another server' : 'Connect a server'}>
          <ConnectForm key={editing?.key ?? 0} initial={editing?.config} />
        </Section>
      </div>
      <div className="min-w-0 space-y-5">
        <Section title="Saved servers">
          <SavedServersList onEdit={(config) => setEditing({ config, key: Date.now() })} />
        </Section>
        <Section title="Import a config">
          <p className="mb-2 text-xs [overflow-wrap:anywhere] text-zinc-500">
            Paste <code>claude_desktop_config.json</code>, Cursor&apos;s <code>mcp.json</code> (
            <code>mcpServers</code>) or VS Code&apos;s <code>.vscode/mcp.json</code> (
            <code>servers</code>).
          </p>
          <ImportConfig />
        </Section>
        <Section title="Recordings">
          <RecordingsList />
        </Section>
      </div>
    </div>
  );
}
