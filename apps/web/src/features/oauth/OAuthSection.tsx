import { ExternalLink, KeyRound, Trash2 } from 'lucide-react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { actions } from '../../lib/inspector';
import type { SessionView } from '../../lib/store';
import { OAuthStepRow } from './OAuthStepRow';

const STATE_TONES = {
  running: 'blue',
  'waiting-for-user': 'amber',
  authorized: 'green',
  failed: 'red',
  cancelled: 'neutral',
} as const;

/**
 * The OAuth guided flow of a session: each step with its HTTP exchanges, the step that failed
 * and why, the link that opens the authorization page, and the stored credentials (masked)
 * with "Forget credentials".
 */
export function OAuthSection({ session }: { session: SessionView }) {
  const { summary } = session;
  const flow = summary.oauth;
  const stored = summary.oauthCredentials;
  if (flow === undefined && stored === undefined) return null;
  return (
    <section
      aria-label="OAuth"
      className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <h3 className="mb-2 flex items-center gap-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        <KeyRound size={14} /> OAuth
        {flow !== undefined && (
          <span data-testid="oauth-state">
            <Badge tone={STATE_TONES[flow.state]}>{flow.state}</Badge>
          </span>
        )}
      </h3>
      {flow?.reason !== undefined && (
        <p className="mb-2 font-mono text-xs break-all text-zinc-500">{flow.reason}</p>
      )}
      {flow?.state === 'waiting-for-user' && flow.authorizationUrl !== undefined && (
        <div className="mb-3 flex flex-wrap items-center gap-3 rounded-lg bg-amber-50 p-3 text-sm dark:bg-amber-950/40">
          <span className="flex-1">
            The server asks you to sign in. Open the authorization page; it comes back here by
            itself.
          </span>
          <a
            href={flow.authorizationUrl}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex items-center gap-1.5 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
          >
            <ExternalLink size={14} /> Open authorization page
          </a>
        </div>
      )}
      {flow?.state === 'failed' && flow.error !== undefined && (
        <p role="alert" className="mb-2 text-sm font-medium text-red-700 dark:text-red-300">
          {flow.error}
        </p>
      )}
      {flow !== undefined && flow.steps.length > 0 && (
        <ol className="mb-3" aria-label="OAuth steps">
          {flow.steps.map((step) => (
            <OAuthStepRow key={step.name} step={step} />
          ))}
        </ol>
      )}
      {stored !== undefined && (
        <div className="flex flex-wrap items-center gap-3 border-t border-zinc-100 pt-3 text-xs dark:border-zinc-800">
          <dl
            className="grid flex-1 grid-cols-[auto_1fr] gap-x-3 gap-y-0.5"
            data-testid="oauth-credentials"
          >
            <dt className="text-zinc-500">access token</dt>
            <dd className="font-mono">{stored.accessToken ?? 'none'}</dd>
            {stored.scope !== undefined && (
              <>
                <dt className="text-zinc-500">scope</dt>
                <dd className="font-mono">{stored.scope}</dd>
              </>
            )}
            {stored.expiresAt !== undefined && (
              <>
                <dt className="text-zinc-500">expires</dt>
                <dd>{new Date(stored.expiresAt).toLocaleString()}</dd>
              </>
            )}
            <dt className="text-zinc-500">client</dt>
            <dd className="font-mono">
              {stored.clientId ?? 'none'}
              {stored.registration !== undefined && ` (${stored.registration})`}
            </dd>
            {stored.issuer !== undefined && (
              <>
                <dt className="text-zinc-500">issuer</dt>
                <dd className="font-mono">{stored.issuer}</dd>
              </>
            )}
            <dt className="text-zinc-500">refresh token</dt>
            <dd>{stored.hasRefreshToken ? 'stored' : 'none'}</dd>
          </dl>
          <Button variant="danger" onClick={() => void actions.forgetCredentials(summary.id)}>
            <Trash2 size={14} /> Forget credentials
          </Button>
        </div>
      )}
    </section>
  );
}
