// The OpenLayers map behind MapView, kept apart from Preact: it is built once per mount, and
// then only fed (reference data, contingents, scale, language, layer switches), so that live
// updates never rebuild it or move the view.
//
// Web Mercator, canvas 2D, vector layers only: the basemap is one generated GeoJSON file from
// this origin, symbols and labels are drawn on the canvas with local fonts.

import Feature from 'ol/Feature';
import type { FeatureLike } from 'ol/Feature';
import OlMap from 'ol/Map';
import View from 'ol/View';
import { defaults as defaultControls } from 'ol/control/defaults';
import ScaleLine from 'ol/control/ScaleLine';
import Zoom from 'ol/control/Zoom';
import { boundingExtent, containsXY, getHeight, getWidth } from 'ol/extent';
import GeoJSON from 'ol/format/GeoJSON';
import Point from 'ol/geom/Point';
import { defaults as defaultInteractions } from 'ol/interaction/defaults';
import VectorLayer from 'ol/layer/Vector';
import { fromLonLat, get as getProjection } from 'ol/proj';
import type Cluster from 'ol/source/Cluster';
import VectorSource from 'ol/source/Vector';
import RegularShape from 'ol/style/RegularShape';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import type { ComponentRef, Contingent, RegionRef, StateRef } from '../../api/types';
import { createBasemapLayer, createRegionLayer } from './basemap-layers';
import { clearClusterCache } from './cluster-icons';
import {
  clusterDistance,
  clusterMinDistance,
  contingentFeature,
  contingentOf,
  createClusterSource,
  createContingentLayer,
  membersOf,
} from './contingent-layer';
import { planSync } from './contingent-sync';
import { applyReference, emptyLook, type Look } from './look';
import { MEMBERS_FALLBACK, labelPoint, toMapExtent, union, unwrap, type LonLatBox } from './map-frame';
import { t } from './messages';
import { createCapitalLayer, createStationLayer } from './place-layers';
import { stationPlaces } from './stations';

export type LayerKey = 'basemap' | 'regions' | 'capitals' | 'contingents' | 'stations';
export const LAYER_KEYS: LayerKey[] = ['basemap', 'regions', 'capitals', 'contingents', 'stations'];

export const ALL_MEMBERS = 'ALL';
const MAX_ZOOM = 13;
const DECLUTTER_GROUP = 'labels';
const WORLD_WIDTH = getWidth(getProjection('EPSG:3857')!.getExtent());

export interface DrawnCount {
  state: string;
  component: string;
  count: number;
}

export interface SituationMapOptions {
  target: HTMLElement;
  scale: number;
  /** Contingents chosen on the map: one (its card), several at one place (a list), or none. */
  onSelect(ids: number[] | null): void;
  onBasemap(state: 'loaded' | 'failed'): void;
  /** The first complete render with the basemap settled and the data in. */
  onReady(): void;
}

export class SituationMap {
  readonly map: OlMap;
  private readonly look: Look;
  private readonly countries = new VectorSource();
  private readonly capitals = new VectorSource();
  private readonly stations = new VectorSource();
  private readonly points = new VectorSource<Feature<Point>>();
  private readonly clusters: Cluster<Feature<Point>>;
  private readonly selection = new VectorSource();
  private readonly layers: Record<LayerKey, VectorLayer>;
  private zoomControl: Zoom;
  private shown = new Map<number, Contingent>();
  private stationKey = '';
  private states: readonly StateRef[] = [];
  private boxes = new Map<string, LonLatBox>();
  private renders = 0;
  private basemap: 'loading' | 'loaded' | 'failed' = 'loading';
  private haveReference = false;
  private haveContingents = false;
  private readyState: 'waiting' | 'pending' | 'done' = 'waiting';
  private fitOnLoad: string | null = ALL_MEMBERS;
  private highlighted: number[] = [];
  private selectionStyles: { scale: number; styles: Style[] } | null = null;
  private disposed = false;
  private readonly abort = new AbortController();

