// An operation's force against its ceiling: personnel per state (stacked by component), and
// the ceiling as its own bar, with the bar chart every view shares.

import type { Composition } from '../../api/crisisTypes';
import { componentColour, componentName, stateName } from '../../data/reference';
import { formatNumber } from '../../i18n';
import { BarChart, type BarRow } from '../../ui/BarChart';
import { t } from './crisis.messages';

export function compositionRows(c: Composition, label: { ceiling: string; total: string }): BarRow[] {
  const byState = new Map<string, BarRow>();
  for (const r of c.rows) {
    const row = byState.get(r.state) ?? { key: r.state, label: stateName(r.state), total: 0, segments: [] };
    row.total += r.personnel;
    row.segments.push({ key: r.component, label: componentName(r.component), value: r.personnel, colour: componentColour(r.component) });
    byState.set(r.state, row);
  }
  return [
    { key: 'ceiling', label: label.ceiling, total: c.ceiling_personnel, segments: [{ key: 'c', label: label.ceiling, value: c.ceiling_personnel, colour: '#9ca3af' }] },
    { key: 'total', label: label.total, total: c.personnel, segments: [{ key: 't', label: label.total, value: c.personnel, colour: c.personnel > c.ceiling_personnel ? '#b91c1c' : '#15803d' }] },
    ...[...byState.values()].sort((a, b) => b.total - a.total),
  ];
}

export function CompositionChart({ composition }: { composition: Composition }) {
  const rows = compositionRows(composition, { ceiling: t('ceilingRow'), total: t('inForce') });
  return (
    <section class="panel">
      <BarChart title={t('composition')} rows={rows} format={formatNumber} testId="composition-chart"
        describe={(r) => t('personnelOf', { label: r.label, n: formatNumber(r.total) })} />
    </section>
  );
}
