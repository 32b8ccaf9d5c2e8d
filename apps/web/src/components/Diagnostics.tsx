import type { Diagnostic } from '@mcpscope/protocol';
import { AlertTriangle, Info, XCircle } from 'lucide-react';

const ICONS = { error: XCircle, warning: AlertTriangle, info: Info } as const;
const COLORS = {
  error: 'text-red-700 dark:text-red-400',
  warning: 'text-amber-700 dark:text-amber-400',
  info: 'text-sky-700 dark:text-sky-400',
} as const;

/** Diagnostics of a message, shown beside it: what the engine found wrong, never a filter. */
export function Diagnostics({ issues }: { issues: readonly Diagnostic[] | undefined }) {
  if (issues === undefined || issues.length === 0) return null;
  return (
    <ul className="space-y-1 text-xs" aria-label="Diagnostics">
      {issues.map((issue, i) => {
        const Icon = ICONS[issue.severity];
        return (
          <li key={i} className={`flex items-start gap-1.5 ${COLORS[issue.severity]}`}>
            <Icon size={13} className="mt-0.5 shrink-0" />
            <span>
              <code className="font-semibold">{issue.code}</code> {issue.message}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
