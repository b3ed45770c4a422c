// Totals for the register's charts, from the list on screen (so they follow filters and
// live changes): per row (a state or a component) the total of a metric, split into
// segments by the other dimension for stacked bars.

import type { Contingent } from '../../api/types';

export type Metric = 'personnel' | 'equipment' | 'contingents';
export type Dimension = 'state' | 'component';

export interface Segment {
  key: string;
  value: number;
}

export interface TotalsRow {
  key: string;
  total: number;
  /** In `segmentOrder`, zero segments left out. */
  segments: Segment[];
}

export interface TotalsOptions {
  /** Rows in this order; keys met in the data but not listed follow, sorted. */
  order: string[];
  /** Keep listed rows that have nothing (a chart of all six states shows the empty ones). */
  includeEmpty?: boolean;
  segmentOrder?: string[];
}

function value(c: Contingent, m: Metric): number {
  return m === 'contingents' ? 1 : c[m];
}

function ordered(keys: Iterable<string>, order: string[]): string[] {
  const present = new Set(keys);
  const known = order.filter((k) => present.has(k));
  const rest = [...present].filter((k) => !order.includes(k)).sort();
  return [...known, ...rest];
}

export function totalsBy(
  list: readonly Contingent[],
  dimension: Dimension,
  metric: Metric,
  opts: TotalsOptions,
): TotalsRow[] {
  const other: Dimension = dimension === 'state' ? 'component' : 'state';
  const rows = new Map<string, Map<string, number>>();
  if (opts.includeEmpty) for (const k of opts.order) rows.set(k, new Map());
  for (const c of list) {
    const key = c[dimension];
    const seg = c[other];
    let m = rows.get(key);
    if (!m) rows.set(key, (m = new Map()));
    m.set(seg, (m.get(seg) ?? 0) + value(c, metric));
  }
  const segOrder = opts.segmentOrder ?? [];
  return ordered(rows.keys(), opts.order).map((key) => {
    const m = rows.get(key)!;
    const segments = ordered(m.keys(), segOrder)
      .map((k) => ({ key: k, value: m.get(k)! }))
      .filter((s) => s.value > 0);
    return { key, total: segments.reduce((s, x) => s + x.value, 0), segments };
  });
}

export interface GrandTotals {
  contingents: number;
  personnel: number;
  equipment: number;
}

export function grandTotals(list: readonly Contingent[]): GrandTotals {
  let personnel = 0;
  let equipment = 0;
  for (const c of list) {
    personnel += c.personnel;
    equipment += c.equipment;
  }
  return { contingents: list.length, personnel, equipment };
}
