import { describe, expect, it } from 'vitest';
import type { Action } from './api';
import { layoutBars } from './bars';
import { actionSteps } from './FollowUpPanel';
import { periodWindow } from './period';
import { layoutYear, type CatalogueExercise } from './yearGantt';

const ex = (key: string, dates: CatalogueExercise['dates'], links: CatalogueExercise['links'] = []): CatalogueExercise => ({
  key,
  name: { en: key, ru: key },
  kind: 'joint',
  host: 'BLR',
  status: 'planned',
  dates,
  links,
});

describe('periods', () => {
  it('cover the days their words say', () => {
    expect(periodWindow({ precision: 'half_month', year: 2025, month: 10, half: 'second' })).toEqual(['2025-10-16', '2025-10-31']);
    expect(periodWindow({ precision: 'month', year: 2024, month: 2 })).toEqual(['2024-02-01', '2024-02-29']);
    expect(periodWindow({ precision: 'season', year: 2025, season: 'autumn' })).toEqual(['2025-09-01', '2025-11-30']);
  });
});

describe('the year Gantt', () => {
  it('places bars on the days of the year and orders rows by start', () => {
    const l = layoutYear(2025, [
      ex('october', { precision: 'half_month', year: 2025, month: 10, half: 'first' }),
      ex('march', { precision: 'month', year: 2025, month: 3 }),
      ex('exact', { precision: 'days', start: '2025-01-01', end: '2025-01-10' }),
    ]);
    expect(l.bars.map((b) => b.key)).toEqual(['exact', 'march', 'october']);
    expect(l.bars[0]!.x0).toBe(0);
    expect(l.bars[0]!.x1).toBeCloseTo(10 / 365);
    expect(l.bars[0]!.exact).toBe(true);
    expect(l.bars[1]!.exact).toBe(false);
    expect(l.bars[1]!.x0).toBeCloseTo(59 / 365);
    expect(l.bars[1]!.x1).toBeCloseTo(90 / 365);
    expect(l.months).toHaveLength(12);
  });

  it('joins exercises held together once, at their overlap, and leaves out the cancelled', () => {
    const a = ex('a', { precision: 'month', year: 2025, month: 9 }, [{ kind: 'held_together', target: 'b' }]);
    const b = ex('b', { precision: 'half_month', year: 2025, month: 9, half: 'second' }, [{ kind: 'held_together', target: 'a' }]);
    const c = { ...ex('c', { precision: 'month', year: 2025, month: 9 }), status: 'cancelled' };
    const l = layoutYear(2025, [a, b, c]);
    expect(l.bars).toHaveLength(2);
    expect(l.links).toHaveLength(1);
    const [bar] = l.bars.filter((x) => x.key === 'b');
    expect(l.links[0]!.x[0]).toBe(l.links[0]!.x[1]);
    expect(l.links[0]!.x[0]).toBeGreaterThan(bar!.x0);
    expect(l.links[0]!.x[0]).toBeLessThan(bar!.x1);
  });

  it('joins exercises apart in time from the end of the earlier to the start of the later', () => {
    const march = ex('march', { precision: 'month', year: 2025, month: 3 }, [{ kind: 'supplies_initial_data', target: 'sept' }]);
    const sept = ex('sept', { precision: 'month', year: 2025, month: 9 });
    const l = layoutYear(2025, [sept, march]);
    expect(l.links).toEqual([
      { from: 'march', to: 'sept', kind: 'supplies_initial_data', rows: [0, 1], x: [l.bars[0]!.x1, l.bars[1]!.x0] },
    ]);
  });
});

describe('bar charts', () => {
  it('scale to the largest value or stated figure', () => {
    const bars = layoutBars([
      { label: '2024', value: 2500, stated: { qualifier: 'over', value: 5000 } },
      { label: '2025', value: 1000 },
    ]);
    expect(bars[0]!.share).toBe(0.5);
    expect(bars[0]!.statedShare).toBe(1);
    expect(bars[1]!.share).toBe(0.2);
    expect(bars[1]!.statedShare).toBeNull();
  });
});

describe('corrective action steps', () => {
  const action = (status: Action['status'], doneBy?: string): Action => ({
    id: 1,
    status,
    overdue: false,
    spec: { title: 't', owner: 'o', owner_state: 'KAZ', due: '2026-04-01', exercise: 'E' },
    state: doneBy ? { done: { by: doneBy } } : {},
    version: 1,
  });
  const who = (role: string, state: string | null = null, username = 'u') => ({ role, state, username });

  it('offers a liaison officer their own state’s start and completion only', () => {
    expect(actionSteps(action('open'), who('liaison_officer', 'KAZ'))).toEqual(['start', 'complete']);
    expect(actionSteps(action('open'), who('liaison_officer', 'ARM'))).toEqual([]);
    expect(actionSteps(action('done', 'x'), who('liaison_officer', 'KAZ'))).toEqual([]);
  });

  it('offers verification to the Joint Staff but not to whoever reported it done', () => {
    expect(actionSteps(action('done', 'lo.kaz'), who('planner', null, 'planner'))).toEqual(['verify']);
    expect(actionSteps(action('done', 'planner'), who('planner', null, 'planner'))).toEqual([]);
    expect(actionSteps(action('verified'), who('administrator'))).toEqual([]);
  });
});
