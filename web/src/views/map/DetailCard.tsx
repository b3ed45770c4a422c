// The card beside the map for what was clicked: one contingent's particulars with "Edit" where
// the user may edit it, or, for several contingents at one place, a list to choose from.
// Escape closes it (handled by MapView, which also returns focus to the map).

import { useEffect, useRef } from 'preact/hooks';
import type { ComponentRef, Contingent, StateRef } from '../../api/types';
import { readinessLabel, tv } from '../../domain/vocabulary.messages';
import { formatDateTime, formatNumber, loc } from '../../i18n';
import { UNKNOWN_COMPONENT_COLOUR } from './look';
import { t } from './messages';
import { symbolSvgUrl } from './symbol-icons';
import { sidcFor } from './unit-symbols';

export interface DetailCardProps {
  /** One contingent, or several to choose from. */
  contingents: Contingent[];
  states: ReadonlyMap<string, StateRef>;
  components: ReadonlyMap<string, ComponentRef>;
  scale: number;
  canEdit?: (c: Contingent) => boolean;
  onEdit?: (c: Contingent) => void;
  onChoose(id: number): void;
  /** Present when the card shows one of a list. */
  onBack?: () => void;
  onClose(): void;
}

export function DetailCard(p: DetailCardProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const single = p.contingents.length === 1 ? p.contingents[0]! : null;
  const what = single ? `c${single.id}` : `g${p.contingents.map((c) => c.id).join(',')}`;
  // A new card takes focus, so that it is read out and Tab continues inside it.
  useEffect(() => heading.current?.focus(), [what]);

  const stateName = (code: string) => {
    const s = p.states.get(code);
    return s ? loc(s.short_name) : t('unknownState', { code });
  };
  const componentName = (key: string) => {
    const c = p.components.get(key);
    return c ? loc(c.name) : t('unknownComponent', { key });
  };
  const colour = (key: string) => p.components.get(key)?.colour || UNKNOWN_COMPONENT_COLOUR;

  return (
    <section class="crc-map-card" aria-labelledby="crc-map-card-title" data-testid="map-card">
      <header class="crc-map-card-head">
        {single && (
          <img
            class="crc-map-card-symbol"
            src={symbolSvgUrl(sidcFor(single.component, single.personnel), colour(single.component), 20 * p.scale)}
            alt=""
          />
        )}
        <h2 id="crc-map-card-title" tabIndex={-1} ref={heading}>
          {single ? single.name : t('groupTitle', { n: formatNumber(p.contingents.length) })}
        </h2>
        <button
          type="button"
          class="crc-map-card-close"
          title={t('close')}
          aria-label={t('close')}
          data-testid="map-card-close"
          onClick={p.onClose}
        >
          ×
        </button>
      </header>
      {single ? (
        <div class="crc-map-card-body">
          <dl>
            <dt>{tv('field_state')}</dt>
            <dd data-testid="map-card-state">{stateName(single.state)}</dd>
            <dt>{tv('field_component')}</dt>
            <dd data-testid="map-card-component">{componentName(single.component)}</dd>
            <dt>{tv('field_readiness')}</dt>
            <dd data-testid="map-card-readiness">{readinessLabel(single.readiness)}</dd>
            <dt>{tv('field_personnel')}</dt>
            <dd data-testid="map-card-personnel">{formatNumber(single.personnel)}</dd>
            <dt>{tv('field_equipment')}</dt>
            <dd data-testid="map-card-equipment">{formatNumber(single.equipment)}</dd>
            <dt>{tv('field_station')}</dt>
            <dd data-testid="map-card-station">
              {single.home_station.name}
              <br />
              <span class="crc-map-muted">{formatLatLon(single.home_station.lat, single.home_station.lon)}</span>
            </dd>
            <dt>{tv('field_updated_at')}</dt>
            <dd data-testid="map-card-updated">{formatDateTime(single.updated_at)}</dd>
            {single.notes.trim() !== '' && (
              <>
                <dt>{tv('field_notes')}</dt>
                <dd class="crc-map-notes">{single.notes}</dd>
              </>
            )}
          </dl>
          <div class="crc-map-card-actions">
            {p.onBack && (
              <button type="button" data-testid="map-card-back" onClick={p.onBack}>
                {t('back')}
              </button>
            )}
            {p.onEdit && p.canEdit?.(single) && (
              <button type="button" class="crc-map-primary" data-testid="map-card-edit" onClick={() => p.onEdit!(single)}>
                {t('edit')}
              </button>
            )}
          </div>
        </div>
      ) : (
        <div class="crc-map-card-body">
          <p class="crc-map-muted">{t('groupHint')}</p>
          <ul class="crc-map-card-list">
            {p.contingents.map((c) => (
              <li key={c.id}>
                <button type="button" data-testid={`map-card-item-${c.id}`} onClick={() => p.onChoose(c.id)}>
                  <img src={symbolSvgUrl(sidcFor(c.component, c.personnel), colour(c.component), 13 * p.scale)} alt="" />
                  <span>
                    <strong>{c.name}</strong>
                    <span class="crc-map-muted">
                      {' '}
                      {stateName(c.state)} · {c.home_station.name}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function formatLatLon(lat: number, lon: number): string {
  const v = (x: number) => Math.abs(x).toFixed(4);
  const la = t(lat >= 0 ? 'latNorth' : 'latSouth', { v: v(lat) });
  const lo = t(lon >= 0 ? 'lonEast' : 'lonWest', { v: v(lon) });
  return `${la}, ${lo}`;
}
