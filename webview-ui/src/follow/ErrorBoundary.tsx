// A card that throws while rendering (an event this build cannot show) becomes one "could not be
// shown" card instead of blanking the whole follow log; the view has one more boundary around
// everything else, which offers to try again.
import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, for the fallback: `event 12 (edit)` or `the follow log`. */
  what: string;
  children: ReactNode;
  /** The view's boundary offers a retry; a card's does not need one. */
  retry?: boolean;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="card card-broken" role="alert">
        <p className="card-line">
          <span className="codicon codicon-warning" aria-hidden="true" /> {this.props.what} could not be shown:{' '}
          {error.message}
        </p>
        {this.props.retry && (
          <button type="button" className="link-button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        )}
      </div>
    );
  }
}
