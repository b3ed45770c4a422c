import type { ChairmanshipRef } from '../../api/referenceTypes';
import { stateName } from '../../data/reference';
import { loc } from '../../i18n';
import { t } from './reference.messages';
import { DataTable } from '../../ui/DataTable';

/** The yearly chairmanship, newest first; the current year marked. */
export function ChairmanshipsTable({ rows }: { rows: ChairmanshipRef[] }) {
  const year = new Date().getUTCFullYear();
  const sorted = [...rows].sort((a, b) => b.year - a.year);
  return (
    <DataTable testid="reference-table" columns={[t('colYear'), t('colState'), t('colMotto')]}>
      {sorted.map((c) => (
        <tr key={c.year} data-testid={`reference-row-${c.year}`} class={c.year === year ? 'current-row' : undefined}>
          <th scope="row" class="num">
            {c.year}
            {c.year === year && <span class="badge badge-current">{t('current')}</span>}
          </th>
          <td>{stateName(c.state)}</td>
          <td>{c.motto ? loc(c.motto) : ''}</td>
        </tr>
      ))}
    </DataTable>
  );
}
