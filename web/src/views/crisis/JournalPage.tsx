// The journal of one crisis (`#/crisis/journal/{request id}`): every step of the request and
// of everything descending from it, in order, with the JSON document to download and the
// printable document to open.

import { api, journalUrl } from '../../api/calls';
import type { RouteProps } from '../../app/routes';
import { useCrisisRefresh } from '../../data/crisisLive';
import { formatDateTime } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { commandLabel, kindLabel, statusLabel, t } from './crisis.messages';
import { recordHref, useAsync } from './parts';
import './crisis.css';

export default function JournalPage({ params }: RouteProps) {
  const id = Number(params.id);
  const journal = useAsync((signal) => api.crisisJournal({ crisis: id, exercise: 'all', limit: 5000 }, signal), [id]);
  useCrisisRefresh(journal.reload);
  if (!Number.isInteger(id)) return <ErrorPanel text={t('notFound')} />;
  return (
    <section class="page crisis-journal" aria-labelledby="journal-heading" data-testid="crisis-journal">
      <div class="page-head">
        <h1 id="journal-heading">{t('journalHeading', { id })}</h1>
        <div class="page-actions">
          <a class="button" href={journalUrl(id, false)} download={`crisis-${id}-journal.json`} data-testid="journal-json">
            {t('journalJson')}
          </a>
          <a class="button" href={journalUrl(id, true)} target="_blank" rel="noopener" data-testid="journal-print">
            {t('journalPrint')}
          </a>
        </div>
      </div>
      <p><a href="#/crisis">{t('back')}</a></p>
      {journal.error && !journal.data && <ErrorPanel error={journal.error} onRetry={journal.reload} />}
      {!journal.data && !journal.error && <Loading />}
      {journal.data && (
        <DataTable testid="journal-table" columns={[t('colAt'), t('colRecord'), t('colAction'), t('colStatus'), t('colActor')]}>
          {[...journal.data].sort((a, b) => a.id - b.id).map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at, { seconds: true })}</td>
              <td>
                <a href={recordHref({ kind: e.kind, id: e.record_id })}>{`${kindLabel(e.kind)} ${e.record_id}`}</a> {e.title}
                {e.marking && <span class="badge crisis-exercise">{t('exercise')}</span>}
              </td>
              <td>{commandLabel(e.action)}</td>
              <td>{e.from_status ? `${statusLabel(e.from_status)} → ` : ''}{statusLabel(e.to_status)}</td>
              <td>{e.actor}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
