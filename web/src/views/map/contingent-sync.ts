// Live updates replace the whole `contingents` array; the map must touch only what changed,
// because every change of the vector source makes the cluster source recluster everything.

import type { Contingent } from '../../api/types';

export interface SyncPlan {
  /** Not on the map yet. */
  added: Contingent[];
  /** On the map, but drawn differently or with different card data now. */
  changed: Contingent[];
  /** Ids on the map that are no longer in the list. */
  removed: number[];
}

/** Whether the map's drawing or the detail card would differ between a and b. */
export function differs(a: Contingent, b: Contingent): boolean {
  if (a === b) return false;
  return (
    a.version !== b.version ||
    a.updated_at !== b.updated_at ||
    a.name !== b.name ||
    a.state !== b.state ||
    a.component !== b.component ||
    a.personnel !== b.personnel ||
    a.equipment !== b.equipment ||
    a.readiness !== b.readiness ||
    a.notes !== b.notes ||
    a.home_station.name !== b.home_station.name ||
    a.home_station.lat !== b.home_station.lat ||
    a.home_station.lon !== b.home_station.lon
  );
}

/** What to do to the map's contingents, given what it shows (by id) and the new list. */
export function planSync(shown: ReadonlyMap<number, Contingent>, next: readonly Contingent[]): SyncPlan {
  const plan: SyncPlan = { added: [], changed: [], removed: [] };
  const seen = new Set<number>();
  for (const c of next) {
    if (seen.has(c.id)) continue; // the first of duplicate ids wins, as it would in a list view
    seen.add(c.id);
    const old = shown.get(c.id);
    if (!old) plan.added.push(c);
    else if (differs(old, c)) plan.changed.push(c);
  }
  for (const id of shown.keys()) {
    if (!seen.has(id)) plan.removed.push(id);
  }
  return plan;
}
