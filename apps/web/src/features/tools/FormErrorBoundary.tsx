import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Keeps a schema the form library chokes on (a cyclic or dangling `$ref`, an exotic keyword)
 * from taking the panel down: the JSON editor is offered instead.
 */
export class FormErrorBoundary extends Component<
  {
    children: ReactNode;
    fallback: (message: string) => ReactNode;
    onError: (message: string) => void;
    resetKey: string;
  },
  { message: string | undefined; resetKey: string }
> {
  override state = { message: undefined as string | undefined, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): { message: string } {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: { message: string | undefined; resetKey: string },
  ): { message: string | undefined; resetKey: string } | null {
    return props.resetKey === state.resetKey
      ? null
      : { message: undefined, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    this.props.onError(error instanceof Error ? error.message : String(error));
  }

  override render(): ReactNode {
    return this.state.message === undefined
      ? this.props.children
      : this.props.fallback(this.state.message);
  }
}
