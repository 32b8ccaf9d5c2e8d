import { EmptyState } from '../components/EmptyState';
import { useOpenError } from '../features/recordings/open-recording';

/** What the report shows in place of the connect page: it is reading, or it could not. */
export function ReportPlaceholder() {
  const failed = useOpenError((s) => s.message !== undefined);
  return (
    <EmptyState title={failed ? 'This report cannot be shown' : 'Reading the recording…'}>
      {failed && <p>The reason is below.</p>}
    </EmptyState>
  );
}
