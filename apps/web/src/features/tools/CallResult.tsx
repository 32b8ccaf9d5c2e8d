import type { TrafficEntry } from '@mcpscope/protocol';
import { AlertTriangle, Ban, PlugZap, XOctagon } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { ContentList } from '../../components/ContentList';
import { CopyButton } from '../../components/CopyButton';
import { Diagnostics } from '../../components/Diagnostics';
import { JsonView } from '../../components/JsonView';
import { TruncatedNotice } from '../../components/TruncatedNotice';
import type { Outcome } from '../../lib/inspector';
import { useFullOutcome } from '../../lib/use-full-outcome';
import { EraErrorHint } from '../../components/EraErrorHint';
import { RPC_ERROR_NAMES } from './call-status';
import { OUTPUT_CODES, OutputVerdict } from './OutputVerdict';

/** What to do next after each local failure (never sent by the server). */
const LOCAL_HINTS: Record<string, string> = {
  TIMEOUT:
    'No response and no progress within the timeout. mcpscope sent notifications/cancelled; the server may still finish the work.',
  CANCELLED:
    'You cancelled the call; mcpscope sent notifications/cancelled. A late response still shows in the Traffic panel.',
  CONNECTION_CLOSED:
    'The connection ended while the call was pending. Check the Stderr panel, then reconnect.',
  NOT_CONNECTED: 'The session is not connected. Reconnect it from the session tab.',
  SEND_FAILED: 'The request could not be written to the transport. Check the Stderr panel.',
  BAD_REQUEST: 'The proxy rejected the command as malformed.',
  PROXY_UNREACHABLE: 'The page lost its connection to the mcpscope proxy; it reconnects by itself.',
};

function Section({
  title,
  aside,
  children,
}: {
  title: string;
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="space-y-1.5">
      <h4 className="flex items-center justify-between text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        {title}
        {aside}
      </h4>
      {children}
    </section>
  );
}

/**
 * The end of one call, keeping apart what the spec keeps apart: a result with `isError`
 * (the tool failed), a JSON-RPC error (the server refused the request) and a local failure
 * (timeout, cancel, closed connection: nothing came back).
 */
