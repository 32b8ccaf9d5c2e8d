import type { SessionView } from '../../lib/store';
import { EmptyState } from '../../components/EmptyState';

// Placeholder while this panel is being written in this same change set.
export function OverviewPanel({ session }: { session: SessionView }) {
  return <EmptyState title="OverviewPanel">{session.summary.id}</EmptyState>;
}
