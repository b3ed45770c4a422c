// Turns a burst of change events into the fewest requests that bring the console up to date.
// Pure, so the rules are tested without a server: the last event per record wins; a delete
// is applied without asking (the record is gone, a GET would only be refused); a change
// already held (own save) is skipped; more records to read than `reloadThreshold` → one
// reload instead of one request each (an import of 5,000 records is one reload, not 5,000
// GETs).

import type { Change } from '../api/types';

export interface LivePlan {
  /** Reload the whole list rather than record by record. */
  reloadAll: boolean;
  /** Contingent ids to read again (a 404 then means gone or no longer releasable). */
  fetch: number[];
  /** Contingent ids to drop from the list. */
  remove: number[];
  /** Reference kinds that changed (`states`, `components`, ...). */
  referenceKinds: string[];
  /** Usernames whose account changed. */
  users: string[];
}

export interface PlanOptions {
  /** The version held in memory for an id, if any. */
  knownVersion: (id: number) => number | undefined;
  reloadThreshold: number;
}

export function planChanges(changes: readonly Change[], opts: PlanOptions): LivePlan {
  const last = new Map<number, Change>();
  const kinds = new Set<string>();
  const users = new Set<string>();
  for (const c of [...changes].sort((a, b) => a.seq - b.seq)) {
    if (c.entity === 'contingent') {
      const id = Number(c.id);
      if (Number.isInteger(id)) last.set(id, c);
    } else if (c.entity === 'reference') {
      // The id is `kind/key`; a bare kind (a whole load) counts as that kind.
      const kind = c.id.split('/')[0];
      if (kind) kinds.add(kind);
    } else if (c.entity === 'user') {
      users.add(c.id);
    }
  }
  const fetch: number[] = [];
  const remove: number[] = [];
  for (const [id, c] of last) {
    if (c.action === 'delete') {
      if (opts.knownVersion(id) !== undefined) remove.push(id);
      continue;
    }
    const known = opts.knownVersion(id);
    if (known !== undefined && c.version !== null && known >= c.version) continue;
    fetch.push(id);
  }
  // Removals cost no request, so only the reads count towards the threshold.
  const reloadAll = fetch.length > opts.reloadThreshold;
  return {
    reloadAll,
    fetch: reloadAll ? [] : fetch.sort((a, b) => a - b),
    remove: reloadAll ? [] : remove.sort((a, b) => a - b),
    referenceKinds: [...kinds].sort(),
    users: [...users].sort(),
  };
}
