import { describe, expect, it } from 'vitest';
import type { ControlReport, CrisisRecord } from '../../api/crisisTypes';
import { controlBar, controlCounts, lateMinutes, responsibleOf } from './control';

const task = (extra: Partial<CrisisRecord>) => ({ kind: 'task', overdue: false, due_at: null, spec: {}, ...extra }) as CrisisRecord;
const report = (done: number, open: number, overdue: number, cancelled: number) =>
  ({ decision: task({}), now: '2030-01-10T12:00:00Z', tasks: [], done, open, overdue, cancelled }) as ControlReport;

describe('control of a decision’s execution', () => {
  it('shows overdue tasks apart from the open ones, so the parts add up to every task', () => {
    expect(controlCounts(report(2, 3, 1, 1))).toEqual({ done: 2, open: 2, overdue: 1, cancelled: 1 });
    expect(controlCounts(report(0, 1, 1, 0))).toEqual({ done: 0, open: 0, overdue: 1, cancelled: 0 });
  });

  it('draws one stacked bar of the parts that are not empty', () => {
    const bar = controlBar(report(2, 3, 1, 0), 'Tasks', (p) => p.toUpperCase());
    expect(bar.total).toBe(5);
    expect(bar.segments.map((s) => [s.key, s.label, s.value])).toEqual([
      ['done', 'DONE', 2],
      ['open', 'OPEN', 2],
      ['overdue', 'OVERDUE', 1],
    ]);
    expect(bar.segments.find((s) => s.key === 'overdue')!.colour).toBe('#b91c1c');
    expect(controlBar(report(0, 0, 0, 0), 'Tasks', String)).toMatchObject({ total: 0, segments: [] });
  });

  it('names who answers for a task: a state or a body', () => {
    expect(responsibleOf(task({ spec: { responsible: { state: 'KAZ' } } }))).toEqual({ state: 'KAZ' });
    expect(responsibleOf(task({ spec: { responsible: { body: 'joint_staff' } } }))).toEqual({ body: 'joint_staff' });
    expect(responsibleOf(task({ spec: {} }))).toBeNull();
  });

  it('tells how late an overdue task is at the report’s time, and nothing for the others', () => {
    const now = new Date('2030-01-10T12:00:00Z');
    expect(lateMinutes(task({ overdue: true, due_at: '2030-01-09T09:30:00Z' }), now)).toBe(26 * 60 + 30);
    // The server decides what is overdue; a late deadline of a done task is not.
    expect(lateMinutes(task({ overdue: false, due_at: '2030-01-09T09:30:00Z' }), now)).toBe(0);
    // Overdue by seconds still reads as overdue.
    expect(lateMinutes(task({ overdue: true, due_at: '2030-01-10T11:59:50Z' }), now)).toBe(1);
  });
});
