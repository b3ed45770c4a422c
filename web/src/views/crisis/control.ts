// The control of a decision's execution (GET /crisis/decisions/{id}/control), read for the
// console: the tasks' counts as one stacked bar (done, open in time, overdue, cancelled),
// who answers for each task, and how late an overdue one is.

import type { ControlReport, CrisisRecord, TaskSpec } from '../../api/crisisTypes';
import type { BarRow } from '../../ui/BarChart';
import { overdueMinutes } from './board';

/** The parts of the bar, in order, with their colours (those of the status badges). */
export const CONTROL_PARTS = [
  { key: 'done', colour: '#15803d' },
  { key: 'open', colour: '#2563eb' },
  { key: 'overdue', colour: '#b91c1c' },
  { key: 'cancelled', colour: '#9ca3af' },
] as const;
export type ControlPart = (typeof CONTROL_PARTS)[number]['key'];

/**
 * The report's counts as the bar's parts. The server counts overdue tasks among the open
 * ones; the bar shows them apart, so that the parts add up to the number of tasks.
 */
export function controlCounts(r: Pick<ControlReport, 'done' | 'open' | 'overdue' | 'cancelled'>): Record<ControlPart, number> {
  return { done: r.done, open: Math.max(0, r.open - r.overdue), overdue: r.overdue, cancelled: r.cancelled };
}

/** One stacked bar of every task, for the bar chart every view shares. */
export function controlBar(r: ControlReport, label: string, partLabel: (p: ControlPart) => string): BarRow {
  const counts = controlCounts(r);
  const segments = CONTROL_PARTS.filter((p) => counts[p.key] > 0).map((p) => ({
    key: p.key,
    label: partLabel(p.key),
    value: counts[p.key],
    colour: p.colour,
  }));
  return { key: 'tasks', label, total: segments.reduce((n, s) => n + s.value, 0), segments };
}

/** Who answers for a task: a member state or a body of the organization. */
export function responsibleOf(task: Pick<CrisisRecord, 'spec'>): { state: string } | { body: string } | null {
  const r = (task.spec as Partial<TaskSpec>).responsible;
  if (r && 'state' in r && typeof r.state === 'string') return { state: r.state };
  if (r && 'body' in r && typeof r.body === 'string') return { body: r.body };
  return null;
}

/** Minutes a task is past its deadline at the report's `now`; 0 unless the server calls it overdue. */
export function lateMinutes(task: Pick<CrisisRecord, 'overdue' | 'due_at'>, now: Date): number {
  if (!task.overdue) return 0;
  return Math.max(1, overdueMinutes(task, now));
}
