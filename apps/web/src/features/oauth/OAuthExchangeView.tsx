import type { OAuthExchange } from '@mcpscope/protocol';

function Headers({ headers }: { headers: Record<string, string> | undefined }) {
  if (headers === undefined || Object.keys(headers).length === 0) return null;
  return (
    <div className="text-zinc-500">
      {Object.entries(headers).map(([name, value]) => (
        <div key={name} className="break-all">
          {name}: {value}
        </div>
      ))}
    </div>
  );
}

/** One HTTP request of a step and its response, as recorded (secrets already redacted by the proxy). */
export function OAuthExchangeView({ exchange }: { exchange: OAuthExchange }) {
  const ok = exchange.status !== undefined && exchange.status < 400;
  return (
    <div className="rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-[11px] leading-4 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="font-semibold break-all">
        {exchange.method} {exchange.url}
      </div>
      <Headers headers={exchange.requestHeaders} />
      {exchange.requestBody !== undefined && (
        <pre className="mt-1 whitespace-pre-wrap break-all">{exchange.requestBody}</pre>
      )}
      <div
        className={`mt-2 font-semibold ${ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}`}
      >
        {exchange.error !== undefined
          ? `no response: ${exchange.error}`
          : `HTTP ${exchange.status ?? '?'}${exchange.durationMs !== undefined ? ` · ${exchange.durationMs} ms` : ''}`}
      </div>
      <Headers headers={exchange.responseHeaders} />
      {exchange.responseBody !== undefined && (
        <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all">
          {exchange.responseBody}
        </pre>
      )}
    </div>
  );
}
