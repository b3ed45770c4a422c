// A new crisis record (`#/crisis/new/{kind}?parent=ID`): the kind's fields, checked as the
// server checks them (forms.ts), then created; a field the server refuses is marked at the
// field, any other refusal is shown above the buttons. The exercise name is asked on records
// that begin a chain (their children belong to the parent's exercise).

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client';
import { api } from '../../api/calls';
import { isCrisisKind, OPERATING_MODES, OPERATION_KINDS, SUPPORT_KINDS, type CrisisKind, type CrisisRecord } from '../../api/crisisTypes';
import { navigate } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { DataGate } from '../../app/DataGate';
import { contingents } from '../../data/contingents';
import { useReference, stateName, states } from '../../data/reference';
import { canCreateKind, canRequestForce, isJointStaff, PARENT_KIND, statesFor } from '../../domain/crisisActions';
import { loc, zoneMode } from '../../i18n';
import { currentUser } from '../../session/session';
import { notify } from '../../ui/notices';
import { ErrorPanel } from '../../ui/StatusPanels';
import { refusal } from './ActionPanel';
import { AreaDraw } from './AreaDraw';
import { kindLabel, t, tk } from './crisis.messages';
import { buildSpec, formField, toLocalInput, type Errors, type Values } from './forms';
import { RecordLink, recordHref, useAsync } from './parts';
import './crisis.css';

/** Kinds that begin a chain, and so may belong to an exercise. */
const TOP_LEVEL: CrisisKind[] = ['request', 'shift', 'mode', 'session'];

export default function NewRecordPage({ params, query }: RouteProps) {
  const kind = params.kind ?? '';
  if (!isCrisisKind(kind)) return <ErrorPanel text={t('notFound')} />;
  const parent = query.parent ? Number(query.parent) : null;
  // A training run opens this with its exercise's marking, so the chain it starts is the exercise's.
  const exercise = query.exercise ?? '';
  return (
    <DataGate>{() => <NewRecord key={`${kind}/${parent}/${exercise}`} kind={kind} parentId={parent} exercise={exercise} />}</DataGate>
  );
}

function initialValues(kind: CrisisKind, own: string[]): Values {
  const now = toLocalInput(new Date(), zoneMode.value === 'utc');
  const one = own.length === 1 ? own[0]! : '';
  switch (kind) {
    case 'request':
      return { requesting_state: one, received_at: now, asks: [] };
    case 'session':
      return { kind: 'extraordinary', format: 'in_person', body: 'collective_security_council', scheduled_at: now, participants: states.value.map((s) => s.code) };
    case 'decision':
      return { prepared_by: 'joint_staff', rule: 'no_objection' };
    case 'operation':
      return { kind: 'peacekeeping' };
    case 'force':
      return { initial: 'offered' };
    case 'logistics':
      return { state: one, kind: 'material_technical' };
    case 'mode':
      return { mode: 'enhanced' };
    case 'shift':
      return { starts_at: now };
    default:
      return {};
  }
}

