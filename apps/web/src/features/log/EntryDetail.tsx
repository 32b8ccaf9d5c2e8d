import type { ServerConfig, TrafficEntry } from '@mcpscope/protocol';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '../../components/Badge';
import { CopyButton } from '../../components/CopyButton';
import { Diagnostics } from '../../components/Diagnostics';
import { JsonView } from '../../components/JsonView';
import { cliCommand } from './cli-command';
import { resultChips } from './rounds';
import { idOf, methodOf } from './entry-text';
import { formatBytes } from '../../lib/format';
import { TruncatedNotice } from '../../components/TruncatedNotice';
import { useFullPayload } from '../../lib/use-full-payload';

function Block({
  sessionId,
  entry: shown,
  title,
}: {
  sessionId: string;
  entry: TrafficEntry;
  title: ReactNode;
}) {
  const whole = useFullPayload(sessionId, shown.truncated === undefined ? undefined : shown.seq);
  const entry = whole.full ?? shown;
  return (
    <section className="space-y-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="font-semibold">{title}</span>
        <Badge>#{entry.seq}</Badge>
        <span className="text-zinc-500">{(entry.t / 1000).toFixed(3)}s</span>
        {entry.durationMs !== undefined && (
          <Badge tone="green">{entry.durationMs.toFixed(1)} ms</Badge>
        )}
        {entry.size !== undefined && (
          <span className="text-zinc-500">{formatBytes(entry.size)}</span>
        )}
        {entry.round !== undefined && (
          <Badge tone="violet">
            round {entry.round.n} of #{entry.round.of}
          </Badge>
        )}
        {resultChips(entry).map((chip) => (
          <Badge key={chip} tone={chip === 'input_required' ? 'amber' : 'neutral'}>
            {chip}
          </Badge>
        ))}
        {entry.observed === true && (
          <Badge
            tone="blue"
            title="mcpscope tap saw this pass between the host and its server; mcpscope did not send it"
          >
            observed{' '}
            {entry.dir === 'c2s' ? 'host → server' : entry.dir === 's2c' ? 'server → host' : ''}
          </Badge>
        )}
        {entry.transport?.sseEventId !== undefined && (
          <Badge tone="amber">SSE id {entry.transport.sseEventId}</Badge>
        )}
        {entry.transport?.sessionId !== undefined && (
          <Badge tone="neutral">session {entry.transport.sessionId.slice(0, 8)}…</Badge>
        )}
        <span className="flex-1" />
        <CopyButton
          label="Copy JSON"
          text={() =>
            entry.msg !== undefined
              ? JSON.stringify(entry.msg, null, 2)
              : (entry.raw ?? JSON.stringify(entry.transport, null, 2))
          }
        />
      </div>
      {entry.truncated !== undefined && (
        <TruncatedNotice bytes={entry.truncated.bytes} what="entry" payload={whole} />
      )}
      <Diagnostics issues={entry.issues} />
      {entry.raw !== undefined && (
        <pre className="max-h-96 overflow-auto rounded bg-zinc-100 p-2 font-mono text-xs whitespace-pre-wrap break-all dark:bg-zinc-900">
          {entry.raw}
        </pre>
      )}
      {entry.msg !== undefined && <JsonView value={entry.msg} expandDepth={3} />}
      {entry.transport !== undefined && entry.msg === undefined && (
        <JsonView value={entry.transport} expandDepth={2} label="Transport facts" />
      )}
    </section>
  );
}

/** The selected entry with its other half: a request beside its response, or a response beside its request. */
export function EntryDetail({
  sessionId,
  entry,
  pair,
  config,
  onClose,
  onSelect,
}: {
  sessionId: string;
  entry: TrafficEntry;
  pair: TrafficEntry | undefined;
  config: ServerConfig;
  onClose: () => void;
  onSelect: (seq: number) => void;
}) {
  const request = entry.kind === 'request' ? entry : pair?.kind === 'request' ? pair : undefined;
  const response = request === entry ? pair : entry;
  const method = request !== undefined ? methodOf(request) : methodOf(entry);
  const canCopyCli =
    request !== undefined &&
    request.dir === 'c2s' &&
    method !== undefined &&
    method !== 'initialize';
  return (
    <section className="flex h-full flex-col" aria-label="Entry detail">
      <div className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <span className="min-w-0 flex-1 truncate font-mono text-sm font-semibold">
          {method ?? entry.kind}{' '}
          {idOf(entry) !== undefined && <span className="text-zinc-400">#{idOf(entry)}</span>}
        </span>
        {canCopyCli && (
          <CopyButton
            label="Copy as CLI"
            text={() =>
              cliCommand(
                config,
                method,
                (request.msg as { params?: Record<string, unknown> }).params,
              )
            }
          />
        )}
        <button
          type="button"
          onClick={onClose}
          aria-label="Close detail"
          className="rounded p-1 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          <X size={14} />
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        {request !== undefined ? (
          <>
            <Block
              sessionId={sessionId}
              entry={request}
              title={request.dir === 'c2s' ? 'Request → server' : 'Request ← server'}
            />
            {response !== undefined && response !== request ? (
              <Block
                sessionId={sessionId}
                entry={response}
                title={response.kind === 'error' ? 'Error response' : 'Response'}
              />
            ) : (
              <p className="p-3 text-xs text-zinc-500">No response yet.</p>
            )}
          </>
        ) : (
          <Block sessionId={sessionId} entry={entry} title={entry.kind} />
        )}
        {pair !== undefined && (
          <button
            type="button"
            className="m-3 text-xs text-indigo-600 hover:underline"
            onClick={() => onSelect(pair.seq)}
          >
            Jump to #{pair.seq} in the list
          </button>
        )}
      </div>
    </section>
  );
}
