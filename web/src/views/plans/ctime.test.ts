import { describe, expect, it } from 'vitest';
import { calendarAt, cTime, duration, gapPercent, isoAt, splitDuration } from './ctime';

describe('plan times', () => {
  it('read as days and hours after C-hour, as movement tables count them', () => {
    expect(cTime(0)).toBe('C+0d 00:00');
    expect(cTime(1440 + 4 * 60 + 30)).toBe('C+1d 04:30');
    expect(cTime(10 * 1440 + 59)).toBe('C+10d 00:59');
    expect(cTime(-120)).toBe('C−0d 02:00');
    expect(cTime(1500, { hour: 'Ч', day: ' сут' })).toBe('Ч+1 сут 01:00');
  });

  it('become calendar time from the C-hour, when the scenario has one', () => {
    expect(calendarAt('2022-01-06T00:00:00Z', 1440 + 270)?.toISOString()).toBe('2022-01-07T04:30:00.000Z');
    expect(calendarAt(null, 10)).toBeNull();
    expect(calendarAt('not a date', 10)).toBeNull();
    expect(isoAt('2022-01-06T00:00:00Z', 90)).toBe('2022-01-06T01:30Z');
    expect(isoAt(null, 90)).toBe('');
  });

  it('say durations in days, hours and minutes, leaving empty parts out', () => {
    const u = { d: 'd', h: 'h', m: 'min' };
    expect(splitDuration(1440 + 61)).toEqual({ d: 1, h: 1, m: 1 });
    expect(duration(0, u)).toBe('0 min');
    expect(duration(60, u)).toBe('1 h');
    expect(duration(1440 + 30, u)).toBe('1 d 30 min');
    expect(duration(-90, u)).toBe('−1 h 30 min');
  });

  it('give the gap as a percentage', () => {
    expect(gapPercent(0.012)).toBe('1.2 %');
    expect(gapPercent(0)).toBe('0.0 %');
    expect(gapPercent(0.1049)).toBe('10.5 %');
    expect(gapPercent(Number.POSITIVE_INFINITY)).toBe('—');
  });
});
