// The geography: countries from the generated basemap (member states filled, neighbours
// lighter, the rest of the window plain), and above it the regions of collective security.
// Both layers share one source of country features.

import type { FeatureLike } from 'ol/Feature';
import type VectorSource from 'ol/source/Vector';
import VectorLayer from 'ol/layer/Vector';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import { countryLabel } from './label-styles';
import type { Look } from './look';
import { HATCH_ALPHA, REGION_ALPHA, hatchPattern, withAlpha } from './region-style';

export const SEA_COLOUR = '#d3e2ea';
export const MEMBER_COLOUR = '#efe3c6';

const MEMBER = new Style({
  fill: new Fill({ color: MEMBER_COLOUR }),
  stroke: new Stroke({ color: '#6d6047', width: 1.2 }),
});
const NEIGHBOUR = new Style({
  fill: new Fill({ color: '#f7f5ef' }),
  stroke: new Stroke({ color: '#a9a497', width: 0.8 }),
});
const CONTEXT = new Style({
  fill: new Fill({ color: '#f3f2ee' }),
  stroke: new Stroke({ color: '#cfccc3', width: 0.5 }),
});

/** Country outlines and names (the names are decluttered with the other labels). */
export function createBasemapLayer(source: VectorSource, look: Look, declutter: string): VectorLayer {
  return new VectorLayer({
    source,
    declutter,
    properties: { key: 'basemap' },
    style: (feature: FeatureLike) => {
      const base = feature.get('member') ? MEMBER : feature.get('context') ? CONTEXT : NEIGHBOUR;
      const label = countryLabel(feature, look);
      return label ? [base, label] : base;
    },
  });
}

/**
 * Member states in their region's colour. Fills are cached per combination of regions and
 * pixel ratio: patterns are in device pixels.
 */
export function createRegionLayer(source: VectorSource, look: Look): VectorLayer {
  const fills = new Map<string, Style | null>();
  let cachedFor = '';
  return new VectorLayer({
    source,
    properties: { key: 'regions' },
    style: (feature: FeatureLike) => {
      if (!feature.get('member')) return undefined;
      const keys = look.regionsOf.get(feature.get('iso3') as string);
      if (!keys || keys.length === 0) return undefined;
      const stamp = `${look.pixelRatio}|${look.scale}|${[...look.regionColours].join(';')}`;
      if (stamp !== cachedFor) {
        fills.clear();
        cachedFor = stamp;
      }
      const id = keys.join('+');
      if (!fills.has(id)) fills.set(id, regionFill(keys, look));
      return fills.get(id) ?? undefined;
    },
  });
}

function regionFill(keys: string[], look: Look): Style | null {
  const colour = (k: string, alpha: number) => withAlpha(look.regionColours.get(k) ?? '#888888', alpha);
  if (keys.length === 1) return new Style({ fill: new Fill({ color: colour(keys[0]!, REGION_ALPHA) }) });
  const ratio = look.scale * look.pixelRatio;
  const pattern = hatchPattern(
    keys.map((k) => colour(k, HATCH_ALPHA)),
    6 * ratio,
    2 * ratio,
  );
  return pattern ? new Style({ fill: new Fill({ color: pattern }) }) : null;
}
