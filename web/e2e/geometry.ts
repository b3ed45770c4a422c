// Plain planar geometry for checking the drawn map against the basemap data: point in
// polygon by ray casting (the basemap is split at the 180th meridian, so its rings are
// planar in longitude/latitude).

export type Ring = [number, number][];
export interface Feature {
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export function polygons(f: Feature): Ring[][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

function inRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function contains(f: Feature, p: [number, number]): boolean {
  return polygons(f).some(([outer, ...holes]) => inRing(p, outer) && !holes.some((h) => inRing(p, h)));
}

/** The largest jump in longitude between consecutive vertices of any ring. */
export function maxLonJump(f: Feature): number {
  let max = 0;
  for (const poly of polygons(f))
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++) max = Math.max(max, Math.abs(ring[i][0] - ring[i - 1][0]));
  return max;
}