  constructor(private readonly opts: SituationMapOptions) {
    this.look = emptyLook(window.devicePixelRatio || 1);
    this.look.scale = opts.scale;
    this.clusters = createClusterSource(this.points, opts.scale);
    const unitsShown = () => this.layers.contingents.getVisible();

    this.layers = {
      basemap: createBasemapLayer(this.countries, this.look, DECLUTTER_GROUP),
      regions: createRegionLayer(this.countries, this.look),
      stations: createStationLayer(this.stations, this.look, DECLUTTER_GROUP, unitsShown),
      capitals: createCapitalLayer(this.capitals, this.look, DECLUTTER_GROUP, unitsShown),
      contingents: createContingentLayer(this.clusters, this.look, DECLUTTER_GROUP),
    };
    const selectionLayer = new VectorLayer({
      source: this.selection,
      style: () => this.selectionStyle(),
    });

    this.zoomControl = this.makeZoomControl();
    const view = new View({
      center: fromLonLat([75, 55]),
      zoom: 3,
      minZoom: 1,
      maxZoom: MAX_ZOOM,
      enableRotation: false,
    });
    this.map = new OlMap({
      target: opts.target,
      view,
      layers: [
        this.layers.basemap,
        this.layers.regions,
        this.layers.stations,
        this.layers.capitals,
        selectionLayer,
        this.layers.contingents,
      ],
      controls: defaultControls({ zoom: false, rotate: false }).extend([
        this.zoomControl,
        new ScaleLine({ units: 'metric' }),
      ]),
      interactions: defaultInteractions({ altShiftDragRotate: false, pinchRotate: false }),
    });
    this.fit(ALL_MEMBERS, false);
    // Whoever has started to look around keeps their view when the basemap arrives.
    for (const type of ['pointerdown', 'wheel', 'keydown']) {
      opts.target.addEventListener(type, () => (this.fitOnLoad = null), { capture: true, signal: this.abort.signal });
    }

    this.map.on('postrender', () => {
      this.renders++;
    });
    this.map.on('singleclick', (e) => this.click(e.pixel));
    this.map.on('pointermove', (e) => {
      if (e.dragging) return;
      const over = this.map.hasFeatureAtPixel(e.pixel, {
        layerFilter: (l) => l === this.layers.contingents,
        hitTolerance: 3,
      });
      opts.target.style.cursor = over ? 'pointer' : '';
    });
    this.relabel();
  }

  async loadBasemap(url: string): Promise<void> {
    try {
      const res = await fetch(url, { signal: this.abort.signal, credentials: 'same-origin' });
      if (!res.ok) throw new Error(`basemap: HTTP ${res.status}`);
      const json = (await res.json()) as { features: { id?: string; bbox?: LonLatBox }[] };
      if (this.disposed) return;
      for (const f of json.features) {
        if (f.id && f.bbox) this.boxes.set(f.id, f.bbox);
      }
      const features = new GeoJSON().readFeatures(json, { featureProjection: 'EPSG:3857' });
      for (const f of features) f.set('labelPoint', labelPoint(f.getGeometry()));
      this.countries.addFeatures(features);
      this.basemap = 'loaded';
      this.opts.onBasemap('loaded');
    } catch (e) {
      if (this.disposed) return;
      console.error(e);
      this.basemap = 'failed';
      this.opts.onBasemap('failed');
    }
    if (this.fitOnLoad) this.fit(this.fitOnLoad, false);
    this.maybeReady();
  }

  setReference(states: readonly StateRef[], regions: readonly RegionRef[], components: readonly ComponentRef[]): void {
    applyReference(this.look, states, regions, components);
    this.states = states;
    clearClusterCache(); // keyed by components, not colours
    this.capitals.clear(true);
    this.capitals.addFeatures(
      states
        .filter((s) => Number.isFinite(s.capital.lat) && Number.isFinite(s.capital.lon))
        .map((s) => pointFeature(fromLonLat([s.capital.lon, s.capital.lat]), { state: s.code })),
    );
    this.refreshStations([...this.shown.values()]);
    this.haveReference = states.length > 0;
    this.redraw();
    this.maybeReady();
  }

