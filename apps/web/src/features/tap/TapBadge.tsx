import { Radio } from 'lucide-react';

/** The mark of a tapped session (`mcpscope tap`): a real host's traffic, watched, never driven. */
export function TapBadge({ title }: { title?: string }) {
  return (
    <span
      title={title ?? TAP_READ_ONLY_REASON}
      data-testid="tap-badge"
      className="inline-flex shrink-0 items-center gap-1 rounded bg-teal-100 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-teal-800 uppercase dark:bg-teal-900/50 dark:text-teal-200"
    >
      <Radio size={11} aria-hidden /> tap
    </span>
  );
}

/** Why a tapped session refuses commands, shown on every control that would send one. */
export const TAP_READ_ONLY_REASON =
  'This session is a tap: mcpscope watches a real host talk to its server and sends nothing into it. Connect the server in a session of your own to try it.';
