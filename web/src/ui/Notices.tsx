import { dismiss, notices } from './notices';
import { t } from './ui.messages';

/** The notices of ui/notices.ts, in a live region: errors assertively, the rest politely. */
export function Notices() {
  const list = notices.value;
  return (
    <div class="notices" aria-live="polite" data-testid="notices">
      {list.map((n) => (
        <div key={n.id} class={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}
          data-testid="notice" data-kind={n.kind}>
          <span>{n.text}</span>
          <button type="button" class="icon-button" aria-label={t('dismiss')} title={t('dismiss')}
            onClick={() => dismiss(n.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