  /** Applies a new list by id: adds, replaces and removes only what changed. */
  setContingents(list: readonly Contingent[]): void {
    const plan = planSync(this.shown, list);
    if (plan.added.length || plan.changed.length || plan.removed.length) {
      const gone = [...plan.removed, ...plan.changed.map((c) => c.id)]
        .map((id) => this.points.getFeatureById(id))
        .filter((f): f is Feature<Point> => f !== null);
      // One removal and one addition: each makes the cluster source recluster everything.
      this.points.removeFeatures(gone);
      for (const id of plan.removed) this.shown.delete(id);
      const fresh: Feature<Point>[] = [];
      for (const c of [...plan.added, ...plan.changed]) {
        this.shown.set(c.id, c);
        const f = contingentFeature(c);
        if (f) fresh.push(f);
      }
      this.points.addFeatures(fresh);
      this.refreshStations(list);
      this.highlight(this.highlighted);
    }
    this.haveContingents = true;
    this.maybeReady();
  }

  setLayerVisible(key: LayerKey, visible: boolean): void {
    this.layers[key].setVisible(visible);
    // Place names make room for unit symbols only while these are shown.
    if (key === 'contingents') {
      this.layers.stations.changed();
      this.layers.capitals.changed();
    }
  }

  setScale(scale: number): void {
    if (scale === this.look.scale) return;
    this.look.scale = scale;
    this.clusters.setDistance(clusterDistance(scale));
    this.clusters.setMinDistance(clusterMinDistance(scale));
    this.redraw();
  }

  /** After a change of language: names on the map and the controls' titles. */
  relabel(): void {
    this.countries.setAttributions(t('attribution'));
    const zoom = this.makeZoomControl();
    this.map.removeControl(this.zoomControl);
    this.map.addControl(zoom);
    this.zoomControl = zoom;
    this.redraw();
  }

  /** Frames a state (ISO alpha-3) or, with ALL_MEMBERS, all member states. */
  fit(code: string, animate = true): boolean {
    const box = this.boxOf(code);
    if (!box) return false;
    // Until the basemap is in, the box is a guess: frame again when it arrives.
    this.fitOnLoad = this.basemap === 'loading' ? code : null;
    const size = this.map.getSize();
    if (!size || size[0] === 0 || size[1] === 0) {
      // Not laid out yet; the view would fit a 100 × 100 pixel default.
      this.map.once('change:size', () => this.fit(code, false));
      return true;
    }
    const pad = 24 * this.look.scale;
    this.map.getView().fit(toMapExtent(box), {
      size,
      padding: [pad, pad, pad, pad],
      duration: animate && !prefersReducedMotion() ? 400 : 0,
      maxZoom: 9,
    });
    return true;
  }

  /** Frames the place of the contingents chosen on the map (nothing for an empty list). */
  highlight(ids: number[]): void {
    this.highlighted = ids;
    this.selection.clear(true);
    const coords = ids
      .map((id) => this.points.getFeatureById(id)?.getGeometry()?.getCoordinates())
      .filter((c): c is number[] => !!c);
    if (coords.length > 0) {
      const ext = boundingExtent(coords);
      this.selection.addFeature(pointFeature([(ext[0]! + ext[2]!) / 2, (ext[1]! + ext[3]!) / 2], {}));
    }
    this.selection.changed();
  }

  /** CSS pixel of a place in the map viewport, on the copy of the world nearest the centre. */
  pixelOf(lon: number, lat: number): [number, number] {
    const [x0, y] = fromLonLat([lon, lat]);
    const cx = this.map.getView().getCenter()?.[0] ?? 0;
    const x = x0! + Math.round((cx - x0!) / WORLD_WIDTH) * WORLD_WIDTH;
    const px = this.map.getPixelFromCoordinate([x, y!]);
    return px ? [px[0]!, px[1]!] : [NaN, NaN];
  }

