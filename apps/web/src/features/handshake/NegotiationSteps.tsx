import type { Negotiation } from '@mcpscope/protocol';
import { actions } from '../../lib/inspector';

function SeqLink({ seq, label }: { seq: number; label: string }) {
  return (
    <button
      type="button"
      onClick={() => actions.showInTraffic(seq)}
      title={`Show traffic entry #${seq}`}
      className="rounded px-1 font-mono text-xs text-indigo-600 hover:bg-indigo-50 hover:underline dark:text-indigo-400 dark:hover:bg-indigo-950"
    >
      {label} #{seq}
    </button>
  );
}

/** How the era was chosen: the user's choice, then each step with its traffic entries. */
export function NegotiationSteps({ negotiation }: { negotiation: Negotiation }) {
  return (
    <div className="mt-3 space-y-1.5" data-testid="negotiation">
      <p className="text-xs text-zinc-500">
        Choice <code className="font-semibold">{negotiation.choice}</code>
        {negotiation.cached === true && (
          <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-amber-800 dark:bg-amber-950/50 dark:text-amber-300">
            cached verdict: an earlier connection to this target already chose the era, so no probe
            was sent
          </span>
        )}
      </p>
      <ol className="list-decimal space-y-1 pl-5 text-sm">
        {negotiation.steps.map((step, i) => (
          <li key={i} data-testid="negotiation-step">
            <span>{step.detail}</span>
            {step.requestSeq !== undefined && <SeqLink seq={step.requestSeq} label="request" />}
            {step.responseSeq !== undefined && <SeqLink seq={step.responseSeq} label="response" />}
          </li>
        ))}
      </ol>
    </div>
  );
}
