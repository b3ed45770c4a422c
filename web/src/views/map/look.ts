// What the style functions of all map layers read: the reference data in the shapes they need,
// the map scale and the device pixel ratio. The map owns one Look and changes it in place,
// then asks its layers to redraw.

import type { ComponentRef, RegionRef, StateRef } from '../../api/types';
import { regionColour, regionsByState } from './region-style';

/** A component the reference data does not (yet) colour. */
export const UNKNOWN_COMPONENT_COLOUR = '#78909c';

export interface Look {
  scale: number;
  pixelRatio: number;
  states: Map<string, StateRef>;
  /** Region keys by state code. */
  regionsOf: Map<string, string[]>;
  regionColours: Map<string, string>;
  components: Map<string, ComponentRef>;
}

export function emptyLook(pixelRatio: number): Look {
  return {
    scale: 1,
    pixelRatio,
    states: new Map(),
    regionsOf: new Map(),
    regionColours: new Map(),
    components: new Map(),
  };
}

export function applyReference(
  look: Look,
  states: readonly StateRef[],
  regions: readonly RegionRef[],
  components: readonly ComponentRef[],
): void {
  look.states = new Map(states.map((s) => [s.code, s]));
  look.regionsOf = regionsByState(regions);
  look.regionColours = new Map(regions.map((r, i) => [r.key, regionColour(r.key, i)]));
  look.components = new Map(components.map((c) => [c.key, c]));
}

export function componentColour(look: Look, key: string): string {
  return look.components.get(key)?.colour || UNKNOWN_COMPONENT_COLOUR;
}
