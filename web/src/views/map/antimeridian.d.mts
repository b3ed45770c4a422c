// Types of antimeridian.mjs (plain JS so that the build script can run it with node).

export type Position = [number, number] | number[];
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type Bbox = [west: number, south: number, east: number, north: number];

/** Polygon pieces that never cross ±180: no ring edge has |Δlon| > 180. */
export function splitAtAntimeridian(geometry: Polygon | MultiPolygon): MultiPolygon | null;
/** The largest longitude step between consecutive ring positions (degrees). */
export function maxLonJump(geometry: Polygon | MultiPolygon | null): number;
/** West > east when the box crosses the antimeridian (RFC 7946 §5.2). */
export function wrappedBbox(geometry: Polygon | MultiPolygon | null): Bbox | null;
