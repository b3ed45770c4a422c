// The geometry of a plan on the map: routes as lines between the scenario's nodes, one per
// mode and pair of nodes, as thick as the force that travels them; air legs as great-circle
// arcs (the path an aircraft flies, which a straight line on a Mercator map is not); and the
// transit rules that shaped the routes, for the legend. Pure, so it is tested.

import type { LegMode, Plan, Scenario, ScenarioNode } from '../../api/planTypes';
import { vehiclesOf } from './curve';

export interface RouteLine {
  /** `mode:a|b` with the node ids in order, so both directions share a line. */
  key: string;
  mode: Exclude<LegMode, 'crossing'>;
  a: string;
  b: string;
  /** Personnel and vehicles that travel it, both ways added. */
  personnel: number;
  vehicles: number;
  movements: number;
  /** [lon, lat] points. */
  coords: [number, number][];
}

const RAD = Math.PI / 180;

/** Points along the great circle from a to b (`n` segments), as [lon, lat]. */
export function greatCircle(a: { lat: number; lon: number }, b: { lat: number; lon: number }, n = 32): [number, number][] {
  const [φ1, λ1, φ2, λ2] = [a.lat * RAD, a.lon * RAD, b.lat * RAD, b.lon * RAD];
  const d =
    2 * Math.asin(Math.sqrt(Math.sin((φ2 - φ1) / 2) ** 2 + Math.cos(φ1) * Math.cos(φ2) * Math.sin((λ2 - λ1) / 2) ** 2));
  if (d < 1e-9) return [[a.lon, a.lat], [b.lon, b.lat]];
  const out: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const f = i / n;
    const A = Math.sin((1 - f) * d) / Math.sin(d);
    const B = Math.sin(f * d) / Math.sin(d);
    const x = A * Math.cos(φ1) * Math.cos(λ1) + B * Math.cos(φ2) * Math.cos(λ2);
    const y = A * Math.cos(φ1) * Math.sin(λ1) + B * Math.cos(φ2) * Math.sin(λ2);
    const z = A * Math.sin(φ1) + B * Math.sin(φ2);
    out.push([Math.atan2(y, x) / RAD, Math.atan2(z, Math.sqrt(x * x + y * y)) / RAD]);
  }
  // Exact ends, free of rounding.
  out[0] = [a.lon, a.lat];
  out[n] = [b.lon, b.lat];
  return out;
}

/** The routes the plan's movements take, the busiest first. Legs between unknown nodes are left out. */
export function routeLines(plan: Pick<Plan, 'movements'>, nodes: readonly ScenarioNode[]): RouteLine[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const lines = new Map<string, RouteLine>();
  for (const m of plan.movements) {
    const v = vehiclesOf(m);
    for (const l of m.legs) {
      if (l.mode === 'crossing') continue;
      const [a, b] = l.from < l.to ? [l.from, l.to] : [l.to, l.from];
      const na = byId.get(a);
      const nb = byId.get(b);
      if (!na || !nb) continue;
      const key = `${l.mode}:${a}|${b}`;
      let line = lines.get(key);
      if (!line) {
        const coords: [number, number][] =
          l.mode === 'air' ? greatCircle(na, nb) : [[na.lon, na.lat], [nb.lon, nb.lat]];
        line = { key, mode: l.mode, a, b, personnel: 0, vehicles: 0, movements: 0, coords };
        lines.set(key, line);
      }
      line.personnel += m.load.personnel;
      line.vehicles += v;
      line.movements += 1;
    }
  }
  return [...lines.values()].sort((x, y) => volume(y) - volume(x) || x.key.localeCompare(y.key));
}

/** What a route's thickness stands for: people and vehicles together. */
export const volume = (r: Pick<RouteLine, 'personnel' | 'vehicles'>) => r.personnel + r.vehicles;

/** Line width in pixels: by the square root of the volume, so a line's area follows it; 1.5 to 9. */
export function lineWidth(v: number, max: number): number {
  if (max <= 0) return 1.5;
  return Math.round((1.5 + 7.5 * Math.sqrt(Math.max(0, v) / max)) * 10) / 10;
}

/** Crossings that columns pass, with the vehicles that pass each. */
export function crossingsUsed(plan: Pick<Plan, 'movements'>): Map<string, number> {
  const used = new Map<string, number>();
  for (const m of plan.movements)
    for (const l of m.legs) if (l.mode === 'crossing') used.set(l.from, (used.get(l.from) ?? 0) + vehiclesOf(m));
  return used;
}

export interface TransitNote {
  state: string;
  rule: 'refused' | 'non_stop' | 'pending';
  until?: number;
}

/** States whose transit is not simply permitted, refusals first, then by state. */
export function transitNotes(s: Pick<Scenario, 'transit'>): TransitNote[] {
  const order = { refused: 0, non_stop: 1, pending: 2 } as const;
  const out: TransitNote[] = [];
  for (const [state, tr] of Object.entries(s.transit ?? {})) {
    if (tr.rule === 'refused' || tr.rule === 'non_stop') out.push({ state, rule: tr.rule });
    else if (tr.rule === 'pending') out.push({ state, rule: 'pending', until: tr.until });
  }
  return out.sort((a, b) => order[a.rule] - order[b.rule] || a.state.localeCompare(b.state));
}
