import type { SessionView } from '../../lib/store';
import { EmptyState } from '../../components/EmptyState';

// Placeholder while this panel is being written in this same change set.
export function LogPanel({ session }: { session: SessionView }) {
  return <EmptyState title="LogPanel">{session.summary.id}</EmptyState>;
}
