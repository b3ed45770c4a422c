// How a what-if plan differs from the plan it was made from (GET /plans/{id}/diff), read
// for people: the force's closure before and after, and per unit its closure change and how
// its movements' modes changed. Units that gained or lost the most come first. Pure, so it
// is tested.

import type { PlanDiff, UnitDiff } from '../../api/planTypes';

export type Trend = 'earlier' | 'later' | 'same' | 'new' | 'gone';

export interface DiffRow {
  unit: string;
  before: number | null;
  after: number | null;
  /** After − before, minutes; null when the unit is in one plan only. */
  delta: number | null;
  trend: Trend;
  modesBefore: [string, number][];
  modesAfter: [string, number][];
  modesChanged: boolean;
}

export function trendOf(delta: number | null, before: number | null, after: number | null): Trend {
  if (before === null) return 'new';
  if (after === null) return 'gone';
  if (!delta) return 'same';
  return delta < 0 ? 'earlier' : 'later';
}

/** Movements by mode, the most used first (ties by name), without empty modes. */
export function modeList(modes: Record<string, number>): [string, number][] {
  return Object.entries(modes)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function sameModes(a: Record<string, number>, b: Record<string, number>): boolean {
  const la = modeList(a);
  const lb = modeList(b);
  return la.length === lb.length && la.every(([m, n], i) => lb[i]![0] === m && lb[i]![1] === n);
}

export function diffRow(u: UnitDiff): DiffRow {
  const delta = u.before !== null && u.after !== null ? u.after - u.before : null;
  return {
    unit: u.unit,
    before: u.before,
    after: u.after,
    delta,
    trend: trendOf(delta, u.before, u.after),
    modesBefore: modeList(u.modes_before),
    modesAfter: modeList(u.modes_after),
    modesChanged: !sameModes(u.modes_before, u.modes_after),
  };
}

/** The rows of the per-unit table: the largest change of closure first, new and gone units last. */
export function diffRows(d: Pick<PlanDiff, 'units'>): DiffRow[] {
  const rank = (r: DiffRow) => (r.delta === null ? -1 : Math.abs(r.delta));
  return d.units.map(diffRow).sort((a, b) => rank(b) - rank(a) || a.unit.localeCompare(b.unit));
}

/** `air 12, road 1` with the modes named in the reader's language. */
export function modeText(list: readonly [string, number][], label: (mode: string) => string): string {
  return list.length ? list.map(([m, n]) => `${label(m)} ${n}`).join(', ') : '—';
}

/** The overall verdict: earlier, later or the same closure. */
export const headlineTrend = (d: Pick<PlanDiff, 'closure_delta'>): Trend =>
  d.closure_delta < 0 ? 'earlier' : d.closure_delta > 0 ? 'later' : 'same';
