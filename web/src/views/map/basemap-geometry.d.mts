// Types of basemap-geometry.mjs (plain JS so that the build script can run it with node).
import type { MultiPolygon, Polygon, Position } from './antimeridian.mjs';

/** Rounded, deduplicated, RFC 7946 wound; null when rounding left nothing. */
export function roundMultiPolygon(geometry: MultiPolygon, decimals: number): MultiPolygon | null;
/** Signed planar area in square degrees; positive when counter-clockwise. */
export function ringArea(ring: Position[]): number;
/** Planar area in square degrees: exteriors minus holes. */
export function planarArea(geometry: Polygon | MultiPolygon): number;
