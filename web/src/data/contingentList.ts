// Pure operations on the in-memory list of contingents the live stream keeps current. The
// list stays ordered by id, and a record never goes back to an older version: a refetch that
// raced with one's own save must not undo it.

import type { Contingent } from '../api/types';

/** Puts the records in (newer versions win), keeping the list ordered by id. */
export function upsertAll(list: readonly Contingent[], records: readonly Contingent[]): Contingent[] {
  if (records.length === 0) return list as Contingent[];
  const byId = new Map<number, Contingent>();
  for (const c of list) byId.set(c.id, c);
  let changed = false;
  for (const r of records) {
    const old = byId.get(r.id);
    if (old && old.version > r.version) continue;
    if (old === r) continue;
    byId.set(r.id, r);
    changed = true;
  }
  if (!changed) return list as Contingent[];
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export function removeAll(list: readonly Contingent[], ids: Iterable<number>): Contingent[] {
  const drop = new Set(ids);
  if (drop.size === 0) return list as Contingent[];
  const out = list.filter((c) => !drop.has(c.id));
  return out.length === list.length ? (list as Contingent[]) : out;
}
