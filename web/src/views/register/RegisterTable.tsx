// The register table: sortable columns (the header buttons say how), a row per contingent,
// and only the actions the user may take on that row.

import type { Contingent, User } from '../../api/types';
import { componentColour, componentName, componentShort, stateName } from '../../data/reference';
import { canDelete, canEdit } from '../../domain/permissions';
import { readinessLabel, tv } from '../../domain/vocabulary.messages';
import { formatDateTime, formatNumber } from '../../i18n';
import { releasabilityText } from './display';
import type { SortKey } from './query';
import { t } from './register.messages';
import { flashedId } from './registerState';

interface Column {
  key: SortKey;
  label: () => string;
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'name', label: () => tv('field_name') },
  { key: 'state', label: () => tv('field_state') },
  { key: 'component', label: () => tv('field_component') },
  { key: 'readiness', label: () => tv('field_readiness') },
  { key: 'personnel', label: () => tv('field_personnel'), numeric: true },
  { key: 'equipment', label: () => tv('field_equipment'), numeric: true },
  { key: 'station', label: () => tv('field_station') },
  { key: 'updated_at', label: () => tv('field_updated_at') },
];

export interface RegisterTableProps {
  rows: Contingent[];
  sort: SortKey;
  desc: boolean;
  user: User;
  onSort: (key: SortKey) => void;
  onDelete: (c: Contingent) => void;
}

export function RegisterTable({ rows, sort, desc, user, onSort, onDelete }: RegisterTableProps) {
  const sortedBy = COLUMNS.find((c) => c.key === sort)!;
  return (
    <div class="table-wrap register-table-wrap">
      <table class="data register-table" data-testid="register-table">
        <caption class="sr-only">
          {t('tableCaption', { column: sortedBy.label(), direction: desc ? t('descending') : t('ascending') })}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((col) => {
              const active = col.key === sort;
              return (
                <th key={col.key} scope="col" class={col.numeric ? 'num' : undefined}
                  aria-sort={active ? (desc ? 'descending' : 'ascending') : undefined}>
                  <button type="button" class="sort-button" onClick={() => onSort(col.key)}
                    title={t('sortBy', { column: col.label() })} data-testid={`sort-${col.key}`}>
                    {col.label()}
                    <span class="sort-mark" aria-hidden="true">{active ? (desc ? '▼' : '▲') : '↕'}</span>
                  </button>
                </th>
              );
            })}
            <th scope="col" class="actions">
              <span class="sr-only">{t('colActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <Row key={c.id} c={c} user={user} onDelete={onDelete} flashed={flashedId.value === c.id} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row({ c, user, onDelete, flashed }: { c: Contingent; user: User; onDelete: (c: Contingent) => void; flashed: boolean }) {
  const editable = canEdit(user, c);
  const deletable = canDelete(user, c);
  return (
    <tr data-testid={`register-row-${c.id}`} data-id={c.id} data-version={c.version} data-state={c.state}
      class={flashed ? 'row-flash' : undefined}>
      <th scope="row" class="cell-name">
        <a href={`#/register/${c.id}`} data-testid={`register-open-${c.id}`}>{c.name}</a>
        {c.demo && (
          <span class="badge badge-demo" title={t('demoHint')}>{t('demo')}</span>
        )}
        {c.releasability.label !== 'organization' && (
          <span class="rel-note">{releasabilityText(c.releasability)}</span>
        )}
      </th>
      <td class="nowrap" title={c.state}>{stateName(c.state)}</td>
      <td class="cell-component" title={componentName(c.component)}>
        <span class="swatch" style={{ background: componentColour(c.component) }} aria-hidden="true" />
        {componentShort(c.component)}
      </td>
      <td>
        <span class={`badge badge-${c.readiness}`}>{readinessLabel(c.readiness)}</span>
      </td>
      <td class="num">{formatNumber(c.personnel)}</td>
      <td class="num">{formatNumber(c.equipment)}</td>
      <td>{c.home_station.name}</td>
      <td class="nowrap">{formatDateTime(c.updated_at)}</td>
      <td class="actions">
        <div class="row-actions">
        {editable && (
          <a class="button button-small" href={`#/register/${c.id}`} data-testid={`register-edit-${c.id}`}
            aria-label={t('editLabel', { name: c.name })}>
            {t('edit')}
          </a>
        )}
        {deletable && (
          <button type="button" class="button button-small button-danger-outline" onClick={() => onDelete(c)}
            data-testid={`register-delete-${c.id}`} aria-label={t('deleteLabel', { name: c.name })}>
            {t('delete')}
          </button>
        )}
        </div>
      </td>
    </tr>
  );
}
