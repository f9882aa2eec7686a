import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Keeps the page alive when a view throws, and says what failed. */
export class ErrorBoundary extends Component<
  { children: ReactNode; name: string },
  { error: Error | null }
> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} failed`, error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div role="alert" className="error">
          {this.props.name} failed: {this.state.error.message}{' '}
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
