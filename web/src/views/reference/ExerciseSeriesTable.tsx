import type { ExerciseSeriesRef } from '../../api/referenceTypes';
import { componentShort } from '../../data/reference';
import { loc } from '../../i18n';
import { t, tOr } from './reference.messages';
import { SourceText } from './ReferencePage';
import { DataTable } from '../../ui/DataTable';

/** The recurring exercises and the components each trains. */
export function ExerciseSeriesTable({ rows }: { rows: ExerciseSeriesRef[] }) {
  return (
    <DataTable
      testid="reference-table"
      columns={[
        t('colName'),
        t('colKind'),
        t('colComponents'),
        { label: t('colSince'), align: 'num' },
        t('colNotes'),
      ]}
    >
      {rows.map((e) => (
        <tr key={e.key} data-testid={`reference-row-${e.key}`}>
          <th scope="row">{loc(e.name)}</th>
          <td>{tOr('exkind_', e.kind)}</td>
          <td>{e.components.map(componentShort).join(', ')}</td>
          <td class="num">{e.since ?? ''}</td>
          <td><SourceText class="source-text small" text={e.notes} /></td>
        </tr>
      ))}
    </DataTable>
  );
}
