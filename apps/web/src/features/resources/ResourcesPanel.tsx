import type { SessionView } from '../../lib/store';
import { EmptyState } from '../../components/EmptyState';

// Placeholder while this panel is being written in this same change set.
export function ResourcesPanel({ session }: { session: SessionView }) {
  return <EmptyState title="ResourcesPanel">{session.summary.id}</EmptyState>;
}
