// Amending a session, an operation or a group (`#/crisis/{kind}/{id}/amend`): the kind's own
// form (NewRecordPage's fields) filled in with what the record says now, with the fields the
// server would not change shown but locked (a session's body; an operation's host state,
// kind and last day). Sent as `{"command": "amend", "spec": ...}` with the version read; a
// field the server refuses is marked at the field, any other refusal above the buttons.

import { useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client';
import { api } from '../../api/calls';
import { isCrisisKind, type Composition, type CrisisKind, type CrisisRecord, type GroupSpec } from '../../api/crisisTypes';
import type { RouteProps } from '../../app/routes';
import { DataGate } from '../../app/DataGate';
import { states } from '../../data/reference';
import { AMENDABLE, canAmend, FIXED_ON_AMEND } from '../../domain/crisisActions';
import { zoneMode } from '../../i18n';
import { currentUser } from '../../session/session';
import { notify } from '../../ui/notices';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { refusal } from './ActionPanel';
import { commandLabel, kindLabel, t } from './crisis.messages';
import { amendField, buildSpec, ceilingError, keepPersonStates, specToValues, type Errors, type Values } from './forms';
import { Fields, withoutErrorOf } from './NewRecordPage';
import { RecordLink, recordHref, useAsync } from './parts';
import './crisis.css';

export default function AmendPage({ params }: RouteProps) {
  const kind = params.kind ?? '';
  const id = Number(params.id);
  if (!isCrisisKind(kind) || !AMENDABLE.includes(kind) || !Number.isInteger(id)) return <ErrorPanel text={t('notFound')} />;
  return <DataGate>{() => <Amend key={`${kind}/${id}`} kind={kind} id={id} />}</DataGate>;
}

interface Loaded {
  record: CrisisRecord;
  /** An operation's force: its ceiling may not go below the personnel already accepted. */
  composition: Composition | null;
}

function Amend({ kind, id }: { kind: CrisisKind; id: number }) {
  const data = useAsync(
    async (signal): Promise<Loaded> => ({
      record: await api.crisisRecord(kind, id, signal),
      composition: kind === 'operation' ? await api.composition(id, signal).catch(() => null) : null,
    }),
    [kind, id],
  );
  if (data.error && !data.data) {
    const missing = data.error instanceof ApiFailure && data.error.status === 404;
    return missing ? <ErrorPanel text={t('notFound')} /> : <ErrorPanel error={data.error} onRetry={data.reload} />;
  }
  if (!data.data) return <Loading />;
  const { record, composition } = data.data;
  if (!canAmend(currentUser.value, record)) return <ErrorPanel text={t('notPermittedAmend')} />;
  return <AmendForm record={record} committed={composition?.personnel ?? 0} />;
}

function AmendForm({ record, committed }: { record: CrisisRecord; committed: number }) {
  const kind = record.kind;
  const utc = zoneMode.value === 'utc';
  const [values, setValues] = useState<Values>(() => specToValues(kind, record.spec, { utc }));
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const all = states.value.map((s) => s.code);

  const set = (k: string, v: string | string[]) => {
    setValues((old) => ({ ...old, [k]: v }));
    setErrors((e) => withoutErrorOf(e, k));
  };

  const submit = async () => {
    setProblem(null);
    const built = buildSpec(kind, values, { utc });
    const errs = { ...(built.errors ?? {}), ...(kind === 'operation' ? ceilingError(values, committed) : {}) };
    if (!built.spec || Object.keys(errs).length) {
      setErrors(errs);
      setProblem(t('formHasErrors'));
      return;
    }
    setErrors({});
    setBusy(true);
    const spec = kind === 'group' ? keepPersonStates(record.spec as unknown as GroupSpec, built.spec) : built.spec;
    try {
      const r = await api.crisisCommand(kind, record.id, record.version, { command: 'amend', spec });
      notify('success', t('done', { kind: kindLabel(kind), id: r.id, action: commandLabel('amend') }));
      location.hash = recordHref(r);
    } catch (e) {
      setBusy(false);
      const field = e instanceof ApiFailure ? amendField(e.field) : undefined;
      if (e instanceof ApiFailure && e.status === 400 && field && field.startsWith('spec.')) {
        setErrors({ [field]: { code: 'server', server: e.body.message } });
        setProblem(t('formHasErrors'));
      } else setProblem(refusal(e));
    }
  };

  return (
    <section class="page crisis-new" aria-labelledby="amend-heading" data-testid="crisis-amend" data-kind={kind} data-id={record.id}>
      <div class="page-head">
        <h1 id="amend-heading">{t('amendHeading', { kind: kindLabel(kind), id: record.id })}</h1>
      </div>
      <p><RecordLink r={record} /></p>
      <form class="crisis-form panel" noValidate data-testid={`form-${kind}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Fields kind={kind} own={all} parent={null} values={values} errors={errors} set={set} locked={FIXED_ON_AMEND[kind] ?? []} />
        {problem && <p class="field-error" role="alert" data-testid="form-error">{problem}</p>}
        <div class="crisis-action-buttons">
          <button type="submit" class="button button-primary" disabled={busy} data-testid="form-submit">
            {busy ? t('saving') : t('saveAmendment')}
          </button>
          <a class="button" href={recordHref(record)}>{t('cancel')}</a>
        </div>
      </form>
    </section>
  );
}
