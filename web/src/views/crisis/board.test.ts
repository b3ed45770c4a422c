import { describe, expect, it } from 'vitest';
import type { CrisisRecord } from '../../api/crisisTypes';
import { overdueMinutes, scopeOf, sortTasks, splitMinutes } from './board';

const now = new Date('2025-03-01T12:00:00Z');
const task = (id: number, due: string, overdue = false) => ({ id, due_at: due, overdue }) as CrisisRecord;

describe('the crisis board', () => {
  it('puts overdue tasks first, the most overdue at the top', () => {
    const list = [
      task(1, '2025-03-02T00:00:00Z'),
      task(2, '2025-03-01T11:00:00Z', true),
      task(3, '2025-02-27T00:00:00Z', true),
      task(4, '2025-03-01T13:00:00Z'),
    ];
    expect(sortTasks(list, now).map((t) => t.id)).toEqual([3, 2, 4, 1]);
  });

  it('lists a task shown both as overdue and open once', () => {
    const t = task(7, '2025-02-28T00:00:00Z', true);
    expect(sortTasks([t, t], now)).toHaveLength(1);
  });

  it('counts how long a task is overdue', () => {
    expect(overdueMinutes(task(1, '2025-03-01T10:30:00Z'), now)).toBe(90);
    expect(overdueMinutes(task(1, '2025-03-01T13:00:00Z'), now)).toBe(0);
    expect(splitMinutes(1440 + 125)).toEqual({ d: 1, h: 2, m: 5 });
  });

  it('shows the real world unless exercises are chosen', () => {
    expect(scopeOf({})).toBe('real');
    expect(scopeOf({ scope: 'exercises' })).toBe('exercises');
    expect(scopeOf({ scope: 'x' })).toBe('real');
  });
});
