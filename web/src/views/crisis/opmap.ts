// The geometry of an operation on its map: the area's centroid (where deploying contingents
// head), and the lines from each contingent's home station to it. Pure, so it is tested.

import type { LatLon } from '../../api/crisisTypes';

/** The centroid of a simple polygon (the vertex average when it has no area). */
export function centroid(ring: readonly LatLon[]): LatLon | null {
  if (ring.length === 0) return null;
  let a = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % ring.length]!;
    const cross = p.lon * q.lat - q.lon * p.lat;
    a += cross;
    x += (p.lon + q.lon) * cross;
    y += (p.lat + q.lat) * cross;
  }
  if (Math.abs(a) < 1e-12) {
    return {
      lat: ring.reduce((s, p) => s + p.lat, 0) / ring.length,
      lon: ring.reduce((s, p) => s + p.lon, 0) / ring.length,
    };
  }
  return { lat: y / (3 * a), lon: x / (3 * a) };
}

/** Whether a contingent is shown moving towards the area: while it deploys. */
export function isMoving(forceStatus: string, operationStatus: string): boolean {
  return forceStatus === 'deploying' || (operationStatus === 'deploying' && ['assigned', 'standby', 'mobilized'].includes(forceStatus));
}
