import type { ActivityRef } from '../../api/referenceTypes';
import { stateName, states } from '../../data/reference';
import { loc } from '../../i18n';
import { t, tOr } from './reference.messages';
import { SourceText } from './ReferencePage';

/** The lines of work of the organization and each state's participation, as a matrix. */
export function ActivitiesTable({ rows }: { rows: ActivityRef[] }) {
  const codes = states.value.map((s) => s.code);
  return (
    <div class="table-wrap">
      <table class="data participation" data-testid="reference-table">
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            {codes.map((c) => (
              <th key={c} scope="col" class="center" title={stateName(c)}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.key} data-testid={`reference-row-${a.key}`}>
              <th scope="row">
                {loc(a.name)}
                <details>
                  <summary class="small">{t('details')}</summary>
                  <SourceText class="source-text small" text={a.description} />
                </details>
              </th>
              {codes.map((c) => {
                const p = a.participation[c];
                return (
                  <td key={c} class={`center part part-${p ?? 'unknown'}`} title={`${stateName(c)}: ${p ? tOr('part_', p) : '—'}`}>
                    <span aria-hidden="true">{p === 'participating' ? '●' : p === 'observer' ? '◐' : p === 'suspended' ? '◌' : '○'}</span>
                    <span class="sr-only">{p ? tOr('part_', p) : '—'}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="legend-line muted small" aria-hidden="true">
        ● {t('part_participating')} · ◐ {t('part_observer')} · ◌ {t('part_suspended')} · ○ {t('part_not_participating')}
      </p>
    </div>
  );
}
