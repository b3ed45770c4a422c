import { describe, expect, it } from 'vitest';
import type { Contingent } from '../../api/types';
import { grandTotals, totalsBy } from './totals';

const c = (state: string, component: string, personnel: number, equipment: number): Contingent => ({
  id: 0, state, component, name: `${state} ${component}`, home_station: { name: '', lat: 0, lon: 0 },
  personnel, equipment, readiness: 'high', notes: '', releasability: { label: 'organization', states: [] },
  demo: false, version: 1, created_at: '', updated_at: '',
});

const list = [
  c('KAZ', 'crrf', 150, 22),
  c('KAZ', 'rescue', 80, 26),
  c('KAZ', 'crrf', 50, 3),
  c('ARM', 'peacekeeping', 420, 54),
  c('XXX', 'crrf', 5, 1),
];
const STATES = ['ARM', 'BLR', 'KAZ'];
const COMPONENTS = ['crrf', 'peacekeeping', 'rescue'];

describe('totals for the charts', () => {
  it('sums per state with component segments in reference order', () => {
    const rows = totalsBy(list, 'state', 'personnel', { order: STATES, segmentOrder: COMPONENTS });
    expect(rows).toEqual([
      { key: 'ARM', total: 420, segments: [{ key: 'peacekeeping', value: 420 }] },
      { key: 'KAZ', total: 280, segments: [{ key: 'crrf', value: 200 }, { key: 'rescue', value: 80 }] },
      { key: 'XXX', total: 5, segments: [{ key: 'crrf', value: 5 }] },
    ]);
  });

  it('keeps empty rows when asked, in order', () => {
    const rows = totalsBy(list, 'state', 'equipment', { order: STATES, includeEmpty: true, segmentOrder: COMPONENTS });
    expect(rows.map((r) => [r.key, r.total])).toEqual([['ARM', 54], ['BLR', 0], ['KAZ', 51], ['XXX', 1]]);
    expect(rows[1]!.segments).toEqual([]);
  });

  it('sums per component, split by state', () => {
    const rows = totalsBy(list, 'component', 'equipment', { order: COMPONENTS, segmentOrder: STATES });
    expect(rows.find((r) => r.key === 'crrf')).toEqual({
      key: 'crrf', total: 26, segments: [{ key: 'KAZ', value: 25 }, { key: 'XXX', value: 1 }],
    });
  });

  it('counts contingents', () => {
    const rows = totalsBy(list, 'component', 'contingents', { order: COMPONENTS });
    expect(rows.map((r) => [r.key, r.total])).toEqual([['crrf', 3], ['peacekeeping', 1], ['rescue', 1]]);
  });

  it('agrees with the grand totals', () => {
    const g = grandTotals(list);
    expect(g).toEqual({ contingents: 5, personnel: 705, equipment: 106 });
    const byState = totalsBy(list, 'state', 'personnel', { order: STATES });
    expect(byState.reduce((s, r) => s + r.total, 0)).toBe(g.personnel);
  });

  it('handles an empty list', () => {
    expect(totalsBy([], 'state', 'personnel', { order: STATES })).toEqual([]);
    expect(grandTotals([])).toEqual({ contingents: 0, personnel: 0, equipment: 0 });
  });
});
