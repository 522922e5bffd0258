import { Component, type ErrorInfo, type ReactNode } from 'react';
// t() is synchronous and falls back to the statically imported English catalogue.
import { t } from '../../i18n/locale';

interface ErrorBoundaryProps {
  /** What failed, in words ("The Evaluate section", "Tau Studio"). */
  what: string;
  children: ReactNode;
  /** Clears the part of the notebook this boundary shows, then renders again. */
  onReset?: () => void;
  resetLabel?: string;
  /** Opens an empty notebook (the failing one stays stored). */
  onNewNotebook?: () => void;
  testId?: string;
  /** Told when something failed (before the page's effects run). */
  onError?: (error: Error) => void;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/**
 * Keeps one failing part of the studio from blanking the page: it shows what failed and offers a way
 * out, while everything outside it keeps working. React unmounts a subtree that throws while rendering;
 * without a boundary that subtree is the whole app.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Reported, never swallowed: the console keeps the stack for a bug report.
    console.error(`${this.props.what} failed to render`, error, info.componentStack);
    this.props.onError?.(error);
  }

  private retry = (action?: () => void) => {
    action?.();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { what, onReset, resetLabel = t('error.resetSection'), onNewNotebook, testId } = this.props;
    return (
      <div className="message message-error section-failed" role="alert" data-testid={testId ?? 'render-error'}>
        <strong className="message-title">{t('error.couldNotShow', { what })}</strong>
        <p>
          {error.name}: {error.message.slice(0, 300)}
        </p>
        <p>{t('error.restWorks')}</p>
        <div className="button-row">
          {onReset ? (
            <button type="button" className="button" onClick={() => this.retry(onReset)} data-testid="reset-section">
              {resetLabel}
            </button>
          ) : null}
          {onNewNotebook ? (
            <button type="button" className="button button-quiet" onClick={() => this.retry(onNewNotebook)} data-testid="open-new-notebook">
              {t('error.newNotebook')}
            </button>
          ) : null}
        </div>
      </div>
    );
  }
}
