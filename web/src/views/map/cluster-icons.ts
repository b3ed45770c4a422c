// Cluster drawings: a disc in the colour of the dominant component (or neutral), a rim split
// by the components' shares, and the count. Drawn once per look (see clusterKey) onto a canvas
// and kept in a bounded cache, since zooming through thousands of contingents produces new
// counts all the time.

import Icon from 'ol/style/Icon';
import Style from 'ol/style/Style';
import {
  NEUTRAL_COLOUR,
  RIM_STEPS,
  clusterKey,
  clusterRadius,
  dominantComponent,
  rimSegments,
} from './cluster-style';
import { LABEL_FONT_FAMILY } from './label-styles';
import { iconColourOn } from './symbol-icons';

const MAX_CACHED = 400;
const cache = new Map<string, Style>();

export function clusterStyle(
  components: readonly string[],
  colourOf: (component: string) => string,
  scale: number,
  pixelRatio: number,
): Style {
  const key = `${clusterKey(components, scale)}|${pixelRatio}`;
  const hit = cache.get(key);
  if (hit) {
    // Refresh its place in the insertion order: the map is also the LRU list.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const canvas = drawCluster(components, colourOf, scale, pixelRatio);
  const style = new Style({
    image: new Icon({ img: canvas, scale: 1 / pixelRatio, declutterMode: 'obstacle' }),
  });
  cache.set(key, style);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return style;
}

export function clearClusterCache(): void {
  cache.clear();
}

function drawCluster(
  components: readonly string[],
  colourOf: (component: string) => string,
  scale: number,
  ratio: number,
): HTMLCanvasElement {
  const r = clusterRadius(components.length, scale);
  const rim = Math.max(3, 4 * scale);
  const pad = 2 * scale;
  const side = Math.ceil((r + pad) * 2 * ratio);
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(ratio, ratio);
  const c = side / ratio / 2;

  const dominant = dominantComponent(components);
  const fill = dominant ? colourOf(dominant) : NEUTRAL_COLOUR;

  // White halo, then the rim segments, then the disc inside them.
  ctx.beginPath();
  ctx.arc(c, c, r + pad * 0.75, 0, Math.PI * 2);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.fill();

  let start = -Math.PI / 2;
  for (const seg of rimSegments(components)) {
    const end = start + (seg.steps / RIM_STEPS) * Math.PI * 2;
    ctx.beginPath();
    ctx.moveTo(c, c);
    ctx.arc(c, c, r, start, end);
    ctx.closePath();
    ctx.fillStyle = colourOf(seg.component);
    ctx.fill();
    start = end;
  }

  ctx.beginPath();
  ctx.arc(c, c, r - rim, 0, Math.PI * 2);
  ctx.fillStyle = 'white';
  ctx.fill();
  ctx.beginPath();
  ctx.arc(c, c, r - rim - scale, 0, Math.PI * 2);
  ctx.fillStyle = fill;
  ctx.fill();

  const text = String(components.length);
  const fontPx = Math.round((text.length > 3 ? 11 : 13) * scale * (r / clusterRadius(2, scale)) ** 0.5);
  ctx.font = `700 ${fontPx}px ${LABEL_FONT_FAMILY}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = iconColourOn(fill);
  ctx.fillText(text, c, c + scale * 0.5);
  return canvas;
}