  /** Contingents drawn in the view at the last render, clusters counted by their members. */
  drawn(): DrawnCount[] {
    if (!this.layers.contingents.getVisible()) return [];
    const size = this.map.getSize();
    if (!size) return [];
    const extent = this.map.getView().calculateExtent(size);
    const counts = new Map<string, DrawnCount>();
    for (const cluster of this.clusters.getFeatures()) {
      const [x, y] = (cluster.getGeometry() as Point).getCoordinates() as [number, number];
      if (![x, x - WORLD_WIDTH, x + WORLD_WIDTH].some((xx) => containsXY(extent, xx, y))) continue;
      for (const c of membersOf(cluster)) {
        const key = `${c.state}|${c.component}`;
        const entry = counts.get(key) ?? { state: c.state, component: c.component, count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
    }
    return [...counts.values()].sort((a, b) =>
      a.state === b.state ? (a.component < b.component ? -1 : 1) : a.state < b.state ? -1 : 1,
    );
  }

  renderCount(): number {
    return this.renders;
  }

  dispose(): void {
    this.disposed = true;
    this.abort.abort();
    this.map.setTarget(undefined);
    this.map.dispose();
  }

  private makeZoomControl(): Zoom {
    return new Zoom({ zoomInTipLabel: t('zoomIn'), zoomOutTipLabel: t('zoomOut') });
  }

  private redraw(): void {
    for (const key of LAYER_KEYS) this.layers[key].changed();
  }

  private refreshStations(list: Iterable<Contingent>): void {
    const places = stationPlaces([...list], this.states);
    const key = places.map((p) => `${p.name}|${p.lat}|${p.lon}`).join(';');
    if (key === this.stationKey) return;
    this.stationKey = key;
    this.stations.clear(true);
    this.stations.addFeatures(places.map((p) => pointFeature(fromLonLat([p.lon, p.lat]), { name: p.name })));
  }

  private boxOf(code: string): LonLatBox | null {
    const wanted = code.trim().toUpperCase();
    if (wanted === ALL_MEMBERS || wanted === '') {
      const members = [...this.look.states.keys()];
      return union(members.map((m) => this.boxes.get(m)).filter((b): b is LonLatBox => !!b)) ?? MEMBERS_FALLBACK;
    }
    const box = this.boxes.get(wanted);
    if (box) return unwrap(box);
    // Before the basemap is in: around the capital, if the state is known.
    const state = this.look.states.get(wanted);
    if (!state) return null;
    const { lon, lat } = state.capital;
    return [lon - 4, lat - 3, lon + 4, lat + 3];
  }

  private click(pixel: number[]): void {
    const hit = this.map.forEachFeatureAtPixel(pixel, (f) => f, {
      layerFilter: (l) => l === this.layers.contingents,
      hitTolerance: 3,
    });
    if (!hit) {
      this.opts.onSelect(null);
      return;
    }
    const members = membersOf(hit);
    if (members.length === 1) {
      this.opts.onSelect([members[0]!.id]);
      return;
    }
    const features = (hit.get('features') as FeatureLike[]) ?? [];
    const coords = features.map((f) => (f.getGeometry() as Point).getCoordinates());
    const extent = boundingExtent(coords);
    const view = this.map.getView();
    const finest = view.getResolutionForZoom(view.getMaxZoom());
    const d = clusterDistance(this.look.scale);
    const separable = getWidth(extent) / finest > d || getHeight(extent) / finest > d;
    if (!separable || (view.getZoom() ?? 0) >= view.getMaxZoom() - 0.01) {
      this.opts.onSelect(features.map((f) => contingentOf(f).id));
      return;
    }
    const pad = 2 * d;
    view.fit(extent, {
      size: this.map.getSize(),
      padding: [pad, pad, pad, pad],
      duration: prefersReducedMotion() ? 0 : 350,
    });
  }

  /** A frame around the chosen symbol, kept above its place name (which sits just below). */
  private selectionStyle(): Style[] {
    const s = this.look.scale;
    if (this.selectionStyles?.scale === s) return this.selectionStyles.styles;
    const frame = (colour: string, width: number) =>
      new Style({
        image: new RegularShape({
          points: 4,
          angle: Math.PI / 4,
          radius: 24 * s,
          scale: [1.45, 1],
          stroke: new Stroke({ color: colour, width: width * s }),
        }),
      });
    const styles = [frame('rgba(255, 255, 255, 0.9)', 6), frame('#ff8f00', 3)];
    this.selectionStyles = { scale: s, styles };
    return styles;
  }

  private maybeReady(): void {
    if (this.readyState !== 'waiting') return;
    if (this.basemap === 'loading' || !this.haveReference || !this.haveContingents) return;
    this.readyState = 'pending';
    this.map.once('rendercomplete', () => {
      if (this.disposed) return;
      this.readyState = 'done';
      this.opts.onReady();
    });
    this.map.render();
  }
}

function pointFeature(coordinate: number[], props: Record<string, unknown>): Feature<Point> {
  return new Feature({ geometry: new Point(coordinate), ...props });
}

function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
