import { AlertTriangle, RotateCcw } from 'lucide-react';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button } from './Button';

interface Props {
  /** What failed, as the user knows it: "the Tools panel". */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | undefined;
  /** Bumped by "Reload panel": remounts the children with fresh component state. */
  generation: number;
}

/**
 * Keeps one panel's failure inside that panel. Without it, a render error anywhere (a server
 * naming a tool `constructor` once did it) unmounts the whole app and leaves a blank page, the
 * other sessions and panels with it. The error is shown with what to do, and "Reload panel"
 * renders the panel again; stores outside the panel keep their state.
 */
export class PanelErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // For whoever opens the console to report it: the component stack says where.
    console.error(`mcpscope: ${this.props.name} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error, generation } = this.state;
    if (error === undefined) return <Fragmented key={generation}>{this.props.children}</Fragmented>;
    return (
      <div
        role="alert"
        aria-label={`${this.props.name} failed`}
        className="m-4 max-w-2xl rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
      >
        <div className="flex items-center gap-2 font-semibold">
          <AlertTriangle size={16} aria-hidden />
          {capitalise(this.props.name)} failed to render
        </div>
        <p className="mt-2 font-mono text-xs break-all">
          {error.name}: {error.message}
        </p>
        <p className="mt-2 text-xs">
          The rest of mcpscope still works. Reload the panel to try again; if it fails the same way,
          the traffic log still shows every message as received, and a bug report with the message
          above helps.
        </p>
        <Button
          className="mt-3"
          onClick={() => this.setState({ error: undefined, generation: generation + 1 })}
        >
          <RotateCcw size={14} aria-hidden /> Reload panel
        </Button>
      </div>
    );
  }
}

/** A keyed wrapper: a new key remounts what the boundary holds. */
function Fragmented({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
