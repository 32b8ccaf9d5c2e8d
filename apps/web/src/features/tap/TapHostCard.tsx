import type { SessionSummary } from '@mcpscope/protocol';
import { Badge } from '../../components/Badge';
import { ServerIdentity } from '../handshake/ServerIdentity';

/**
 * Who is talking to the server in a tapped session: the host's clientInfo as it sent it, and
 * how the tap sits between them. The host's capabilities are in the capability cards below.
 */
export function TapHostCard({ summary }: { summary: SessionSummary }) {
  const tap = summary.tap;
  if (tap === undefined) return null;
  const clientInfo = summary.handshake?.offered.clientInfo ?? {};
  return (
    <section
      data-testid="tap-host"
      className="rounded-xl border border-teal-200 bg-teal-50/60 p-4 dark:border-teal-900 dark:bg-teal-950/30"
    >
      <h3 className="mb-2 flex items-center gap-2 text-xs font-semibold tracking-wide text-teal-800 uppercase dark:text-teal-300">
        Host (observed)
        <Badge tone={tap.live ? 'green' : 'neutral'}>{tap.live ? 'live' : 'ended'}</Badge>
      </h3>
      {Object.keys(clientInfo).length > 0 ? (
        <ServerIdentity info={clientInfo} />
      ) : (
        <p className="text-sm text-zinc-500">The host has not introduced itself yet.</p>
      )}
      {!tap.live && summary.detail !== undefined && (
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300" data-testid="tap-ended">
          {summary.detail}
        </p>
      )}
      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
        mcpscope tap ({tap.source === 'stdio' ? 'stdio shim' : 'HTTP reverse proxy'}, pid {tap.pid})
        passes the traffic through unchanged and only watches: nothing can be sent into this
        session.
        {tap.recording !== undefined && (
          <>
            {' '}
            Recorded to <code className="break-all">{tap.recording}</code>.
          </>
        )}
      </p>
    </section>
  );
}
