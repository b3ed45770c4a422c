// The small decisions around the map: scale, regions, home stations.
import { describe, expect, it } from 'vitest';
import type { Contingent, RegionRef, StateRef } from '../../api/types';
import { mapScale } from './map-scale';
import { regionColour, regionsByState, withAlpha } from './region-style';
import { stationPlaces } from './stations';

describe('mapScale', () => {
  it('is 1 on laptops and desk screens', () => {
    expect(mapScale(1366, 768, false)).toBe(1);
    expect(mapScale(1920, 1080, false)).toBe(1);
  });
  it('doubles on a 4K display at 100 %', () => {
    expect(mapScale(3840, 2160, false)).toBe(2);
  });
  it('grows with the wall density, in quarter steps, up to 3', () => {
    expect(mapScale(1920, 1080, true)).toBe(1.25);
    expect(mapScale(3840, 2160, true)).toBe(2.75);
    expect(mapScale(7680, 4320, true)).toBe(3);
  });
});

const REGIONS: RegionRef[] = [
  { key: 'caucasus', name: { en: 'Caucasus', ru: 'Кавказский' }, states: ['ARM', 'RUS'] },
  { key: 'central_asian', name: { en: 'Central Asian', ru: 'Центральноазиатский' }, states: ['KAZ', 'KGZ', 'RUS', 'TJK'] },
  { key: 'eastern_european', name: { en: 'Eastern European', ru: 'Восточноевропейский' }, states: ['BLR', 'RUS'] },
];

describe('regions', () => {
  it('puts Russia in all three regions and the others in one', () => {
    const m = regionsByState(REGIONS);
    expect(m.get('RUS')).toEqual(['caucasus', 'central_asian', 'eastern_european']);
    expect(m.get('ARM')).toEqual(['caucasus']);
    expect(m.get('BLR')).toEqual(['eastern_european']);
    expect(m.get('KGZ')).toEqual(['central_asian']);
  });
  it('gives each region its own colour, also regions added later', () => {
    const colours = [...REGIONS.map((r, i) => regionColour(r.key, i)), regionColour('arctic', 3)];
    expect(new Set(colours).size).toBe(colours.length);
  });
  it('writes translucent colours', () => {
    expect(withAlpha('#3f7fbf', 0.3)).toBe('rgba(63, 127, 191, 0.3)');
  });
});

describe('stationPlaces', () => {
  const yerevan = { lat: 40.1811, lon: 44.5136 };
  const states = [{ code: 'ARM', capital: { name: { en: 'Yerevan', ru: 'Ереван' }, ...yerevan } }] as StateRef[];
  const at = (id: number, name: string, lat: number, lon: number) =>
    ({ id, home_station: { name, lat, lon } }) as Contingent;

  it('names each place once and leaves capitals to the capital layer', () => {
    const places = stationPlaces(
      [at(1, 'Gyumri', 40.7894, 43.8475), at(2, 'Gyumri', 40.7894, 43.8475), at(3, 'Yerevan', yerevan.lat, yerevan.lon), at(4, 'Armavir', 40.1545, 44.0383)],
      states,
    );
    expect(places.map((p) => p.name)).toEqual(['Armavir', 'Gyumri']);
  });
});
