// Movement planning on an operation's record page: the operation's deployment plans with
// their status and closure (for everyone who may see the operation), and for the Joint Staff
// the button that plans the deployment and opens the new plan. Follows the live stream.

import { useState } from 'preact/hooks';
import { api } from '../../api/calls';
import type { PlanRecord } from '../../api/planTypes';
import { formatHash, navigate } from '../../app/router';
import { usePlanRefresh } from '../../data/planLive';
import { isJointStaff } from '../../domain/crisisActions';
import { formatDateTime } from '../../i18n';
import { currentUser } from '../../session/session';
import { describeError } from '../../ui/errors';
import { useAsync } from '../crisis/parts';
import { PlanStatusBadge } from './parts';
import { t } from './plans.messages';
import { ct } from './words';

export function PlanningSection({ operation }: { operation: number }) {
  const plans = useAsync((signal) => api.plans({ operation_id: operation }, signal), [operation]);
  usePlanRefresh(plans.reload);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const mayPlan = isJointStaff(currentUser.value);

  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const rec = await api.startPlan(operation, {});
      navigate(`plans/${rec.id}`);
    } catch (e) {
      setProblem(describeError(e));
      setBusy(false);
    }
  };

  const items = plans.data ?? [];
  return (
    <section class="panel plan-section" aria-labelledby="planning-heading" data-testid="planning" data-plans={items.length}>
      <h2 id="planning-heading">{t('planning')}</h2>
      {mayPlan && (
        <>
          <p class="muted small">{t('planStartHint')}</p>
          <button type="button" class="button button-primary" onClick={start} disabled={busy} data-testid="plan-start">
            {busy ? t('planStarting') : t('planStart')}
          </button>
          {problem && <p class="field-error" role="alert" data-testid="plan-start-refused">{problem}</p>}
        </>
      )}
      {plans.error && !plans.data ? (
        <p class="field-error" role="alert">{describeError(plans.error)}</p>
      ) : plans.data && items.length === 0 ? (
        <p class="muted" data-testid="plans-none">{t('noPlans')}</p>
      ) : (
        <ul class="plan-list" data-testid="plan-list">
          {items.map((p) => <PlanItem key={p.id} p={p} />)}
        </ul>
      )}
    </section>
  );
}

function PlanItem({ p }: { p: PlanRecord }) {
  return (
    <li data-id={p.id} data-status={p.status}>
      <a href={formatHash(`plans/${p.id}`)} data-testid="plan-link">{t('planItem', { id: p.id })}</a>{' '}
      <PlanStatusBadge status={p.status} />
      {p.summary && <> {t('colClosure')}: <strong>{ct(p.summary.closure)}</strong></>}
      {p.parent_id !== null && <span class="muted small"> · {t('whatIfOf', { id: p.parent_id })}</span>}
      <div class="muted small">{p.created_by}, {formatDateTime(p.created_at)}</div>
    </li>
  );
}
