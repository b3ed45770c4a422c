// How a cluster of contingents looks, decided without a canvas so that it can be tested: its
// size grows with the logarithm of the count (a cluster of 5,000 must not cover a country),
// its colour is the component of more than half its members, or neutral when no component
// has that majority (a plurality of 3 in 10 would claim a colour the cluster does not have),
// and its rim shows the mix of components in proportion.

/** Cluster colour when no component has a majority. */
export const NEUTRAL_COLOUR = '#455a64';

/** Radius of a cluster disc in CSS pixels at UI scale 1. */
export function clusterRadius(count: number, scale = 1): number {
  const n = Math.max(2, count);
  return Math.round((11 + 3.3 * Math.log(n)) * scale * 2) / 2;
}

/** The component of more than half of the members, or null. */
export function dominantComponent(components: readonly string[]): string | null {
  const counts = countBy(components);
  for (const [key, n] of counts) {
    if (n * 2 > components.length) return key;
  }
  return null;
}

export interface RimSegment {
  component: string;
  /** Share of the rim in steps of 1/RIM_STEPS, at least one step for any present component. */
  steps: number;
}

/** Rim resolution: fine enough to tell shares apart, coarse enough to cache the drawings. */
export const RIM_STEPS = 24;

/**
 * The rim's segments, largest first (ties by key, so that one mix always draws the same),
 * with shares rounded to RIM_STEPS steps that add up to RIM_STEPS exactly.
 */
export function rimSegments(components: readonly string[]): RimSegment[] {
  const counts = [...countBy(components)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = components.length;
  if (total === 0) return [];
  // Largest remainder, but every present component keeps at least one step.
  const raw = counts.map(([component, n]) => ({ component, exact: (n / total) * RIM_STEPS }));
  const segs = raw.map((r) => ({ component: r.component, steps: Math.max(1, Math.floor(r.exact)) }));
  let left = RIM_STEPS - segs.reduce((s, x) => s + x.steps, 0);
  const order = raw
    .map((r, i) => ({ i, rem: r.exact - Math.floor(r.exact) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) {
    segs[order[k]!.i]!.steps++;
  }
  // More components than steps, or the minimum of one step overshot: take from the largest.
  for (let i = 0; left < 0 && i < segs.length * RIM_STEPS; i++) {
    const largest = segs.reduce((a, b) => (b.steps > a.steps ? b : a));
    if (largest.steps <= 1) break;
    largest.steps--;
    left++;
  }
  return segs.filter((s) => s.steps > 0);
}

/** A key that is equal for clusters drawn identically (count, colour and rim). */
export function clusterKey(components: readonly string[], scale: number): string {
  const rim = rimSegments(components)
    .map((s) => `${s.component}:${s.steps}`)
    .join(',');
  return `${components.length}|${dominantComponent(components) ?? ''}|${rim}|${scale}`;
}

function countBy(items: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of items) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}
