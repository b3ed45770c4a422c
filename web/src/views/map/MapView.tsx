// The common operational picture: member states and regions, capitals, and every contingent
// the user may see as a unit symbol at its home station, with a panel of layers and a card
// for what is clicked. MapView fills its parent, which must be positioned and sized.
//
// The map is built once per mount (situation-map.ts); later props only feed it, so that live
// updates of `contingents` change the symbols by id and the view stays where the user left it.
// Test and benchmark hooks (data-testid="map", data-ready, window.crcMap): see test-hooks.ts.

import { effect } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import 'ol/ol.css';
import basemapUrl from '../../../generated/basemap.json?url';
import type { ComponentRef, Contingent, RegionRef, StateRef } from '../../api/types';
import { locale } from '../../i18n';
import { density, readStored, writeStored } from '../../session/preferences';
import { MEMBER_COLOUR, SEA_COLOUR } from './basemap-layers';
import { DetailCard } from './DetailCard';
import { LayerPanel } from './LayerPanel';
import { mapScale } from './map-scale';
import { t } from './messages';
import { LAYER_KEYS, SituationMap, type LayerKey } from './situation-map';
import { installTestHooks } from './test-hooks';
import './map.css';

export interface MapViewProps {
  contingents: Contingent[];
  states: StateRef[];
  regions: RegionRef[];
  components: ComponentRef[];
  /** Whether the current user may edit this contingent (the card then offers "Edit"). */
  canEdit?: (c: Contingent) => boolean;
  /** The card's "Edit" action. */
  onEdit?: (c: Contingent) => void;
  /** The state to frame first (ISO alpha-3); all member states when absent. */
  initialState?: string;
}

const LAYERS_KEY = 'crc.map.layers';
const PANEL_KEY = 'crc.map.panel';

/** What the card shows: contingents at one place, and which one of them is opened. */
interface Selection {
  ids: number[];
  open: number | null;
}

export function MapView(props: MapViewProps) {
  const targetRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<SituationMap | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [visible, setVisible] = useState<Record<LayerKey, boolean>>(storedLayers);
  const [panelOpen, setPanelOpen] = useState(() => readStored(PANEL_KEY) !== 'closed');
  const [basemapFailed, setBasemapFailed] = useState(false);
  const scale = useMapScale();

  useEffect(() => {
    const target = targetRef.current!;
    const m = new SituationMap({
      target,
      scale,
      onSelect: (ids) => setSelection(ids ? { ids, open: ids.length === 1 ? ids[0]! : null } : null),
      onBasemap: (state) => setBasemapFailed(state === 'failed'),
      onReady: () => {
        target.dataset.ready = 'true';
        performance.mark('crc:map-ready');
      },
    });
    mapRef.current = m;
    if (props.initialState) m.fit(props.initialState, false);
    void m.loadBasemap(basemapUrl);
    const withdraw = installTestHooks(m);
    const stopRelabel = effect(() => {
      void locale.value;
      m.relabel();
    });
    return () => {
      stopRelabel();
      withdraw();
      m.dispose();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    mapRef.current?.setReference(props.states, props.regions, props.components);
  }, [props.states, props.regions, props.components]);

  useEffect(() => {
    mapRef.current?.setContingents(props.contingents);
  }, [props.contingents]);

  useEffect(() => mapRef.current?.setScale(scale), [scale]);

  useEffect(() => {
    for (const key of LAYER_KEYS) mapRef.current?.setLayerVisible(key, visible[key]);
  }, [visible]);

  const byId = useMemo(() => new Map(props.contingents.map((c) => [c.id, c])), [props.contingents]);
  const statesByCode = useMemo(() => new Map(props.states.map((s) => [s.code, s])), [props.states]);
  const componentsByKey = useMemo(() => new Map(props.components.map((c) => [c.key, c])), [props.components]);

  // Live updates may remove what the card shows; it then shows what is left, or closes.
  const shown = selection ? selection.ids.map((id) => byId.get(id)).filter((c): c is Contingent => !!c) : [];
  const opened = selection?.open != null ? byId.get(selection.open) : undefined;
  const cardList = opened ? [opened] : shown;
  const highlightKey = cardList.map((c) => c.id).join(',');
  useEffect(() => mapRef.current?.highlight(cardList.map((c) => c.id)), [highlightKey]);

  const close = () => {
    setSelection(null);
    targetRef.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && selection) {
      e.preventDefault();
      close();
    }
  };
  const setLayer = (key: LayerKey, on: boolean) => {
    const next = { ...visible, [key]: on };
    setVisible(next);
    writeStored(LAYERS_KEY, JSON.stringify(next));
  };
  const togglePanel = () => {
    const next = !panelOpen;
    setPanelOpen(next);
    writeStored(PANEL_KEY, next ? 'open' : 'closed');
  };

  return (
    <div
      class="crc-map"
      style={{ '--crc-map-scale': String(scale), '--crc-map-sea': SEA_COLOUR, '--crc-map-member': MEMBER_COLOUR }}
      onKeyDown={onKeyDown}
    >
      <LayerPanel
        open={panelOpen}
        onToggle={togglePanel}
        visible={visible}
        onVisible={setLayer}
        states={props.states}
        regions={props.regions}
        components={props.components}
        onFit={(code) => mapRef.current?.fit(code)}
        scale={scale}
      />
      <div class="crc-map-stage">
        <div
          ref={targetRef}
          class="crc-map-viewport"
          data-testid="map"
          tabIndex={0}
          role="application"
          aria-label={t('mapLabel')}
        />
        {basemapFailed && (
          <p class="crc-map-notice" role="alert">
            {t('basemapFailed')}
          </p>
        )}
        {cardList.length > 0 && (
          <DetailCard
            contingents={cardList}
            states={statesByCode}
            components={componentsByKey}
            scale={scale}
            canEdit={props.canEdit}
            onEdit={props.onEdit}
            onChoose={(id) => setSelection((s) => (s ? { ...s, open: id } : s))}
            onBack={opened && shown.length > 1 ? () => setSelection((s) => (s ? { ...s, open: null } : s)) : undefined}
            onClose={close}
          />
        )}
      </div>
    </div>
  );
}

function storedLayers(): Record<LayerKey, boolean> {
  const all = Object.fromEntries(LAYER_KEYS.map((k) => [k, true])) as Record<LayerKey, boolean>;
  try {
    const saved = JSON.parse(readStored(LAYERS_KEY) ?? '{}') as Partial<Record<LayerKey, unknown>>;
    for (const k of LAYER_KEYS) if (typeof saved[k] === 'boolean') all[k] = saved[k];
  } catch {
    // unreadable: all layers on
  }
  return all;
}

/** The map scale for this window and display density (see map-scale.ts). */
function useMapScale(): number {
  const [size, setSize] = useState(() => [window.innerWidth, window.innerHeight] as const);
  useEffect(() => {
    const onResize = () => setSize([window.innerWidth, window.innerHeight]);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return mapScale(size[0], size[1], density.value === 'wall');
}
