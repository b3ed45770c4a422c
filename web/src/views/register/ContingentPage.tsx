// One contingent: create (`#/register/new`), edit or view (`#/register/{id}`). Saving is
// optimistic-concurrency safe: an update carries the version it began from, and a newer
// version — seen on the live stream before saving, or refused by the server with 412 — is
// shown as a field-by-field choice instead of being overwritten or lost.

import { useEffect, useRef, useState } from 'preact/hooks';
import { DataGate } from '../../app/DataGate';
import { navigate } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { ApiFailure } from '../../api/client';
import { api } from '../../api/calls';
import type { Contingent } from '../../api/types';
import {
  contingentsById,
  contingentsState,
  removeContingents,
  upsertContingents,
} from '../../data/contingents';
import { liveStatus } from '../../data/liveSync';
import { components, stateName, states } from '../../data/reference';
import { canCreate, canDelete, canEdit, canMove, writableStates } from '../../domain/permissions';
import { formatDateTime } from '../../i18n';
import { currentUser } from '../../session/session';
import { describeError } from '../../ui/errors';
import { notify } from '../../ui/notices';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { changedFields, mergeValues, type Choices } from './conflict';
import { ConflictDialog } from './ConflictDialog';
import { t } from './contingent.messages';
import { ContingentForm, FORM_ID } from './ContingentForm';
import { DeleteDialog } from './DeleteDialog';
import {
  emptyFormValues,
  firstErrorField,
  formFieldOf,
  toFormValues,
  validate,
  type FieldErrors,
  type FormValues,
} from './formModel';
import { flash, lastRegisterParams } from './registerState';
import './register.css';

const backToRegister = () => navigate('register', lastRegisterParams.value);

export default function ContingentPage({ params }: RouteProps) {
  return <DataGate>{() => <ContingentRoute params={params} />}</DataGate>;
}

function ContingentRoute({ params }: { params: RouteProps['params'] }) {
  if (params.id === undefined) return <Editor key="new" record={null} />;
  if (!/^\d+$/.test(params.id)) return <ErrorPanel text={t('notFound', { id: params.id })} />;
  return <Loader key={params.id} id={Number(params.id)} />;
}

/**
 * The record from the live list. While the stream is live that list is complete, so a
 * record missing from it does not exist for this user (no request, which would only be
 * refused); when the stream is down, the server is asked.
 */
function Loader({ id }: { id: number }) {
  const held = contingentsById.value.get(id);
  // Once shown, the editor stays even if the record then vanishes: it says so itself and
  // the user's unsaved values remain on screen.
  const shown = useRef<Contingent | undefined>(held);
  if (held && !shown.current) shown.current = held;
  const trustList = liveStatus.value === 'live' && contingentsState.value === 'ready';
  const [fetched, setFetched] = useState<Contingent | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (held || trustList) return;
    let live = true;
    api.contingent(id).then(
      (r) => live && setFetched(r.data),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [id]);
  const record = shown.current ?? fetched;
  if (record) return <Editor record={record} />;
  if ((trustList && !fetched) || (error instanceof ApiFailure && error.status === 404)) {
    return <ErrorPanel text={t('notFound', { id })} />;
  }
  if (error) return <ErrorPanel error={error} />;
  return <Loading />;
}

function focusField(f: string | null) {
  if (!f) return;
  // After the render that shows the errors.
  requestAnimationFrame(() => document.getElementById(`f-${f}`)?.focus());
}

