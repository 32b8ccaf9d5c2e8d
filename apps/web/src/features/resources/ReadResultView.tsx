import { Loader2 } from 'lucide-react';
import { JsonView } from '../../components/JsonView';
import { TruncatedNotice } from '../../components/TruncatedNotice';
import { useFullOutcome } from '../../lib/use-full-outcome';
import { isObject } from '../../lib/mcp-shapes';
import { FailureBox, RawJson, Timing } from '../../components/RequestOutcome';
import { ResourceContentsView } from './ResourceContentsView';
import type { ReadState } from './resources-store';

/** The last `resources/read` of a URI: its contents, how long it took, the raw result. */
export function ReadResultView({
  sessionId,
  read,
}: {
  sessionId: string;
  read: ReadState | undefined;
}) {
  const { outcome: result, truncated, payload } = useFullOutcome(sessionId, read?.result);
  if (read === undefined) return null;
  return (
    <section className="space-y-2" aria-label="Read result" aria-busy={read.pending}>
      <div className="flex items-center gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">Result</h3>
        {read.pending && (
          <span className="inline-flex items-center gap-1 text-xs text-zinc-500">
            <Loader2 size={12} className="animate-spin" /> reading…
          </span>
        )}
        {result !== undefined && <Timing durationMs={result.durationMs} at={read.at} />}
      </div>
      {result !== undefined && !result.ok && (
        <FailureBox failure={result} title="resources/read failed" />
      )}
      {truncated !== undefined && (
        <TruncatedNotice bytes={truncated.bytes} what="result" payload={payload} />
      )}
      {result?.ok === true && <Contents result={result.result} uri={read.uri} />}
      {result !== undefined && (
        <RawJson
          value={result.ok ? result.result : (result.error ?? result)}
          label={result.ok ? 'Raw result' : 'Raw error'}
        />
      )}
    </section>
  );
}

function Contents({ result, uri }: { result: unknown; uri: string }) {
  const contents: unknown = isObject(result) ? result.contents : undefined;
  if (!Array.isArray(contents)) {
    return (
      <div className="text-xs">
        <p className="mb-1 text-amber-700 dark:text-amber-400">
          The result has no <code>contents</code> array; shown as sent.
        </p>
        <JsonView value={result} />
      </div>
    );
  }
  if (contents.length === 0)
    return <p className="text-sm text-zinc-500 italic">The server returned no contents.</p>;
  return (
    <div className="space-y-2">
      {contents.length > 1 && (
        <p className="text-xs text-zinc-500">{contents.length} contents items</p>
      )}
      {contents.map((item: unknown, i) => (
        <ResourceContentsView key={i} item={item} requestedUri={uri} />
      ))}
    </div>
  );
}
