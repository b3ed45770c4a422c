import type { StateRef } from '../../api/types';
import { referenceData, useReference } from '../../data/reference';
import { formatDate, loc } from '../../i18n';
import { t } from './reference.messages';

function coordinates(lat: number, lon: number): string {
  const ns = lat >= 0 ? 'N' : 'S';
  const ew = lon >= 0 ? 'E' : 'W';
  return `${Math.abs(lat).toFixed(2)}° ${ns}, ${Math.abs(lon).toFixed(2)}° ${ew}`;
}

/** The member states, with capital, date of membership and the years each chaired. */
export function StatesTable({ rows }: { rows: StateRef[] }) {
  useReference('chairmanships');
  const chairs = referenceData.value.chairmanships ?? [];
  return (
    <div class="table-wrap">
      <table class="data" data-testid="reference-table">
        <thead>
          <tr>
            <th scope="col">{t('colCode')}</th>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colFullName')}</th>
            <th scope="col">{t('colCapital')}</th>
            <th scope="col">{t('colCoordinates')}</th>
            <th scope="col">{t('colMemberSince')}</th>
            <th scope="col">{t('colChaired')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.code} data-testid={`reference-row-${s.code}`}>
              <td class="mono">{s.code}</td>
              <th scope="row">{loc(s.short_name)}</th>
              <td>{loc(s.name)}</td>
              <td>{loc(s.capital.name)}</td>
              <td class="nowrap">{coordinates(s.capital.lat, s.capital.lon)}</td>
              <td class="nowrap">{formatDate(s.member_since)}</td>
              <td>
                {chairs
                  .filter((c) => c.state === s.code)
                  .map((c) => c.year)
                  .sort()
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
