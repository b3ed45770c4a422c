import { describe, expect, it } from 'vitest';
import type { Change } from '../api/types';
import { planChanges } from './livePlan';

let seq = 100;
const ch = (entity: string, id: string, action = 'update', version: number | null = 2): Change => ({
  seq: seq++, at: '2026-11-23T11:00:00Z', actor: 'duty', action, entity, id, version,
});

const held = new Map<number, number>([[1, 1], [2, 3], [3, 1]]);
const opts = { knownVersion: (id: number) => held.get(id), reloadThreshold: 10 };

describe('live change plan', () => {
  it('reads changed records again, once each', () => {
    const p = planChanges([ch('contingent', '1'), ch('contingent', '1', 'update', 3), ch('contingent', '9', 'create', 1)], opts);
    expect(p).toMatchObject({ reloadAll: false, fetch: [1, 9], remove: [] });
  });

  it('skips a change already held (the own save arrived first)', () => {
    expect(planChanges([ch('contingent', '2', 'update', 3)], opts).fetch).toEqual([]);
    expect(planChanges([ch('contingent', '2', 'update', 4)], opts).fetch).toEqual([2]);
  });

  it('removes deleted records without asking the server', () => {
    const p = planChanges([ch('contingent', '3', 'delete', null)], opts);
    expect(p).toMatchObject({ fetch: [], remove: [3] });
  });

  it('lets the last event for a record win', () => {
    const p = planChanges([ch('contingent', '1', 'update', 2), ch('contingent', '1', 'delete', null)], opts);
    expect(p).toMatchObject({ fetch: [], remove: [1] });
    // A record created and deleted within one burst was never seen: nothing to do.
    const q = planChanges([ch('contingent', '50', 'create', 1), ch('contingent', '50', 'delete', null)], opts);
    expect(q).toMatchObject({ fetch: [], remove: [] });
  });

  it('orders by sequence, not by arrival', () => {
    const late = ch('contingent', '1', 'update', 2);
    const early = { ...ch('contingent', '1', 'delete', null), seq: late.seq - 50 };
    expect(planChanges([late, early], opts)).toMatchObject({ fetch: [1], remove: [] });
  });

  it('turns a burst into one reload (an import of 5,000 records)', () => {
    const burst = Array.from({ length: 5000 }, (_, i) => ch('contingent', String(1000 + i), 'create', 1));
    const p = planChanges(burst, opts);
    expect(p).toEqual({ reloadAll: true, fetch: [], remove: [], referenceKinds: [], users: [] });
  });

  it('applies a burst of deletions locally, with no request at all', () => {
    const many = new Map(Array.from({ length: 5000 }, (_, i) => [i + 1, 1] as [number, number]));
    const burst = Array.from({ length: 5000 }, (_, i) => ch('contingent', String(i + 1), 'delete', null));
    const p = planChanges(burst, { knownVersion: (id) => many.get(id), reloadThreshold: 10 });
    expect(p.reloadAll).toBe(false);
    expect(p.fetch).toEqual([]);
    expect(p.remove).toHaveLength(5000);
  });

  it('collects reference kinds and users', () => {
    const p = planChanges(
      [ch('reference', 'states/KAZ'), ch('reference', 'components/crrf'), ch('reference', 'states/ARM'), ch('user', 'lo.kaz')],
      opts,
    );
    expect(p.referenceKinds).toEqual(['components', 'states']);
    expect(p.users).toEqual(['lo.kaz']);
    expect(p.fetch).toEqual([]);
  });

  it('ignores ids that are not numbers and entities it does not know', () => {
    expect(planChanges([ch('contingent', 'abc'), ch('exercise', '3')], opts)).toMatchObject({ fetch: [], remove: [] });
  });
});
