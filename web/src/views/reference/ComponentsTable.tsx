import type { ComponentRef } from '../../api/types';
import { formatHash } from '../../app/router';
import { contingents } from '../../data/contingents';
import { referenceData } from '../../data/reference';
import { formatNumber, loc } from '../../i18n';
import { formatPartialDate } from '../../format/partialDate';
import { t } from './reference.messages';
import { DataTable } from '../../ui/DataTable';

/** The components of the collective forces with their colour, and what the register holds of each. */
export function ComponentsTable({ rows }: { rows: ComponentRef[] }) {
  const regions = referenceData.value.regions ?? [];
  const counts = new Map<string, { n: number; personnel: number }>();
  for (const c of contingents.value) {
    const x = counts.get(c.component) ?? { n: 0, personnel: 0 };
    x.n += 1;
    x.personnel += c.personnel;
    counts.set(c.component, x);
  }
  return (
    <DataTable
      testid="reference-table"
      columns={[
        t('colName'),
        t('colAbbreviation'),
        t('colEstablished'),
        t('colRegions'),
        { label: t('colContingents'), align: 'num' },
        { label: t('colPersonnel'), align: 'num' },
      ]}
    >
      {rows.map((c) => {
        const n = counts.get(c.key);
        return (
          <tr key={c.key} data-testid={`reference-row-${c.key}`}>
            <th scope="row">
              <span class="swatch" style={{ background: c.colour }} title={`${t('colColour')}: ${c.colour}`} />
              {loc(c.name)}
            </th>
            <td>{c.abbreviation ? loc(c.abbreviation) : ''}</td>
            <td>{formatPartialDate(c.established)}</td>
            <td>
              {c.regions.length === 0
                ? t('allRegions')
                : c.regions.map((k) => loc(regions.find((r) => r.key === k)?.name) || k).join(', ')}
            </td>
            <td class="num">
              <a href={formatHash('register', { component: c.key })} title={t('showInRegister')}>
                {formatNumber(n?.n ?? 0)}
              </a>
            </td>
            <td class="num">{formatNumber(n?.personnel ?? 0)}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
