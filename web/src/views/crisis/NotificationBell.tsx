// The bell in the header: how many changes of requests arrived unread, and their list. Each
// also shows as a toast when it arrives (crisisLive.ts reads them from the live stream).

import { useEffect, useState } from 'preact/hooks';
import type { JournalEntry } from '../../api/crisisTypes';
import { crisisNotices, markNoticesRead, setNoticeHandler } from '../../data/crisisLive';
import { stateName } from '../../data/reference';
import { formatDateTime } from '../../i18n';
import { notify } from '../../ui/notices';
import { commandLabel, statusLabel, t } from './crisis.messages';
import { recordHref } from './parts';
import './crisis.css';

function describe(e: JournalEntry): string {
  const d = e.detail as { requesting_state?: string } | null;
  const state = d?.requesting_state ?? e.title.match(/\b[A-Z]{3}\b/)?.[0] ?? '';
  return t('noticeRequest', { id: e.record_id, state: state ? stateName(state) : '—', action: commandLabel(e.action), status: statusLabel(e.to_status) });
}

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    setNoticeHandler((e) => notify('info', describe(e)));
    return () => setNoticeHandler(() => {});
  }, []);
  const list = crisisNotices.value;
  const unread = list.filter((n) => !n.read).length;
  return (
    <div class="crisis-bell">
      <button type="button" class="header-button" aria-expanded={open} aria-label={`${t('bell')}: ${t('bellCount', { n: unread })}`}
        data-testid="bell" data-unread={unread} onClick={() => setOpen(!open)}>
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
        </svg>
        {unread > 0 && <span class="crisis-bell-count" data-testid="bell-count">{unread}</span>}
      </button>
      {open && (
        <div class="crisis-bell-list" role="region" aria-label={t('bell')} data-testid="bell-list">
          {list.length === 0 && <p class="muted">{t('bellEmpty')}</p>}
          <ul>
            {list.map((n) => (
              <li key={n.entry.id} class={n.read ? '' : 'unread'}>
                <a href={recordHref({ kind: n.entry.kind, id: n.entry.record_id })} onClick={() => setOpen(false)}>{describe(n.entry)}</a>
                <div class="muted small">{formatDateTime(n.entry.at)} · {n.entry.actor}</div>
              </li>
            ))}
          </ul>
          {unread > 0 && <button type="button" class="button button-small" onClick={markNoticesRead}>{t('bellClear')}</button>}
        </div>
      )}
    </div>
  );
}
