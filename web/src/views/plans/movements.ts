// The movement table: one row per movement (a part of a unit travelling together from its
// garrison to the destination), sorted and filtered as the reader asks, and written as CSV
// for a spreadsheet. Pure, so it is tested.

import type { Mode, Plan } from '../../api/planTypes';
import { arrivalOf, vehiclesOf } from './curve';

export interface MovementRow {
  id: string;
  unit: string;
  mode: Mode;
  personnel: number;
  vehicles: number;
  cargo: number;
  depart: number;
  arrive: number;
  /** The nodes in order, crossings once. */
  route: string[];
  /** Flights and trains. */
  by: string[];
  /** States crossed by any leg, sorted. */
  states: string[];
}

export function movementRows(plan: Pick<Plan, 'movements'>): MovementRow[] {
  return plan.movements.map((m) => {
    const route: string[] = [];
    for (const l of m.legs) {
      if (route[route.length - 1] !== l.from) route.push(l.from);
      if (route[route.length - 1] !== l.to) route.push(l.to);
    }
    return {
      id: m.id,
      unit: m.unit,
      mode: m.mode,
      personnel: m.load.personnel,
      vehicles: vehiclesOf(m),
      cargo: m.load.cargo_t,
      depart: m.legs[0]?.depart ?? 0,
      arrive: arrivalOf(m),
      route,
      by: [...new Set(m.legs.map((l) => l.by ?? '').filter(Boolean))],
      states: [...new Set(m.legs.flatMap((l) => l.states))].sort(),
    };
  });
}

export type SortKey = 'id' | 'unit' | 'mode' | 'personnel' | 'vehicles' | 'cargo' | 'depart' | 'arrive';
export const SORT_KEYS: SortKey[] = ['id', 'unit', 'mode', 'personnel', 'vehicles', 'cargo', 'depart', 'arrive'];
export const NUMERIC: SortKey[] = ['personnel', 'vehicles', 'cargo', 'depart', 'arrive'];

const collator = new Intl.Collator('en', { numeric: true });

/** Sorted by the key, ties by departure then id, so the order never depends on the input's. */
export function sortRows(rows: readonly MovementRow[], key: SortKey, desc: boolean): MovementRow[] {
  const cmp = (a: MovementRow, b: MovementRow) => {
    const x = a[key];
    const y = b[key];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return desc ? -c : c;
  };
  return [...rows].sort((a, b) => cmp(a, b) || a.depart - b.depart || collator.compare(a.id, b.id));
}

export interface RowFilter {
  unit?: string;
  mode?: string;
}

export function filterRows(rows: readonly MovementRow[], f: RowFilter): MovementRow[] {
  return rows.filter((r) => (!f.unit || r.unit === f.unit) && (!f.mode || r.mode === f.mode));
}

/**
 * One CSV field (RFC 4180): quoted when it holds a separator, quote or line break. Text that
 * a spreadsheet would run as a formula (=, +, -, @ first) is led by an apostrophe, because
 * unit names are typed by people; numbers stay numbers.
 */
export function csvField(v: string | number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The whole file: a byte-order mark (so spreadsheets read Cyrillic as UTF-8), the header,
 * then one line per row, CRLF-separated as RFC 4180 asks.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
