// A what-if plan against the plan it was made from: the force's closure before and after,
// sorties and weighted lateness, and each unit whose closure or modes changed.

import { ApiFailure } from '../../api/client';
import { api } from '../../api/calls';
import type { Scenario } from '../../api/planTypes';
import { formatHash } from '../../app/router';
import { formatNumber } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { useAsync } from '../crisis/parts';
import { diffRows, headlineTrend, modeText, type Trend } from './diff';
import { modeLabel, t } from './plans.messages';
import { ct, dur } from './words';

function trendText(trend: Trend, delta: number | null): string {
  if (trend === 'earlier' || trend === 'later') return t(`trend_${trend}`, { d: dur(Math.abs(delta ?? 0)) });
  return t(`trend_${trend}`);
}

export function DiffView({ id, parent, scenario }: { id: number; parent: number; scenario: Scenario | null }) {
  const diff = useAsync((signal) => api.planDiff(id, signal), [id]);
  const heading = (
    <h2 id="diff-heading">
      {t('diff', { id: parent })} <a href={formatHash(`plans/${parent}`)} class="small">{t('planItem', { id: parent })}</a>
    </h2>
  );
  if (diff.error && !diff.data) {
    const waiting = diff.error instanceof ApiFailure && diff.error.code === 'plan_not_ready';
    return (
      <section class="panel" aria-labelledby="diff-heading">
        {heading}
        {waiting ? <p class="muted">{t('diffWaiting')}</p> : <ErrorPanel error={diff.error} onRetry={diff.reload} />}
      </section>
    );
  }
  if (!diff.data) return <Loading />;
  const d = diff.data;
  const rows = diffRows(d);
  const name = (u: string) => scenario?.units.find((x) => x.id === u)?.name ?? u;
  const overall = headlineTrend(d);
  return (
    <section class="panel plan-diff" aria-labelledby="diff-heading" data-testid="plan-diff" data-delta={d.closure_delta}>
      {heading}
      <dl class="plan-figures plan-figures-large">
        <div>
          <dt>{t('closureBefore')}</dt>
          <dd>{ct(d.closure_before)}</dd>
        </div>
        <div>
          <dt>{t('closureAfter')}</dt>
          <dd data-testid="diff-after">{ct(d.closure_after)}</dd>
        </div>
        <div>
          <dt>{t('closureChange')}</dt>
          <dd class={`plan-trend-${overall}`} data-testid="diff-delta">{trendText(overall, d.closure_delta)}</dd>
        </div>
      </dl>
      <p class="small">
        {t('sortiesChange', { before: formatNumber(d.sorties[0]), after: formatNumber(d.sorties[1]) })} ·{' '}
        {t('latenessChange', { before: formatNumber(d.weighted_lateness[0]), after: formatNumber(d.weighted_lateness[1]) })}
      </p>
      {rows.length === 0 ? (
        <p class="muted" data-testid="diff-none">{t('diffNoUnits')}</p>
      ) : (
        <DataTable testid="diff-units"
          columns={[t('colUnit'), t('colBefore'), t('colAfter'), t('colChange'), t('colModesBefore'), t('colModesAfter')]}>
          {rows.map((r) => (
            <tr key={r.unit} data-unit={r.unit} data-trend={r.trend}>
              <td>{name(r.unit)}</td>
              <td class="nowrap">{r.before === null ? '—' : ct(r.before)}</td>
              <td class="nowrap">{r.after === null ? '—' : ct(r.after)}</td>
              <td class={`plan-trend-${r.trend}`}>{trendText(r.trend, r.delta)}</td>
              <td>{modeText(r.modesBefore, modeLabel)}</td>
              <td class={r.modesChanged ? 'plan-changed' : undefined}>{modeText(r.modesAfter, modeLabel)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
