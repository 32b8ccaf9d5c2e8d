import { Badge } from '../../components/Badge';
import { actions } from '../../lib/inspector';
import type { AppLogLine } from './app-bridge-host';

const TONE = {
  sent: 'blue',
  approved: 'green',
  refused: 'red',
  shown: 'neutral',
  pending: 'amber',
} as const;

/** The side log of an app: its requests to the host and the host's notifications to it. */
export function AppLog({ lines }: { lines: AppLogLine[] }) {
  return (
    <section
      aria-label="App log"
      className="max-h-[32rem] overflow-auto rounded border border-zinc-200 p-2 text-xs dark:border-zinc-800"
    >
      <h4 className="mb-1 font-semibold text-zinc-500">App ↔ host</h4>
      {lines.length === 0 && <p className="text-zinc-400">Nothing yet.</p>}
      <ol className="space-y-1">
        {lines.map((line) => (
          <li key={line.n} data-method={line.method} data-verdict={line.verdict}>
            <div className="flex items-center gap-1">
              <span className="text-zinc-400">{line.dir}</span>
              <span className="font-mono">{line.method}</span>
              <Badge tone={TONE[line.verdict]}>{line.verdict}</Badge>
              {line.seq !== undefined && (
                <button
                  className="ml-auto text-sky-700 underline dark:text-sky-400"
                  onClick={() => actions.showInTraffic(line.seq!)}
                  title="Show this request in the Traffic panel"
                >
                  #{line.seq}
                </button>
              )}
            </div>
            <div className="font-mono break-all text-zinc-600 dark:text-zinc-400">
              {line.detail}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
