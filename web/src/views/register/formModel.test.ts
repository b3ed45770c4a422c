import { describe, expect, it } from 'vitest';
import type { ContingentIn } from '../../api/types';
import { emptyFormValues, formFieldOf, parseCount, parseDecimal, toFormValues, validate, type FormValues } from './formModel';

const ctx = {
  states: ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK'],
  components: ['crrf', 'rescue'],
  allowedStates: ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK'],
};

const good: FormValues = {
  ...emptyFormValues('KAZ', 'crrf'),
  name: '  Air assault company ',
  station: 'Kapchagay',
  lat: '43,88',
  lon: '77.07',
  personnel: '1 200',
  equipment: '14',
  readiness: 'high',
};

describe('contingent form validation', () => {
  it('accepts a good form and builds the record, trimming and parsing', () => {
    const { errors, input } = validate(good, ctx);
    expect(errors).toEqual({});
    expect(input).toEqual({
      state: 'KAZ',
      component: 'crrf',
      name: 'Air assault company',
      home_station: { name: 'Kapchagay', lat: 43.88, lon: 77.07 },
      personnel: 1200,
      equipment: 14,
      readiness: 'high',
      notes: '',
      releasability: { label: 'organization', states: [] },
    });
  });

  it('requires name and station, at most 200 characters', () => {
    expect(validate({ ...good, name: '   ' }, ctx).errors.name).toEqual({ code: 'required' });
    expect(validate({ ...good, station: '' }, ctx).errors.station).toEqual({ code: 'required' });
    expect(validate({ ...good, name: 'x'.repeat(200) }, ctx).errors.name).toBeUndefined();
    expect(validate({ ...good, name: 'x'.repeat(201) }, ctx).errors.name).toEqual({ code: 'too_long', vars: { max: 200 } });
    // Counted in characters, not UTF-16 units: 200 Cyrillic letters are fine.
    expect(validate({ ...good, name: 'Ж'.repeat(200) }, ctx).errors.name).toBeUndefined();
    expect(validate({ ...good, name: 'a\u0007b' }, ctx).errors.name).toEqual({ code: 'control_chars' });
  });

  it('checks coordinate ranges', () => {
    expect(validate({ ...good, lat: '90' }, ctx).errors.lat).toBeUndefined();
    expect(validate({ ...good, lat: '-90.0001' }, ctx).errors.lat).toEqual({ code: 'out_of_range', vars: { min: -90, max: 90 } });
    expect(validate({ ...good, lon: '180.5' }, ctx).errors.lon).toEqual({ code: 'out_of_range', vars: { min: -180, max: 180 } });
    expect(validate({ ...good, lon: '-180' }, ctx).errors.lon).toBeUndefined();
    expect(validate({ ...good, lat: 'north' }, ctx).errors.lat).toEqual({ code: 'not_number' });
    expect(validate({ ...good, lat: '' }, ctx).errors.lat).toEqual({ code: 'required' });
    expect(validate({ ...good, lat: '1e2' }, ctx).errors.lat).toEqual({ code: 'not_number' });
  });

  it('wants non-negative whole counts', () => {
    expect(validate({ ...good, personnel: '-1' }, ctx).errors.personnel).toEqual({ code: 'out_of_range', vars: { min: 0, max: 1000000 } });
    expect(validate({ ...good, personnel: '12.5' }, ctx).errors.personnel).toEqual({ code: 'not_integer' });
    expect(validate({ ...good, equipment: 'ten' }, ctx).errors.equipment).toEqual({ code: 'not_number' });
    expect(validate({ ...good, equipment: '0' }, ctx).errors.equipment).toBeUndefined();
    expect(validate({ ...good, equipment: '1000001' }, ctx).errors.equipment?.code).toBe('out_of_range');
    expect(validate({ ...good, personnel: '' }, ctx).errors.personnel).toEqual({ code: 'required' });
  });

  it('takes state, component and readiness only from their lists', () => {
    expect(validate({ ...good, state: '' }, ctx).errors.state).toEqual({ code: 'required' });
    expect(validate({ ...good, state: 'USA' }, ctx).errors.state).toEqual({ code: 'unknown_choice' });
    expect(validate({ ...good, component: 'navy' }, ctx).errors.component).toEqual({ code: 'unknown_choice' });
    expect(validate({ ...good, readiness: 'soon' }, ctx).errors.readiness).toEqual({ code: 'unknown_choice' });
  });

  it('refuses a state the user may not write (a liaison officer of another state)', () => {
    const lo = { ...ctx, allowedStates: ['ARM'] };
    expect(validate(good, lo).errors.state).toEqual({ code: 'not_permitted' });
    expect(validate({ ...good, state: 'ARM' }, lo).errors.state).toBeUndefined();
  });

  it('needs listed states for the `states` label, and drops them otherwise', () => {
    expect(validate({ ...good, relLabel: 'states', relStates: [] }, ctx).errors.releasability).toEqual({ code: 'states_required' });
    const ok = validate({ ...good, relLabel: 'states', relStates: ['RUS', 'ARM', 'RUS'] }, ctx);
    expect(ok.input?.releasability).toEqual({ label: 'states', states: ['ARM', 'RUS'] });
    const national = validate({ ...good, relLabel: 'national', relStates: ['RUS'] }, ctx);
    expect(national.input?.releasability).toEqual({ label: 'national', states: [] });
    expect(validate({ ...good, relLabel: 'secret' as never }, ctx).errors.releasability).toEqual({ code: 'unknown_choice' });
  });

  it('limits notes to 4000 characters, newlines allowed', () => {
    expect(validate({ ...good, notes: 'a\nb\tc' }, ctx).errors.notes).toBeUndefined();
    expect(validate({ ...good, notes: 'n'.repeat(4001) }, ctx).errors.notes?.code).toBe('too_long');
  });

  it('round-trips a record through the form', () => {
    const rec: ContingentIn = {
      state: 'ARM', component: 'rescue', name: 'Rescue team', home_station: { name: 'Gyumri', lat: 40.7894, lon: 43.8475 },
      personnel: 40, equipment: 9, readiness: 'rapid', notes: 'n', releasability: { label: 'states', states: ['RUS'] },
    };
    expect(validate(toFormValues(rec), ctx).input).toEqual(rec);
  });
});

describe('parsing as typed', () => {
  it('reads decimals with comma or point', () => {
    expect(parseDecimal('40,5')).toBe(40.5);
    expect(parseDecimal(' -12.25 ')).toBe(-12.25);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('1,2,3')).toBeNull();
    expect(parseDecimal('')).toBeNull();
  });
  it('reads counts with thousands separators', () => {
    expect(parseCount('1 200')).toBe(1200);
    expect(parseCount('1\u00a0200')).toBe(1200);
    expect(parseCount('-3')).toBeNull();
  });
});

describe('server errors to fields', () => {
  it('maps the server field names onto the form', () => {
    expect(formFieldOf('name')).toBe('name');
    expect(formFieldOf('home_station.name')).toBe('station');
    expect(formFieldOf('home_station.lat')).toBe('lat');
    expect(formFieldOf('home_station.lon')).toBe('lon');
    expect(formFieldOf('releasability')).toBe('releasability');
    expect(formFieldOf('If-Match')).toBeNull();
    expect(formFieldOf(undefined)).toBeNull();
  });
});
