// Capitals (from the reference data) and home stations (from the contingents): named points,
// decluttered with the other labels. The names change with the language, so their styles are
// made on demand and kept by name.

import type { FeatureLike } from 'ol/Feature';
import VectorLayer from 'ol/layer/Vector';
import type VectorSource from 'ol/source/Vector';
import type Style from 'ol/style/Style';
import { loc } from '../../i18n';
import { STATION_LABEL_MIN_ZOOM, capitalStyle, stationStyle } from './label-styles';
import type { Look } from './look';

/**
 * Capital features carry `state` (ISO alpha-3); the name comes from the reference data. The
 * name leaves room below the star for a unit symbol, unless the symbols are switched off.
 */
export function createCapitalLayer(
  source: VectorSource,
  look: Look,
  declutter: string,
  unitsShown: () => boolean,
): VectorLayer {
  const styles = new Map<string, Style[]>();
  return new VectorLayer({
    source,
    declutter,
    properties: { key: 'capitals' },
    style: (f: FeatureLike) => {
      const state = look.states.get(f.get('state') as string);
      if (!state) return undefined;
      const name = loc(state.capital.name);
      const scale = look.scale;
      const units = unitsShown();
      return cached(styles, `${name}|${scale}|${units}`, () => capitalStyle(name, scale, units));
    },
  });
}

/**
 * Station features carry `name`. Shown from STATION_LABEL_MIN_ZOOM on; the unit symbols mark
 * the places, so a dot is drawn only while they are switched off.
 */
export function createStationLayer(
  source: VectorSource,
  look: Look,
  declutter: string,
  unitsShown: () => boolean,
): VectorLayer {
  const styles = new Map<string, Style[]>();
  return new VectorLayer({
    source,
    declutter,
    minZoom: STATION_LABEL_MIN_ZOOM,
    properties: { key: 'stations' },
    style: (f: FeatureLike) => {
      const marked = !unitsShown();
      const name = f.get('name') as string;
      const scale = look.scale;
      return cached(styles, `${name}|${scale}|${marked}`, () => stationStyle(name, scale, marked));
    },
  });
}

/** Label styles are few (a name per place), so they are kept for the life of the map. */
function cached(cache: Map<string, Style[]>, key: string, make: () => Style[]): Style[] {
  let s = cache.get(key);
  if (!s) {
    s = make();
    cache.set(key, s);
  }
  return s;
}
