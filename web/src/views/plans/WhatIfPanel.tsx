// The what-if panel: a state refuses transit, an airfield is lost, aircraft of a type are
// added or removed, a unit is ready earlier or later. The change being written and any added
// before it go to the planner in one click; the new plan opens, and once done it shows how
// it differs from this one. Only what the planner would accept is offered (whatif.ts).

import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api/calls';
import { CHANGE_KINDS, type Change, type ChangeKind, type Scenario } from '../../api/planTypes';
import { navigate } from '../../app/router';
import { stateName } from '../../data/reference';
import { describeError } from '../../ui/errors';
import { changeText } from './parts';
import { t } from './plans.messages';
import { changeOf, whatIfOptions, type FormProblem, type WhatIfForm } from './whatif';

const EMPTY: WhatIfForm = { kind: 'add_aircraft', target: '', amount: '' };

export function WhatIfPanel({ id, scenario }: { id: number; scenario: Scenario }) {
  const options = useMemo(() => whatIfOptions(scenario), [scenario]);
  const [form, setForm] = useState<WhatIfForm>({ ...EMPTY, target: options.aircraft[0]?.id ?? '', amount: '' });
  const [changes, setChanges] = useState<Change[]>([]);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setKind = (kind: ChangeKind) => {
    setProblem(null);
    const first = { refuse_transit: options.states[0], lose_airfield: options.airfields[0]?.id, add_aircraft: options.aircraft[0]?.id, move_ready: options.units[0]?.id }[kind];
    setForm({ kind, target: first ?? '', amount: '' });
  };
  const current = (): Change | null => {
    const r = changeOf(form);
    if ('problem' in r) {
      setProblem(r.problem);
      return null;
    }
    setProblem(null);
    return r.change;
  };
  const add = () => {
    const c = current();
    if (c) {
      setChanges([...changes, c]);
      setForm({ ...form, amount: '' });
    }
  };
  const replan = async (e: Event) => {
    e.preventDefault();
    // The change in the form counts unless it is untouched and others were added before.
    const untouched = changes.length > 0 && needsAmount(form.kind) && !form.amount.trim();
    const c = untouched ? null : current();
    if (!c && !untouched) return;
    const all = c ? [...changes, c] : changes;
    setBusy(true);
    setRefused(null);
    try {
      const next = await api.whatIf(id, all);
      navigate(`plans/${next.id}`);
    } catch (err) {
      setRefused(describeError(err));
      setBusy(false);
    }
  };

  const targets: { value: string; label: string }[] =
    form.kind === 'refuse_transit'
      ? options.states.map((s) => ({ value: s, label: stateName(s) }))
      : form.kind === 'lose_airfield'
        ? options.airfields.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` }))
        : form.kind === 'add_aircraft'
          ? options.aircraft.map((a) => ({ value: a.id, label: `${a.id} (${a.count})` }))
          : options.units.map((u) => ({ value: u.id, label: u.name }));
  const targetLabel = { refuse_transit: t('wfState'), lose_airfield: t('wfAirfield'), add_aircraft: t('wfAircraft'), move_ready: t('wfUnit') }[form.kind];

  return (
    <section class="panel plan-whatif" aria-labelledby="whatif-heading" data-testid="whatif">
      <h2 id="whatif-heading">{t('whatIf')}</h2>
      <p class="muted small">{t('whatIfHint')}</p>
      <form class="plan-whatif-form" onSubmit={replan} noValidate>
        <div class="field">
          <label for="whatif-kind">{t('wfKind')}</label>
          <select id="whatif-kind" value={form.kind} onChange={(e) => setKind(e.currentTarget.value as ChangeKind)} data-testid="whatif-kind">
            {CHANGE_KINDS.map((k) => <option key={k} value={k}>{t(`wk_${k}`)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="whatif-target">{targetLabel}</label>
          <select id="whatif-target" value={form.target} onChange={(e) => setForm({ ...form, target: e.currentTarget.value })}
            aria-invalid={problem === 'target' ? 'true' : undefined} aria-describedby={problem === 'target' ? 'whatif-problem' : undefined}
            data-testid="whatif-target">
            <option value="">{t('choose')}</option>
            {targets.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
        {needsAmount(form.kind) && (
          <div class="field">
            <label for="whatif-amount">{form.kind === 'add_aircraft' ? t('wfCount') : t('wfHours')}</label>
            <input id="whatif-amount" type="text" inputMode="decimal" value={form.amount}
              onInput={(e) => setForm({ ...form, amount: e.currentTarget.value })}
              aria-invalid={problem === 'amount' ? 'true' : undefined} aria-describedby={problem === 'amount' ? 'whatif-problem' : undefined}
              data-testid="whatif-amount" />
          </div>
        )}
        {problem && (
          <p class="field-error" id="whatif-problem" role="alert" data-testid="whatif-problem">
            {problem === 'target' ? t('err_target') : form.kind === 'add_aircraft' ? t('err_amount_add_aircraft') : t('err_amount_move_ready')}
          </p>
        )}
        {changes.length > 0 && (
          <div data-testid="whatif-changes">
            <h3>{t('changesToTry')}</h3>
            <ul class="plan-whatif-changes">
              {changes.map((c, i) => (
                <li key={i}>
                  {changeText(c, scenario)}{' '}
                  <button type="button" class="link-button" onClick={() => setChanges(changes.filter((_, j) => j !== i))}>
                    {t('removeChange')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div class="crisis-action-buttons">
          <button type="button" class="button" onClick={add} disabled={busy} data-testid="whatif-add">{t('addChange')}</button>
          <button type="submit" class="button button-primary" disabled={busy} data-testid="whatif-run">
            {busy ? t('replanning') : t('replan')}
          </button>
        </div>
        {refused && <p class="field-error" role="alert" data-testid="whatif-refused">{refused}</p>}
      </form>
    </section>
  );
}

const needsAmount = (k: ChangeKind) => k === 'add_aircraft' || k === 'move_ready';
