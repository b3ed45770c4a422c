// Rounding and tidying of basemap polygons after the antimeridian split, shared by the build
// script and its tests. Natural Earth at 1:50m is accurate to a few kilometres, so three
// decimals (about 100 m) lose nothing visible and keep the generated file small.

/**
 * MultiPolygon rounded to `decimals`, without repeated positions, without rings that rounding
 * collapsed, and wound as RFC 7946 asks (exteriors counter-clockwise, holes clockwise).
 * Returns null when nothing is left.
 */
export function roundMultiPolygon(geometry, decimals) {
  const f = 10 ** decimals;
  const round = (v) => Math.round(v * f) / f || 0; // `|| 0`: no "-0" in the JSON
  const polygons = [];
  for (const rings of geometry.coordinates) {
    const out = [];
    for (const ring of rings) {
      const r = [];
      for (const [x, y] of ring) {
        const p = [round(x), round(y)];
        const last = r[r.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) r.push(p);
      }
      const first = r[0];
      const last = r[r.length - 1];
      if (first[0] !== last[0] || first[1] !== last[1]) r.push([first[0], first[1]]);
      const area = ringArea(r);
      const exterior = out.length === 0;
      if (r.length < 4 || area === 0) {
        if (exterior) break; // a polygon whose exterior collapsed takes its holes with it
        continue;
      }
      out.push(area > 0 === exterior ? r : r.reverse());
    }
    if (out.length > 0) polygons.push(out);
  }
  return polygons.length ? { type: 'MultiPolygon', coordinates: polygons } : null;
}

/** Signed planar area (shoelace) in square degrees; positive when counter-clockwise. */
export function ringArea(ring) {
  let a = 0;
  for (let i = 1; i < ring.length; i++) {
    a += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  }
  return a / 2;
}

/** Planar area of a (Multi)Polygon in square degrees: exteriors minus holes. */
export function planarArea(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let total = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      total += i === 0 ? Math.abs(ringArea(ring)) : -Math.abs(ringArea(ring));
    });
  }
  return total;
}
