import { describe, expect, it } from 'vitest';
import type { Contingent } from '../../api/types';
import {
  DEFAULT_QUERY,
  filterContingents,
  paginate,
  parseRegisterQuery,
  registerQueryParams,
  sortContingents,
} from './query';

let nextId = 1;
function c(p: Partial<Contingent> & { name: string }): Contingent {
  return {
    id: nextId++,
    state: 'KAZ',
    component: 'crrf',
    home_station: { name: 'Almaty', lat: 43.2, lon: 76.9 },
    personnel: 100,
    equipment: 10,
    readiness: 'high',
    notes: '',
    releasability: { label: 'organization', states: [] },
    demo: false,
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...p,
  };
}

const list = [
  c({ name: 'Rifle company', state: 'ARM', personnel: 120, readiness: 'rapid', home_station: { name: 'Vanadzor', lat: 40, lon: 44 } }),
  c({ name: 'Air group', state: 'RUS', component: 'aviation', personnel: 160, readiness: 'low' }),
  c({ name: 'Ёлочный батальон', state: 'BLR', personnel: 400, readiness: 'not_ready' }),
  c({ name: 'Medical unit', state: 'KAZ', component: 'nbc_medical', personnel: 60, readiness: 'medium' }),
  c({ name: 'Alpha rescue', state: 'KAZ', component: 'rescue', personnel: 60, readiness: 'high' }),
];
const ctx = { collator: new Intl.Collator('en', { sensitivity: 'base', numeric: true }) };
const names = (l: Contingent[]) => l.map((x) => x.name);

describe('register query in the address', () => {
  it('parses with defaults and rejects nonsense', () => {
    expect(parseRegisterQuery({})).toEqual(DEFAULT_QUERY);
    const q = parseRegisterQuery({ state: 'KAZ', sort: '-personnel', page: '3', size: '100', readiness: 'high' });
    expect(q).toMatchObject({ state: 'KAZ', sort: 'personnel', desc: true, page: 3, size: 100, readiness: 'high' });
    const bad = parseRegisterQuery({ sort: '-password', page: '-2', size: '7', readiness: 'soon' });
    expect(bad).toMatchObject({ sort: 'state', desc: false, page: 1, size: 50, readiness: '' });
  });

  it('writes only what differs from the defaults, and round-trips', () => {
    expect(registerQueryParams(DEFAULT_QUERY)).toEqual({
      state: undefined, component: undefined, readiness: undefined, q: undefined, sort: undefined, page: undefined, size: undefined,
    });
    const q = { ...DEFAULT_QUERY, component: 'crrf', q: ' rifle ', sort: 'name' as const, desc: true, page: 2 };
    const params = registerQueryParams(q);
    expect(params).toMatchObject({ component: 'crrf', q: 'rifle', sort: '-name', page: 2 });
    const back = parseRegisterQuery(
      Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])),
    );
    expect(back).toEqual({ ...q, q: 'rifle' });
  });
});

describe('filter', () => {
  it('filters by state, component and readiness together', () => {
    expect(names(filterContingents(list, { ...DEFAULT_QUERY, state: 'KAZ' }))).toEqual(['Medical unit', 'Alpha rescue']);
    expect(names(filterContingents(list, { ...DEFAULT_QUERY, state: 'KAZ', component: 'rescue' }))).toEqual(['Alpha rescue']);
    expect(names(filterContingents(list, { ...DEFAULT_QUERY, readiness: 'low' }))).toEqual(['Air group']);
    expect(filterContingents(list, { ...DEFAULT_QUERY, state: 'TJK' })).toEqual([]);
  });

  it('searches name and home station, ignoring case and ё/е', () => {
    expect(names(filterContingents(list, { ...DEFAULT_QUERY, q: 'RIFLE' }))).toEqual(['Rifle company']);
    expect(names(filterContingents(list, { ...DEFAULT_QUERY, q: 'vanad' }))).toEqual(['Rifle company']);
    expect(names(filterContingents(list, { ...DEFAULT_QUERY, q: 'елочный' }))).toEqual(['Ёлочный батальон']);
    expect(filterContingents(list, { ...DEFAULT_QUERY, q: '   ' })).toHaveLength(list.length);
  });
});

describe('sort', () => {
  it('sorts numbers both ways with name as the tie-break', () => {
    expect(names(sortContingents(list, 'personnel', false, ctx))).toEqual([
      'Alpha rescue', 'Medical unit', 'Rifle company', 'Air group', 'Ёлочный батальон',
    ]);
    expect(names(sortContingents(list, 'personnel', true, ctx))).toEqual([
      'Ёлочный батальон', 'Air group', 'Rifle company', 'Alpha rescue', 'Medical unit',
    ]);
  });

  it('sorts readiness by level, most ready first', () => {
    expect(sortContingents(list, 'readiness', false, ctx).map((x) => x.readiness)).toEqual([
      'rapid', 'high', 'medium', 'low', 'not_ready',
    ]);
  });

  it('sorts states by the label shown, then name', () => {
    const label = (s: string) => ({ ARM: 'Armenia', BLR: 'Belarus', KAZ: 'Kazakhstan', RUS: 'Russia' })[s] ?? s;
    expect(sortContingents(list, 'state', false, { ...ctx, stateLabel: label }).map((x) => `${x.state} ${x.name}`)).toEqual([
      'ARM Rifle company', 'BLR Ёлочный батальон', 'KAZ Alpha rescue', 'KAZ Medical unit', 'RUS Air group',
    ]);
  });

  it('does not change the list it was given', () => {
    const before = names(list);
    sortContingents(list, 'name', true, ctx);
    expect(names(list)).toEqual(before);
  });
});

describe('paginate', () => {
  const nums = Array.from({ length: 23 }, (_, i) => i + 1);
  it('cuts pages and clamps the page number', () => {
    expect(paginate(nums, 1, 10)).toMatchObject({ items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], page: 1, pages: 3, total: 23 });
    expect(paginate(nums, 3, 10).items).toEqual([21, 22, 23]);
    expect(paginate(nums, 9, 10).page).toBe(3);
    expect(paginate([], 4, 10)).toMatchObject({ items: [], page: 1, pages: 1, total: 0 });
  });
});
