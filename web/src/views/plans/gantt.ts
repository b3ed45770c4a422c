// The Gantt of movements, laid out: one row per unit, each movement on a lane of its row
// (movements of one unit that overlap in time get lanes of their own, so no bar hides
// another), the time scale and its ticks, zoom, and which bar the arrow keys go to next.
// Pure, so it is tested; Gantt.tsx draws it.

import type { LegMode, Plan } from '../../api/planTypes';

export interface GanttBar {
  /** `movement/leg`, unique in the chart. */
  key: string;
  movement: string;
  unit: string;
  leg: number;
  mode: LegMode;
  from: string;
  to: string;
  depart: number;
  arrive: number;
  by: string;
  states: string[];
  lane: number;
}

export interface GanttRow {
  unit: string;
  lanes: number;
  /** Bars in order of departure (the order the arrow keys follow). */
  bars: GanttBar[];
  closure: number | null;
  rdd: number | null;
}

/** Rows in `order` (the scenario's units) first, then any other unit of the plan. */
export function ganttRows(plan: Pick<Plan, 'movements' | 'units'>, order: readonly string[] = []): GanttRow[] {
  const units = [...order];
  for (const u of plan.units) if (!units.includes(u.unit)) units.push(u.unit);
  for (const m of plan.movements) if (!units.includes(m.unit)) units.push(m.unit);
  return units.map((unit) => {
    const movements = plan.movements
      .filter((m) => m.unit === unit && m.legs.length)
      .sort((a, b) => a.legs[0]!.depart - b.legs[0]!.depart || a.id.localeCompare(b.id));
    // Greedy interval packing: each movement on the first lane free by its departure.
    const laneEnds: number[] = [];
    const bars: GanttBar[] = [];
    for (const m of movements) {
      const start = m.legs[0]!.depart;
      const end = m.legs[m.legs.length - 1]!.arrive;
      let lane = laneEnds.findIndex((e) => e <= start);
      if (lane < 0) lane = laneEnds.push(end) - 1;
      else laneEnds[lane] = end;
      m.legs.forEach((l, i) =>
        bars.push({
          key: `${m.id}/${i}`,
          movement: m.id,
          unit,
          leg: i,
          mode: l.mode,
          from: l.from,
          to: l.to,
          depart: l.depart,
          arrive: l.arrive,
          by: l.by ?? '',
          states: l.states,
          lane,
        }),
      );
    }
    bars.sort((a, b) => a.depart - b.depart || a.lane - b.lane || a.leg - b.leg);
    const u = plan.units.find((x) => x.unit === unit);
    return { unit, lanes: Math.max(1, laneEnds.length), bars, closure: u?.closure ?? null, rdd: u?.rdd ?? null };
  });
}

/** The time the chart spans: from the first departure (or C-hour) to the last arrival, with a margin. */
export function ganttDomain(rows: readonly GanttRow[], extra: readonly number[] = []): [number, number] {
  let lo = 0;
  let hi = 60;
  for (const r of rows) for (const b of r.bars) {
    lo = Math.min(lo, b.depart);
    hi = Math.max(hi, b.arrive);
  }
  for (const t of extra) hi = Math.max(hi, t);
  return [lo, hi + Math.max(30, Math.round((hi - lo) * 0.02))];
}

export interface Scale {
  (t: number): number;
  invert(px: number): number;
  domain: [number, number];
  width: number;
}

export function linearScale(domain: [number, number], width: number): Scale {
  const [a, b] = domain;
  const k = width / Math.max(1, b - a);
  const s = ((t: number) => (t - a) * k) as Scale;
  s.invert = (px: number) => a + px / k;
  s.domain = domain;
  s.width = width;
  return s;
}

/** Tick steps, minutes: from a quarter hour to a week. */
const STEPS = [15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

/** Tick times at the smallest step that leaves at least `minPx` between ticks. */
export function ticks(scale: Scale, minPx = 90): { step: number; at: number[] } {
  const [a, b] = scale.domain;
  const perMinute = scale.width / Math.max(1, b - a);
  const step = STEPS.find((s) => s * perMinute >= minPx) ?? STEPS[STEPS.length - 1]!;
  const at: number[] = [];
  for (let t = Math.ceil(a / step) * step; t <= b; t += step) at.push(t);
  return { step, at };
}

/** The zoom factors offered, widest view first. */
export const ZOOMS = [1, 2, 4, 8, 16, 32, 64];

/** Scroll position that keeps the time at the view's centre in the centre after a zoom. */
export function scrollForZoom(scrollLeft: number, viewport: number, oldWidth: number, newWidth: number): number {
  const centre = (scrollLeft + viewport / 2) / Math.max(1, oldWidth);
  return Math.max(0, Math.min(newWidth - viewport, centre * newWidth - viewport / 2));
}

export interface BarRef {
  row: number;
  index: number;
}

/**
 * The bar a key moves to: ←/→ the previous or next bar of the row, ↑/↓ the bar of the
 * nearest row above or below that has bars, nearest in departure time, Home/End the row's
 * first or last. Null for other keys; the same bar at an edge.
 */
export function neighbour(rows: readonly GanttRow[], at: BarRef, key: string): BarRef | null {
  const row = rows[at.row];
  if (!row || !row.bars.length) return null;
  const bar = row.bars[at.index] ?? row.bars[0]!;
  switch (key) {
    case 'ArrowLeft':
      return { row: at.row, index: Math.max(0, at.index - 1) };
    case 'ArrowRight':
      return { row: at.row, index: Math.min(row.bars.length - 1, at.index + 1) };
    case 'Home':
      return { row: at.row, index: 0 };
    case 'End':
      return { row: at.row, index: row.bars.length - 1 };
    case 'ArrowUp':
    case 'ArrowDown': {
      const dir = key === 'ArrowUp' ? -1 : 1;
      for (let r = at.row + dir; r >= 0 && r < rows.length; r += dir) {
        const bars = rows[r]!.bars;
        if (!bars.length) continue;
        let best = 0;
        bars.forEach((b, i) => {
          if (Math.abs(b.depart - bar.depart) < Math.abs(bars[best]!.depart - bar.depart)) best = i;
        });
        return { row: r, index: best };
      }
      return at;
    }
    default:
      return null;
  }
}