function NewRecord({ kind, parentId, exercise }: { kind: CrisisKind; parentId: number | null; exercise: string }) {
  const user = currentUser.value;
  const allStates = states.value.map((s) => s.code);
  const own = isJointStaff(user) ? allStates : statesFor(user, allStates);
  const parentKind = PARENT_KIND[kind];
  const parent = useAsync(
    (signal) => (parentId !== null && parentKind ? api.crisisRecord(parentKind, parentId, signal) : Promise.resolve(null)),
    [parentId],
  );
  const [values, setValues] = useState<Values>(() => ({
    ...initialValues(kind, own),
    ...(exercise && TOP_LEVEL.includes(kind) ? { exercise } : {}),
  }));
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!canCreateKind(user, kind)) return <ErrorPanel text={t('notPermittedCreate')} />;

  const set = (k: string, v: string | string[]) => {
    setValues((old) => ({ ...old, [k]: v }));
    setErrors((e) => withoutErrorOf(e, k));
  };

  const submit = async () => {
    setProblem(null);
    const built = buildSpec(kind, values, { utc: zoneMode.value === 'utc' });
    if (built.errors) {
      setErrors(built.errors);
      setProblem(t('formHasErrors'));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const exercise = typeof values.exercise === 'string' ? values.exercise.trim() : '';
      const created: CrisisRecord = await api.createCrisis(kind, {
        ...(parentId !== null ? { parent: parentId } : {}),
        ...(exercise && TOP_LEVEL.includes(kind) && parentId === null ? { exercise } : {}),
        spec: built.spec,
      });
      notify('success', t('done', { kind: kindLabel(kind), id: created.id, action: t('cmd_create') }));
      location.hash = recordHref(created);
    } catch (e) {
      setBusy(false);
      const field = e instanceof ApiFailure ? formField(e.field) : undefined;
      if (e instanceof ApiFailure && e.status === 400 && field && field.startsWith('spec.')) {
        setErrors({ [field]: { code: 'server', server: e.body.message } });
        setProblem(t('formHasErrors'));
      } else setProblem(refusal(e));
    }
  };

  const props = { values, errors, set };
  return (
    <section class="page crisis-new" aria-labelledby="new-heading" data-testid="crisis-new" data-kind={kind}>
      <div class="page-head">
        <h1 id="new-heading">{t('newHeading', { kind: kindLabel(kind) })}</h1>
      </div>
      {parent.data && <p>{t('underParent', { parent: '' })}<RecordLink r={parent.data} /></p>}
      <form class="crisis-form panel" noValidate data-testid={`form-${kind}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Fields kind={kind} own={own} parent={parent.data} {...props} />
        {TOP_LEVEL.includes(kind) && parentId === null && (
          <Text f="exercise" label={t('f_exercise')} hint={t('h_exercise')} {...props} />
        )}
        {problem && <p class="field-error" role="alert" data-testid="form-error">{problem}</p>}
        <div class="crisis-action-buttons">
          <button type="submit" class="button button-primary" disabled={busy} data-testid="form-submit">
            {busy ? t('creating') : t('create')}
          </button>
          <button type="button" class="button" onClick={() => (parent.data ? (location.hash = recordHref(parent.data)) : navigate('crisis'))}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The errors without the one of form value `k` (it is being corrected). */
export function withoutErrorOf(errors: Errors, k: string): Errors {
  const specKey = Object.keys(errors).find((e) => e.endsWith(`.${k}`) || e === `spec.${k.replace(/_.*/, '')}`);
  if (!specKey) return errors;
  const n = { ...errors };
  delete n[specKey];
  return n;
}

export interface FieldProps {
  values: Values;
  errors: Errors;
  set: (k: string, v: string | string[]) => void;
  /** Values shown but not to be changed (what an amendment may not change). */
  locked?: readonly string[];
}

/** The server's field name of a form value (`ceiling_personnel` → `spec.ceiling.personnel`). */
const SPEC_FIELD: Record<string, string> = {
  ceiling_personnel: 'spec.ceiling.personnel',
  ceiling_equipment: 'spec.ceiling.equipment',
  location_name: 'spec.location',
  location_at: 'spec.location',
  asks: 'spec.asks',
};
const specField = (f: string) => SPEC_FIELD[f] ?? `spec.${f}`;

function Wrap({ f, label, hint, errors, children }: { f: string; label: string; hint?: string; errors: Errors; children: ComponentChildren }) {
  const err = errors[specField(f)];
  return (
    <div class="field" data-field={f}>
      <label for={`f-${f}`}>{label}</label>
      {children}
      {hint && <span id={`h-${f}`} class="hint">{hint}</span>}
      {err && (
        <p id={`e-${f}`} class="field-error" data-testid={`error-${f}`}>
          {fieldErrorText(err)}
        </p>
      )}
    </div>
  );
}

const fieldErrorText = (err: Errors[string]) =>
  err.code === 'server' ? t('err_server', { message: err.server ?? '' }) : t(`err_${err.code}` as 'err_required', { n: err.n ?? '' });

const a11y = (f: string, errors: Errors, hint?: string) => ({
  id: `f-${f}`,
  'data-testid': `field-${f}`,
  'aria-invalid': errors[specField(f)] ? true : undefined,
  'aria-describedby': [errors[specField(f)] ? `e-${f}` : '', hint ? `h-${f}` : ''].filter(Boolean).join(' ') || undefined,
});

function Text({ f, label, hint, type = 'text', values, errors, set, locked }: FieldProps & { f: string; label: string; hint?: string; type?: string }) {
  return (
    <Wrap f={f} label={label} hint={hint} errors={errors}>
      <input type={type} {...a11y(f, errors, hint)} disabled={locked?.includes(f)} value={(values[f] as string) ?? ''} onInput={(e) => set(f, e.currentTarget.value)} />
    </Wrap>
  );
}

function Area({ f, label, hint, rows = 3, values, errors, set, locked }: FieldProps & { f: string; label: string; hint?: string; rows?: number }) {
  return (
    <Wrap f={f} label={label} hint={hint} errors={errors}>
      <textarea rows={rows} {...a11y(f, errors, hint)} disabled={locked?.includes(f)} value={(values[f] as string) ?? ''} onInput={(e) => set(f, e.currentTarget.value)} />
    </Wrap>
  );
}

function Select({ f, label, options, values, errors, set, locked }: FieldProps & { f: string; label: string; options: [string, string][] }) {
  return (
    <Wrap f={f} label={label} errors={errors}>
      <select {...a11y(f, errors)} disabled={locked?.includes(f)} value={(values[f] as string) ?? ''} onChange={(e) => set(f, e.currentTarget.value)}>
        {options.length !== 1 && <option value="">{t('choose')}</option>}
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </Wrap>
  );
}

function Checks({ f, label, options, values, errors, set, locked }: FieldProps & { f: string; label: string; options: [string, string][] }) {
  const chosen = (values[f] as string[]) ?? [];
  return (
    <fieldset class="field" data-field={f} aria-invalid={errors[specField(f)] ? true : undefined}>
      <legend>{label}</legend>
      <div class="crisis-checks">
        {options.map(([v, l]) => (
          <label key={v} class="check">
            <input type="checkbox" checked={chosen.includes(v)} disabled={locked?.includes(f)} data-testid={`field-${f}-${v}`}
              onChange={(e) => set(f, e.currentTarget.checked ? [...chosen, v] : chosen.filter((x) => x !== v))} />
            {l}
          </label>
        ))}
      </div>
      {errors[specField(f)] && <p class="field-error" data-testid={`error-${f}`}>{fieldErrorText(errors[specField(f)]!)}</p>}
    </fieldset>
  );
}

const opts = (keys: readonly string[], prefix: string): [string, string][] => keys.map((k) => [k, tk(`${prefix}${k}`, k)]);
const stateOpts = (codes: readonly string[]): [string, string][] => codes.map((c) => [c, stateName(c)]);

export function Fields({ kind, own, parent, ...p }: FieldProps & { kind: CrisisKind; own: string[]; parent: CrisisRecord | null }) {
  const bodies = useReference('bodies');
  const all = states.value.map((s) => s.code);
  switch (kind) {
    case 'request':
      return (
        <>
          <Select f="requesting_state" label={t('f_requesting_state')} options={stateOpts(own)} {...p} />
          <Text f="from" label={t('f_from')} {...p} />
          <Text f="received_at" type="datetime-local" label={t('f_received_at')} {...p} />
          <Checks f="asks" label={t('f_asks')} options={opts(['forces', 'equipment', 'humanitarian'], 'f_ask_')} {...p} />
          {((p.values.asks as string[]) ?? []).map((a) => (
            <Text key={a} f={`ask_${a}`} label={t('f_ask_details', { kind: tk(`f_ask_${a}`, a) })} {...p} />
          ))}
          <Area f="summary" label={t('f_summary')} rows={5} {...p} />
          <Area f="attachments" label={t('f_attachments')} hint={t('h_attachments')} {...p} />
        </>
      );
    case 'session':
      return (
        <>
          <Select f="body" label={t('f_body')} options={(bodies.rows ?? []).map((b) => [b.key, loc(b.name)])} {...p} />
          <Select f="kind" label={t('f_session_kind')} options={opts(['extraordinary', 'regular'], 'sk_')} {...p} />
          <Select f="format" label={t('f_format')} options={opts(['in_person', 'videoconference'], 'fmt_')} {...p} />
          {p.values.format === 'videoconference' ? <Text f="link" type="url" label={t('f_link')} {...p} /> : <Text f="place" label={t('f_place')} {...p} />}
          <Text f="scheduled_at" type="datetime-local" label={t('f_scheduled_at')} {...p} />
          <Area f="agenda" label={t('f_agenda')} hint={t('h_agenda')} {...p} />
          <Checks f="participants" label={t('f_participants')} options={stateOpts(all)} {...p} />
        </>
      );
    case 'decision':
      return (
        <>
          <Text f="title" label={t('f_title')} {...p} />
          <Select f="prepared_by" label={t('f_prepared_by')} options={opts(['joint_staff', 'secretariat'], 'pb_')} {...p} />
          <Select f="rule" label={t('f_rule')} options={opts(['no_objection', 'unanimity'], 'rule_')} {...p} />
          <Area f="text" label={t('f_text')} rows={8} {...p} />
        </>
      );
    case 'operation':
      return (
        <>
          <Text f="name" label={t('f_name')} {...p} />
          <Select f="kind" label={t('f_operation_kind')} options={opts(OPERATION_KINDS, 'ok_')} {...p} />
          <Select f="host_state" label={t('f_host_state')} options={stateOpts(all)} {...p} />
          <Area f="mandate" label={t('f_mandate')} rows={4} {...p} />
          <AreaDraw text={(p.values.area as string) ?? ''} onText={(s) => p.set('area', s)} centreState={(p.values.host_state as string) ?? ''} />
          <Area f="area" label={t('f_area')} hint={t('h_area')} rows={5} {...p} />
          <Area f="facilities" label={t('f_facilities')} hint={t('h_facilities')} {...p} />
          <div class="row">
            <Text f="ceiling_personnel" label={t('f_ceiling_personnel')} {...p} />
            <Text f="ceiling_equipment" label={t('f_ceiling_equipment')} {...p} />
          </div>
          <div class="row">
            <Text f="starts_on" type="date" label={t('f_starts_on')} {...p} />
            <Text f="ends_on" type="date" label={t('f_ends_on')} {...p} />
          </div>
        </>
      );
    case 'force': {
      const mine = contingents.value.filter((c) => own.includes(c.state));
      return (
        <>
          <Select f="contingent_id" label={t('f_contingent_id')}
            options={mine.map((c) => [String(c.id), `${c.name} — ${stateName(c.state)} (${c.personnel})`])} {...p} />
          <Select f="initial" label={t('f_initial')}
            options={canRequestForce(currentUser.value) ? opts(['offered', 'requested'], 'ini_') : opts(['offered'], 'ini_')} {...p} />
          <div class="row">
            <Text f="personnel" label={t('f_personnel')} hint={t('h_strength')} {...p} />
            <Text f="equipment" label={t('f_equipment')} hint={t('h_strength')} {...p} />
          </div>
        </>
      );
    }
    case 'task':
      return (
        <>
          <Text f="title" label={t('f_title')} {...p} />
          <Select f="responsible" label={t('f_responsible')}
            options={[...all.map((s): [string, string] => [`state:${s}`, stateName(s)]), ...(bodies.rows ?? []).map((b): [string, string] => [`body:${b.key}`, loc(b.name)])]} {...p} />
          <Text f="deadline" type="datetime-local" label={t('f_deadline')} {...p} />
          <Area f="details" label={t('f_details')} {...p} />
        </>
      );
    case 'logistics':
      return (
        <>
          <Select f="state" label={t('f_state')} options={stateOpts(own)} {...p} />
          <Select f="kind" label={t('f_support_kind')} options={opts(SUPPORT_KINDS, 'sup_')} {...p} />
          <Area f="items" label={t('f_items')} {...p} />
          <Text f="needed_by" type="datetime-local" label={t('f_needed_by')} {...p} />
        </>
      );
    case 'mode':
      return (
        <>
          <Select f="mode" label={t('f_mode')} options={opts(OPERATING_MODES, 'st_')} {...p} />
          <Area f="reason" label={t('f_reason')} {...p} />
        </>
      );
    case 'shift':
      return (
        <>
          <Text f="starts_at" type="datetime-local" label={t('f_starts_at')} {...p} />
          <Text f="ends_at" type="datetime-local" label={t('f_ends_at')} {...p} />
          <Area f="officers" label={t('f_officers')} hint={t('h_persons')} {...p} />
        </>
      );
    case 'group':
      return (
        <>
          <Text f="name" label={t('f_name')} {...p} />
          <Text f="head" label={t('f_head')} hint={t('h_head')} {...p} />
          <Area f="members" label={t('f_members')} hint={t('h_persons')} {...p} />
          <Text f="location_name" label={t('f_location_name')} {...p} />
          <Text f="location_at" label={t('f_location_at')} {...p} />
        </>
      );
  }
}
