// The regions of collective security on the map. Membership comes from the reference data;
// a state in one region gets that region's translucent colour, a state in several (Russia is
// in all three) gets diagonal hatching in all their colours, so that no region hides another.

import type { RegionRef } from '../../api/types';

/** Region colours by key; chosen apart from the component colours the symbols use. */
const KNOWN: Record<string, string> = {
  eastern_european: '#1f6fd1',
  caucasus: '#1a9850',
  central_asian: '#e0a000',
};
/** For regions the reference data may add later. */
const SPARE = ['#8d6cc1', '#c0504d', '#4bacc6', '#9bbb59'];

export const REGION_ALPHA = 0.35;
/** Hatch lines are thin, so they can be stronger than a fill. */
export const HATCH_ALPHA = 0.6;

export function regionColour(key: string, index: number): string {
  return KNOWN[key] ?? SPARE[index % SPARE.length]!;
}

/** The region keys of each state, in the order of the reference data. */
export function regionsByState(regions: readonly RegionRef[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of regions) {
    for (const s of r.states) {
      const list = m.get(s) ?? [];
      if (!list.includes(r.key)) list.push(r.key);
      m.set(s, list);
    }
  }
  return m;
}

/** `#rrggbb` with an alpha, as `rgba()`. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return hex;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h!, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * A repeating tile of diagonal hatch lines, one per colour, `spacing` device pixels apart, with
 * the state's own fill showing between them: a large state in several regions (Russia) stays
 * calm to look at. The tile is square with the side of all spacings together, so the lines
 * continue across tile edges.
 */
export function hatchPattern(colours: readonly string[], spacing: number, width: number): CanvasPattern | null {
  const w = Math.max(2, Math.round(spacing));
  const side = w * colours.length;
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const line = Math.min(w, Math.max(1, width));
  colours.forEach((colour, i) => {
    ctx.fillStyle = colour;
    for (const k of [0, 1]) {
      // A band between the lines x + y = a and x + y = a + line, drawn twice to cover the wrap.
      const a = i * w + k * side;
      ctx.beginPath();
      ctx.moveTo(a, 0);
      ctx.lineTo(a + line, 0);
      ctx.lineTo(a + line - side, side);
      ctx.lineTo(a - side, side);
      ctx.closePath();
      ctx.fill();
    }
  });
  return ctx.createPattern(canvas, 'repeat');
}
