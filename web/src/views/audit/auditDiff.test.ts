import { describe, expect, it } from 'vitest';
import { auditDiff, flatten, formatAuditValue } from './auditDiff';

const before = {
  id: 2,
  name: 'Motor rifle company (demo)',
  home_station: { name: 'Vanadzor', lat: 40.8128, lon: 44.4883 },
  personnel: 120,
  releasability: { label: 'organization', states: [] },
  version: 1,
};

describe('audit diff', () => {
  it('flattens nested objects to paths and keeps plain lists whole', () => {
    const f = flatten(before);
    expect(f.get('home_station.lat')).toBe(40.8128);
    expect(f.get('releasability.states')).toEqual([]);
    expect(flatten({ meetings: [{ date: '2024' }] }).get('meetings[0].date')).toBe('2024');
  });

  it('lists changed fields of an update', () => {
    const after = {
      ...before,
      personnel: 150,
      home_station: { ...before.home_station, lat: 40.9 },
      releasability: { label: 'states', states: ['RUS'] },
      version: 2,
    };
    const changed = auditDiff(before, after).filter((l) => l.change !== 'same');
    expect(changed.map((l) => [l.path, l.before, l.after])).toEqual([
      ['home_station.lat', 40.8128, 40.9],
      ['personnel', 120, 150],
      ['releasability.label', 'organization', 'states'],
      ['releasability.states', [], ['RUS']],
      ['version', 1, 2],
    ]);
  });

  it('shows a creation as all added and a deletion as all removed', () => {
    expect(auditDiff(null, { a: 1, b: { c: 2 } })).toEqual([
      { path: 'a', before: undefined, after: 1, change: 'added' },
      { path: 'b.c', before: undefined, after: 2, change: 'added' },
    ]);
    expect(auditDiff({ a: 1 }, null).map((l) => l.change)).toEqual(['removed']);
  });

  it('handles fields present on one side only', () => {
    const lines = auditDiff({ a: 1, gone: true }, { a: 1, fresh: 'x' });
    expect(lines.map((l) => `${l.path}:${l.change}`)).toEqual(['a:same', 'gone:removed', 'fresh:added']);
  });

  it('formats values for reading', () => {
    expect(formatAuditValue(null)).toBe('—');
    expect(formatAuditValue(['ARM', 'RUS'])).toBe('ARM, RUS');
    expect(formatAuditValue([])).toBe('[]');
    expect(formatAuditValue('')).toBe('""');
    expect(formatAuditValue(false)).toBe('false');
  });
});
