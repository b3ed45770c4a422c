// Deployment plans on the live stream. A plan's creation and its end are changes (entity
// `plan`), which make the views showing plans load again; while it searches, the stream
// also carries `plan-progress` reports, kept here by plan id so the plan page draws its
// progress bar without asking the server each second.

import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { PlanProgress, PlanProgressEvent } from '../api/planTypes';
import type { Change } from '../api/types';

export interface PlanBatch {
  /** Increases with every batch; 0 before the first. */
  seq: number;
  /** The plan ids in the batch; null after a fresh load (all may have changed). */
  ids: Set<number> | null;
}
export const planChanges = signal<PlanBatch>({ seq: 0, ids: null });

/** The newest progress report of each plan that has sent one. */
export const planProgress = signal<ReadonlyMap<number, PlanProgress>>(new Map());

export function plansChanged(changes: readonly Change[]): void {
  const plans = changes.filter((c) => c.entity === 'plan');
  if (!plans.length) return;
  const ids = new Set(plans.map((c) => Number(c.id)).filter(Number.isInteger));
  planChanges.value = { seq: planChanges.value.seq + 1, ids };
}

export function planProgressed(p: PlanProgressEvent): void {
  if (!Number.isInteger(p.id)) return;
  const prev = planProgress.value.get(p.id);
  // Reports of one search only grow; an older one arriving late must not move the bar back.
  if (prev && prev.candidates > p.candidates) return;
  const next = new Map(planProgress.value);
  next.set(p.id, { candidates: p.candidates, effort: p.effort, best_closure: p.best_closure, lower_bound: p.lower_bound });
  planProgress.value = next;
}

export function resetPlanLive(): void {
  planChanges.value = { seq: planChanges.value.seq + 1, ids: null };
}

/** Calls `reload` when a batch names one of `ids` (any plan when absent), not on mount. */
export function usePlanRefresh(reload: () => void, ids?: readonly number[]): void {
  const seen = useRef(planChanges.value.seq);
  const batch = planChanges.value;
  useEffect(() => {
    if (batch.seq === seen.current) return;
    seen.current = batch.seq;
    if (!ids || !batch.ids || ids.some((id) => batch.ids!.has(id))) reload();
  }, [batch.seq]);
}
