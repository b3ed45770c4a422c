import { describe, expect, it } from 'vitest';
import { RIM_STEPS, clusterKey, clusterRadius, dominantComponent, rimSegments } from './cluster-style';

describe('dominantComponent', () => {
  it('is the component of more than half of the members', () => {
    expect(dominantComponent(['crrf', 'crrf', 'rescue'])).toBe('crrf');
    expect(dominantComponent(['crrf'])).toBe('crrf');
  });

  it('is none without a majority: half is not enough, nor a plurality', () => {
    expect(dominantComponent(['crrf', 'rescue'])).toBeNull();
    expect(dominantComponent(['crrf', 'crrf', 'rescue', 'aviation', 'logistics'])).toBeNull();
    expect(dominantComponent([])).toBeNull();
  });
});

describe('clusterRadius', () => {
  it('grows with the count, but only logarithmically', () => {
    const r2 = clusterRadius(2);
    const r10 = clusterRadius(10);
    const r100 = clusterRadius(100);
    const r5000 = clusterRadius(5000);
    expect(r2).toBeLessThan(r10);
    expect(r10).toBeLessThan(r100);
    expect(r100).toBeLessThan(r5000);
    expect(r5000).toBeLessThan(3.5 * r2); // 2,500 times the count, not 2,500 times the area
    // Each tenfold count adds the same (up to the rounding to half pixels).
    expect(Math.abs(r100 - r10 - (clusterRadius(1000) - r100))).toBeLessThanOrEqual(0.5);
  });

  it('scales with the map scale', () => {
    expect(Math.abs(clusterRadius(10, 2) - clusterRadius(10) * 2)).toBeLessThanOrEqual(1);
  });
});

describe('rimSegments', () => {
  it('splits the rim by the shares, largest first, adding up to the whole', () => {
    const segs = rimSegments(['a', 'b', 'b', 'b']);
    expect(segs).toEqual([
      { component: 'b', steps: RIM_STEPS * 0.75 },
      { component: 'a', steps: RIM_STEPS * 0.25 },
    ]);
  });

  it('keeps a visible step for a small share', () => {
    const members = [...Array<string>(500).fill('crrf'), 'rescue'];
    const segs = rimSegments(members);
    expect(segs.find((s) => s.component === 'rescue')?.steps).toBe(1);
    expect(segs.reduce((n, s) => n + s.steps, 0)).toBe(RIM_STEPS);
  });

  it('always adds up to RIM_STEPS', () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    for (let n = 1; n < 200; n += 3) {
      const members = Array.from({ length: n }, (_, i) => keys[(i * i) % keys.length]!);
      expect(rimSegments(members).reduce((s, x) => s + x.steps, 0)).toBe(RIM_STEPS);
    }
  });

  it('does not depend on the order of the members', () => {
    expect(rimSegments(['a', 'b', 'c', 'a'])).toEqual(rimSegments(['c', 'a', 'a', 'b']));
  });
});

describe('clusterKey', () => {
  it('is equal for clusters that look the same', () => {
    expect(clusterKey(['a', 'b', 'a'], 1)).toBe(clusterKey(['b', 'a', 'a'], 1));
  });
  it('differs with count, mix or scale', () => {
    expect(clusterKey(['a', 'a'], 1)).not.toBe(clusterKey(['a', 'a', 'a'], 1));
    expect(clusterKey(['a', 'b'], 1)).not.toBe(clusterKey(['a', 'a'], 1));
    expect(clusterKey(['a', 'a'], 1)).not.toBe(clusterKey(['a', 'a'], 2));
  });
});
