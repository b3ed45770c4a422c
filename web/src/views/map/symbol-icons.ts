// Unit symbols as OpenLayers styles. milsymbol draws each distinct symbol (SIDC, colour, size,
// device pixel ratio) once onto a canvas; every feature with that symbol shares the canvas and
// the Style object, so thousands of contingents cost a handful of drawings.

import ms from 'milsymbol';
import Icon from 'ol/style/Icon';
import Style from 'ol/style/Style';

/** milsymbol `size` at map scale 1 (the frame is about 1.5 × this wide). */
export const SYMBOL_SIZE = 26;

/** Black or white, whichever reads better on `fill` (WCAG contrast). */
export function iconColourOn(fill: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill.trim());
  if (!m) return 'black';
  const lin = (h: string) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(m[1]!) + 0.7152 * lin(m[2]!) + 0.0722 * lin(m[3]!);
  const onBlack = (l + 0.05) / 0.05;
  const onWhite = 1.05 / (l + 0.05);
  return onBlack >= onWhite ? 'black' : 'white';
}

export interface SymbolDrawing {
  canvas: HTMLCanvasElement;
  /** Where the unit's location is, in canvas pixels. */
  anchor: [number, number];
  /** Size in CSS pixels. */
  width: number;
  height: number;
}

const drawings = new Map<string, SymbolDrawing>();
const styles = new Map<string, Style>();

export function drawSymbol(sidc: string, fill: string, scale: number, pixelRatio: number): SymbolDrawing {
  const key = `${sidc}|${fill}|${scale}|${pixelRatio}`;
  let d = drawings.get(key);
  if (!d) {
    const symbol = new ms.Symbol(sidc, {
      size: SYMBOL_SIZE * scale,
      fillColor: fill,
      iconColor: iconColourOn(fill),
      // A light halo keeps the frame legible over region fills and borders.
      outlineColor: 'rgba(255, 255, 255, 0.85)',
      outlineWidth: 2 * scale,
    });
    const canvas = symbol.asCanvas(pixelRatio);
    const a = symbol.getAnchor();
    const size = symbol.getSize();
    d = {
      canvas,
      anchor: [a.x * pixelRatio, a.y * pixelRatio],
      width: size.width,
      height: size.height,
    };
    drawings.set(key, d);
  }
  return d;
}

/**
 * How far a unit symbol reaches below its anchor, in CSS pixels: labels of places where a
 * symbol may sit start there. Every friendly land unit has the same frame, so any will do.
 */
export function symbolReachBelow(scale: number): number {
  const d = drawSymbol('10031000000000000000', '#ffffff', scale, 1);
  return d.height - d.anchor[1];
}

/** The style of one contingent's symbol; shared by all with the same drawing. */
export function symbolStyle(sidc: string, fill: string, scale: number, pixelRatio: number): Style {
  const key = `${sidc}|${fill}|${scale}|${pixelRatio}`;
  let s = styles.get(key);
  if (!s) {
    const d = drawSymbol(sidc, fill, scale, pixelRatio);
    s = new Style({
      image: new Icon({
        img: d.canvas,
        anchor: d.anchor,
        anchorXUnits: 'pixels',
        anchorYUnits: 'pixels',
        // The canvas holds device pixels; OpenLayers multiplies by the pixel ratio again.
        scale: 1 / pixelRatio,
        // Always drawn, and labels keep clear of it.
        declutterMode: 'obstacle',
      }),
    });
    styles.set(key, s);
  }
  return s;
}

/** A symbol as an SVG data URL (crisp at any zoom), for the legend and the detail card. */
export function symbolSvgUrl(sidc: string, fill: string, size: number): string {
  const svg = new ms.Symbol(sidc, { size, fillColor: fill, iconColor: iconColourOn(fill) }).asSVG();
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Drops every drawing, e.g. after the component colours changed in the reference data. */
export function clearSymbolCache(): void {
  drawings.clear();
  styles.clear();
}
