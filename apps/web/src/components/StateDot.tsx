import type { LifecycleState } from '@mcpscope/protocol';

const COLORS: Record<LifecycleState, string> = {
  idle: 'bg-zinc-400',
  connecting: 'bg-amber-400 animate-pulse',
  initializing: 'bg-amber-400 animate-pulse',
  ready: 'bg-emerald-500',
  closing: 'bg-zinc-400',
  closed: 'bg-zinc-400',
  failed: 'bg-red-500',
};

/** A coloured dot for a session's lifecycle state. */
export function StateDot({ state }: { state: LifecycleState }) {
  return (
    <span
      className={`inline-block h-2 w-2 shrink-0 rounded-full ${COLORS[state]}`}
      title={state}
      aria-label={state}
    />
  );
}
