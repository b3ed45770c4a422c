import type { ExerciseSeriesRef } from '../../api/referenceTypes';
import { componentShort } from '../../data/reference';
import { loc } from '../../i18n';
import { t, tOr } from './reference.messages';
import { SourceText } from './ReferencePage';

/** The recurring exercises and the components each trains. */
export function ExerciseSeriesTable({ rows }: { rows: ExerciseSeriesRef[] }) {
  return (
    <div class="table-wrap">
      <table class="data" data-testid="reference-table">
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colKind')}</th>
            <th scope="col">{t('colComponents')}</th>
            <th scope="col" class="num">{t('colSince')}</th>
            <th scope="col">{t('colNotes')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.key} data-testid={`reference-row-${e.key}`}>
              <th scope="row">{loc(e.name)}</th>
              <td>{tOr('exkind_', e.kind)}</td>
              <td>{e.components.map(componentShort).join(', ')}</td>
              <td class="num">{e.since ?? ''}</td>
              <td><SourceText class="source-text small" text={e.notes} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