function Editor({ record }: { record: Contingent | null }) {
  const user = currentUser.value!;
  const isNew = record === null;
  const allStates = states.value.map((s) => s.code);

  const [base, setBase] = useState<Contingent | null>(record);
  const [values, setValues] = useState<FormValues>(() => {
    if (record) return toFormValues(record);
    const own = writableStates(user, allStates);
    return emptyFormValues(own.length === 1 ? own[0] : '', '');
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Contingent | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [gone, setGone] = useState(false);

  const readOnly = isNew ? !canCreate(user) : !canEdit(user, base!);
  const stateChoices = isNew
    ? writableStates(user, allStates)
    : readOnly
      ? [base!.state]
      : allStates.filter((s) => canMove(user, base!.state, s));

  const baseValues = base ? toFormValues(base) : null;
  const dirty = baseValues ? changedFields(baseValues, values).length > 0 : true;

  // What the live stream says about this record now.
  const live = base ? contingentsById.value.get(base.id) : undefined;
  const newer = base && live && live.version > base.version ? live : null;
  const seen = useRef(Boolean(live));
  if (live) seen.current = true;
  const deletedElsewhere = gone || (base !== null && seen.current && !live && contingentsState.value === 'ready');

  // Unchanged form + newer version: just show the newer version.
  useEffect(() => {
    if (newer && !dirty && !busy && !conflict) {
      setBase(newer);
      setValues(toFormValues(newer));
      notify('info', t('refreshedElsewhere', { version: newer.version }));
    }
  }, [newer?.version]);

  const change = (patch: Partial<FormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    // A corrected field loses its error; the others keep theirs until the next save.
    const keys = Object.keys(patch).map((k) => (k === 'relLabel' || k === 'relStates' ? 'releasability' : k));
    if (keys.some((k) => k in errors)) {
      setErrors((e) => {
        const next = { ...e };
        for (const k of keys) delete next[k as keyof FieldErrors];
        return next;
      });
    }
  };

  const save = async (vals: FormValues, against: Contingent | null) => {
    setProblem(null);
    const allowedStates = against ? allStates.filter((s) => canMove(user, against.state, s)) : writableStates(user, allStates);
    const checked = validate(vals, { states: allStates, components: components.value.map((c) => c.key), allowedStates });
    if (!checked.input) {
      setErrors(checked.errors);
      setProblem(t('formHasErrors', { n: Object.keys(checked.errors).length }));
      focusField(firstErrorField(checked.errors));
      return;
    }
    setErrors({});
    // A newer version is already known: decide first, rather than have the server refuse.
    const known = against ? contingentsById.value.get(against.id) : undefined;
    if (against && known && known.version > against.version) {
      setConflict(known);
      return;
    }
    setBusy(true);
    try {
      const saved = against
        ? await api.updateContingent(against.id, against.version, checked.input)
        : await api.createContingent(checked.input);
      upsertContingents([saved.data]);
      flash(saved.data.id);
      notify('success', t(against ? 'saved' : 'created', { name: saved.data.name }));
      backToRegister();
    } catch (e) {
      setBusy(false);
      if (!(e instanceof ApiFailure)) {
        setProblem(describeError(e));
        return;
      }
      if (e.code === 'version_conflict') {
        const current = (e.body.details as { current?: Contingent } | null)?.current;
        if (current) {
          upsertContingents([current]);
          setConflict(current);
          return;
        }
      }
      if (e.status === 404 && against) {
        removeContingents([against.id]);
        setGone(true);
        setProblem(t('goneOnSave'));
        return;
      }
      if (e.code === 'duplicate') {
        setErrors({ name: { code: 'duplicate', server: e.body.message } });
        focusField('name');
        return;
      }
      const field = formFieldOf(e.field);
      if (field && (e.status === 400 || e.status === 422)) {
        setErrors({ [field]: { code: 'server', server: e.body.message } });
        setProblem(t('formHasErrors', { n: 1 }));
        focusField(field);
        return;
      }
      setProblem(describeError(e));
    }
  };

  // Conflict resolutions.
  const takeTheirs = () => {
    const theirs = conflict!;
    setBase(theirs);
    setValues(toFormValues(theirs));
    setErrors({});
    setProblem(null);
    setConflict(null);
  };
  const rebase = (choices: Choices): FormValues => {
    const theirs = conflict!;
    const merged = mergeValues(values, toFormValues(theirs), choices);
    setBase(theirs);
    setValues(merged);
    setConflict(null);
    return merged;
  };

  const title = isNew ? t('titleNew') : readOnly ? t('titleView') : t('titleEdit');
  return (
    <section class="page contingent-page" aria-labelledby="contingent-heading" data-testid="contingent-page">
      <div class="page-head">
        <div>
          <p class="muted breadcrumb">
            <a href="#/register" onClick={(e) => { e.preventDefault(); backToRegister(); }}>← {t('back')}</a>
          </p>
          <h1 id="contingent-heading">
            {title}
            {base && <>: {base.name}</>}
          </h1>
        </div>
      </div>

      {newer && dirty && !conflict && !deletedElsewhere && (
        <div class="banner" role="status" data-testid="changed-elsewhere">
          <span>{t('changedElsewhere', { version: newer.version })}</span>
          <button type="button" class="button button-small" onClick={() => setConflict(newer)}>{t('compare')}</button>
        </div>
      )}
      {deletedElsewhere && !isNew && (
        <p class="banner" role="alert" data-testid="deleted-elsewhere">{t('deletedElsewhere')}</p>
      )}
      {user.role === 'liaison_officer' && user.state && !readOnly && (
        <p class="muted">{t('liaisonOnly', { state: stateName(user.state) })}</p>
      )}
      {readOnly && <p class="banner" data-testid="read-only">{isNew ? t('notPermittedCreate') : t('readOnly')}</p>}

      <div class="contingent-layout">
        <ContingentForm values={values} errors={errors} onChange={change} readOnly={readOnly || busy || deletedElsewhere}
          stateChoices={stateChoices} onSubmit={() => void save(values, base)} />
        <aside class="contingent-side panel">
          {base && (
            <dl class="facts" data-testid="contingent-meta">
              <dt>{t('metaId')}</dt>
              <dd>{base.id}</dd>
              <dt>{t('metaVersion')}</dt>
              <dd data-testid="contingent-version">{base.version}</dd>
              <dt>{t('metaCreated')}</dt>
              <dd>{formatDateTime(base.created_at)}</dd>
              <dt>{t('metaUpdated')}</dt>
              <dd>{formatDateTime(base.updated_at)}</dd>
            </dl>
          )}
          {base?.demo && <p class="demo-note">{t('demoRecord')}</p>}
          {problem && <p class="form-problem" role="alert" data-testid="form-problem">{problem}</p>}
          {!isNew && dirty && !readOnly && <p class="muted" data-testid="unsaved">{t('unsavedChanges')}</p>}
          <div class="form-actions">
            {!readOnly && !deletedElsewhere && (
              <button type="submit" form={FORM_ID} class="button button-primary" disabled={busy} data-testid="save">
                {busy ? t('saving') : isNew ? t('create') : t('save')}
              </button>
            )}
            <button type="button" class="button" onClick={backToRegister} data-testid="cancel">
              {t('cancel')}
            </button>
            {base && !deletedElsewhere && canDelete(user, base) && (
              <button type="button" class="button button-danger-outline" onClick={() => setDeleting(true)} disabled={busy}
                data-testid="delete">
                {t('delete')}
              </button>
            )}
          </div>
        </aside>
      </div>

      {conflict && base && baseValues && (
        <ConflictDialog
          base={baseValues}
          baseVersion={base.version}
          mine={values}
          theirs={conflict}
          busy={busy}
          onClose={() => setConflict(null)}
          onReload={takeTheirs}
          onContinue={(c) => void rebase(c)}
          onOverwrite={(c) => {
            const theirs = conflict;
            const merged = rebase(c);
            void save(merged, theirs);
          }}
        />
      )}
      {deleting && base && (
        <DeleteDialog contingent={live ?? base} onClose={() => setDeleting(false)}
          onDeleted={() => { setDeleting(false); backToRegister(); }} />
      )}
    </section>
  );
}
