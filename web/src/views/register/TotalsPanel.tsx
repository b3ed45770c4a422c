// Personnel, equipment or contingent counts per member state (stacked by component) and per
// component, over the contingents the filters select. Colours are the components' own.

import { useState } from 'preact/hooks';
import type { Contingent } from '../../api/types';
import { componentColour, componentName, componentShort, components, stateName, states } from '../../data/reference';
import { formatNumber, loc } from '../../i18n';
import { BarChart, type BarRow } from '../../ui/BarChart';
import { t } from './register.messages';
import { totalsBy, type Metric } from './totals';

const METRICS: Metric[] = ['personnel', 'equipment', 'contingents'];
const metricLabel = (m: Metric) =>
  m === 'personnel' ? t('metricPersonnel') : m === 'equipment' ? t('metricEquipment') : t('metricContingents');

export function TotalsPanel({ list, filtered, total }: { list: readonly Contingent[]; filtered: boolean; total: number }) {
  const [metric, setMetric] = useState<Metric>('personnel');
  const stateOrder = states.value.map((s) => s.code);
  const componentOrder = components.value.map((c) => c.key);

  const byState: BarRow[] = totalsBy(list, 'state', metric, {
    order: stateOrder,
    includeEmpty: !filtered,
    segmentOrder: componentOrder,
  }).map((r) => ({
    key: r.key,
    label: stateName(r.key),
    total: r.total,
    segments: r.segments.map((s) => ({
      key: s.key,
      label: componentShort(s.key),
      value: s.value,
      colour: componentColour(s.key),
    })),
  }));

  const byComponent: BarRow[] = totalsBy(list, 'component', metric, {
    order: componentOrder,
    includeEmpty: !filtered,
  }).map((r) => ({
    key: r.key,
    label: componentShort(r.key),
    total: r.total,
    segments: [{ key: r.key, label: componentName(r.key), value: r.total, colour: componentColour(r.key) }],
  }));

  const describe = (row: BarRow) =>
    `${row.label}: ${formatNumber(row.total)} ${metricLabel(metric).toLocaleLowerCase()}` +
    (row.segments.length > 1 ? ` (${row.segments.map((s) => `${s.label} ${formatNumber(s.value)}`).join(', ')})` : '');

  return (
    <section class="panel totals-panel" aria-labelledby="totals-heading" data-testid="totals-chart">
      <div class="totals-head">
        <h2 id="totals-heading">
          {t('totals')}{' '}
          <span class="muted totals-scope">
            {filtered ? t('totalsScope', { n: formatNumber(list.length) }) : t('totalsScopeAll', { n: formatNumber(total) })}
          </span>
        </h2>
        <div class="segmented" role="group" aria-label={t('metric')}>
          {METRICS.map((m) => (
            <button key={m} type="button" aria-pressed={metric === m}
              class={metric === m ? 'seg seg-on' : 'seg'} onClick={() => setMetric(m)} data-testid={`metric-${m}`}>
              {metricLabel(m)}
            </button>
          ))}
        </div>
      </div>
      <div class="totals-charts">
        <BarChart title={`${t('byState')} — ${metricLabel(metric)}`} rows={byState} format={formatNumber}
          describe={describe} testId="chart-by-state" />
        <BarChart title={`${t('byComponent')} — ${metricLabel(metric)}`} rows={byComponent} format={formatNumber}
          describe={describe} testId="chart-by-component" />
      </div>
      <ul class="legend" aria-label={t('legend')}>
        {components.value.map((c) => (
          <li key={c.key} title={loc(c.name)}>
            <span class="swatch" style={{ background: c.colour }} aria-hidden="true" />
            {componentShort(c.key)}
          </li>
        ))}
      </ul>
    </section>
  );
}
