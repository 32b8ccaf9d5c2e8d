import { ChevronRight, Clock } from 'lucide-react';
import type { ReactNode } from 'react';
import { CopyButton } from './CopyButton';
import { JsonView } from './JsonView';
import { EraErrorHint } from './EraErrorHint';
import type { RequestFailure } from '../lib/send-request';

// JSON-RPC's own codes, named so the user need not look them up.
const RPC_NAMES: Record<number, string> = {
  [-32700]: 'Parse error',
  [-32600]: 'Invalid request',
  [-32601]: 'Method not found',
  [-32602]: 'Invalid params',
  [-32603]: 'Internal error',
  [-32002]: 'Resource not found',
  [-32042]: 'URL elicitation required',
};

// What to do next, for the failures that have an obvious next step.
const HINTS: Partial<Record<string, string>> = {
  NOT_CONNECTED: 'The session is not connected: reconnect it from the session tab.',
  CONNECTION_CLOSED: 'The connection ended while waiting: see the Stderr and Traffic panels.',
  TIMEOUT: 'No answer in time. The server may be stuck; see the Traffic panel.',
};

/** A failed request: our code, the server's JSON-RPC error (code, message, data), HTTP status. */
export function FailureBox({ failure, title }: { failure: RequestFailure; title?: string }) {
  const rpc = failure.error;
  return (
    <div
      role="alert"
      className="space-y-1 rounded-md border border-red-300 bg-red-50 p-2.5 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
    >
      <p>
        {title !== undefined && <span className="font-medium">{title}: </span>}
        <code className="rounded bg-red-100 px-1 text-xs font-semibold dark:bg-red-900/50">
          {failure.code}
        </code>{' '}
        {rpc?.message ?? failure.message}
      </p>
      {rpc !== undefined && (
        <p className="text-xs">
          JSON-RPC error <code className="font-semibold">{rpc.code}</code>
          {RPC_NAMES[rpc.code] !== undefined && ` (${RPC_NAMES[rpc.code]})`}
          {rpc.message !== failure.message && failure.code !== 'RPC_ERROR' && (
            <> · {failure.message}</>
          )}
        </p>
      )}
      {failure.status !== undefined && <p className="text-xs">HTTP status {failure.status}</p>}
      <EraErrorHint error={rpc} />
      {rpc?.data !== undefined && (
        <div className="rounded bg-white/70 p-1.5 text-zinc-800 dark:bg-zinc-950/60 dark:text-zinc-200">
          <p className="mb-0.5 text-[11px] font-medium text-zinc-500">error.data</p>
          <JsonView value={rpc.data} label="error.data" />
        </div>
      )}
      {HINTS[failure.code] !== undefined && <p className="text-xs">{HINTS[failure.code]}</p>}
    </div>
  );
}

/** The raw JSON of a result, folded away until asked for. */
export function RawJson({ value, label = 'Raw result' }: { value: unknown; label?: string }) {
  return (
    <details className="group rounded-md border border-zinc-200 dark:border-zinc-800">
      <summary className="flex cursor-pointer list-none items-center gap-1 px-2.5 py-1.5 text-xs font-medium text-zinc-600 select-none dark:text-zinc-400 [&::-webkit-details-marker]:hidden">
        <ChevronRight size={13} className="transition-transform group-open:rotate-90" />
        <span className="flex-1">{label}</span>
        <span onClick={(e) => e.preventDefault()}>
          <CopyButton text={() => JSON.stringify(value, null, 2)} label="Copy JSON" />
        </span>
      </summary>
      <div className="overflow-auto border-t border-zinc-200 py-2 pr-2 pl-5 dark:border-zinc-800">
        <JsonView value={value} label={label} />
      </div>
    </details>
  );
}

/** "12.3 ms · 14:03:22": how long the request took and when it came back. */
export function Timing({
  durationMs,
  at,
  children,
}: {
  durationMs: number | undefined;
  at: number | undefined;
  children?: ReactNode;
}) {
  return (
    <span className="inline-flex items-center gap-1 text-xs text-zinc-500" data-testid="timing">
      <Clock size={12} />
      {durationMs !== undefined && <span>{formatDuration(durationMs)}</span>}
      {durationMs !== undefined && at !== undefined && <span>·</span>}
      {at !== undefined && <time dateTime={new Date(at).toISOString()}>{clock(at)}</time>}
      {children}
    </span>
  );
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** `14:03:22.123`, local time. */
export function clock(at: number | Date): string {
  const d = typeof at === 'number' ? new Date(at) : at;
  return `${d.toLocaleTimeString(undefined, { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}
