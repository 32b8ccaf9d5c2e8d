import type { OAuthStep } from '@mcpscope/protocol';
import {
  CheckCircle2,
  ChevronRight,
  CircleDashed,
  Loader2,
  MinusCircle,
  TriangleAlert,
  XCircle,
} from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { OAuthExchangeView } from './OAuthExchangeView';
import { STEP_LABELS } from './oauth-steps';

const ICONS: Record<OAuthStep['status'], ReactNode> = {
  ok: <CheckCircle2 size={16} className="text-emerald-600" aria-hidden />,
  failed: <XCircle size={16} className="text-red-600" aria-hidden />,
  skipped: <MinusCircle size={16} className="text-zinc-400" aria-hidden />,
  running: <Loader2 size={16} className="animate-spin text-indigo-500" aria-hidden />,
};

/** One step of the guided flow: its verdict, what happened, and its HTTP exchanges on demand. */
export function OAuthStepRow({ step }: { step: OAuthStep }) {
  // A failed step opens by itself (its exchanges are the evidence) until the user toggles it.
  const [toggled, setToggled] = useState<boolean | undefined>(undefined);
  const open = toggled ?? step.status === 'failed';
  const label = STEP_LABELS[step.name];
  return (
    <li
      className="border-b border-zinc-100 py-2 last:border-b-0 dark:border-zinc-800"
      data-testid={`oauth-step-${step.name}`}
      data-status={step.status}
    >
      <button
        type="button"
        className="flex w-full items-start gap-2 text-left"
        aria-expanded={open}
        onClick={() => setToggled(!open)}
      >
        <span className="mt-0.5">{ICONS[step.status] ?? <CircleDashed size={16} />}</span>
        <span className="min-w-0 flex-1">
          <span className="text-sm font-medium">{label.title}</span>{' '}
          <span className="text-xs text-zinc-500">{label.spec}</span>
          {step.detail !== undefined && (
            <span className="block text-xs break-words text-zinc-600 dark:text-zinc-400">
              {step.detail}
            </span>
          )}
          {(step.warnings ?? []).map((warning, i) => (
            <span
              key={i}
              role="alert"
              data-testid="oauth-step-warning"
              className="mt-1 flex items-start gap-1 rounded border border-amber-300 bg-amber-50 px-1.5 py-1 text-xs font-medium break-words text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
            >
              <TriangleAlert size={14} className="mt-px shrink-0" aria-hidden />
              {warning}
            </span>
          ))}
          {step.error !== undefined && (
            <span className="block text-xs font-medium break-words text-red-700 dark:text-red-300">
              {step.error}
            </span>
          )}
        </span>
        <span className="flex items-center gap-1 text-xs text-zinc-500">
          {step.exchanges.length} HTTP
          <ChevronRight size={14} className={open ? 'rotate-90' : ''} aria-hidden />
        </span>
      </button>
      {open && (
        <div className="mt-2 space-y-2 pl-6">
          {step.exchanges.length === 0 && (
            <p className="text-xs text-zinc-500">No HTTP request in this step.</p>
          )}
          {step.exchanges.map((exchange, i) => (
            <OAuthExchangeView key={i} exchange={exchange} />
          ))}
        </div>
      )}
    </li>
  );
}
