import { describe, expect, it } from 'vitest';
import type { Contingent } from '../../api/types';
import { differs, planSync } from './contingent-sync';

function contingent(id: number, over: Partial<Contingent> = {}): Contingent {
  return {
    id,
    state: 'ARM',
    component: 'crrf',
    name: `Unit ${id}`,
    home_station: { name: 'Gyumri', lat: 40.7894, lon: 43.8475 },
    personnel: 120,
    equipment: 18,
    readiness: 'high',
    notes: '',
    releasability: { label: 'organization', states: [] },
    demo: false,
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...over,
  };
}

const shownOf = (list: Contingent[]) => new Map(list.map((c) => [c.id, c]));

describe('planSync', () => {
  it('adds everything to an empty map', () => {
    const next = [contingent(1), contingent(2)];
    expect(planSync(new Map(), next)).toEqual({ added: next, changed: [], removed: [] });
  });

  it('does nothing when a new array holds the same records', () => {
    const now = [contingent(1), contingent(2)];
    const again = now.map((c) => ({ ...c, home_station: { ...c.home_station } }));
    expect(planSync(shownOf(now), again)).toEqual({ added: [], changed: [], removed: [] });
  });

  it('finds the one changed, the one added and the one removed by id', () => {
    const now = [contingent(1), contingent(2), contingent(3)];
    const moved = contingent(2, { version: 2, home_station: { name: 'Vanadzor', lat: 40.81, lon: 44.49 } });
    const plan = planSync(shownOf(now), [contingent(1), moved, contingent(4)]);
    expect(plan.changed).toEqual([moved]);
    expect(plan.added.map((c) => c.id)).toEqual([4]);
    expect(plan.removed).toEqual([3]);
  });

  it('takes the first of duplicate ids', () => {
    const plan = planSync(new Map(), [contingent(1), contingent(1, { name: 'Other' })]);
    expect(plan.added).toHaveLength(1);
    expect(plan.added[0]!.name).toBe('Unit 1');
  });

  it('scales to thousands without quadratic work', () => {
    const now = Array.from({ length: 5000 }, (_, i) => contingent(i + 1));
    const next = now.map((c) => (c.id % 1000 === 0 ? { ...c, personnel: c.personnel + 1 } : c));
    const t0 = performance.now();
    const plan = planSync(shownOf(now), next);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(plan.changed.map((c) => c.id)).toEqual([1000, 2000, 3000, 4000, 5000]);
  });
});

describe('differs', () => {
  it.each([
    ['version', { version: 2 }],
    ['updated_at', { updated_at: '2026-02-01T00:00:00Z' }],
    ['component', { component: 'rescue' }],
    ['personnel', { personnel: 500 }],
    ['readiness', { readiness: 'low' as const }],
    ['station', { home_station: { name: 'Gyumri', lat: 41, lon: 43.8475 } }],
  ])('sees a change of %s', (_, over) => {
    expect(differs(contingent(1), contingent(1, over))).toBe(true);
  });
});
