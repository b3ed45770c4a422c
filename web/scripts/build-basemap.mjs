// Builds web/generated/basemap.json, the map's only geography, from Natural Earth outlines
// (npm world-atlas) and country names (npm world-countries): the six member states and the
// countries they border at 1:50m, rounded to three decimals; and, so that the land around them
// does not read as sea, the other countries of the map's window at 1:110m and two decimals
// (`context: true`, drawn plain). Everything is split at the 180th meridian.
//
// Each feature: id and properties.iso3 (ISO alpha-3; null for the few Natural Earth units
// without one, such as Kosovo), numeric (ISO numeric, as world-atlas ids them), name_en,
// name_ru, member, context; and `bbox` [west, south, east, north], with west > east when the
// feature straddles the antimeridian (Russia), for framing it on the map.
//
// Also writes reference/geography.json, the same member states and neighbours (1:50m, three
// decimals, split at 180°) with only iso3, name_en, name_ru and member: the server places
// reports in a state and region with it (crc-domain's monitoring::geography). It is committed,
// so that the Rust crates build without npm; a build that changes it shows in `git status`.
//
// Runs at build time (`npm run basemap`, part of `npm run build`) so that the console needs
// no tile server nor any request off its own origin. The output depends on nothing but the
// pinned packages, and the file is written only when its content changes, so that a rebuild
// triggers no watcher (cargo's build script, vite) needlessly.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import { maxLonJump, splitAtAntimeridian, wrappedBbox } from '../src/views/map/antimeridian.mjs';
import { roundMultiPolygon } from '../src/views/map/basemap-geometry.mjs';

const require = createRequire(import.meta.url);
const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(web, 'generated', 'basemap.json');

/** ISO 3166 alpha-3 of the member states; the reference data (reference/states) agrees. */
const MEMBERS = ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK'];
const DECIMALS = 3;
const CONTEXT_DECIMALS = 2;
/** The map's window (lon/lat); the view keeps to it. Longitudes beyond 180 wrap. */
const WINDOW = { west: -12, south: 15, east: 200, north: 90 };

const atlas = require('world-atlas/countries-50m.json');
const atlasCoarse = require('world-atlas/countries-110m.json');
/** @type {Array<{cca3: string, ccn3: string, borders: string[], name: {common: string}, translations: Record<string, {common: string}>}>} */
const countries = require('world-countries/countries.json');

const byCca3 = new Map(countries.map((c) => [c.cca3, c]));
const wanted = new Set(MEMBERS);
for (const code of MEMBERS) {
  const c = byCca3.get(code);
  if (!c) throw new Error(`world-countries lacks member state ${code}`);
  for (const n of c.borders) wanted.add(n);
}

/** @param {string | undefined} code @param {string} fallbackName */
function properties(code, numeric, fallbackName, member, context) {
  const c = code ? byCca3.get(code) : undefined;
  return {
    iso3: code ?? null,
    numeric: numeric ?? null,
    name_en: c?.name.common ?? fallbackName,
    name_ru: c?.translations.rus?.common ?? c?.name.common ?? fallbackName,
    member,
    context,
  };
}

function prepare(outline, decimals, what) {
  const split = splitAtAntimeridian(outline);
  const geometry = split && roundMultiPolygon(split, decimals);
  if (!geometry) return null;
  if (maxLonJump(geometry) > 180) throw new Error(`${what}: an edge still crosses ±180`);
  return geometry;
}

function inWindow([west, south, east, north]) {
  if (north < WINDOW.south || south > WINDOW.north) return false;
  const e = east < west ? east + 360 : east;
  return [-360, 0, 360].some((k) => west + k <= WINDOW.east && e + k >= WINDOW.west);
}

const outlines = new Map();
for (const f of feature(atlas, atlas.objects.countries).features) {
  if (f.id) outlines.set(f.id, f.geometry);
}

const features = [];
for (const code of wanted) {
  const c = byCca3.get(code);
  if (!c) throw new Error(`world-countries lacks ${code}`);
  const outline = outlines.get(c.ccn3);
  if (!outline) throw new Error(`world-atlas has no outline with id ${c.ccn3} (${code})`);
  const geometry = prepare(outline, DECIMALS, code);
  if (!geometry) throw new Error(`${code}: nothing left of the outline`);
  const member = MEMBERS.includes(code);
  features.push({
    type: 'Feature',
    id: code,
    bbox: wrappedBbox(geometry),
    properties: properties(code, c.ccn3, c.name.common, member, false),
    geometry,
  });
}

const byNumeric = new Map(countries.filter((c) => c.ccn3).map((c) => [c.ccn3, c]));
const taken = new Set(features.map((f) => f.properties.numeric));
for (const f of feature(atlasCoarse, atlasCoarse.objects.countries).features) {
  if (f.id && taken.has(f.id)) continue;
  const name = f.properties.name;
  const geometry = prepare(f.geometry, CONTEXT_DECIMALS, name);
  const bbox = geometry && wrappedBbox(geometry);
  if (!bbox || !inWindow(bbox)) continue;
  const code = f.id ? byNumeric.get(f.id)?.cca3 : undefined;
  features.push({
    type: 'Feature',
    id: code ?? name,
    bbox,
    properties: properties(code, f.id, name, false, true),
    geometry,
  });
}

// Context, then neighbours, then members, so that the borders that matter are drawn last, on
// top; within each, by id, for a stable file.
const rank = (f) => (f.properties.member ? 2 : f.properties.context ? 0 : 1);
features.sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const json = JSON.stringify({
  type: 'FeatureCollection',
  source: 'Natural Earth 1:50m and 1:110m (world-atlas 2.0.2); names: world-countries 5.1.0 (ODbL)',
  features,
});

/** Writes `json` to `path` only when it differs, through a file beside it and a rename. */
function writeIfChanged(path, json, what) {
  let previous = null;
  try {
    previous = readFileSync(path, 'utf8');
  } catch {
    // first build
  }
  if (previous === json) {
    console.log(`basemap: ${relative(web, path)} is up to date: ${what}`);
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  // Write beside it, then rename: cargo may build the console for two profiles at once, and
  // a bundler must never read a half-written file.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, json);
  renameSync(tmp, path);
  console.log(`basemap: wrote ${relative(web, path)}: ${what}`);
}

const kb = (Buffer.byteLength(json) / 1024).toFixed(1);
const count = (p) => features.filter((f) => p(f.properties)).length;
const what =
  `${features.length} features (${count((p) => p.member)} member states, ` +
  `${count((p) => !p.member && !p.context)} neighbours, ${count((p) => p.context)} context), ${kb} KiB`;
writeIfChanged(out, json, what);

const land = features
  .filter((f) => !f.properties.context)
  .map((f) => ({
    type: 'Feature',
    id: f.id,
    properties: {
      iso3: f.properties.iso3,
      name_en: f.properties.name_en,
      name_ru: f.properties.name_ru,
      member: f.properties.member,
    },
    geometry: f.geometry,
  }));
const geography = JSON.stringify(
  {
    type: 'FeatureCollection',
    source: 'Natural Earth 1:50m (world-atlas 2.0.2); names: world-countries 5.1.0 (ODbL)',
    features: land,
  },
  null,
  0,
);
writeIfChanged(
  join(web, '..', 'reference', 'geography.json'),
  `${geography}\n`,
  `${land.length} states (${land.filter((f) => f.properties.member).length} members), ` +
    `${(Buffer.byteLength(geography) / 1024).toFixed(1)} KiB`,
);
