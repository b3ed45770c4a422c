// Joint training (`#/training`): the year's exercises as a Gantt (exact dates solid,
// imprecise ones as faded windows, held-together and linked exercises joined), the
// statistics as bar charts with the organization's stated figures marked, and the exercise
// runs with their clocks.

import { useState } from 'preact/hooks';
import { formatHash } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { useTrainingRefresh } from '../../data/trainingLive';
import { formatNumber, loc } from '../../i18n';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { useAsync } from '../crisis/parts';
import { designApi, trainingApi, type Figure, type Run, type Statistics } from './api';
import { layoutBars, type BarInput } from './bars';
import { periodWindow } from './period';
import { t } from './training.messages';
import { layoutYear, type GanttBar } from './yearGantt';
import { FollowUpPanel } from './FollowUpPanel';
import { YearPlanPanel } from './YearPlanPanel';
import './training.css';

const YEARS = [2024, 2025, 2026];

export default function TrainingPage({ query }: RouteProps) {
  const [year, setYear] = useState(Number(query.year) || 2025);
  return (
    <section class="page training-page" aria-labelledby="training-heading" data-testid="training-page">
      <div class="page-head">
        <h1 id="training-heading">{t('heading')}</h1>
        <label class="year-pick">
          {t('year')}{' '}
          <select data-testid="training-year" value={year} onChange={(e) => setYear(Number((e.target as HTMLSelectElement).value))}>
            {YEARS.map((y) => (
              <option value={y}>{y}</option>
            ))}
          </select>
        </label>
      </div>
      <YearView year={year} />
      <YearPlanPanel year={year} />
      <StatisticsView />
      <DesignsView />
      <RunsView />
      <FollowUpPanel />
    </section>
  );
}

const W = 900;
const ROW = 26;
const LEFT = 220;

function YearView({ year }: { year: number }) {
  const xs = useAsync((signal) => trainingApi.exercises(year, signal), [year]);
  useTrainingRefresh(xs.reload);
  const [picked, setPicked] = useState<GanttBar | null>(null);
  if (xs.error) return <ErrorPanel error={xs.error} onRetry={xs.reload} />;
  if (!xs.data) return <Loading />;
  const layout = layoutYear(year, xs.data.map((r) => r.spec));
  const height = layout.bars.length * ROW + 30;
  const span = W - LEFT - 10;
  const x = (f: number) => LEFT + f * span;
  const y = (row: number) => 24 + row * ROW;
  return (
    <div class="panel">
      <h2>{t('yearView')}</h2>
      <p class="muted">{t('yearHint')}</p>
      {layout.bars.length === 0 ? (
        <p data-testid="training-gantt-empty">{t('noExercises')}</p>
      ) : (
        <svg class="year-gantt" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={t('ganttLabel', { year })} data-testid="training-gantt">
          {layout.months.map((m, i) => (
            <g>
              <line x1={x(m)} x2={x(m)} y1={14} y2={height} class="month-line" />
              <text x={x(m) + 3} y={12} class="month-label">
                {new Date(Date.UTC(year, i, 1)).toLocaleString(undefined, { month: 'short', timeZone: 'UTC' })}
              </text>
            </g>
          ))}
          {layout.links.map((l) => (
            <line
              x1={x(l.x[0])}
              x2={x(l.x[1])}
              y1={y(l.rows[0]) + ROW / 2}
              y2={y(l.rows[1]) + ROW / 2}
              class={`gantt-link ${l.kind}`}
              data-testid="training-gantt-link"
            >
              <title>{`${l.from} — ${l.kind.replace(/_/g, ' ')} — ${l.to}`}</title>
            </line>
          ))}
          {layout.bars.map((b) => (
            <g
              class={`gantt-row${picked?.key === b.key ? ' picked' : ''}`}
              data-testid="training-gantt-bar"
              data-key={b.key}
              tabIndex={0}
              role="button"
              aria-label={loc(b.exercise.name)}
              onClick={() => setPicked(b)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setPicked(b)}
            >
              <text x={6} y={y(b.row) + ROW / 2 + 4} class="row-label">
                {loc(b.exercise.name)} · {b.exercise.host}
              </text>
              <rect
                x={x(b.x0)}
                y={y(b.row) + 4}
                width={Math.max(3, x(b.x1) - x(b.x0))}
                height={ROW - 8}
                class={`bar kind-${b.exercise.kind}${b.exact ? '' : ' imprecise'}`}
              />
            </g>
          ))}
        </svg>
      )}
      {picked && <ExerciseDetails bar={picked} />}
    </div>
  );
}

function ExerciseDetails({ bar }: { bar: GanttBar }) {
  const x = bar.exercise;
  const [a, b] = periodWindow(x.dates);
  return (
    <dl class="exercise-details" data-testid="training-exercise-details">
      <dt>{t('colExercise')}</dt>
      <dd>{loc(x.name)}</dd>
      <dt>{t('kind')}</dt>
      <dd>{x.kind.replace(/_/g, ' ')}</dd>
      <dt>{t('host')}</dt>
      <dd>{x.host}</dd>
      <dt>{t('dates')}</dt>
      <dd>
        {x.dates.precision.replace('_', ' ')}: {a} – {b}
      </dd>
      {(['personnel', 'equipment', 'media_stories'] as const).map((k) =>
        x[k] ? (
          <>
            <dt>{t(`fig_${k}`)}</dt>
            <dd>{`${x[k]!.qualifier === 'exact' ? '' : `${x[k]!.qualifier} `}${formatNumber(x[k]!.value)}`}</dd>
          </>
        ) : null,
      )}
      {(x.links ?? []).map((l) => (
        <>
          <dt>{l.kind.replace(/_/g, ' ')}</dt>
          <dd>{l.target}</dd>
        </>
      ))}
    </dl>
  );
}

