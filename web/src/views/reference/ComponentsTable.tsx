import type { ComponentRef } from '../../api/types';
import { formatHash } from '../../app/router';
import { contingents } from '../../data/contingents';
import { referenceData } from '../../data/reference';
import { formatNumber, loc } from '../../i18n';
import { formatPartialDate } from '../../format/partialDate';
import { t } from './reference.messages';

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
    <div class="table-wrap">
      <table class="data" data-testid="reference-table">
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colAbbreviation')}</th>
            <th scope="col">{t('colEstablished')}</th>
            <th scope="col">{t('colRegions')}</th>
            <th scope="col" class="num">{t('colContingents')}</th>
            <th scope="col" class="num">{t('colPersonnel')}</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
