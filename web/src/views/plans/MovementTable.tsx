// The movement table: every movement with its load, departure, arrival, route and carriers;
// sorted by any column (the header buttons say how), filtered by unit and mode, and
// downloaded as CSV as shown (filtered and sorted), with C-times and calendar times in UTC.

import { useMemo, useState } from 'preact/hooks';
import type { Mode, Plan, Scenario } from '../../api/planTypes';
import { stateName } from '../../data/reference';
import { formatNumber } from '../../i18n';
import { isoAt } from './ctime';
import { MODE_COLOURS } from './Gantt';
import { filterRows, movementRows, NUMERIC, sortRows, toCsv, type MovementRow, type SortKey } from './movements';
import { modeLabel, t } from './plans.messages';
import { cal, ct } from './words';

const COLUMNS: { key: SortKey; label: () => string }[] = [
  { key: 'id', label: () => t('colId') },
  { key: 'unit', label: () => t('colUnit') },
  { key: 'mode', label: () => t('colMode') },
  { key: 'personnel', label: () => t('colPersonnel') },
  { key: 'vehicles', label: () => t('colVehicles') },
  { key: 'cargo', label: () => t('colCargo') },
  { key: 'depart', label: () => t('colDepart') },
  { key: 'arrive', label: () => t('colArrive') },
];

export function MovementTable({ plan, scenario, epoch, planId }: {
  plan: Plan;
  scenario: Scenario | null;
  epoch: string | null;
  planId: number;
}) {
  const all = useMemo(() => movementRows(plan), [plan]);
  const [sort, setSort] = useState<SortKey>('depart');
  const [desc, setDesc] = useState(false);
  const [unit, setUnit] = useState('');
  const [mode, setMode] = useState('');
  const rows = useMemo(() => sortRows(filterRows(all, { unit, mode }), sort, desc), [all, unit, mode, sort, desc]);
  const unitName = (id: string) => scenario?.units.find((u) => u.id === id)?.name ?? id;
  const nodeName = (id: string) => scenario?.nodes.find((n) => n.id === id)?.name ?? id;
  const units = [...new Set(all.map((r) => r.unit))];
  const modes = (['road', 'rail', 'air'] as Mode[]).filter((m) => all.some((r) => r.mode === m));
  const onSort = (key: SortKey) => {
    if (key === sort) setDesc(!desc);
    else {
      setSort(key);
      setDesc(false);
    }
  };

  const download = () => {
    const header = [
      t('colId'), t('colUnit'), t('colUnit'), t('colMode'), t('colPersonnel'), t('colVehicles'), t('colCargo'),
      t('colDepart'), t('colDepartAt'), t('colArrive'), t('colArriveAt'), t('colRoute'), t('colBy'), t('colStates'),
    ];
    const body = rows.map((r) => [
      r.id, r.unit, unitName(r.unit), modeLabel(r.mode), r.personnel, r.vehicles, r.cargo,
      ct(r.depart), isoAt(epoch, r.depart), ct(r.arrive), isoAt(epoch, r.arrive),
      r.route.map(nodeName).join(' → '), r.by.join(' '), r.states.join(' '),
    ]);
    const url = URL.createObjectURL(new Blob([toCsv(header, body)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `plan-${planId}-movements.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const sortedBy = COLUMNS.find((c) => c.key === sort)!;
  return (
    <section class="panel plan-table" aria-labelledby="plan-table-heading">
      <div class="plan-section-head">
        <h2 id="plan-table-heading">{t('table')}</h2>
        <div class="plan-toolbar">
          <select aria-label={t('colUnit')} value={unit} onChange={(e) => setUnit(e.currentTarget.value)} data-testid="table-unit">
            <option value="">{t('allUnits')}</option>
            {units.map((u) => <option key={u} value={u}>{unitName(u)}</option>)}
          </select>
          <select aria-label={t('colMode')} value={mode} onChange={(e) => setMode(e.currentTarget.value)} data-testid="table-mode">
            <option value="">{t('allModes')}</option>
            {modes.map((m) => <option key={m} value={m}>{modeLabel(m)}</option>)}
          </select>
          <button type="button" class="button button-small" onClick={download} data-testid="table-csv">{t('csv')}</button>
        </div>
      </div>
      <p class="muted small" aria-live="polite" data-testid="table-count" data-count={rows.length}>
        {t('shown', { n: formatNumber(rows.length), total: formatNumber(all.length) })}
      </p>
      <div class="table-wrap plan-table-wrap">
        <table class="data" data-testid="movement-table">
          <caption class="sr-only">
            {t('tableCaption', { column: sortedBy.label(), direction: desc ? t('descending') : t('ascending') })}
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const on = c.key === sort;
                return (
                  <th key={c.key} scope="col" class={NUMERIC.includes(c.key) && c.key !== 'depart' && c.key !== 'arrive' ? 'num' : undefined}
                    aria-sort={on ? (desc ? 'descending' : 'ascending') : undefined}>
                    <button type="button" class="sort-button" onClick={() => onSort(c.key)} title={t('sortBy', { column: c.label() })}
                      data-testid={`table-sort-${c.key}`}>
                      {c.label()}
                      <span class="sort-mark" aria-hidden="true">{on ? (desc ? '▼' : '▲') : '↕'}</span>
                    </button>
                  </th>
                );
              })}
              <th scope="col">{t('colRoute')}</th>
              <th scope="col">{t('colBy')}</th>
              <th scope="col">{t('colStates')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => <Row key={r.id} r={r} unitName={unitName} nodeName={nodeName} epoch={epoch} />)}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Row({ r, unitName, nodeName, epoch }: {
  r: MovementRow;
  unitName: (id: string) => string;
  nodeName: (id: string) => string;
  epoch: string | null;
}) {
  return (
    <tr data-id={r.id} data-unit={r.unit} data-mode={r.mode}>
      <td class="mono">{r.id}</td>
      <td>{unitName(r.unit)}</td>
      <td>
        <span class="plan-mode-dot" style={{ background: MODE_COLOURS[r.mode] }} aria-hidden="true" /> {modeLabel(r.mode)}
      </td>
      <td class="num">{formatNumber(r.personnel)}</td>
      <td class="num">{formatNumber(r.vehicles)}</td>
      <td class="num">{formatNumber(r.cargo)}</td>
      <td class="nowrap" title={cal(epoch, r.depart)}>{ct(r.depart)}</td>
      <td class="nowrap" title={cal(epoch, r.arrive)}>{ct(r.arrive)}</td>
      <td class="small">{r.route.map(nodeName).join(' → ')}</td>
      <td class="small mono">{r.by.join(' ')}</td>
      <td class="small">{r.states.map(stateName).join(', ')}</td>
    </tr>
  );
}
