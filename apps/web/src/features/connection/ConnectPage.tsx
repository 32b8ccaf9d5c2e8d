import { actions } from '../../lib/inspector';
import { useApp } from '../../lib/store';
import { Button } from '../../components/Button';

// Placeholder while the connection form is being written.
export function ConnectPage() {
  const demo = useApp((s) => s.demo);
  return (
    <div className="p-8">
      {demo && (
        <Button variant="primary" onClick={() => void actions.connect(demo)}>
          Connect demo
        </Button>
      )}
    </div>
  );
}
