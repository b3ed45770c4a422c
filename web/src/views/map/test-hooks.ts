// Hooks for the end-to-end tests (headless Chromium) and the benchmark, kept to what they
// need. While a MapView is mounted:
//
//   <div data-testid="map" data-ready="true">   the map viewport; data-ready appears after the
//                                                first complete render with the basemap
//                                                settled and reference data and contingents in,
//                                                together with performance.mark('crc:map-ready')
//   window.crcMap.map                            the OpenLayers Map
//   window.crcMap.pixelOf(lon, lat)              [x, y] CSS pixels in the map viewport (relative
//                                                to the data-testid="map" element's top left)
//   window.crcMap.fitState(code)                 frames a state ('RUS') or 'ALL' member states
//   window.crcMap.drawn()                        [{state, component, count}]: contingents drawn
//                                                in the view at the last render, a cluster
//                                                counting all its members; [] with the layer off
//   window.crcMap.renderCount()                  'postrender' events so far (frames per second)

import type OlMap from 'ol/Map';
import type { DrawnCount, SituationMap } from './situation-map';

export interface CrcMapHooks {
  map: OlMap;
  pixelOf(lon: number, lat: number): [number, number];
  fitState(code: string): void;
  drawn(): DrawnCount[];
  renderCount(): number;
}

declare global {
  interface Window {
    crcMap?: CrcMapHooks;
  }
}

/** Publishes the hooks for this map; the returned function withdraws them (if still ours). */
export function installTestHooks(m: SituationMap): () => void {
  const hooks: CrcMapHooks = {
    map: m.map,
    pixelOf: (lon, lat) => m.pixelOf(lon, lat),
    // Without animation, so that the next 'rendercomplete' shows the state.
    fitState: (code) => {
      m.fit(code, false);
    },
    drawn: () => m.drawn(),
    renderCount: () => m.renderCount(),
  };
  window.crcMap = hooks;
  return () => {
    if (window.crcMap === hooks) delete window.crcMap;
  };
}
