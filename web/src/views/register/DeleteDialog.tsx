// Confirms the deletion of one contingent and carries it out with `If-Match`, so a version
// changed meanwhile is shown first rather than deleted unseen.

import { useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client';
import { api } from '../../api/calls';
import type { Contingent } from '../../api/types';
import { removeContingents, upsertContingents } from '../../data/contingents';
import { stateName } from '../../data/reference';
import { formatNumber } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { describeError } from '../../ui/errors';
import { notify } from '../../ui/notices';
import { tv } from '../../domain/vocabulary.messages';
import { t } from './contingent.messages';

export function DeleteDialog({ contingent, onClose, onDeleted }: {
  contingent: Contingent;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const [record, setRecord] = useState(contingent);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api.deleteContingent(record.id, record.version);
      removeContingents([record.id]);
      notify('success', t('deleted', { name: record.name }));
      onDeleted();
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'version_conflict') {
        const current = (e.body.details as { current?: Contingent } | null)?.current;
        if (current) {
          setRecord(current);
          upsertContingents([current]);
        }
        setProblem(t('deleteChanged', { version: current?.version ?? '?' }));
      } else if (e instanceof ApiFailure && e.status === 404) {
        removeContingents([record.id]);
        notify('info', t('deleteGone'));
        onDeleted();
        return;
      } else {
        setProblem(describeError(e));
      }
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('deleteTitle')}
      onClose={() => !busy && onClose()}
      testId="delete-dialog"
      role="alertdialog"
      actions={
        <>
          <button type="button" class="button" onClick={onClose} disabled={busy} data-testid="cancel-delete" data-autofocus>
            {t('cancel')}
          </button>
          <button type="button" class="button button-danger" onClick={confirm} disabled={busy} data-testid="confirm-delete">
            {busy ? t('deleting') : t('deleteButton')}
          </button>
        </>
      }
    >
      <p>{t('deleteConfirm', { name: record.name, state: stateName(record.state) })}</p>
      <dl class="facts">
        <dt>{tv('field_personnel')}</dt>
        <dd>{formatNumber(record.personnel)}</dd>
        <dt>{tv('field_equipment')}</dt>
        <dd>{formatNumber(record.equipment)}</dd>
        <dt>{tv('field_station')}</dt>
        <dd>{record.home_station.name}</dd>
      </dl>
      {problem && (
        <p class="field-error" role="alert" data-testid="delete-problem">
          {problem}
        </p>
      )}
    </Dialog>
  );
}
