import { Badge } from '../../components/Badge';
import { toolHints, type Hint } from './tool-info';
import type { Tool } from './tools-store';

type Tone = 'green' | 'red' | 'blue' | 'violet' | 'neutral';

const LABELS: Record<Hint, { yes: string; no: string; tone: Tone; help: string }> = {
  readOnlyHint: {
    yes: 'read-only',
    no: 'writes',
    tone: 'green',
    help: 'the tool does not modify its environment',
  },
  destructiveHint: {
    yes: 'destructive',
    no: 'non-destructive',
    tone: 'red',
    help: 'the tool may perform destructive updates',
  },
  idempotentHint: {
    yes: 'idempotent',
    no: 'not idempotent',
    tone: 'blue',
    help: 'calling it again with the same arguments has no further effect',
  },
  openWorldHint: {
    yes: 'open world',
    no: 'closed world',
    tone: 'violet',
    help: 'the tool interacts with external entities',
  },
};

/**
 * The behaviour hints a tool declares in `annotations`, one badge each; absent hints get no
 * badge (the spec's defaults are not the server's words). A destructive tool is red.
 */
export function ToolBadges({ tool, compact = false }: { tool: Tool; compact?: boolean }) {
  const hints = toolHints(tool);
  if (hints.length === 0) return null;
  return (
    <span
      className={`inline-flex flex-wrap gap-1 ${compact ? '[&>span]:px-1 [&>span]:text-[10px]' : ''}`}
    >
      {hints.map(({ hint, value }) => {
        const label = LABELS[hint];
        return (
          <Badge
            key={hint}
            tone={value ? label.tone : 'neutral'}
            title={`annotations.${hint}: ${String(value)} (${value ? '' : 'not: '}${label.help}). A hint from the server, not a guarantee.`}
          >
            {value ? label.yes : label.no}
          </Badge>
        );
      })}
    </span>
  );
}
