// Home stations to name on the map: each place once, however many contingents it hosts, and
// not where a capital already names the place.

import type { Contingent, StateRef } from '../../api/types';

export interface StationPlace {
  name: string;
  lat: number;
  lon: number;
}

/** Within this many degrees a station is the capital itself (a city is bigger than that). */
const SAME_PLACE_DEG = 0.05;

export function stationPlaces(contingents: readonly Contingent[], states: readonly StateRef[]): StationPlace[] {
  const byKey = new Map<string, StationPlace>();
  for (const c of contingents) {
    const { name, lat, lon } = c.home_station;
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const key = `${name.trim().toLowerCase()}|${lat.toFixed(2)}|${lon.toFixed(2)}`;
    if (!byKey.has(key)) byKey.set(key, { name: name.trim(), lat, lon });
  }
  const atCapital = (p: StationPlace) =>
    states.some(
      (s) => Math.abs(s.capital.lat - p.lat) < SAME_PLACE_DEG && Math.abs(s.capital.lon - p.lon) < SAME_PLACE_DEG,
    );
  return [...byKey.values()]
    .filter((p) => p.name !== '' && !atCapital(p))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.lat - b.lat));
}
