import type { PanelId } from '../../lib/store';

/**
 * The panels a tapped session shows: the views of its traffic. Tools, Resources, Prompts and
 * Roots exist to send requests (list, call, read, answer), which a tap never does.
 */
export const TAP_PANELS: ReadonlySet<PanelId> = new Set([
  'overview',
  'log',
  'notifications',
  'stderr',
]);
