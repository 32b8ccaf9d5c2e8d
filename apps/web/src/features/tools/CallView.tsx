import { Square } from 'lucide-react';
import { lazy, Suspense, useMemo, useState } from 'react';
import { toolAppUri } from '../apps/app-resource';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { actions } from '../../lib/inspector';
import type { SessionView } from '../../lib/store';
import { callDuration, callStatus, formatDuration } from './call-status';
import { callTraffic } from './call-traffic';
import { CallProgress } from './CallProgress';
import { CallResult } from './CallResult';
import type { Tool, ToolCall } from './tools-store';
import { useNow } from './use-now';

// The host side of MCP Apps (ext-apps' AppBridge and the SDK's Protocol) loads with the first app.
const AppHost = lazy(() => import('../apps/AppHost'));

/** One call: status, elapsed time or duration, progress, a Cancel button, then its result. */
export function CallView({
  session,
  call,
  tool,
}: {
  session: SessionView;
  call: ToolCall;
  tool: Tool | undefined;
}) {
  const status = callStatus(call);
  const running = status.kind === 'running';
  const now = useNow(running);
  const traffic = useMemo(
    () => callTraffic(session, call),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- entries mutate in place; version says when
    [session.version, session.summary.id, call],
  );
  const sessionId = session.summary.id;
  const appUri = toolAppUri(tool);
  const [view, setView] = useState<'app' | 'raw'>('app');
  const ended = call.outcome !== undefined || call.failure !== undefined;
  return (
    <div className="space-y-3" aria-label="Call" aria-busy={running}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <Badge tone={status.tone}>{status.label}</Badge>
        <span title={new Date(call.startedAt).toISOString()}>
          {new Date(call.startedAt).toLocaleTimeString()}
        </span>
        <span className="font-mono" aria-label={running ? 'Elapsed' : 'Duration'}>
          {running ? 'running for ' : 'took '}
          {formatDuration(callDuration(call, now))}
        </span>
        {traffic.request !== undefined && (
          <span className="text-zinc-400" title="Sequence numbers in the Traffic panel">
            request #{traffic.request.seq}
            {traffic.response !== undefined && ` → response #${traffic.response.seq}`}
          </span>
        )}
        {call.task === true && (
          <Badge
            tone="violet"
            title="Run as a task: created by tools/call, polled with tasks/get, the result from tasks/result (see the Traffic panel)"
          >
            task
          </Badge>
        )}
        {call.invalid && (
          <Badge tone="amber" title="Sent with “Send anyway” although the form found problems">
            sent invalid arguments
          </Badge>
        )}
        {running && call.commandId !== undefined && (
          <Button
            variant="secondary"
            className="ml-auto !px-2 !py-0.5 text-xs"
            onClick={() => {
              if (call.commandId !== undefined)
                void actions.cancel(sessionId, call.commandId).catch(() => undefined);
            }}
          >
            <Square size={12} /> Cancel
          </Button>
        )}
      </div>
      <CallProgress progress={traffic.progress} running={running} />
      {running && traffic.progress === undefined && (
        <p className="text-xs text-zinc-500">
          Waiting for the server…
          {traffic.progressToken !== undefined &&
            ` (progressToken ${JSON.stringify(traffic.progressToken)}; the server has sent no progress)`}
        </p>
      )}
      {appUri !== undefined && tool !== undefined && ended && (
        <div role="group" aria-label="Result view" className="flex gap-1 text-xs">
          {(['app', 'raw'] as const).map((v) => (
            <Button
              key={v}
              variant={view === v ? 'primary' : 'secondary'}
              className="!px-2 !py-0.5 text-xs"
              aria-pressed={view === v}
              onClick={() => setView(v)}
            >
              {v === 'app' ? 'App' : 'Raw result'}
            </Button>
          ))}
        </div>
      )}
      {appUri !== undefined && tool !== undefined && ended && view === 'app' ? (
        <Suspense fallback={<p className="text-xs text-zinc-500">Loading the app host…</p>}>
          <AppHost session={session} call={call} tool={tool} uri={appUri} />
        </Suspense>
      ) : (
        <CallResult
          sessionId={sessionId}
          outcome={call.outcome}
          failure={call.failure}
          outputSchema={tool?.outputSchema}
          request={traffic.request}
          response={traffic.response}
        />
      )}
    </div>
  );
}
