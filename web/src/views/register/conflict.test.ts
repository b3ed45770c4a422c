import { describe, expect, it } from 'vitest';
import { changedFields, comparable, defaultChoices, diffFields, mergeValues } from './conflict';
import { emptyFormValues, type FormValues } from './formModel';

const base: FormValues = {
  ...emptyFormValues('ARM', 'crrf'),
  name: 'Motor rifle company',
  station: 'Vanadzor',
  lat: '40.8128',
  lon: '44.4883',
  personnel: '120',
  equipment: '18',
  readiness: 'high',
};

describe('edit conflict diff', () => {
  it('tells apart my changes, their changes and real conflicts', () => {
    const mine = { ...base, name: 'Motor rifle company (reinforced)', personnel: '150' };
    const theirs = { ...base, personnel: '130', equipment: '20' };
    const d = Object.fromEntries(diffFields(base, mine, theirs).map((x) => [x.field, x]));
    expect(d.name).toMatchObject({ mine: true, theirs: false, differs: true, conflict: false });
    expect(d.personnel).toMatchObject({ mine: true, theirs: true, differs: true, conflict: true });
    expect(d.equipment).toMatchObject({ mine: false, theirs: true, differs: true, conflict: false });
    expect(d.station).toMatchObject({ mine: false, theirs: false, differs: false, conflict: false });
  });

  it('treats the same change on both sides as no conflict', () => {
    const mine = { ...base, readiness: 'rapid' };
    const theirs = { ...base, readiness: 'rapid' };
    const r = diffFields(base, mine, theirs).find((x) => x.field === 'readiness')!;
    expect(r).toMatchObject({ mine: true, theirs: true, differs: false, conflict: false });
  });

  it('compares numbers by value and text without outer spaces', () => {
    expect(comparable({ ...base, lat: '40,81280' }, 'lat')).toBe(comparable(base, 'lat'));
    expect(comparable({ ...base, personnel: ' 120' }, 'personnel')).toBe('120');
    expect(comparable({ ...base, name: ' Motor rifle company ' }, 'name')).toBe('Motor rifle company');
    expect(changedFields(base, { ...base, lat: '40.81280' })).toEqual([]);
  });

  it('compares releasability as label and set of states', () => {
    const a = { ...base, relLabel: 'states' as const, relStates: ['RUS', 'KAZ'] };
    const b = { ...base, relLabel: 'states' as const, relStates: ['KAZ', 'RUS'] };
    expect(comparable(a, 'releasability')).toBe(comparable(b, 'releasability'));
    expect(changedFields(base, a)).toEqual(['releasability']);
  });

  it('merges theirs as the base with my changes on top by default', () => {
    const mine = { ...base, name: 'Renamed', personnel: '150' };
    const theirs = { ...base, personnel: '130', equipment: '20', relLabel: 'national' as const };
    const choices = defaultChoices(diffFields(base, mine, theirs));
    expect(choices).toMatchObject({ name: 'mine', personnel: 'mine', equipment: 'theirs', releasability: 'theirs' });
    const merged = mergeValues(mine, theirs, choices);
    expect(merged).toMatchObject({ name: 'Renamed', personnel: '150', equipment: '20', relLabel: 'national' });
  });

  it('lets the user pick theirs for a conflicting field', () => {
    const mine = { ...base, personnel: '150', relLabel: 'states' as const, relStates: ['RUS'] };
    const theirs = { ...base, personnel: '130' };
    const merged = mergeValues(mine, theirs, { personnel: 'theirs', releasability: 'mine' });
    expect(merged.personnel).toBe('130');
    expect(merged.relLabel).toBe('states');
    expect(merged.relStates).toEqual(['RUS']);
    // The inputs are left alone.
    expect(theirs.relStates).toEqual([]);
  });
});
