// A plan on the map (OpenLayers, on the situation map's basemap like the operation's map):
// the scenario's nodes with a symbol per kind and their names, the routes the movements take
// as lines coloured and dashed by mode and as thick as what travels them (air legs on the
// great circle), and a legend that also names the states whose transit rules shaped them.

import { useEffect, useMemo, useRef } from 'preact/hooks';
import Feature from 'ol/Feature';
import OlMap from 'ol/Map';
import View from 'ol/View';
import { boundingExtent } from 'ol/extent';
import GeoJSON from 'ol/format/GeoJSON';
import LineString from 'ol/geom/LineString';
import Point from 'ol/geom/Point';
import VectorLayer from 'ol/layer/Vector';
import { fromLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import CircleStyle from 'ol/style/Circle';
import Fill from 'ol/style/Fill';
import RegularShape from 'ol/style/RegularShape';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import Text from 'ol/style/Text';
import type ImageStyle from 'ol/style/Image';
import 'ol/ol.css';
import basemapUrl from '../../../generated/basemap.json?url';
import { NODE_KINDS, type LegMode, type NodeKind, type Plan, type Scenario } from '../../api/planTypes';
import { components, regions, stateName, states } from '../../data/reference';
import { createBasemapLayer } from '../map/basemap-layers';
import { applyReference, emptyLook } from '../map/look';
import { MODE_COLOURS, ModeLegend } from './Gantt';
import { crossingsUsed, lineWidth, routeLines, transitNotes, volume } from './planmap';
import { t, tk } from './plans.messages';
import { when } from './words';

/** Line dashes by mode, so modes differ by more than colour. */
const DASH: Record<Exclude<LegMode, 'crossing'>, number[] | undefined> = {
  road: undefined,
  rail: [14, 5, 3, 5],
  air: [16, 8],
};

const NODE_COLOURS: Record<NodeKind, string> = {
  destination: '#b91c1c',
  garrison: '#166534',
  airfield: MODE_COLOURS.air,
  railhead: MODE_COLOURS.rail,
  crossing: MODE_COLOURS.crossing,
  staging: '#6b7280',
};

function nodeImage(kind: NodeKind, used: boolean): ImageStyle {
  const fill = new Fill({ color: used ? NODE_COLOURS[kind] : '#ffffff' });
  const stroke = new Stroke({ color: used ? '#ffffff' : NODE_COLOURS[kind], width: 2 });
  const common = { fill, stroke, declutterMode: 'obstacle' as const };
  switch (kind) {
    case 'destination':
      return new RegularShape({ ...common, points: 5, radius: 11, radius2: 4.5 });
    case 'airfield':
      return new RegularShape({ ...common, points: 3, radius: 8 });
    case 'railhead':
      return new RegularShape({ ...common, points: 4, radius: 7.5, angle: Math.PI / 4 });
    case 'crossing':
      return new RegularShape({ ...common, points: 4, radius: 8 });
    case 'garrison':
      return new CircleStyle({ ...common, radius: 6 });
    case 'staging':
      return new CircleStyle({ ...common, radius: 4 });
  }
}

/** Nodes the plan uses are filled and named; the rest of the network is drawn hollow and unnamed, so the routes read first. */
const nodeStyle = (kind: NodeKind, name: string, used: boolean) =>
  new Style({
    image: nodeImage(kind, used),
    zIndex: kind === 'destination' ? 3 : used ? 2 : 1,
    text: !used ? undefined : new Text({
      text: name,
      font: `${kind === 'destination' ? 700 : 600} 12px system-ui, sans-serif`,
      offsetY: -16,
      fill: new Fill({ color: '#111827' }),
      stroke: new Stroke({ color: '#fff', width: 3 }),
    }),
  });

export function PlanMap({ plan, scenario, epoch }: { plan: Plan; scenario: Scenario; epoch: string | null }) {
  const target = useRef<HTMLDivElement>(null);
  const routes = useMemo(() => routeLines(plan, scenario.nodes), [plan, scenario]);
  const notes = useMemo(() => transitNotes(scenario), [scenario]);

  useEffect(() => {
    const countries = new VectorSource();
    const look = emptyLook(window.devicePixelRatio || 1);
    applyReference(look, states.value, regions.value, components.value);
    const lines = new VectorSource();
    const points = new VectorSource();
    const m = new OlMap({
      target: target.current!,
      layers: [
        createBasemapLayer(countries, look, 'labels'),
        new VectorLayer({ source: lines }),
        new VectorLayer({ source: points, declutter: 'nodes' }),
      ],
      view: new View({ center: fromLonLat([70, 45]), zoom: 4, maxZoom: 12 }),
    });
    const ctl = new AbortController();
    fetch(basemapUrl, { signal: ctl.signal, credentials: 'same-origin' })
      .then((r) => r.json())
      .then((json) => countries.addFeatures(new GeoJSON().readFeatures(json, { featureProjection: 'EPSG:3857' })))
      .catch(() => undefined); // the plan still shows without the basemap

    const max = Math.max(1, ...routes.map(volume));
    // The thickest first, so thinner routes sharing a corridor draw on top and stay visible.
    for (const r of routes) {
      const f = new Feature(new LineString(r.coords.map((c) => fromLonLat(c))));
      f.setStyle(
        new Style({
          stroke: new Stroke({ color: MODE_COLOURS[r.mode], width: lineWidth(volume(r), max), lineDash: DASH[r.mode], lineCap: DASH[r.mode] ? 'butt' : 'round' }),
        }),
      );
      f.set('route', r.key);
      lines.addFeature(f);
    }
    const usedNodes = new Set(routes.flatMap((r) => [r.a, r.b]));
    for (const id of crossingsUsed(plan).keys()) usedNodes.add(id);
    usedNodes.add(scenario.destination);
    const fit: number[][] = [];
    for (const n of scenario.nodes) {
      const at = fromLonLat([n.lon, n.lat]);
      const f = new Feature(new Point(at));
      const used = usedNodes.has(n.id);
      f.setStyle(nodeStyle(n.kind, n.name, used));
      f.set('node', n.id);
      points.addFeature(f);
      if (used) fit.push(at);
    }
    for (const r of routes) for (const c of r.coords) fit.push(fromLonLat(c));
    // The map learns its size on the next frame, and the page's layout may still change it
    // (its styles arrive with the view's code): fit again on each new size until the reader
    // moves the map.
    const extent = fit.length ? boundingExtent(fit) : null;
    const fitAll = () => extent && m.getView().fit(extent, { padding: [40, 40, 40, 40], maxZoom: 9 });
    let moved = false;
    const touched = () => (moved = true);
    target.current!.addEventListener('pointerdown', touched);
    target.current!.addEventListener('wheel', touched, { passive: true });
    m.on('change:size', () => {
      if (!moved) fitAll();
    });
    m.updateSize();
    fitAll();
    target.current!.dataset.routes = String(routes.length);
    target.current!.dataset.nodes = String(scenario.nodes.length);
    const el = target.current!;
    return () => {
      ctl.abort();
      el.removeEventListener('pointerdown', touched);
      el.removeEventListener('wheel', touched);
      m.setTarget(undefined);
    };
  }, [routes, scenario]);

  const kinds = NODE_KINDS.filter((k) => scenario.nodes.some((n) => n.kind === k));
  const modes = (['road', 'rail', 'air'] as const).filter((m) => routes.some((r) => r.mode === m));
  return (
    <section class="panel plan-map" aria-labelledby="plan-map-heading">
      <h2 id="plan-map-heading">{t('map')}</h2>
      <div ref={target} class="crisis-map" data-testid="plan-map" role="img" aria-label={t('mapLabel')} />
      <ul class="crisis-legend plan-legend" data-testid="plan-map-legend">
        {kinds.map((k) => (
          <li key={k}>
            <NodeSymbol kind={k} /> {tk(`nk_${k}`, k)}
          </li>
        ))}
      </ul>
      {modes.length > 0 && <ModeLegend modes={[...modes, ...(crossingsUsed(plan).size ? (['crossing'] as const) : [])]} />}
      <p class="muted small">{t('legendRoutes')}</p>
      {notes.length > 0 && (
        <ul class="plan-transit" data-testid="plan-transit">
          {(['refused', 'non_stop'] as const).map((rule) => {
            const of = notes.filter((n) => n.rule === rule);
            return of.length === 0 ? null : (
              <li key={rule} class={`plan-transit-${rule}`} data-rule={rule} data-states={of.map((n) => n.state).join(' ')}>
                {t(`tr_${rule}`, { state: of.map((n) => stateName(n.state)).join(', ') })}
              </li>
            );
          })}
          {notes.filter((n) => n.rule === 'pending').map((n) => (
            <li key={n.state} class="plan-transit-pending" data-rule="pending" data-states={n.state}>
              {t('tr_pending', { state: stateName(n.state), at: when(epoch, n.until ?? 0) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The legend's small copy of a node's map symbol. */
function NodeSymbol({ kind }: { kind: NodeKind }) {
  const c = NODE_COLOURS[kind];
  const shape = {
    destination: <path d="M8,1 L9.8,6 L15,6 L10.8,9.2 L12.4,14.5 L8,11.3 L3.6,14.5 L5.2,9.2 L1,6 L6.2,6 Z" />,
    airfield: <path d="M8,1.5 L14.5,13.5 L1.5,13.5 Z" />,
    railhead: <rect x="2.5" y="2.5" width="11" height="11" />,
    crossing: <path d="M8,0.5 L15.5,8 L8,15.5 L0.5,8 Z" />,
    garrison: <circle cx="8" cy="8" r="6" />,
    staging: <circle cx="8" cy="8" r="4" />,
  }[kind];
  return (
    <svg width="16" height="16" aria-hidden="true" fill={c} stroke="#fff" stroke-width="1.5">
      {shape}
    </svg>
  );
}
