// One deployment plan (`#/plans/{id}`): while the planner searches, its progress live from the
// event stream and a Stop button; when done, the headline (closure, bound, gap, what binds),
// the comparison with the plan it was made from (for a what-if), the Gantt of movements, the
// closure curve, the routes on the map, the movement table and the what-if panel; when no
// plan can deliver the force, what cannot arrive and why.

import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../../api/client';
import { api } from '../../api/calls';
import { PLAN_ACTIVE, type PlanRecord, type Scenario } from '../../api/planTypes';
import { formatHash } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { planProgress, usePlanRefresh } from '../../data/planLive';
import { isJointStaff } from '../../domain/crisisActions';
import { formatDateTime, formatNumber } from '../../i18n';
import { currentUser } from '../../session/session';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { describeError } from '../../ui/errors';
import { ExerciseBadge, useAsync } from '../crisis/parts';
import { ClosureCurve } from './ClosureCurve';
import { gapPercent } from './ctime';
import { DiffView } from './DiffView';
import { Gantt } from './Gantt';
import { MovementTable } from './MovementTable';
import { PlanMap } from './PlanMap';
import { ChangeList, PlanStatusBadge } from './parts';
import { t, tk } from './plans.messages';
import { ct, dur, when } from './words';
import { WhatIfPanel } from './WhatIfPanel';
import '../crisis/crisis.css';
import './plans.css';

export default function PlanPage({ params }: RouteProps) {
  const id = Number(params.id);
  if (!Number.isInteger(id)) return <ErrorPanel text={t('notFound')} />;
  return <PlanView key={id} id={id} />;
}

/** While a plan is active, read its record this often besides the stream, in case the stream is away. */
const POLL_MS = 10_000;

function PlanView({ id }: { id: number }) {
  const rec = useAsync((signal) => api.planRecord(id, signal), [id]);
  usePlanRefresh(rec.reload, [id]);
  const status = rec.data?.status;
  const active = !!status && PLAN_ACTIVE.includes(status);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(rec.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [active]);
  const done = status === 'done';
  const scenario = useAsync((signal) => api.planScenario(id, signal).catch(() => null), [id]);
  const plan = useAsync((signal) => (done ? api.plan(id, signal) : Promise.resolve(null)), [id, done]);

  if (rec.error && !rec.data) {
    const missing = rec.error instanceof ApiFailure && (rec.error.status === 404 || rec.error.status === 403);
    return missing ? <ErrorPanel text={t('notFound')} /> : <ErrorPanel error={rec.error} onRetry={rec.reload} />;
  }
  if (!rec.data) return <Loading />;
  const r = rec.data;
  const s = scenario.data;
  const mayChange = isJointStaff(currentUser.value);

  return (
    <section class="page plan-page" aria-labelledby="plan-heading" data-testid="plan-page" data-id={id} data-status={r.status}>
      <nav class="crumbs">
        {r.operation_id !== null && (
          <a href={formatHash(`crisis/operation/${r.operation_id}`)} data-testid="plan-operation-link">{t('backToOperation')}</a>
        )}
        {r.parent_id !== null && (
          <>
            {r.operation_id !== null && ' · '}
            <a href={formatHash(`plans/${r.parent_id}`)} data-testid="plan-parent-link">{t('planItem', { id: r.parent_id })}</a>
          </>
        )}
      </nav>
      <div class="page-head">
        <h1 id="plan-heading">{t('heading', { id })}{s ? <span class="muted"> · {s.name}</span> : null}</h1>
        <div class="page-actions">
          <PlanStatusBadge status={r.status} />
          <ExerciseBadge r={{ exercise: r.exercise, marking: r.marking ?? null }} />
        </div>
      </div>
      <p class="muted">
        {t('startedBy', { by: r.created_by, at: formatDateTime(r.created_at) })}
        {r.finished_at && <>, {t('finishedAt', { at: formatDateTime(r.finished_at) })}</>}
      </p>
      {r.parent_id !== null && r.changes.length > 0 && (
        <p data-testid="plan-changes">
          {t('parentNote', { id: r.parent_id })} <ChangeList changes={r.changes} scenario={s} />
        </p>
      )}
      {active && <Progress record={r} mayStop={mayChange} onStopped={rec.reload} />}
      {r.status === 'failed' && (
        <div class="status-panel status-error" role="alert" data-testid="plan-failed">
          <p>{t('failed', { message: r.error?.message ?? '' })}</p>
        </div>
      )}
      {r.status === 'infeasible' && <Infeasible record={r} scenario={s} />}
      {done && r.parent_id !== null && <DiffView id={id} parent={r.parent_id} scenario={s} />}
      {done && !plan.data && (plan.error ? <ErrorPanel error={plan.error} onRetry={plan.reload} /> : <Loading />)}
      {done && plan.data && (
        <>
          <Headline record={r} stopped={plan.data.search.stopped} />
          <Gantt plan={plan.data} scenario={s} epoch={r.epoch} />
          <div class="plan-pair">
            <ClosureCurve plan={plan.data} epoch={r.epoch} />
            {s && <PlanMap plan={plan.data} scenario={s} epoch={r.epoch} />}
          </div>
          <MovementTable plan={plan.data} scenario={s} epoch={r.epoch} planId={id} />
          {mayChange && s && <WhatIfPanel id={id} scenario={s} />}
        </>
      )}
    </section>
  );
}

