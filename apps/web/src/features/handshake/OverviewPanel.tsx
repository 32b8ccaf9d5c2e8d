import { describeTarget } from '@mcpscope/protocol';
import { ArrowRight, Plug, PlugZap, RotateCw } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Diagnostics } from '../../components/Diagnostics';
import { JsonView } from '../../components/JsonView';
import { StateDot } from '../../components/StateDot';
import { actions, useReadOnly } from '../../lib/inspector';
import { OAuthSection } from '../oauth/OAuthSection';
import { RecordingBadge } from '../recordings/RecordingBadge';
import type { SessionView } from '../../lib/store';
import { CLIENT_CAPABILITIES, SERVER_CAPABILITIES } from './capabilities';
import { CapabilityList } from './CapabilityList';
import { DiscoverCard } from './DiscoverCard';
import { EraErrorHint } from '../../components/EraErrorHint';
import { handshakeError } from './handshake-error';
import { EraBadge } from './EraBadge';
import { NegotiationSteps } from './NegotiationSteps';
import { ServerIdentity } from './ServerIdentity';
import { TapBadge } from '../tap/TapBadge';
import { TapHostCard } from '../tap/TapHostCard';

function Card({
  title,
  children,
  className = '',
}: {
  title: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      className={`rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/60 ${className}`}
    >
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}

/** The connection and its handshake: offered beside agreed, both sides' capabilities, instructions. */
export function OverviewPanel({ session }: { session: SessionView }) {
  const { summary } = session;
  const readOnly = useReadOnly(summary.id);
  const handshake = summary.handshake;
  const live =
    summary.state === 'ready' || summary.state === 'connecting' || summary.state === 'initializing';
  const pid = session.entries.find((e) => e.kind === 'lifecycle' && e.transport?.pid !== undefined)
    ?.transport?.pid;
  return (
    <div className="h-full space-y-4 overflow-auto p-5">
      <section className="flex flex-wrap items-center gap-3 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/60">
        <StateDot state={summary.state} />
        <div className="min-w-0 flex-1">
          <div className="font-medium" data-testid="session-state">
            {summary.state}
            {summary.transport !== summary.config.transport && (
              <Badge tone="amber">fell back to {summary.transport}</Badge>
            )}
          </div>
          <div
            className="truncate font-mono text-xs text-zinc-500"
            title={describeTarget(summary.config)}
          >
            {summary.transport} · {describeTarget({ ...summary.config, name: undefined })}
            {pid !== undefined && ` · pid ${pid}`}
            {summary.mcpSessionId !== undefined && ` · Mcp-Session-Id ${summary.mcpSessionId}`}
          </div>
        </div>
        {summary.tap !== undefined ? (
          <TapBadge />
        ) : readOnly !== undefined ? (
          <RecordingBadge title={readOnly} />
        ) : live ? (
          <Button onClick={() => void actions.disconnect(summary.id)}>
            <Plug size={14} /> Disconnect
          </Button>
        ) : (
          <Button variant="primary" onClick={() => void actions.reconnect(summary.id)}>
            <RotateCw size={14} /> Reconnect
          </Button>
        )}
      </section>

      <OAuthSection session={session} />
      <TapHostCard summary={summary} />

      {summary.state === 'failed' && summary.detail !== undefined && summary.tap === undefined && (
        <div
          role="alert"
          className="rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
        >
          <div className="font-semibold">
            {summary.errorCode ?? 'Failed'}: {summary.detail}
          </div>
          <p className="mt-1 text-red-800/80 dark:text-red-300/80">
            {summary.config.transport === 'stdio'
              ? 'Check the Stderr panel for what the server printed, and the Traffic panel for any non-JSON output. Then Reconnect.'
              : 'The Traffic panel shows every HTTP exchange with status and headers. Fix the URL or headers on the New connection page, or Reconnect.'}
          </p>
          <div className="mt-2">
            <EraErrorHint error={handshakeError(session)}>
              {(supported) =>
                readOnly === undefined &&
                supported[0] !== undefined && (
                  <Button
                    onClick={() =>
                      void actions.connect({ ...summary.config, protocolVersion: supported[0] })
                    }
                  >
                    <RotateCw size={13} /> Connect again with {supported[0]}
                  </Button>
                )
              }
            </EraErrorHint>
          </div>
        </div>
      )}

      {handshake === undefined ? (
        summary.state !== 'failed' && (
          <p className="flex items-center gap-2 text-sm text-zinc-500">
            <PlugZap size={15} /> Waiting for the handshake…
          </p>
        )
      ) : (
        <>
          <Card title="Server">
            <ServerIdentity info={handshake.agreed.serverInfo} />
          </Card>
          <Card title="Protocol version">
            <div
              className="flex flex-wrap items-center gap-3 text-sm"
              data-testid="protocol-versions"
            >
              <EraBadge handshake={handshake} />
              <span>
                offered <code className="font-semibold">{handshake.offered.protocolVersion}</code>
              </span>
              <ArrowRight size={14} className="text-zinc-400" />
              <span>
                agreed <code className="font-semibold">{handshake.agreed.protocolVersion}</code>
              </span>
              {handshake.offered.protocolVersion === handshake.agreed.protocolVersion ? (
                <Badge tone="green">match</Badge>
              ) : (
                <Badge tone="amber">negotiated down</Badge>
              )}
            </div>
            {handshake.negotiation !== undefined && (
              <NegotiationSteps negotiation={handshake.negotiation} />
            )}
            <div className="mt-2">
              <Diagnostics issues={handshake.issues} />
            </div>
          </Card>
          {handshake.discover !== undefined && (
            <Card title="server/discover">
              <DiscoverCard
                discover={handshake.discover}
                agreed={handshake.agreed.protocolVersion}
              />
            </Card>
          )}
          <div className="grid gap-4 lg:grid-cols-2">
            <Card title="Server capabilities">
              <CapabilityList
                capabilities={handshake.agreed.capabilities}
                meanings={SERVER_CAPABILITIES}
              />
            </Card>
            <Card
              title={
                summary.tap !== undefined
                  ? 'Client capabilities (offered by the host)'
                  : 'Client capabilities (offered by mcpscope)'
              }
            >
              <CapabilityList
                capabilities={handshake.offered.capabilities}
                meanings={CLIENT_CAPABILITIES}
              />
              <div className="mt-2 text-xs text-zinc-500">
                clientInfo: <code>{JSON.stringify(handshake.offered.clientInfo)}</code>
              </div>
            </Card>
          </div>
          <Card title="Instructions">
            {handshake.agreed.instructions === undefined ? (
              <p className="text-sm text-zinc-500">The server sent no instructions.</p>
            ) : (
              <pre className="max-h-80 overflow-auto text-sm whitespace-pre-wrap">
                {handshake.agreed.instructions}
              </pre>
            )}
          </Card>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card
              title={handshake.era === 'modern' ? 'Client envelope (_meta)' : 'initialize request'}
            >
              <JsonView value={handshake.offered} expandDepth={1} />
            </Card>
            <Card
              title={
                handshake.era === 'modern' ? 'Agreed (from server/discover)' : 'initialize result'
              }
            >
              <JsonView value={handshake.agreed} expandDepth={1} />
            </Card>
          </div>
        </>
      )}
    </div>
  );
}
