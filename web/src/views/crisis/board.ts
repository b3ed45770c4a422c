// The crisis board's ordering and wording of time: overdue tasks first, the most overdue at
// the top, then open tasks by deadline; and how long a task is overdue, in days, hours and
// minutes, as the officer on duty reads it.

import type { CrisisRecord } from '../../api/crisisTypes';

/** Minutes past the deadline at `now` (0 when not overdue or without a deadline). */
export function overdueMinutes(r: Pick<CrisisRecord, 'due_at'>, now: Date): number {
  if (!r.due_at) return 0;
  const ms = now.getTime() - new Date(r.due_at).getTime();
  return ms > 0 ? Math.floor(ms / 60_000) : 0;
}

/** Overdue tasks first (most overdue first), then the rest by deadline; each task once. */
export function sortTasks(tasks: readonly CrisisRecord[], now: Date): CrisisRecord[] {
  const seen = new Set<number>();
  const unique = tasks.filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)));
  const due = (t: CrisisRecord) => (t.due_at ? new Date(t.due_at).getTime() : Infinity);
  const late = (t: CrisisRecord) => t.overdue || overdueMinutes(t, now) > 0;
  return unique.sort((a, b) => {
    const la = late(a);
    const lb = late(b);
    if (la !== lb) return la ? -1 : 1;
    return due(a) - due(b) || a.id - b.id;
  });
}

/** Days, hours and minutes of a span of minutes: `{d: 1, h: 2, m: 5}`. */
export function splitMinutes(minutes: number): { d: number; h: number; m: number } {
  const m = Math.max(0, Math.floor(minutes));
  return { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60), m: m % 60 };
}

/** The board's record filter: the real world by default, or exercises. */
export type BoardScope = 'real' | 'exercises';
export const scopeOf = (q: Record<string, string>): BoardScope => (q.scope === 'exercises' ? 'exercises' : 'real');
