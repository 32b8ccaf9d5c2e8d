import { DEFAULT_IGNORED_PATHS } from '@mcpscope/protocol/compare';
import { create } from 'zustand';
import { useApp } from '../../lib/store';

/** Which frames of the two sessions a reader asked to see side by side. */
export interface FramePair {
  title: string;
  a: readonly number[];
  b: readonly number[];
}

/** The session diff page: open or not, the two sessions, the ignored paths, the frames shown. */
export interface CompareState {
  open: boolean;
  a: string | undefined;
  b: string | undefined;
  /** One JSONPath a line, as the user typed them. */
  ignore: string;
  frames: FramePair | undefined;
}

export const useCompare = create<CompareState>(() => ({
  open: false,
  a: undefined,
  b: undefined,
  ignore: DEFAULT_IGNORED_PATHS.join('\n'),
  frames: undefined,
}));

/** Opens the diff page, with the two newest sessions chosen unless the user chose already. */
export function openCompare(): void {
  const { order } = useApp.getState();
  const { a, b } = useCompare.getState();
  const known = (id: string | undefined) => id !== undefined && order.includes(id);
  useCompare.setState({
    open: true,
    a: known(a) ? a : order.at(-2),
    b: known(b) ? b : order.at(-1),
    frames: undefined,
  });
}

export function closeCompare(): void {
  useCompare.setState({ open: false, frames: undefined });
}

// Going to a session (its tab, the connect page) leaves the diff page.
useApp.subscribe((app, previous) => {
  if (!useCompare.getState().open) return;
  if (app.activeSessionId !== previous.activeSessionId || (app.connecting && !previous.connecting))
    closeCompare();
});