function stated(f: Figure): BarInput['stated'] {
  return f.stated ?? null;
}

function StatisticsView() {
  const s = useAsync((signal) => trainingApi.statistics(signal), []);
  useTrainingRefresh(s.reload);
  if (s.error) return <ErrorPanel error={s.error} onRetry={s.reload} />;
  if (!s.data) return <Loading />;
  const st: Statistics = s.data;
  const sf = st.since_founding;
  return (
    <div class="panel" data-testid="training-statistics">
      <h2>{t('statistics')}</h2>
      {sf.stated && (
        <p data-testid="training-since-founding">
          {t('sinceFounding', { q: sf.stated.qualifier, n: formatNumber(sf.stated.value), asOf: sf.as_of, k: sf.held_in_catalogue })}
        </p>
      )}
      <div class="charts">
        <BarChart
          title={t('statExercises')}
          testId="chart-exercises"
          items={st.years.map((y) => ({ label: String(y.year), value: y.tally.exercises }))}
        />
        <BarChart
          title={t('statPersonnel')}
          testId="chart-personnel"
          items={st.years.map((y) => ({ label: String(y.year), value: y.tally.personnel.sum.known, stated: stated(y.tally.personnel) }))}
        />
        <BarChart
          title={t('statMedia')}
          testId="chart-media"
          items={st.years.map((y) => ({ label: String(y.year), value: y.tally.media_stories.sum.known, stated: stated(y.tally.media_stories) }))}
        />
        <BarChart
          title={t('statBySeries')}
          testId="chart-series"
          items={st.series.map((x) => ({ label: x.series, value: x.tally.exercises }))}
        />
        <BarChart
          title={t('statByHost')}
          testId="chart-hosts"
          items={st.hosts.map((x) => ({ label: x.state, value: x.tally.exercises }))}
        />
      </div>
    </div>
  );
}

function BarChart({ title, items, testId }: { title: string; items: BarInput[]; testId: string }) {
  const bars = layoutBars(items);
  const w = 420;
  const left = 90;
  const span = w - left - 120;
  const h = bars.length * 22 + 8;
  return (
    <figure class="bar-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={title}>
        {bars.map((b, i) => (
          <g data-testid={`${testId}-bar`} data-label={b.label} data-value={b.value}>
            <text x={left - 6} y={i * 22 + 18} class="bar-label" text-anchor="end">
              {b.label}
            </text>
            <rect x={left} y={i * 22 + 6} width={Math.max(1, b.share * span)} height={15} class="bar-value" />
            {b.statedShare !== null && (
              <line x1={left + b.statedShare * span} x2={left + b.statedShare * span} y1={i * 22 + 3} y2={i * 22 + 24} class="bar-stated" />
            )}
            <text x={left + Math.max(b.share, b.statedShare ?? 0) * span + 6} y={i * 22 + 18} class="bar-figure">
              {formatNumber(b.value)}
              {b.stated ? ` (${t('statedOver', { q: b.stated.qualifier, n: formatNumber(b.stated.value) })})` : ''}
            </text>
          </g>
        ))}
      </svg>
      <table class="visually-hidden">
        <tbody>
          {bars.map((b) => (
            <tr>
              <th>{b.label}</th>
              <td>{b.value}</td>
              <td>{b.stated ? `${b.stated.qualifier} ${b.stated.value}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function RunsView() {
  const runs = useAsync((signal) => trainingApi.runs(signal), []);
  useTrainingRefresh(runs.reload);
  if (runs.error) return <ErrorPanel error={runs.error} onRetry={runs.reload} />;
  if (!runs.data) return <Loading />;
  return (
    <div class="panel">
      <h2>{t('runs')}</h2>
      {runs.data.length === 0 ? (
        <p>{t('noRuns')}</p>
      ) : (
        <table class="data" data-testid="training-runs">
          <thead>
            <tr>
              <th>{t('colRun')}</th>
              <th>{t('colExercise')}</th>
              <th>{t('colClock')}</th>
              <th>{t('colReleased')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.map((r: Run) => (
              <tr data-testid="training-run-row" data-id={r.id}>
                <td>
                  <a href={formatHash(`training/runs/${r.id}`)}>{r.id}</a>
                </td>
                <td>
                  {r.name} <span class="exercise-mark">{t('exerciseMarking', { m: r.marking })}</span>
                </td>
                <td>{t(`clock_${r.status}`)}</td>
                <td>
                  {r.released} / {r.injects}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function DesignsView() {
  const designs = useAsync((signal) => designApi.designs(signal), []);
  useTrainingRefresh(designs.reload);
  if (designs.error) return <ErrorPanel error={designs.error} onRetry={designs.reload} />;
  if (!designs.data) return <Loading />;
  return (
    <div class="panel">
      <h2>{t('designs')}</h2>
      {designs.data.length === 0 ? (
        <p>{t('noDesigns')}</p>
      ) : (
        <ul data-testid="training-designs">
          {designs.data.map((d) => (
            <li>
              <a href={formatHash(`training/designs/${d.id}`)} data-testid="training-design-link" data-id={d.id}>
                {d.spec.name}
              </a>{' '}
              <span class="exercise-mark">{t('exerciseMarking', { m: d.spec.marking })}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
