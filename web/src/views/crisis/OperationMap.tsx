// An operation on the map: the area as a polygon, the facilities as named points, and the
// contingents of its force as APP-6 symbols at their home stations (from the register), with
// a line to the area's centre while they deploy. The basemap and symbols are the situation
// map's own (views/map).

import { useEffect, useRef } from 'preact/hooks';
import Feature from 'ol/Feature';
import OlMap from 'ol/Map';
import View from 'ol/View';
import { boundingExtent } from 'ol/extent';
import GeoJSON from 'ol/format/GeoJSON';
import LineString from 'ol/geom/LineString';
import Point from 'ol/geom/Point';
import Polygon from 'ol/geom/Polygon';
import VectorLayer from 'ol/layer/Vector';
import { fromLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import CircleStyle from 'ol/style/Circle';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import Text from 'ol/style/Text';
import 'ol/ol.css';
import basemapUrl from '../../../generated/basemap.json?url';
import type { CrisisRecord, ForceSpec, OperationSpec } from '../../api/crisisTypes';
import { contingentsById } from '../../data/contingents';
import { componentColour, components, regions, states } from '../../data/reference';
import { createBasemapLayer } from '../map/basemap-layers';
import { applyReference, emptyLook } from '../map/look';
import { symbolStyle } from '../map/symbol-icons';
import { sidcFor } from '../map/unit-symbols';
import { t } from './crisis.messages';
import { centroid, isMoving } from './opmap';

const AREA = new Style({
  stroke: new Stroke({ color: '#b91c1c', width: 2.5, lineDash: [8, 5] }),
  fill: new Fill({ color: 'rgba(185, 28, 28, 0.12)' }),
});
const ROUTE = new Style({ stroke: new Stroke({ color: '#1d4ed8', width: 2, lineDash: [4, 4] }) });

const facilityStyle = (name: string) =>
  new Style({
    image: new CircleStyle({ radius: 6, fill: new Fill({ color: '#111827' }), stroke: new Stroke({ color: '#fff', width: 2 }) }),
    text: new Text({
      text: name,
      font: '600 12px system-ui, sans-serif',
      offsetY: -14,
      fill: new Fill({ color: '#111827' }),
      stroke: new Stroke({ color: '#fff', width: 3 }),
    }),
  });

export function OperationMap({ record, forces }: { record: CrisisRecord; forces: CrisisRecord[] }) {
  const target = useRef<HTMLDivElement>(null);
  const overlay = useRef<VectorSource | null>(null);
  const map = useRef<OlMap | null>(null);
  const spec = record.spec as unknown as OperationSpec;

  useEffect(() => {
    const countries = new VectorSource();
    const look = emptyLook(window.devicePixelRatio || 1);
    applyReference(look, states.value, regions.value, components.value);
    const source = new VectorSource();
    overlay.current = source;
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
      .catch(() => undefined); // the overlay still shows without the basemap
    return () => {
      ctl.abort();
      m.setTarget(undefined);
      map.current = null;
    };
  }, []);

  const key = JSON.stringify([spec.area, spec.facilities, forces.map((f) => [f.id, f.status]), record.status, contingentsById.value.size]);
  useEffect(() => {
    const source = overlay.current;
    if (!source || !map.current) return;
    source.clear();
    const ring = spec.area.map((p) => fromLonLat([p.lon, p.lat]));
    const area = new Feature(new Polygon([[...ring, ring[0]!]]));
    area.setStyle(AREA);
    source.addFeature(area);
    for (const f of spec.facilities) {
      const feature = new Feature(new Point(fromLonLat([f.position.lon, f.position.lat])));
      feature.setStyle(facilityStyle(f.name));
      source.addFeature(feature);
    }
    const centre = centroid(spec.area);
    const points = [...ring];
    for (const force of forces) {
      const fs = force.spec as unknown as ForceSpec;
      const c = contingentsById.value.get(fs.contingent_id);
      if (!c) continue;
      const home = fromLonLat([c.home_station.lon, c.home_station.lat]);
      points.push(home);
      if (centre && isMoving(force.status, record.status)) {
        const line = new Feature(new LineString([home, fromLonLat([centre.lon, centre.lat])]));
        line.setStyle(ROUTE);
        source.addFeature(line);
      }
      const unit = new Feature(new Point(home));
      unit.setStyle(symbolStyle(sidcFor(c.component, fs.personnel ?? c.personnel), componentColour(c.component), 1, window.devicePixelRatio || 1));
      unit.set('force', force.id);
      source.addFeature(unit);
    }
    if (points.length) {
      map.current.getView().fit(boundingExtent(points), { padding: [40, 40, 40, 40], maxZoom: 9 });
    }
    target.current!.dataset.features = String(source.getFeatures().length);
    target.current!.dataset.units = String(forces.filter((f) => contingentsById.value.has((f.spec as unknown as ForceSpec).contingent_id)).length);
  }, [key]);

  return (
    <section class="panel" aria-labelledby="opmap-heading">
      <h2 id="opmap-heading">{t('operationMap')}</h2>
      <div ref={target} class="crisis-map" data-testid="operation-map" role="img" aria-label={t('operationMap')} />
    </section>
  );
}
