// The contingents the user may see, held in memory for the whole session: the map and the
// register both read this one list, and the live stream keeps it current.

import { computed, signal } from '@preact/signals';
import { ApiFailure } from '../api/client';
import { api, isAbort } from '../api/calls';
import type { Contingent } from '../api/types';
import { removeAll, upsertAll } from './contingentList';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export const contingents = signal<readonly Contingent[]>([]);
export const contingentsState = signal<LoadState>('idle');
export const contingentsError = signal<unknown>(null);

export const contingentsById = computed(() => {
  const m = new Map<number, Contingent>();
  for (const c of contingents.value) m.set(c.id, c);
  return m;
});

let generation = 0;
let running: Promise<void> | null = null;
let again = false;
let controller: AbortController | null = null;

/**
 * Reads the whole list again. Calls while a reload runs are folded into one more reload
 * after it, so the result reflects every change that asked for one.
 */
export function reloadContingents(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  const gen = generation;
  running = (async () => {
    do {
      again = false;
      if (contingentsState.value !== 'ready') contingentsState.value = 'loading';
      controller = new AbortController();
      try {
        const list = await api.allContingents(controller.signal);
        if (gen !== generation) return;
        contingents.value = list.slice().sort((a, b) => a.id - b.id);
        contingentsError.value = null;
        contingentsState.value = 'ready';
      } catch (e) {
        if (gen !== generation || isAbort(e)) return;
        contingentsError.value = e;
        // Data already shown stays shown; only a first load turns into an error state.
        if (contingentsState.value !== 'ready') contingentsState.value = 'error';
        again = false;
        throw e;
      }
    } while (again && gen === generation);
  })().finally(() => {
    if (gen === generation) running = null;
  });
  return running;
}

export function upsertContingents(records: readonly Contingent[]): void {
  contingents.value = upsertAll(contingents.value, records);
}

export function removeContingents(ids: Iterable<number>): void {
  contingents.value = removeAll(contingents.value, ids);
}

/**
 * Reads one record again: 200 → updated, 404 → deleted or no longer releasable → removed.
 * Other failures are thrown to the caller.
 */
export async function refreshContingent(id: number): Promise<void> {
  const gen = generation;
  try {
    const { data } = await api.contingent(id);
    if (gen === generation) upsertContingents([data]);
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 404) {
      if (gen === generation) removeContingents([id]);
      return;
    }
    throw e;
  }
}

/** At logout: forget everything, and let any request still under way land nowhere. */
export function resetContingents(): void {
  generation++;
  controller?.abort();
  controller = null;
  running = null;
  again = false;
  contingents.value = [];
  contingentsState.value = 'idle';
  contingentsError.value = null;
}
