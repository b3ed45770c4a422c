// Joint training on the live stream: a change of an exercise run (a release, a response, a
// clock command), a design, an MSEL, a year plan or the catalogue makes the training views
// showing it load again through the API, which decides what each user may read.

import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Change } from '../api/types';

const ENTITIES = new Set(['exercise_run', 'exercise_design', 'msel', 'year_plan', 'training_exercise']);

export interface TrainingBatch {
  /** Increases with every batch; 0 before the first. */
  seq: number;
  /** `entity:id` of each change; null after a fresh load (all may have changed). */
  keys: Set<string> | null;
}
export const trainingChanges = signal<TrainingBatch>({ seq: 0, keys: null });

export function trainingChanged(changes: readonly Change[]): void {
  const ours = changes.filter((c) => ENTITIES.has(c.entity));
  if (!ours.length) return;
  trainingChanges.value = { seq: trainingChanges.value.seq + 1, keys: new Set(ours.map((c) => `${c.entity}:${c.id}`)) };
}

export function resetTrainingLive(): void {
  trainingChanges.value = { seq: trainingChanges.value.seq + 1, keys: null };
}

/** Calls `reload` when a batch names `entity:id` (any training change when absent). */
export function useTrainingRefresh(reload: () => void, key?: string): void {
  const seen = useRef(trainingChanges.value.seq);
  const batch = trainingChanges.value;
  useEffect(() => {
    if (batch.seq === seen.current) return;
    seen.current = batch.seq;
    if (!key || !batch.keys || batch.keys.has(key)) reload();
  }, [batch.seq]);
}