export function CallResult({
  sessionId,
  outcome: sent,
  failure,
  outputSchema,
  request,
  response,
}: {
  sessionId: string;
  outcome: Outcome | undefined;
  failure: { code: string; message: string } | undefined;
  outputSchema: unknown;
  request: TrafficEntry | undefined;
  response: TrafficEntry | undefined;
}) {
  const [raw, setRaw] = useState(false);
  const { outcome, truncated, payload } = useFullOutcome(sessionId, sent);
  const responseIssues = response?.issues ?? [];
  const otherIssues = [
    ...(request?.issues ?? []),
    ...responseIssues.filter((i) => !OUTPUT_CODES.has(i.code)),
  ];
  const diagnostics =
    otherIssues.length > 0 ? (
      <Section title="Diagnostics">
        <Diagnostics issues={otherIssues} />
      </Section>
    ) : null;

  if (
    failure !== undefined ||
    (outcome !== undefined && !outcome.ok && outcome.code !== 'RPC_ERROR')
  ) {
    const code = failure?.code ?? (outcome !== undefined && !outcome.ok ? outcome.code : 'FAILED');
    const message =
      failure?.message ?? (outcome !== undefined && !outcome.ok ? outcome.message : '');
    const Icon =
      code === 'CANCELLED' ? Ban : code === 'CONNECTION_CLOSED' ? PlugZap : AlertTriangle;
    return (
      <div className="space-y-3">
        <div
          className="rounded-md border border-zinc-300 bg-zinc-50 p-3 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          data-result="local-error"
        >
          <p className="flex items-center gap-2 font-medium">
            <Icon size={15} className="text-zinc-500" />
            No result: <code>{code}</code>
          </p>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{message}</p>
          {LOCAL_HINTS[code] !== undefined && (
            <p className="mt-1 text-xs text-zinc-500">{LOCAL_HINTS[code]}</p>
          )}
        </div>
        {diagnostics}
      </div>
    );
  }
  if (outcome === undefined) return diagnostics;

  if (!outcome.ok) {
    const error = outcome.error;
    return (
      <div className="space-y-3">
        <div
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
          data-result="rpc-error"
        >
          <p className="flex items-center gap-2 font-medium">
            <XOctagon size={15} />
            JSON-RPC error
            {error !== undefined && (
              <code>
                {error.code}
                {RPC_ERROR_NAMES[error.code] !== undefined && ` ${RPC_ERROR_NAMES[error.code]}`}
              </code>
            )}
          </p>
          <p className="mt-1 max-h-64 overflow-auto text-sm break-words whitespace-pre-wrap">
            {error?.message ?? outcome.message}
          </p>
          <p className="mt-1 text-xs opacity-80">
            The server refused the request itself; the tool did not run (or its failure was not
            reported as a result with <code>isError</code>).
          </p>
          <div className="mt-2">
            <EraErrorHint error={error} />
          </div>
          {error?.data !== undefined && (
            <div className="mt-2">
              <p className="text-xs font-medium">data</p>
              <JsonView value={error.data} />
            </div>
          )}
        </div>
        {diagnostics}
      </div>
    );
  }

  const result =
    typeof outcome.result === 'object' && outcome.result !== null
      ? (outcome.result as Record<string, unknown>)
      : undefined;
  const isError = result?.isError === true;
  const { content, structuredContent, isError: _isError, ...rest } = result ?? {};
  return (
    <div className="space-y-4">
      {truncated !== undefined && (
        <TruncatedNotice bytes={truncated.bytes} what="result" payload={payload} />
      )}
      {isError && (
        <div
          role="alert"
          className="flex items-start gap-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-200"
          data-result="tool-error"
        >
          <AlertTriangle size={16} className="mt-0.5 shrink-0" />
          <div>
            <p className="font-semibold">The tool reported an error</p>
            <p className="text-xs">
              The result has <code>isError: true</code>: the call reached the tool and it failed.
              Its content explains why.
            </p>
          </div>
        </div>
      )}
      {result === undefined ? (
        <Section title="Result">
          <p className="text-xs text-amber-700 dark:text-amber-400">
            The result is not an object; shown as sent.
          </p>
          <JsonView value={outcome.result} />
        </Section>
      ) : raw ? (
        <Section
          title="Raw result"
          aside={<RawToggle raw={raw} setRaw={setRaw} result={outcome.result} />}
        >
          <div className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
            <JsonView value={outcome.result} expandDepth={4} label="Result" />
          </div>
        </Section>
      ) : (
        <>
          <Section
            title={`Content${Array.isArray(content) ? ` (${content.length})` : ''}`}
            aside={<RawToggle raw={raw} setRaw={setRaw} result={outcome.result} />}
          >
            <ContentList content={content} sessionId={sessionId} />
          </Section>
          {(structuredContent !== undefined || outputSchema !== undefined) && (
            <Section title="Structured content">
              {structuredContent !== undefined ? (
                <div className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
                  <JsonView value={structuredContent} expandDepth={3} label="structuredContent" />
                </div>
              ) : (
                <p className="text-xs text-zinc-500 italic">No structuredContent in the result.</p>
              )}
              <OutputVerdict
                outputSchema={outputSchema}
                issues={responseIssues}
                responseKnown={response !== undefined}
                isError={isError}
                hasStructured={structuredContent !== undefined}
              />
            </Section>
          )}
          {Object.keys(rest).length > 0 && (
            <Section title="Other fields">
              <JsonView value={rest} expandDepth={2} />
            </Section>
          )}
        </>
      )}
      {diagnostics}
    </div>
  );
}

function RawToggle({
  raw,
  setRaw,
  result,
}: {
  raw: boolean;
  setRaw: (raw: boolean) => void;
  result: unknown;
}) {
  return (
    <span className="flex items-center gap-1 normal-case tracking-normal">
      <button
        type="button"
        aria-pressed={raw}
        onClick={() => setRaw(!raw)}
        className="rounded px-1.5 py-0.5 text-xs font-normal text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        {raw ? 'Rendered' : 'Raw JSON'}
      </button>
      <CopyButton text={() => JSON.stringify(result, null, 2)} label="Copy result" />
    </span>
  );
}
