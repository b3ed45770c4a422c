// The situation map: every contingent the user may see, on the map view (views/map, built
// separately), with the edit action where the user's role allows it.

import { useCallback } from 'preact/hooks';
import { navigate } from '../../app/router';
import type { Contingent } from '../../api/types';
import { DataGate } from '../../app/DataGate';
import { contingents } from '../../data/contingents';
import { components, regions, states } from '../../data/reference';
import { canEdit } from '../../domain/permissions';
import { formatNumber } from '../../i18n';
import { currentUser } from '../../session/session';
import { MapView } from '../map/MapView';
import { t } from './situation.messages';
import './situation.css';

export default function MapPage() {
  return <DataGate label={t('loadingData')}>{() => <Situation />}</DataGate>;
}

function Situation() {
  const user = currentUser.value;
  const list = contingents.value;
  // Stable callbacks: the map need not rebuild its layers when only the user object changes.
  const mayEdit = useCallback((c: Contingent) => canEdit(currentUser.value, c), []);
  const edit = useCallback((c: Contingent) => navigate(`register/${c.id}`), []);

  let personnel = 0;
  let equipment = 0;
  for (const c of list) {
    personnel += c.personnel;
    equipment += c.equipment;
  }
  return (
    <section class="map-page" data-testid="map-page" aria-labelledby="map-heading">
      <div class="map-strip">
        <h1 id="map-heading">{t('heading')}</h1>
        <span class="muted" data-testid="map-summary">
          {t('summary', {
            contingents: formatNumber(list.length),
            personnel: formatNumber(personnel),
            equipment: formatNumber(equipment),
          })}
        </span>
      </div>
      <div class="map-host">
        <MapView
          contingents={list as Contingent[]}
          states={states.value}
          regions={regions.value}
          components={components.value}
          canEdit={user ? mayEdit : undefined}
          onEdit={edit}
        />
      </div>
    </section>
  );
}
