// Keeps a failure in one view from blanking the whole console: the view is replaced by a
// message and the header stays usable. `resetKey` (the route) clears the error on navigation.

import { Component, type ComponentChildren } from 'preact';
import { t } from './ui.messages';

interface Props {
  resetKey: string;
  children: ComponentChildren;
}
interface State {
  error: unknown;
  key: string;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: '' };

  static override getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown): void {
    this.setState({ error });
  }

  override render() {
    if (this.state.error) {
      const message = this.state.error instanceof Error ? this.state.error.message : String(this.state.error);
      return (
        <div class="status-panel status-error" role="alert" data-testid="view-error">
          <p>{t('errView')}</p>
          <p class="muted">{message}</p>
          <button type="button" class="button" onClick={() => location.reload()}>
            {t('reloadPage')}
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
