import type { StateRef } from '../../api/types';
import { referenceData, useReference } from '../../data/reference';
import { formatDate, loc } from '../../i18n';
import { t } from './reference.messages';
import { DataTable } from '../../ui/DataTable';

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
    <DataTable
      testid="reference-table"
      columns={[
        t('colCode'),
        t('colName'),
        t('colFullName'),
        t('colCapital'),
        t('colCoordinates'),
        t('colMemberSince'),
        t('colChaired'),
      ]}
    >
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
    </DataTable>
  );
}
