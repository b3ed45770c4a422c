// One live connection per session. Change events are batched (a burst becomes one plan),
// planned (livePlan.ts) and carried out against the in-memory stores, so the map and the
// register follow changes made anywhere without a reload.

import { signal } from '@preact/signals';
import { api } from '../api/calls';
import type { Change } from '../api/types';
import { connectLive, type Live } from '../live/events';
import { refreshCurrentUser, currentUser } from '../session/session';
import { createBatcher } from './batcher';
import { crisisChanged, crisisReset } from './crisisLive';
import {
  contingentsById,
  contingentsState,
  refreshContingent,
  reloadContingents,
  removeContingents,
} from './contingents';
import { planChanges } from './livePlan';
import { planProgressed, plansChanged, resetPlanLive } from './planLive';
import { resetTrainingLive, trainingChanged } from './trainingLive';
import { reloadReference } from './reference';

export type LiveStatus = 'connecting' | 'live' | 'offline';
export const liveStatus = signal<LiveStatus>('connecting');
/** The newest change seen, for views that refresh on any change (the audit log). */
export const lastChange = signal<Change | null>(null);

/** More records than this in one burst → one reload of the list. */
const RELOAD_THRESHOLD = 40;
/** Records read at the same time when following changes one by one. */
const PARALLEL = 6;
/** Without a `hello` this soon (stream blocked by a proxy, say), load anyway. */
const FIRST_LOAD_FALLBACK_MS = 2500;

async function eachLimited<T>(items: T[], limit: number, f: (t: T) => Promise<void>): Promise<unknown[]> {
  const failures: unknown[] = [];
  let i = 0;
  const worker = async () => {
    while (i < items.length) {
      const item = items[i++]!;
      try {
        await f(item);
      } catch (e) {
        failures.push(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return failures;
}

function loadEverything(): void {
  reloadContingents().catch(() => undefined);
  // The held kinds and, always, the core ones (states, regions, components).
  reloadReference().catch(() => undefined);
}

/**
 * A dropped stream may mean the session is over (it expired or was revoked): ask once, and
 * a 401 ends the session through the usual path. At most every 10 s while the server is away.
 */
let lastProbe = 0;
function probeSession(): void {
  const now = Date.now();
  if (now - lastProbe < 10_000) return;
  lastProbe = now;
  api.checkSession().catch(() => undefined);
}

async function apply(changes: Change[]): Promise<void> {
  crisisChanged(changes);
  plansChanged(changes);
  trainingChanged(changes);
  const plan = planChanges(changes, {
    knownVersion: (id) => contingentsById.value.get(id)?.version,
    reloadThreshold: RELOAD_THRESHOLD,
  });
  if (plan.reloadAll) {
    reloadContingents().catch(() => undefined);
  } else {
    if (plan.remove.length) removeContingents(plan.remove);
    const failures = await eachLimited(plan.fetch, PARALLEL, refreshContingent);
    // A record that could not be read now is read with everything else instead of lost.
    if (failures.length) reloadContingents().catch(() => undefined);
  }
  if (plan.referenceKinds.length) reloadReference(plan.referenceKinds).catch(() => undefined);
  const me = currentUser.value?.username;
  if (me && plan.users.includes(me)) await refreshCurrentUser();
}

/** Connects; returns the function that disconnects (at logout). */
export function startLive(): () => void {
  liveStatus.value = 'connecting';
  const batcher = createBatcher<Change>((b) => void apply(b), { quietMs: 250, maxWaitMs: 1500 });
  const fallback = setTimeout(() => {
    if (contingentsState.value === 'idle') loadEverything();
  }, FIRST_LOAD_FALLBACK_MS);
  let live: Live | null = connectLive({
    onReset: () => {
      // Anything batched belongs to the time before the fresh load.
      batcher.cancel();
      loadEverything();
      crisisReset();
      resetPlanLive();
      resetTrainingLive();
    },
    onChange: (c) => {
      lastChange.value = c;
      batcher.push(c);
    },
    onPlanProgress: planProgressed,
    onStatus: (up) => {
      liveStatus.value = up ? 'live' : 'offline';
      if (!up) probeSession();
    },
  });
  return () => {
    clearTimeout(fallback);
    batcher.cancel();
    live?.close();
    live = null;
    liveStatus.value = 'connecting';
    lastChange.value = null;
  };
}
