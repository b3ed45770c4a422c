// The Plan for Joint Training of a year: its status and versions, each state's answer in
// coordination, the bodies' approval, its conflicts, the iCalendar and printable exports,
// and the steps the signed-in user may take (the Joint Staff draft, send for coordination,
// submit and record approvals; a liaison officer answers for their own state).

import { useState } from 'preact/hooks';
import { useTrainingRefresh } from '../../data/trainingLive';
import { isJointStaff } from '../../domain/crisisActions';
import { currentUser } from '../../session/session';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { describeError } from '../../ui/errors';
import { useAsync } from '../crisis/parts';
import { planApi, type YearPlan } from './api';
import { t } from './training.messages';

const STATES = ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK'];

export function YearPlanPanel({ year }: { year: number }) {
  const plans = useAsync((signal) => planApi.plans(year, signal), [year]);
  useTrainingRefresh(plans.reload);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      plans.reload();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  if (plans.error) return <ErrorPanel error={plans.error} onRetry={plans.reload} />;
  if (!plans.data) return <Loading />;
  const user = currentUser.value;
  const js = isJointStaff(user);
  const plan = plans.data.find((p) => p.status !== 'withdrawn');
  return (
    <div class="panel" data-testid="year-plan">
      <h2>{t('planHeading', { year })}</h2>
      {!plan ? (
        <>
          <p data-testid="year-plan-none">{t('planNone')}</p>
          {js && (
            <button
              disabled={busy}
              data-testid="year-plan-draft"
              onClick={() => act(() => planApi.draft(year, { en: `Plan for Joint Training ${year}`, ru: `План совместной подготовки на ${year} год` }))}
            >
              {t('planDraft')}
            </button>
          )}
        </>
      ) : (
        <PlanBody plan={plan} busy={busy} act={act} />
      )}
      {error && (
        <p class="error" role="alert" data-testid="year-plan-error">
          {error}
        </p>
      )}
    </div>
  );
}

function PlanBody({ plan, busy, act }: { plan: YearPlan; busy: boolean; act: (f: () => Promise<unknown>) => void }) {
  const conflicts = useAsync((signal) => planApi.conflicts(plan.id, signal), [plan.id, plan.version]);
  const user = currentUser.value;
  const js = isJointStaff(user);
  const current = plan.state.versions[plan.state.versions.length - 1];
  const [comment, setComment] = useState('');
  const [approval, setApproval] = useState({ body: 'council_of_defence_ministers', number: '', date: '' });
  const cmd = (c: Record<string, unknown>) => act(() => planApi.command(plan.id, c));
  const myState = user?.role === 'liaison_officer' ? user.state : null;
  const mayAnswer = plan.status === 'coordinating' && !!myState && !!current?.coordinating.includes(myState);
  return (
    <div data-testid="year-plan-body" data-status={plan.status} data-id={plan.id}>
      <p>
        <b>{plan.title}</b> · {t('planStatus')}: <span data-testid="year-plan-status">{plan.status.replace(/_/g, ' ')}</span> ·{' '}
        {t('planVersion', { n: plan.plan_version })}
        {plan.in_force !== null ? ` · ${t('planInForce', { n: plan.in_force })}` : ''}
      </p>
      <p>
        <a href={`/api/v1/training/plans/${plan.id}/calendar.ics`} data-testid="year-plan-ics">
          {t('planIcs')}
        </a>{' '}
        ·{' '}
        <a href={`/api/v1/training/plans/${plan.id}/print`} target="_blank" rel="noopener" data-testid="year-plan-print">
          {t('planPrint')}
        </a>
      </p>
      {current && current.coordinating.length > 0 && (
        <table class="data" data-testid="year-plan-answers">
          <thead>
            <tr>
              <th>{t('planState')}</th>
              <th>{t('planAnswer')}</th>
            </tr>
          </thead>
          <tbody>
            {current.coordinating.map((s) => {
              const answers = current.answers.filter((a) => a.state === s && a.revision === current.revision);
              const last = answers[answers.length - 1];
              return (
                <tr data-testid="year-plan-answer" data-state={s} data-answer={last?.answer ?? ''}>
                  <td>{s}</td>
                  <td>{last ? `${t(`answer_${last.answer}`)}${last.text ? `: ${last.text}` : ''} (${last.by})` : t('answerNone')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {current && current.approvals.length > 0 && (
        <ul data-testid="year-plan-approvals">
          {current.approvals.map((a) => (
            <li>{t('approvalLine', { body: a.body.replace(/_/g, ' '), n: a.number, date: a.date })}</li>
          ))}
        </ul>
      )}
      {conflicts.data && conflicts.data.length > 0 && (
        <>
          <h3>{t('planConflicts')}</h3>
          <ul data-testid="year-plan-conflicts">
            {conflicts.data.map((f) => (
              <li class={`finding ${f.severity}`}>
                {f.certainty === 'possible' ? `${t('possible')}: ` : ''}
                {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="plan-actions">
        {js && plan.status === 'drafting' && (
          <button disabled={busy} data-testid="year-plan-send" onClick={() => cmd({ command: 'send_for_coordination', states: STATES })}>
            {t('planSend')}
          </button>
        )}
        {js && plan.status === 'coordinating' && (
          <button disabled={busy} data-testid="year-plan-submit" onClick={() => cmd({ command: 'submit' })}>
            {t('planSubmit')}
          </button>
        )}
        {js && plan.status === 'submitted' && (
          <span class="approval-form">
            <select value={approval.body} onChange={(e) => setApproval({ ...approval, body: (e.target as HTMLSelectElement).value })}>
              <option value="council_of_defence_ministers">{t('bodyCouncil')}</option>
              <option value="committee_of_secretaries">{t('bodyCommittee')}</option>
            </select>
            <input
              type="number"
              placeholder={t('decisionNumber')}
              value={approval.number}
              onInput={(e) => setApproval({ ...approval, number: (e.target as HTMLInputElement).value })}
            />
            <input type="date" value={approval.date} onInput={(e) => setApproval({ ...approval, date: (e.target as HTMLInputElement).value })} />
            <button
              disabled={busy || !approval.number || !approval.date}
              onClick={() => cmd({ command: 'approve', body: approval.body, number: Number(approval.number), date: approval.date })}
            >
              {t('planApprove')}
            </button>
          </span>
        )}
        {mayAnswer && (
          <span class="answer-form">
            <button disabled={busy} data-testid="year-plan-agree" onClick={() => cmd({ command: 'answer', state: myState, answer: 'agrees' })}>
              {t('planAgree', { state: myState! })}
            </button>
            <input
              placeholder={t('planComment')}
              value={comment}
              data-testid="year-plan-comment-text"
              onInput={(e) => setComment((e.target as HTMLInputElement).value)}
            />
            <button
              disabled={busy || !comment.trim()}
              data-testid="year-plan-comment"
              onClick={() => cmd({ command: 'answer', state: myState, answer: 'comments', text: comment })}
            >
              {t('planSendComment')}
            </button>
          </span>
        )}
      </div>
    </div>
  );
}
