import { describe, expect, it } from 'vitest';
import type { Inject } from './api';
import { byDay, csvProblems, offsetMinutes } from './msel';

const inject = (number: number, offset: string): Inject => ({
  number,
  offset,
  sender: 'gov',
  recipients: ['kaz-lo'],
  channel: 'message',
  subject: `#${number}`,
  message: '',
  expected_actions: '',
  objectives: [],
});

describe('the MSEL', () => {
  it('reads offsets in the notation only', () => {
    expect(offsetMinutes('D+0 00:00')).toBe(0);
    expect(offsetMinutes('D+1 06:30')).toBe(1830);
    expect(offsetMinutes('D+1 6:30')).toBeNull();
  });

  it('orders injects by offset then number, grouped by scenario day', () => {
    const days = byDay([inject(3, 'D+1 00:00'), inject(2, 'D+0 02:00'), inject(1, 'D+0 02:00'), inject(4, 'D+0 00:30')]);
    expect(days.map((d) => [d.day, d.injects.map((i) => i.number)])).toEqual([
      [0, [4, 1, 2]],
      [1, [3]],
    ]);
  });

  it('lists a refused file’s problems by line', () => {
    expect(
      csvProblems({
        errors: [
          { line: 5, column: 'number', message: 'repeated' },
          { line: 3, column: 'offset', message: 'bad' },
        ],
      }).map((p) => `${p.line}:${p.column}`),
    ).toEqual(['3:offset', '5:number']);
    expect(csvProblems(null)).toEqual([]);
  });
});
