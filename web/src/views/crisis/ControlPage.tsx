// The control of a decision's execution (`#/crisis/decision/{id}/control`): its tasks by
// deadline with who answers for each, the deadline, the status and the reports of execution;
// overdue tasks in red with how late they are; and the tasks done, open, overdue and
// cancelled as one stacked bar. Follows the live stream: any change to the chain loads it
// again (a new task under the decision is a record the page has not seen yet).

import { ApiFailure } from '../../api/client';
import { api } from '../../api/calls';
import type { ControlReport, CrisisRecord, TaskSpec, TaskState } from '../../api/crisisTypes';
import type { RouteProps } from '../../app/routes';
import { useCrisisRefresh } from '../../data/crisisLive';
import { stateName, useReference } from '../../data/reference';
import { formatDateTime, formatNumber, loc } from '../../i18n';
import { BarChart } from '../../ui/BarChart';
import { DataTable } from '../../ui/DataTable';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { splitMinutes } from './board';
import { CONTROL_PARTS, controlBar, controlCounts, lateMinutes, responsibleOf, type ControlPart } from './control';
import { t } from './crisis.messages';
import { ExerciseBadge, RecordLink, recordHref, StatusBadge, useAsync } from './parts';
import './crisis.css';

export default function ControlPage({ params }: RouteProps) {
  const id = Number(params.id);
  if (!Number.isInteger(id)) return <ErrorPanel text={t('notFound')} />;
  return <Control key={id} id={id} />;
}

const partLabel = (p: ControlPart) => t(`ctl_${p}`);

function Control({ id }: { id: number }) {
  const report = useAsync((signal) => api.control(id, signal), [id]);
  useCrisisRefresh(report.reload);
  if (report.error && !report.data) {
    const missing = report.error instanceof ApiFailure && report.error.status === 404;
    return missing ? <ErrorPanel text={t('notFound')} /> : <ErrorPanel error={report.error} onRetry={report.reload} />;
  }
  if (!report.data) return <Loading />;
  const r = report.data;
  return (
    <section class="page crisis-control" aria-labelledby="control-heading" data-testid="crisis-control" data-id={id}>
      <nav class="crumbs">
        <a href="#/crisis">{t('back')}</a>
        {' · '}
        {t('parent')} <RecordLink r={r.decision} />
      </nav>
      <div class="page-head">
        <h1 id="control-heading">
          <span class="muted">{t('controlHeading')}</span> {r.decision.title}{' '}
          {r.decision.number !== null && <span class="muted">{t('number', { n: r.decision.number })}</span>}
        </h1>
        <div class="page-actions">
          <StatusBadge status={r.decision.status} />
          <ExerciseBadge r={r.decision} />
        </div>
      </div>
      <p class="muted small">{t('controlAsOf', { at: formatDateTime(r.now) })}</p>
      <Summary report={r} />
      <section class="panel">
        <h2>{t('tasks')} <span class="muted">({r.tasks.length})</span></h2>
        {r.tasks.length === 0 ? (
          <p class="muted" data-testid="control-no-tasks">{t('controlNoTasks')}</p>
        ) : (
          <Tasks tasks={r.tasks} now={new Date(r.now)} />
        )}
      </section>
    </section>
  );
}

function Summary({ report }: { report: ControlReport }) {
  const counts = controlCounts(report);
  const bar = controlBar(report, t('tasks'), partLabel);
  return (
    <section class="panel crisis-control-summary" data-testid="control-summary">
      <BarChart title={t('controlReport', { done: report.done, open: report.open, overdue: report.overdue })} rows={[bar]}
        format={formatNumber} testId="control-chart"
        describe={(row) => CONTROL_PARTS.map((p) => `${partLabel(p.key)}: ${counts[p.key]}`).join(', ') || row.label} />
      <ul class="crisis-legend">
        {CONTROL_PARTS.map((p) => (
          <li key={p.key} data-testid={`control-count-${p.key}`} data-count={counts[p.key]}>
            <svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill={p.colour} /></svg>{' '}
            {partLabel(p.key)}: <strong class="num">{formatNumber(counts[p.key])}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Tasks({ tasks, now }: { tasks: CrisisRecord[]; now: Date }) {
  const bodies = useReference('bodies');
  const who = (task: CrisisRecord) => {
    const r = responsibleOf(task);
    if (!r) return '—';
    if ('state' in r) return stateName(r.state);
    const b = (bodies.rows ?? []).find((x) => x.key === r.body);
    return b ? loc(b.name) : r.body;
  };
  return (
    <DataTable testid="control-tasks"
      columns={[t('f_title'), t('f_responsible'), t('f_deadline'), t('colStatus'), t('reports')]}>
      {tasks.map((task) => {
        const late = lateMinutes(task, now);
        const spec = task.spec as unknown as TaskSpec;
        const reports = (task.state as unknown as TaskState).reports ?? [];
        return (
          <tr key={task.id} data-id={task.id} data-overdue={late > 0 ? 'true' : undefined} class={late > 0 ? 'crisis-overdue' : undefined}>
            <td><a href={recordHref(task)} data-testid="control-task-link">{task.title || spec.title}</a></td>
            <td>{who(task)}</td>
            <td>
              {spec.deadline ? formatDateTime(spec.deadline) : '—'}
              {late > 0 && (
                <div class="small" data-testid="overdue-by"><strong>{t('overdueBy', splitMinutes(late))}</strong></div>
              )}
            </td>
            <td><StatusBadge status={task.status} /></td>
            <td>
              {reports.length === 0 ? (
                <span class="muted">—</span>
              ) : (
                <ul class="crisis-reports">
                  {reports.map((n, i) => (
                    <li key={i}><time>{formatDateTime(n.at)}</time>, {n.by}: {n.text}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
