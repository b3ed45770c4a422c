// The contingent form's fields, grouped as an officer thinks of a unit: what it is, where it
// is based, how strong and ready, who may see it. Each input has its label, hint and error
// tied to it (aria-describedby), and the error sits right under the field.

import type { ComponentChildren } from 'preact';
import { READINESS } from '../../api/types';
import { components, stateName, states } from '../../data/reference';
import { readinessLabel, releasabilityLabel, tv } from '../../domain/vocabulary.messages';
import { formatNumber, loc } from '../../i18n';
import { t } from './contingent.messages';
import { MAX_NOTES, REL_LABELS, type FieldError, type FieldErrors, type FieldKey, type FormValues } from './formModel';

/** The Save button sits beside the form and submits it through `form=`, so Enter works too. */
export const FORM_ID = 'contingent-form';

export function errorText(e: FieldError): string {
  if (e.code === 'server') return t('err_server', { message: e.server ?? '' });
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.vars ?? {})) vars[k] = typeof v === 'number' ? formatNumber(v) : v;
  return t(`err_${e.code}`, vars);
}

export interface ContingentFormProps {
  values: FormValues;
  errors: FieldErrors;
  onChange: (patch: Partial<FormValues>) => void;
  onSubmit: () => void;
  readOnly: boolean;
  /** The states offered in the state field (a liaison officer: their own). */
  stateChoices: string[];
}

export function ContingentForm({ values, errors, onChange, onSubmit, readOnly, stateChoices }: ContingentFormProps) {
  const a11y = (f: FieldKey, hint = false) => {
    const ids = [errors[f] ? `e-${f}` : '', hint ? `h-${f}` : ''].filter(Boolean).join(' ');
    return {
      id: `f-${f}`,
      'aria-invalid': errors[f] ? true : undefined,
      'aria-describedby': ids || undefined,
      'data-testid': `field-${f}`,
    } as const;
  };
  const input = (f: 'name' | 'station' | 'lat' | 'lon' | 'personnel' | 'equipment') => ({
    ...a11y(f, f !== 'station'),
    value: values[f],
    onInput: (e: Event) => onChange({ [f]: (e.currentTarget as HTMLInputElement).value }),
  });
  const others = states.value.filter((s) => s.code !== values.state);

  return (
    <form
      id={FORM_ID}
      class="contingent-form"
      data-testid="contingent-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <fieldset disabled={readOnly}>
        <legend>{t('sectionUnit')}</legend>
        <Field f="state" label={tv('field_state')} error={errors.state}>
          <select {...a11y('state')} value={values.state} onChange={(e) => onChange({ state: e.currentTarget.value })}>
            {stateChoices.length !== 1 && <option value="">{t('chooseState')}</option>}
            {stateChoices.map((code) => (
              <option key={code} value={code}>{`${stateName(code)} (${code})`}</option>
            ))}
          </select>
        </Field>
        <Field f="component" label={tv('field_component')} error={errors.component}>
          <select {...a11y('component')} value={values.component}
            onChange={(e) => onChange({ component: e.currentTarget.value })}>
            <option value="">{t('chooseComponent')}</option>
            {components.value.map((c) => (
              <option key={c.key} value={c.key}>
                {c.abbreviation ? `${loc(c.abbreviation)} — ${loc(c.name)}` : loc(c.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field f="name" label={tv('field_name')} error={errors.name} hint={t('hintName')}>
          <input {...input('name')} maxLength={400} autoComplete="off" />
        </Field>
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>{t('sectionStation')}</legend>
        <Field f="station" label={tv('field_station')} error={errors.station}>
          <input {...input('station')} maxLength={400} autoComplete="off" />
        </Field>
        <div class="row">
          <Field f="lat" label={tv('field_lat')} error={errors.lat} hint={t('hintLat')}>
            <input {...input('lat')} inputMode="decimal" autoComplete="off" />
          </Field>
          <Field f="lon" label={tv('field_lon')} error={errors.lon} hint={t('hintLon')}>
            <input {...input('lon')} inputMode="decimal" autoComplete="off" />
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>{t('sectionStrength')}</legend>
        <div class="row">
          <Field f="personnel" label={tv('field_personnel')} error={errors.personnel} hint={t('hintCount')}>
            <input {...input('personnel')} inputMode="numeric" autoComplete="off" />
          </Field>
          <Field f="equipment" label={tv('field_equipment')} error={errors.equipment} hint={t('hintCount')}>
            <input {...input('equipment')} inputMode="numeric" autoComplete="off" />
          </Field>
        </div>
        <Field f="readiness" label={tv('field_readiness')} error={errors.readiness}>
          <select {...a11y('readiness')} value={values.readiness}
            onChange={(e) => onChange({ readiness: e.currentTarget.value })}>
            {READINESS.map((r) => (
              <option key={r} value={r}>{readinessLabel(r)}</option>
            ))}
          </select>
        </Field>
      </fieldset>

      <fieldset disabled={readOnly} aria-describedby={errors.releasability ? 'e-releasability' : 'h-releasability'}
        data-testid="field-releasability">
        <legend>{t('sectionReleasability')}</legend>
        <div class="rel-options" role="radiogroup" aria-label={tv('field_releasability')}
          aria-invalid={errors.releasability ? true : undefined}>
          {REL_LABELS.map((label, i) => (
            <label key={label} class="check">
              <input type="radio" name="releasability" value={label} id={i === 0 ? 'f-releasability' : undefined}
                checked={values.relLabel === label} onChange={() => onChange({ relLabel: label })}
                data-testid={`field-releasability-${label}`} />
              {releasabilityLabel(label)}
            </label>
          ))}
        </div>
        {values.relLabel === 'states' && (
          <fieldset class="rel-states">
            <legend>{t('relStatesLegend')}</legend>
            {others.map((s) => (
              <label key={s.code} class="check">
                <input type="checkbox" checked={values.relStates.includes(s.code)}
                  data-testid={`field-releasability-state-${s.code}`}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    const set = new Set(values.relStates);
                    if (on) set.add(s.code);
                    else set.delete(s.code);
                    onChange({ relStates: [...set].sort() });
                  }} />
                {loc(s.short_name)}
              </label>
            ))}
          </fieldset>
        )}
        <span id="h-releasability" class="hint">{t('relOwnerNote')}</span>
        {errors.releasability && <FieldErrorText f="releasability" error={errors.releasability} />}
      </fieldset>

      <fieldset disabled={readOnly} class="notes-panel">
        <Field f="notes" label={tv('field_notes')} error={errors.notes}
          hint={t('hintNotes', { used: formatNumber([...values.notes].length), max: formatNumber(MAX_NOTES) })}>
          <textarea {...a11y('notes', true)} rows={3} value={values.notes}
            onInput={(e) => onChange({ notes: e.currentTarget.value })} />
        </Field>
      </fieldset>
    </form>
  );
}

function Field({ f, label, error, hint, children }: {
  f: FieldKey;
  label: string;
  error?: FieldError;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="field" data-field={f}>
      <label for={`f-${f}`}>{label}</label>
      {children}
      {hint && <span id={`h-${f}`} class="hint">{hint}</span>}
      {error && <FieldErrorText f={f} error={error} />}
    </div>
  );
}

function FieldErrorText({ f, error }: { f: FieldKey; error: FieldError }) {
  return (
    <p id={`e-${f}`} class="field-error" data-testid={`error-${f}`}>
      {errorText(error)}
    </p>
  );
}
