// Crisis records on the live stream. The stream names a changed crisis record by id only;
// views that show crisis records read `crisisChanges` and load again what they show when a
// batch names a record of theirs (or any, for lists). Every change of a request also becomes
// a notification for everyone: a toast and an entry under the bell, read from the record's
// journal, which says its kind, the step and the new status in one request.

import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api/calls';
import type { JournalEntry } from '../api/crisisTypes';
import type { Change } from '../api/types';

export interface CrisisBatch {
  /** Increases with every batch; 0 before the first. */
  seq: number;
  /** The record ids in the batch; null after a fresh load of everything (all may have changed). */
  ids: Set<number> | null;
}
export const crisisChanges = signal<CrisisBatch>({ seq: 0, ids: null });

export interface CrisisNotice {
  entry: JournalEntry;
  read: boolean;
}
/** The newest first, at most 50. */
export const crisisNotices = signal<CrisisNotice[]>([]);
/** Called for each new notice (the shell shows the toast; kept here so this stays UI-free). */
let onNotice: (e: JournalEntry) => void = () => {};
export function setNoticeHandler(f: (e: JournalEntry) => void): void {
  onNotice = f;
}

export function markNoticesRead(): void {
  crisisNotices.value = crisisNotices.value.map((n) => ({ ...n, read: true }));
}
export function resetCrisisLive(): void {
  crisisNotices.value = [];
  crisisChanges.value = { seq: 0, ids: null };
}

/** From liveSync: a batch of changes; the crisis ones are taken here. */
export function crisisChanged(changes: readonly Change[]): void {
  const crisis = changes.filter((c) => c.entity === 'crisis');
  if (!crisis.length) return;
  const ids = new Set(crisis.map((c) => Number(c.id)).filter(Number.isInteger));
  crisisChanges.value = { seq: crisisChanges.value.seq + 1, ids };
  for (const id of ids) void notifyIfRequest(id);
}

/** From liveSync: a fresh stream (everything loads again). */
export function crisisReset(): void {
  crisisChanges.value = { seq: crisisChanges.value.seq + 1, ids: null };
}

const lastNotified = new Map<number, number>();
async function notifyIfRequest(id: number): Promise<void> {
  let entries: JournalEntry[];
  try {
    entries = await api.crisisJournal({ record: id, exercise: 'all', limit: 5000 });
  } catch {
    return; // no longer visible, or the server is away: nothing to tell
  }
  const last = entries.reduce<JournalEntry | null>((a, e) => (!a || e.id > a.id ? e : a), null);
  if (!last || last.kind !== 'request') return;
  if ((lastNotified.get(id) ?? 0) >= last.id) return;
  lastNotified.set(id, last.id);
  crisisNotices.value = [{ entry: last, read: false }, ...crisisNotices.value].slice(0, 50);
  onNotice(last);
}

/**
 * Calls `reload` when a batch names one of `ids` (any crisis record when `ids` is
 * undefined), or after a fresh load; not on mount (the view loads by itself then).
 */
export function useCrisisRefresh(reload: () => void, ids?: readonly number[]): void {
  const seen = useRef(crisisChanges.value.seq);
  const batch = crisisChanges.value;
  useEffect(() => {
    if (batch.seq === seen.current) return;
    seen.current = batch.seq;
    if (!ids || !batch.ids || ids.some((id) => batch.ids!.has(id))) reload();
  }, [batch.seq]);
}
