// The antimeridian split as the basemap build runs it: a synthetic polygon across 180 and the
// real Russia of Natural Earth 1:50m (world-atlas), plus the rounding the build applies after.

import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { maxLonJump, splitAtAntimeridian, wrappedBbox, type MultiPolygon, type Polygon } from './antimeridian.mjs';
import { planarArea, ringArea, roundMultiPolygon } from './basemap-geometry.mjs';
// As text: the type checker need not infer the type of a 750 kB literal.
import atlasText from 'world-atlas/countries-50m.json?raw';

const atlas = JSON.parse(atlasText) as Topology<{
  countries: GeometryCollection<{ name: string }>;
}>;
const countries = feature(atlas, atlas.objects.countries).features;
const outline = (id: string) => countries.find((f) => f.id === id)!.geometry as unknown as Polygon | MultiPolygon;

/** Planar area with longitudes made continuous along each ring (the "true" flat area). */
function unwrappedArea(g: Polygon | MultiPolygon): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let total = 0;
  for (const rings of polys) {
    rings.forEach((ring, i) => {
      let prev = ring[0]![0]!;
      const out = ring.map(([lon, lat]) => {
        let x = lon!;
        while (x - prev > 180) x -= 360;
        while (x - prev < -180) x += 360;
        prev = x;
        return [x, lat!];
      });
      total += (i === 0 ? 1 : -1) * Math.abs(ringArea(out));
    });
  }
  return total;
}

const pieces = (g: MultiPolygon) => g.coordinates;
const lonsOf = (rings: number[][][]) => rings[0]!.map((p) => p[0]!);

describe('splitAtAntimeridian on a synthetic polygon', () => {
  // 170°E to 170°W, 10°N to 20°N, wound clockwise on a north-up map as d3 expects, with a
  // vertex every half degree like real outlines. (d3 takes the crossing latitude on the great
  // circle through the two ends of the crossing edge; with edges of a few kilometres, as in
  // Natural Earth, that is the straight line a flat map draws.)
  const lons = Array.from({ length: 41 }, (_, i) => 170 + i / 2).map((l) => (l > 180 ? l - 360 : l));
  const square: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        ...Array.from({ length: 20 }, (_, i) => [170, 10 + i / 2]),
        ...lons.map((l) => [l, 20]),
        ...Array.from({ length: 19 }, (_, i) => [-170, 19.5 - i / 2]),
        ...lons.slice().reverse().map((l) => [l, 10]),
      ],
    ],
  };

  it('has an edge jumping over 180 before, none after', () => {
    expect(maxLonJump(square)).toBeGreaterThan(180);
    const split = splitAtAntimeridian(square)!;
    expect(maxLonJump(split)).toBeLessThanOrEqual(180);
  });

  it('comes out as two pieces meeting at ±180 with the area kept', () => {
    const split = splitAtAntimeridian(square)!;
    expect(pieces(split)).toHaveLength(2);
    const [east, west] = [...pieces(split)].sort((a, b) => Math.max(...lonsOf(b)) - Math.max(...lonsOf(a)));
    expect(Math.min(...lonsOf(east!))).toBeCloseTo(170, 6);
    expect(Math.max(...lonsOf(east!))).toBeCloseTo(180, 6);
    expect(Math.min(...lonsOf(west!))).toBeCloseTo(-180, 6);
    expect(Math.max(...lonsOf(west!))).toBeCloseTo(-170, 6);
    expect(planarArea(split)).toBeCloseTo(200, 2); // 20° × 10°
    const box = wrappedBbox(split)!;
    [170, 10, -170, 20].forEach((v, i) => expect(box[i]).toBeCloseTo(v, 5));
  });

  it('accepts the other winding (RFC 7946) as the same small polygon', () => {
    const ccw: Polygon = { type: 'Polygon', coordinates: [square.coordinates[0]!.slice().reverse()] };
    const split = splitAtAntimeridian(ccw)!;
    expect(planarArea(split)).toBeCloseTo(200, 2);
  });

  it('leaves a polygon away from 180 as it was', () => {
    const p: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [10, 10],
          [10, 20],
          [30, 20],
          [30, 10],
          [10, 10],
        ],
      ],
    };
    const split = roundMultiPolygon(splitAtAntimeridian(p)!, 6)!;
    expect(pieces(split)).toHaveLength(1);
    expect(planarArea(split)).toBeCloseTo(200, 6);
    expect(wrappedBbox(split)).toEqual([10, 10, 30, 20]);
  });
});

