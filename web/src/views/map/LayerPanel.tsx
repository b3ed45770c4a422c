// The map's side panel: layer switches, framing a member state, and the legend. Real
// checkboxes and buttons, so that it works from the keyboard and with a screen reader. It sits
// beside the map rather than over it, so that it never hides a symbol, and folds away to give
// the map the whole width.

import type { ComponentRef, RegionRef, StateRef } from '../../api/types';
import { loc } from '../../i18n';
import { NEUTRAL_COLOUR } from './cluster-style';
import { t } from './messages';
import { HATCH_ALPHA, REGION_ALPHA, regionColour, withAlpha } from './region-style';
import { ALL_MEMBERS, LAYER_KEYS, type LayerKey } from './situation-map';
import { symbolSvgUrl } from './symbol-icons';
import { legendSidc } from './unit-symbols';

export interface LayerPanelProps {
  open: boolean;
  onToggle(): void;
  visible: Record<LayerKey, boolean>;
  onVisible(key: LayerKey, on: boolean): void;
  states: readonly StateRef[];
  regions: readonly RegionRef[];
  components: readonly ComponentRef[];
  onFit(code: string): void;
  scale: number;
}

export function LayerPanel(p: LayerPanelProps) {
  return (
    <aside class={`crc-map-panel${p.open ? '' : ' crc-map-panel-closed'}`} aria-label={t('panelTitle')}>
      <button
        type="button"
        class="crc-map-panel-toggle"
        aria-expanded={p.open}
        aria-controls="crc-map-panel-body"
        title={p.open ? t('panelHide') : t('panelShow')}
        data-testid="map-panel-toggle"
        onClick={p.onToggle}
      >
        <span aria-hidden="true">{p.open ? '«' : '»'}</span>
        <span class="crc-map-panel-toggle-text">{t('panelTitle')}</span>
      </button>
      <div id="crc-map-panel-body" class="crc-map-panel-body" hidden={!p.open}>
        <fieldset>
          <legend>{t('layers')}</legend>
          {LAYER_KEYS.map((key) => (
            <label key={key} class="crc-map-check">
              <input
                type="checkbox"
                checked={p.visible[key]}
                data-testid={`map-layer-${key}`}
                onChange={(e) => p.onVisible(key, (e.currentTarget as HTMLInputElement).checked)}
              />
              <span>
                {t(`layer_${key}`)}
                {key === 'stations' && <span class="crc-map-hint"> ({t('stationsHint')})</span>}
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('show')}</legend>
          <div class="crc-map-fit">
            <button
              type="button"
              class="crc-map-fit-all"
              data-testid={`map-fit-${ALL_MEMBERS}`}
              onClick={() => p.onFit(ALL_MEMBERS)}
            >
              {t('allMembers')}
            </button>
            {p.states.map((s) => (
              <button
                key={s.code}
                type="button"
                title={loc(s.name)}
                data-testid={`map-fit-${s.code}`}
                onClick={() => p.onFit(s.code)}
              >
                {loc(s.short_name)}
              </button>
            ))}
          </div>
        </fieldset>
        <details class="crc-map-legend" open>
          <summary>{t('legend')}</summary>
          <h3>{t('regionsLegend')}</h3>
          <ul>
            {p.regions.map((r, i) => (
              <li key={r.key}>
                <span
                  class="crc-map-swatch"
                  style={{ background: `linear-gradient(${withAlpha(regionColour(r.key, i), REGION_ALPHA)}, ${withAlpha(regionColour(r.key, i), REGION_ALPHA)}), var(--crc-map-member)` }}
                  aria-hidden="true"
                />
                {loc(r.name)}
              </li>
            ))}
            {p.regions.length > 1 && (
              <li>
                <span
                  class="crc-map-swatch"
                  style={{ background: hatching(p.regions.map((r, i) => regionColour(r.key, i))) }}
                  aria-hidden="true"
                />
                {t('severalRegions')}
              </li>
            )}
          </ul>
          <h3>{t('componentsLegend')}</h3>
          <ul>
            {p.components.map((c) => (
              <li key={c.key}>
                <img
                  class="crc-map-legend-symbol"
                  src={symbolSvgUrl(legendSidc(c.key), c.colour, 15 * p.scale)}
                  alt=""
                />
                <span>
                  {loc(c.abbreviation) ? <abbr title={loc(c.name)}>{loc(c.abbreviation)}</abbr> : loc(c.name)}
                </span>
              </li>
            ))}
          </ul>
          <p class="crc-map-cluster-note">
            <span class="crc-map-cluster-dot" style={{ background: NEUTRAL_COLOUR }} aria-hidden="true">
              5
            </span>
            {t('clusterLegend')}
          </p>
        </details>
      </div>
    </aside>
  );
}

/** The map's hatching (region-style.ts hatchPattern) as CSS, for the legend swatch. */
function hatching(colours: string[]): string {
  const step = 4;
  const stops = colours.flatMap((c, i) => {
    const col = withAlpha(c, HATCH_ALPHA);
    const at = i * step;
    return [`${col} ${at}px`, `${col} ${at + 1.5}px`, `transparent ${at + 1.5}px`, `transparent ${at + step}px`];
  });
  return `repeating-linear-gradient(-45deg, ${stops.join(', ')}), var(--crc-map-member)`;
}