function Progress({ record, mayStop, onStopped }: { record: PlanRecord; mayStop: boolean; onStopped: () => void }) {
  const p = planProgress.value.get(record.id) ?? record.progress;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const stop = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api.stopPlan(record.id);
      onStopped();
    } catch (e) {
      setProblem(describeError(e));
      setBusy(false);
    }
  };
  const share = p && p.effort > 0 ? Math.min(1, p.candidates / p.effort) : 0;
  return (
    <section class="panel plan-progress" aria-labelledby="plan-progress-heading" data-testid="plan-progress"
      data-candidates={p?.candidates ?? 0}>
      <h2 id="plan-progress-heading">{record.status === 'queued' && !p ? t('queued') : t('searching')}</h2>
      <div class="plan-progress-bar" role="progressbar" aria-label={t('progressLabel')} aria-valuemin={0}
        aria-valuemax={p?.effort ?? 0} aria-valuenow={p?.candidates ?? 0}
        aria-valuetext={p ? t('progressText', { n: formatNumber(p.candidates), total: formatNumber(p.effort) }) : undefined}>
        <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      {p && (
        <dl class="plan-figures">
          <div>
            <dt>{t('progressLabel')}</dt>
            <dd class="num">{t('progressText', { n: formatNumber(p.candidates), total: formatNumber(p.effort) })}</dd>
          </div>
          <div>
            <dt>{t('bestSoFar')}</dt>
            <dd data-testid="progress-best">{ct(p.best_closure)}</dd>
          </div>
          <div>
            <dt>{t('lowerBound')}</dt>
            <dd data-testid="progress-bound">{ct(p.lower_bound)}</dd>
          </div>
          <div>
            <dt>{t('gap')}</dt>
            <dd>{p.lower_bound > 0 ? gapPercent((p.best_closure - p.lower_bound) / p.lower_bound) : '—'}</dd>
          </div>
        </dl>
      )}
      {mayStop && (
        <button type="button" class="button" onClick={stop} disabled={busy} data-testid="plan-stop">
          {busy ? t('stopping') : t('stop')}
        </button>
      )}
      {problem && <p class="field-error" role="alert">{problem}</p>}
    </section>
  );
}

function Headline({ record, stopped }: { record: PlanRecord; stopped: boolean }) {
  const s = record.summary;
  if (!s) return null;
  return (
    <section class="panel plan-headline" aria-label={t('closure')} data-testid="plan-headline" data-closure={s.closure}>
      <dl class="plan-figures plan-figures-large">
        <div>
          <dt>{t('closure')}</dt>
          <dd data-testid="plan-closure">{when(record.epoch, s.closure)}</dd>
        </div>
        <div>
          <dt>{t('lowerBound')}</dt>
          <dd>{when(record.epoch, s.lower_bound)}</dd>
        </div>
        <div>
          <dt>{t('gap')}</dt>
          <dd data-testid="plan-gap">
            {gapPercent(s.gap)} <span class="muted small">({dur(s.closure - s.lower_bound)})</span>
          </dd>
        </div>
        <div>
          <dt>{t('sorties')}</dt>
          <dd class="num">{formatNumber(s.sorties)}</dd>
        </div>
        <div>
          <dt title={t('weightedLatenessHint')}>{t('weightedLateness')}</dt>
          <dd class="num" title={t('weightedLatenessHint')}>{formatNumber(s.weighted_lateness)}</dd>
        </div>
      </dl>
      <p class="plan-binding" data-testid="plan-binding" data-kind={s.binding.kind}>
        <strong>{t('binding')}:</strong> {tk(`bk_${s.binding.kind}`, s.binding.kind)} — {s.binding.text}
      </p>
      {stopped && <p class="muted small">{t('stopped')}</p>}
    </section>
  );
}

function Infeasible({ record, scenario }: { record: PlanRecord; scenario: Scenario | null }) {
  const names = new Map((scenario?.units ?? []).map((u) => [u.id, u.name]));
  const parts = record.error?.unreachable ?? [];
  return (
    <section class="panel plan-infeasible" role="alert" data-testid="plan-infeasible">
      <h2>{t('infeasible')}</h2>
      {record.error?.message && parts.length === 0 && <p>{record.error.message}</p>}
      <ul>
        {parts.map((u, i) => (
          <li key={i} data-unit={u.unit}>
            <strong>{names.get(u.unit) ?? u.unit}</strong> ({tk(`part_${u.part}`, u.part)})
            <ul>{u.reasons.map((why, j) => <li key={j}>{why}</li>)}</ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