describe('splitAtAntimeridian on Russia (Natural Earth 1:50m)', () => {
  const russia = outline('643');
  const split = splitAtAntimeridian(russia)!;
  const built = roundMultiPolygon(split, 3)!;

  it('crosses 180 in the source data', () => {
    expect(maxLonJump(russia)).toBeGreaterThan(180);
  });

  it('has no edge over 180° after the split and after rounding', () => {
    expect(maxLonJump(split)).toBeLessThan(180);
    expect(maxLonJump(built)).toBeLessThan(180);
  });

  it('keeps the area and the extent', () => {
    const before = unwrappedArea(russia);
    expect(before).toBeGreaterThan(2500); // square degrees: a sanity check of the measure
    expect(Math.abs(planarArea(built) - before) / before).toBeLessThan(0.001);
    const [west, south, east, north] = wrappedBbox(built)!;
    expect(west).toBeCloseTo(19.6, 1); // Kaliningrad
    expect(east).toBeCloseTo(-169.7, 1); // Cape Dezhnev / Big Diomede
    expect(south).toBeCloseTo(41.2, 1); // Dagestan
    expect(north).toBeCloseTo(81.9, 1); // Franz Josef Land
  });

  it('keeps Chukotka as pieces east of 180, at -180..-169', () => {
    const chukotka = pieces(built).filter((rings) => lonsOf(rings).every((lon) => lon <= -169 && lon >= -180));
    expect(chukotka.length).toBeGreaterThanOrEqual(1);
    const area = chukotka.reduce((s, rings) => s + Math.abs(ringArea(rings[0]!)), 0);
    expect(area).toBeGreaterThan(20); // the mainland east of 180, some 8° × 4°, not a sliver
    expect(Math.min(...chukotka.flatMap(lonsOf))).toBe(-180);
    // and it meets the western part at the same latitudes on +180
    const onPlus180 = pieces(built).filter((rings) => lonsOf(rings).some((lon) => lon === 180));
    expect(onPlus180.length).toBeGreaterThanOrEqual(1);
  });

  it('winds every exterior counter-clockwise and every hole clockwise (RFC 7946)', () => {
    for (const rings of pieces(built)) {
      rings.forEach((ring, i) => expect(Math.sign(ringArea(ring))).toBe(i === 0 ? 1 : -1));
    }
  });
});

describe('every basemap outline', () => {
  it('splits into pieces without a jump over 180', () => {
    for (const f of countries) {
      const g = f.geometry as unknown as Polygon | MultiPolygon | null;
      if (!g) continue;
      const split = splitAtAntimeridian(g);
      const built = split && roundMultiPolygon(split, 3);
      expect(built, String(f.properties.name)).not.toBeNull();
      expect(maxLonJump(built), String(f.properties.name)).toBeLessThan(180);
    }
  });
});

describe('roundMultiPolygon', () => {
  it('drops repeated positions and collapsed rings, and never writes -0', () => {
    const g: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [-0.0001, 0],
            [1, 0],
            [1, 0.0001],
            [1, 1],
            [0, 1],
            [-0.0001, 0],
          ],
          // a hole that rounds to nothing
          [
            [0.5, 0.5],
            [0.5001, 0.5],
            [0.5, 0.5001],
            [0.5, 0.5],
          ],
        ],
        // a speck that rounds to nothing
        [
          [
            [5, 5],
            [5.0001, 5],
            [5, 5.0001],
            [5, 5],
          ],
        ],
      ],
    };
    const r = roundMultiPolygon(g, 3)!;
    expect(r.coordinates).toEqual([
      [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    ]);
    expect(JSON.stringify(r)).not.toContain('-0');
  });
});
