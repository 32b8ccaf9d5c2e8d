import type { Diagnostic } from '@mcpscope/protocol';
import { CheckCircle2, XCircle } from 'lucide-react';
import { JsonView } from '../../components/JsonView';

/** Diagnostic codes about a result's fit to the tool's outputSchema. */
export const OUTPUT_CODES = new Set([
  'OUTPUT_SCHEMA_MISMATCH',
  'INVALID_OUTPUT_SCHEMA',
  'SCHEMA_NOT_COMPILABLE',
]);

/**
 * The engine's verdict on `structuredContent` against the tool's declared `outputSchema`,
 * read from the response entry's diagnostics, plus the schema itself, folded.
 */
export function OutputVerdict({
  outputSchema,
  issues,
  responseKnown,
  isError,
  hasStructured,
}: {
  outputSchema: unknown;
  issues: readonly Diagnostic[];
  responseKnown: boolean;
  isError: boolean;
  hasStructured: boolean;
}) {
  if (outputSchema === undefined) {
    if (!hasStructured) return null;
    return (
      <p className="text-xs text-zinc-500">
        The tool declares no <code>outputSchema</code>, so <code>structuredContent</code> is not
        checked.
      </p>
    );
  }
  const problems = issues.filter((i) => OUTPUT_CODES.has(i.code));
  return (
    <div className="space-y-1.5">
      {isError ? (
        <p className="text-xs text-zinc-500">
          Not checked against <code>outputSchema</code>: results with <code>isError: true</code> are
          exempt.
        </p>
      ) : !responseKnown ? (
        <p className="text-xs text-zinc-500">
          The response entry is not in the traffic log yet; no verdict.
        </p>
      ) : problems.length === 0 ? (
        <p
          className="flex items-center gap-1.5 text-xs font-medium text-emerald-700 dark:text-emerald-400"
          data-verdict="match"
        >
          <CheckCircle2 size={14} /> matches outputSchema
        </p>
      ) : (
        <div
          className="rounded border border-red-300 bg-red-50 p-2 text-xs text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300"
          data-verdict="mismatch"
        >
          <p className="mb-1 flex items-center gap-1.5 font-medium">
            <XCircle size={14} /> does not match outputSchema
          </p>
          <ul className="list-disc space-y-0.5 pl-5">
            {problems.map((p, i) => (
              <li key={i}>
                <code className="font-semibold">{p.code}</code> {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <details className="text-xs">
        <summary className="cursor-pointer text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
          Declared outputSchema
        </summary>
        <div className="mt-1 rounded bg-zinc-50 p-2 dark:bg-zinc-950">
          <JsonView value={outputSchema} expandDepth={3} label="outputSchema" />
        </div>
      </details>
    </div>
  );
}
