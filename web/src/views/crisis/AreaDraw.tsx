// Drawing an operation's area on the map: OpenLayers' Draw interaction makes a polygon,
// whose corners go into the typed list (and typed corners show on the map), so either way
// of entering the area gives the same text the form checks.

import { useEffect, useRef } from 'preact/hooks';
import Feature from 'ol/Feature';
import OlMap from 'ol/Map';
import View from 'ol/View';
import GeoJSON from 'ol/format/GeoJSON';
import Polygon from 'ol/geom/Polygon';
import Draw from 'ol/interaction/Draw';
import VectorLayer from 'ol/layer/Vector';
import { fromLonLat, toLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import 'ol/ol.css';
import basemapUrl from '../../../generated/basemap.json?url';
import { components, regions, stateRef, states } from '../../data/reference';
import { createBasemapLayer } from '../map/basemap-layers';
import { applyReference, emptyLook } from '../map/look';
import { t } from './crisis.messages';
import { formatArea, parseArea } from './forms';

export function AreaDraw({ text, onText, centreState }: { text: string; onText: (s: string) => void; centreState: string }) {
  const target = useRef<HTMLDivElement>(null);
  const drawn = useRef<VectorSource | null>(null);
  const map = useRef<OlMap | null>(null);
  const draw = useRef<Draw | null>(null);
  const emit = useRef(onText);
  emit.current = onText;

  useEffect(() => {
    const countries = new VectorSource();
    const look = emptyLook(window.devicePixelRatio || 1);
    applyReference(look, states.value, regions.value, components.value);
    const source = new VectorSource();
    drawn.current = source;
    const m = new OlMap({
      target: target.current!,
      layers: [createBasemapLayer(countries, look, 'labels'), new VectorLayer({ source })],
      view: new View({ center: fromLonLat([70, 45]), zoom: 4, maxZoom: 13 }),
    });
    map.current = m;
    const ctl = new AbortController();
    fetch(basemapUrl, { signal: ctl.signal, credentials: 'same-origin' })
      .then((r) => r.json())
      .then((json) => countries.addFeatures(new GeoJSON().readFeatures(json, { featureProjection: 'EPSG:3857' })))
      .catch(() => undefined);
    return () => {
      ctl.abort();
      m.setTarget(undefined);
    };
  }, []);

  // Centre on the host state's capital when it is chosen.
  useEffect(() => {
    const s = stateRef(centreState);
    if (s && map.current && !drawn.current?.getFeatures().length) {
      map.current.getView().animate({ center: fromLonLat([s.capital.lon, s.capital.lat]), zoom: 6, duration: 0 });
    }
  }, [centreState]);

  // Typed corners show on the map.
  useEffect(() => {
    const source = drawn.current;
    if (!source) return;
    const area = parseArea(text);
    source.clear();
    if (area && area.length >= 3) {
      const ring = area.map((p) => fromLonLat([p.lon, p.lat]));
      source.addFeature(new Feature(new Polygon([[...ring, ring[0]!]])));
    }
  }, [text]);

  const start = () => {
    if (!map.current || !drawn.current) return;
    if (draw.current) map.current.removeInteraction(draw.current);
    const d = new Draw({ type: 'Polygon', source: new VectorSource() });
    d.on('drawend', (e) => {
      const ring = (e.feature.getGeometry() as Polygon).getCoordinates()[0]!.slice(0, -1);
      emit.current(formatArea(ring.map((c) => { const [lon, lat] = toLonLat(c); return { lat: lat!, lon: lon! }; })));
      map.current?.removeInteraction(d);
      draw.current = null;
    });
    draw.current = d;
    map.current.addInteraction(d);
  };

  return (
    <div class="crisis-area-draw">
      <div class="crisis-action-buttons">
        <button type="button" class="button button-small" onClick={start} data-testid="draw-area">{t('drawArea')}</button>
        <button type="button" class="button button-small" onClick={() => onText('')}>{t('clearArea')}</button>
      </div>
      <div ref={target} class="crisis-map crisis-map-small" data-testid="area-map" />
    </div>
  );
}
