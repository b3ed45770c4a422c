// Splits polygons at the 180th meridian, shared by the basemap build (scripts/build-basemap.mjs)
// and its unit tests. Natural Earth (as world-atlas ships it) has Russia's Chukotka and a few
// islands stitched across the antimeridian: edges running from +179.x to -179.x, which a
// sphere-aware renderer reads as short, but a flat web map draws as a stripe around the world.
//
// d3 clips on the sphere (geoClipAntimeridian) and knows which side is inside from the ring
// winding, so a crossing polygon comes out as pieces that end exactly at ±180, with the
// crossing latitude taken on the great circle. An identity equirectangular projection (one
// unit per degree, resampling off) turns that into a plain lon/lat geometry again.

import { geoArea, geoEquirectangular } from 'd3-geo';
import { geoProject } from 'd3-geo-projection';

// y comes out as -lat (screen orientation), so geoProject's ring classification, which
// expects screen coordinates, sorts exteriors from holes correctly; we flip y back ourselves.
const identity = geoEquirectangular().scale(180 / Math.PI).translate([0, 0]).precision(0);

/**
 * Polygon or MultiPolygon in d3's spherical winding convention (exteriors clockwise on a
 * north-up map), as world-atlas delivers it. Polygons given the other way round (RFC 7946)
 * would mean "the whole sphere except this", so any polygon covering more than a hemisphere
 * is reversed first: no country is that large.
 */
export function splitAtAntimeridian(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const d3Polygons = polygons.map((rings) => {
    const area = geoArea({ type: 'Polygon', coordinates: rings });
    return area > 2 * Math.PI ? rings.map((r) => r.slice().reverse()) : rings;
  });
  const projected = geoProject({ type: 'MultiPolygon', coordinates: d3Polygons }, identity);
  if (!projected) return null;
  const out = projected.type === 'Polygon' ? [projected.coordinates] : projected.coordinates;
  return {
    type: 'MultiPolygon',
    coordinates: out.map((rings) => rings.map((ring) => ring.map(([x, y]) => [x, -y]))),
  };
}

/** The largest longitude step between consecutive ring positions (degrees). */
export function maxLonJump(geometry) {
  let max = 0;
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        max = Math.max(max, Math.abs(ring[i][0] - ring[i - 1][0]));
      }
    }
  }
  return max;
}

/**
 * [west, south, east, north] of the geometry the way a map should frame it: when the pieces
 * sit on both sides of the antimeridian and the box is narrower going across it, west > east
 * (RFC 7946 §5.2), e.g. Russia: [19.6, 41.2, -169.0, 81.9].
 */
export function wrappedBbox(geometry) {
  const lons = [];
  let south = Infinity;
  let north = -Infinity;
  for (const rings of polygonsOf(geometry)) {
    let west = Infinity;
    let east = -Infinity;
    for (const [lon, lat] of rings[0]) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
    lons.push([west, east]);
  }
  if (lons.length === 0) return null;
  // The framing box is the complement of the widest longitude gap that no piece covers.
  const spans = lons.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [w, e] of spans) {
    const last = merged[merged.length - 1];
    if (last && w <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([w, e]);
  }
  let gap = 360 - (merged[merged.length - 1][1] - merged[0][0]);
  let west = merged[0][0];
  let east = merged[merged.length - 1][1];
  for (let i = 1; i < merged.length; i++) {
    const g = merged[i][0] - merged[i - 1][1];
    if (g > gap) {
      gap = g;
      west = merged[i][0];
      east = merged[i - 1][1];
    }
  }
  return [west, south, east, north];
}

function polygonsOf(geometry) {
  if (!geometry) return [];
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
