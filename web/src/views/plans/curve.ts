// The closure curve: the share of the force (personnel, and vehicles) arrived at the
// destination over time, a step for each arrival. A movement has arrived when its last leg
// has; loads never split on the way (plan.rs: "unchanged from garrison to destination").
// Pure, so it is tested; the chart only draws what this returns.

import type { Movement, Plan } from '../../api/planTypes';

export interface CurvePoint {
  /** Minute after C-hour. */
  t: number;
  /** Shares arrived by then, 0 to 1. */
  personnel: number;
  vehicles: number;
}

export type CurveKey = 'personnel' | 'vehicles';

export const vehiclesOf = (m: Pick<Movement, 'load'>) => (m.load.vehicles ?? []).reduce((n, v) => n + v.count, 0);
export const arrivalOf = (m: Pick<Movement, 'legs'>) => (m.legs.length ? m.legs[m.legs.length - 1]!.arrive : 0);

/**
 * The curve from C-hour: a first point at 0 (or the earliest arrival, if before), then one
 * point per distinct arrival time with the shares arrived by it. A force without vehicles
 * counts them as arrived from the start, so that line does not lie at zero.
 */
export function closureCurve(plan: Pick<Plan, 'movements'>): CurvePoint[] {
  const totalP = plan.movements.reduce((n, m) => n + m.load.personnel, 0);
  const totalV = plan.movements.reduce((n, m) => n + vehiclesOf(m), 0);
  const byTime = new Map<number, { p: number; v: number }>();
  for (const m of plan.movements) {
    const t = arrivalOf(m);
    const at = byTime.get(t) ?? { p: 0, v: 0 };
    at.p += m.load.personnel;
    at.v += vehiclesOf(m);
    byTime.set(t, at);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const share = (n: number, total: number) => (total > 0 ? n / total : 1);
  const points: CurvePoint[] = [{ t: Math.min(0, times[0] ?? 0), personnel: totalP > 0 ? 0 : 1, vehicles: totalV > 0 ? 0 : 1 }];
  let p = 0;
  let v = 0;
  for (const t of times) {
    const at = byTime.get(t)!;
    p += at.p;
    v += at.v;
    const point = { t, personnel: share(p, totalP), vehicles: share(v, totalV) };
    if (points[points.length - 1]!.t === t) points[points.length - 1] = point;
    else points.push(point);
  }
  return points;
}

/** The first minute by which at least `share` of the key has arrived, or null if never. */
export function timeToShare(points: readonly CurvePoint[], key: CurveKey, share: number): number | null {
  for (const p of points) if (p[key] >= share - 1e-9) return p.t;
  return null;
}

/** The share arrived by minute `t`. */
export function shareAt(points: readonly CurvePoint[], key: CurveKey, t: number): number {
  let s = 0;
  for (const p of points) {
    if (p.t > t) break;
    s = p[key];
  }
  return s;
}

/** An SVG path of the steps: level until each arrival, then up. */
export function stepPath(points: readonly CurvePoint[], key: CurveKey, x: (t: number) => number, y: (s: number) => number, end: number): string {
  if (!points.length) return '';
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(x(points[0]!.t))},${f(y(points[0]![key]))}`;
  for (const p of points.slice(1)) d += `H${f(x(p.t))}V${f(y(p[key]))}`;
  return `${d}H${f(x(end))}`;
}
