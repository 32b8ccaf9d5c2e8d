import { Loader2 } from 'lucide-react';
import { isObject, str } from '../../lib/mcp-shapes';
import { FailureBox, RawJson, Timing } from '../../components/RequestOutcome';
import type { GetState } from './prompts-store';
import { PromptMessages } from './PromptMessages';

/** The last `prompts/get` of a prompt: description, messages, timing, raw result. */
export function PromptResultView({
  get,
  sessionId,
}: {
  get: GetState | undefined;
  sessionId: string;
}) {
  if (get === undefined) return null;
  const { result } = get;
  const body = result?.ok === true && isObject(result.result) ? result.result : undefined;
  const description = str(body?.description);
  const sentArgs = Object.entries(get.sent);
  return (
    <section className="space-y-3" aria-label="Prompt result" aria-busy={get.pending}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">Result</h3>
        {get.pending && (
          <span className="inline-flex items-center gap-1 text-xs text-zinc-500">
            <Loader2 size={12} className="animate-spin" /> getting…
          </span>
        )}
        {result !== undefined && <Timing durationMs={result.durationMs} at={get.at} />}
        {sentArgs.length > 0 && (
          <span className="min-w-0 truncate text-xs text-zinc-500" title={JSON.stringify(get.sent)}>
            with {sentArgs.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}
          </span>
        )}
      </div>
      {result !== undefined && !result.ok && (
        <FailureBox failure={result} title="prompts/get failed" />
      )}
      {result?.ok === true && (
        <>
          {description !== undefined && (
            <p className="text-sm whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">
              <span className="text-xs text-zinc-500">description: </span>
              {description}
            </p>
          )}
          <PromptMessages
            messages={isObject(result.result) ? result.result.messages : result.result}
            sessionId={sessionId}
          />
        </>
      )}
      {result !== undefined && (
        <RawJson
          value={result.ok ? result.result : (result.error ?? result)}
          label={result.ok ? 'Raw result' : 'Raw error'}
        />
      )}
    </section>
  );
}
