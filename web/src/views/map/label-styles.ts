// Names on the map: countries, capitals and home stations. The canvas draws them with the
// fonts installed on the workstation (no web fonts: nothing may leave the origin), with a
// white halo so that they stay legible over fills, and they are decluttered together.

import type { FeatureLike } from 'ol/Feature';
import Circle from 'ol/style/Circle';
import Fill from 'ol/style/Fill';
import RegularShape from 'ol/style/RegularShape';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import Text from 'ol/style/Text';
import { loc, locale } from '../../i18n';
import type { Look } from './look';
import { symbolReachBelow } from './symbol-icons';

/** Fonts with Cyrillic that desktops and the Debian/Chromium kiosks have. */
export const LABEL_FONT_FAMILY =
  'system-ui, "Segoe UI", "DejaVu Sans", "Noto Sans", Roboto, "Liberation Sans", Arial, sans-serif';

/** Home station names appear from this zoom level (a single member state fills the view). */
export const STATION_LABEL_MIN_ZOOM = 5;

const halo = (scale: number) => new Stroke({ color: 'rgba(255, 255, 255, 0.92)', width: 3 * scale });

/**
 * Labels of points where a unit symbol may sit go below the symbol rather than under it; the
 * symbols are obstacles for decluttering, so a label that would touch one is left out.
 */
const belowSymbol = (scale: number) => Math.ceil(symbolReachBelow(scale) + 5 * scale); // clear of the halo

export function countryLabel(feature: FeatureLike, look: Look): Style | undefined {
  const member = feature.get('member') as boolean;
  if (feature.get('context')) return undefined;
  const code = feature.get('iso3') as string;
  const ref = member ? look.states.get(code) : undefined;
  const name = ref ? loc(ref.short_name) : ((locale.value === 'ru' ? feature.get('name_ru') : feature.get('name_en')) as string);
  const s = look.scale;
  return new Style({
    geometry: feature.get('labelPoint'),
    text: new Text({
      text: member ? name.toLocaleUpperCase(locale.value) : name,
      font: member
        ? `600 ${Math.round(13 * s)}px ${LABEL_FONT_FAMILY}`
        : `${Math.round(11.5 * s)}px ${LABEL_FONT_FAMILY}`,
      fill: new Fill({ color: member ? '#4e3b1f' : '#6b6b6b' }),
      stroke: halo(s),
      overflow: true,
    }),
  });
}

/** A capital: a star and its name, below room for a unit symbol when `units` are shown. */
export function capitalStyle(name: string, scale: number, units: boolean): Style[] {
  return [
    new Style({
      image: new RegularShape({
        points: 5,
        radius: 6.5 * scale,
        radius2: 2.8 * scale,
        fill: new Fill({ color: '#b71c1c' }),
        stroke: new Stroke({ color: 'white', width: 1.2 * scale }),
        declutterMode: 'none',
      }),
    }),
    new Style({
      text: new Text({
        text: name,
        font: `600 ${Math.round(12.5 * scale)}px ${LABEL_FONT_FAMILY}`,
        fill: new Fill({ color: '#1b1b1b' }),
        stroke: halo(scale),
        textBaseline: 'top',
        offsetY: units ? belowSymbol(scale) : Math.round(8 * scale),
      }),
    }),
  ];
}

/** A home station's name; with a dot when no unit symbol marks the place. */
export function stationStyle(name: string, scale: number, marked: boolean): Style[] {
  const label = new Style({
    text: new Text({
      text: name,
      font: `italic ${Math.round(11.5 * scale)}px ${LABEL_FONT_FAMILY}`,
      fill: new Fill({ color: '#263238' }),
      stroke: halo(scale),
      textBaseline: marked ? 'middle' : 'top',
      textAlign: marked ? 'left' : 'center',
      offsetX: marked ? 6 * scale : 0,
      offsetY: marked ? 0 : belowSymbol(scale),
    }),
  });
  if (!marked) return [label];
  const dot = new Style({
    image: new Circle({
      radius: 2.5 * scale,
      fill: new Fill({ color: '#37474f' }),
      stroke: new Stroke({ color: 'white', width: 1 * scale }),
      declutterMode: 'none',
    }),
  });
  return [dot, label];
}
