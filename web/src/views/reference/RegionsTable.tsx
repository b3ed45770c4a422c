import type { RegionRef } from '../../api/types';
import { components, stateName } from '../../data/reference';
import { loc } from '../../i18n';
import { t } from './reference.messages';
import { DataTable } from '../../ui/DataTable';

/** The regions of collective security, their states and the components formed for them. */
export function RegionsTable({ rows }: { rows: RegionRef[] }) {
  return (
    <DataTable testid="reference-table" columns={[t('colName'), t('colStates'), t('colComponents')]}>
      {rows.map((r) => (
        <tr key={r.key} data-testid={`reference-row-${r.key}`}>
          <th scope="row">{loc(r.name)}</th>
          <td>{r.states.map(stateName).join(', ')}</td>
          <td>
            {components.value
              .filter((c) => c.regions.includes(r.key))
              .map((c) => loc(c.abbreviation) || loc(c.name))
              .join(', ')}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
