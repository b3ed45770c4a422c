import { describe, expect, it } from 'vitest';
import type { Contingent } from '../api/types';
import { removeAll, upsertAll } from './contingentList';

const c = (id: number, version = 1, name = `c${id}`) => ({ id, version, name }) as Contingent;

describe('in-memory contingent list', () => {
  it('adds new records in id order and replaces changed ones', () => {
    const list = [c(1), c(3)];
    const out = upsertAll(list, [c(2), c(3, 2, 'renamed')]);
    expect(out.map((x) => [x.id, x.version, x.name])).toEqual([[1, 1, 'c1'], [2, 1, 'c2'], [3, 2, 'renamed']]);
    expect(list.map((x) => x.id)).toEqual([1, 3]);
  });

  it('never goes back to an older version', () => {
    const list = [c(1, 5, 'new')];
    expect(upsertAll(list, [c(1, 4, 'old')])).toBe(list);
  });

  it('keeps the same list when nothing changed (no needless re-render)', () => {
    const list = [c(1)];
    expect(upsertAll(list, [])).toBe(list);
    expect(removeAll(list, [7])).toBe(list);
  });

  it('removes by id', () => {
    expect(removeAll([c(1), c(2), c(3)], [2, 3]).map((x) => x.id)).toEqual([1]);
  });
});
