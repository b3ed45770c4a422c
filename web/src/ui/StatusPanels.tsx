// What a view shows instead of its content while loading or after a failure: never a blank
// page, always a sentence and, where it helps, a way to try again.

import { describeError } from './errors';
import { t } from './ui.messages';

export function Loading({ label }: { label?: string }) {
  return (
    <div class="status-panel" role="status" data-testid="loading">
      <span class="spinner" aria-hidden="true" />
      <span>{label ?? t('loading')}</span>
    </div>
  );
}

export function ErrorPanel({ error, onRetry, text }: { error?: unknown; onRetry?: () => void; text?: string }) {
  return (
    <div class="status-panel status-error" role="alert" data-testid="error-panel">
      <p>{text ?? describeError(error)}</p>
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
