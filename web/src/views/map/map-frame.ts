// Framing on a Web Mercator map that must show Russia whole: boxes in degrees whose east edge
// may lie beyond 180 (the basemap's RFC 7946 bboxes have west > east there), turned into map
// extents without wrapping, so that the view spans the antimeridian instead of the world.

import MultiPolygon from 'ol/geom/MultiPolygon';
import Point from 'ol/geom/Point';
import type Polygon from 'ol/geom/Polygon';
import { fromLonLat } from 'ol/proj';

/** [west, south, east, north] in degrees; east may exceed 180 (across the antimeridian). */
export type LonLatBox = [number, number, number, number];

/** Frames "all member states" until the basemap, with the exact boxes, has loaded. */
export const MEMBERS_FALLBACK: LonLatBox = [19.6, 36.6, 190.3, 81.9];

/** An RFC 7946 box (west > east across the antimeridian) with east continued past 180. */
export function unwrap(b: LonLatBox): LonLatBox {
  return b[0] > b[2] ? [b[0], b[1], b[2] + 360, b[3]] : b;
}

export function union(boxes: LonLatBox[]): LonLatBox | null {
  if (boxes.length === 0) return null;
  return boxes.map(unwrap).reduce((a, b) => [
    Math.min(a[0], b[0]),
    Math.min(a[1], b[1]),
    Math.max(a[2], b[2]),
    Math.max(a[3], b[3]),
  ]);
}

export function toMapExtent([w, s, e, n]: LonLatBox): number[] {
  const [x0, y0] = fromLonLat([w, s]);
  const [x1, y1] = fromLonLat([e, n]);
  return [x0!, y0!, x1!, y1!];
}

/** Where a country's name goes: inside its largest piece (Russia has a hundred). */
export function labelPoint(geometry: unknown): Point | undefined {
  if (!(geometry instanceof MultiPolygon)) return undefined;
  let best: Polygon | undefined;
  let bestArea = -1;
  for (const p of geometry.getPolygons()) {
    const a = p.getArea();
    if (a > bestArea) {
      bestArea = a;
      best = p;
    }
  }
  return best ? new Point(best.getInteriorPoint().getCoordinates().slice(0, 2)) : undefined;
}
