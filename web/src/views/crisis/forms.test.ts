import { describe, expect, it } from 'vitest';
import type { GroupSpec } from '../../api/crisisTypes';
import { amendField, buildSpec, ceilingError, formField, keepPersonStates, parseArea, parseLatLon, specToValues, toInstant } from './forms';

const utc = { utc: true };

describe('crisis forms', () => {
  it('build a request with its asks and attachments', () => {
    const b = buildSpec(
      'request',
      {
        requesting_state: 'KAZ',
        from: 'President of Kazakhstan',
        received_at: '2025-03-01T08:30',
        asks: ['forces', 'humanitarian'],
        ask_forces: 'Two battalions',
        ask_humanitarian: '',
        summary: 'Unrest in the south',
        attachments: 'Letter | No. 12/345\n\nMap',
      },
      utc,
    );
    expect(b.errors).toBeUndefined();
    expect(b.spec).toMatchObject({
      received_at: '2025-03-01T08:30:00.000Z',
      asks: [
        { kind: 'forces', details: 'Two battalions' },
        { kind: 'humanitarian', details: '' },
      ],
      attachments: [
        { title: 'Letter', reference: 'No. 12/345' },
        { title: 'Map', reference: '' },
      ],
    });
  });

  it('name every missing field of a request by the server’s field name', () => {
    const b = buildSpec('request', { asks: [] }, utc);
    expect(Object.keys(b.errors!).sort()).toEqual([
      'spec.asks',
      'spec.from',
      'spec.received_at',
      'spec.requesting_state',
      'spec.summary',
    ]);
  });

  it('want a link for a videoconference', () => {
    const base = { body: 'collective_security_council', scheduled_at: '2025-03-02T10:00', agenda: 'Request', participants: ['KAZ'] };
    expect(buildSpec('session', { ...base, format: 'videoconference' }, utc).errors).toEqual({
      'spec.link': { code: 'required' },
    });
    expect(buildSpec('session', { ...base, format: 'videoconference', link: 'ftp://x' }, utc).errors).toEqual({
      'spec.link': { code: 'bad_link' },
    });
    expect(buildSpec('session', { ...base, format: 'videoconference', link: 'https://vc.example/1' }, utc).spec).toMatchObject({
      kind: 'extraordinary',
      agenda: ['Request'],
    });
  });

  it('read an operation’s area and facilities as typed', () => {
    const v = {
      name: 'Op',
      kind: 'peacekeeping',
      host_state: 'KAZ',
      area: '43.1, 76.8\n43.4 77.2\n42.9, 77.3',
      mandate: 'Protect',
      facilities: 'Airport | 43.35, 77.04 | airport',
      ceiling_personnel: '2 500',
      ceiling_equipment: '300',
      starts_on: '2025-03-05',
      ends_on: '2025-04-05',
    };
    const b = buildSpec('operation', v, utc);
    expect(b.errors).toBeUndefined();
    expect(b.spec).toMatchObject({
      area: [
        { lat: 43.1, lon: 76.8 },
        { lat: 43.4, lon: 77.2 },
        { lat: 42.9, lon: 77.3 },
      ],
      facilities: [{ name: 'Airport', position: { lat: 43.35, lon: 77.04 }, kind: 'airport' }],
      ceiling: { personnel: 2500, equipment: 300 },
    });
    expect(buildSpec('operation', { ...v, area: '43, 76\n44, 77' }, utc).errors!['spec.area']).toEqual({
      code: 'area_too_small',
    });
    expect(buildSpec('operation', { ...v, ends_on: '2025-03-01' }, utc).errors!['spec.ends_on']).toEqual({
      code: 'ends_before',
    });
    expect(buildSpec('operation', { ...v, ceiling_personnel: '-1' }, utc).errors!['spec.ceiling.personnel']).toEqual({
      code: 'out_of_range',
    });
  });

  it('parse coordinates and refuse those off the globe', () => {
    expect(parseLatLon('40.5, 44.5')).toEqual({ lat: 40.5, lon: 44.5 });
    expect(parseLatLon('95, 10')).toBeNull();
    expect(parseArea('1,2\nx')).toBeNull();
  });

  it('read times in the user’s zone', () => {
    expect(toInstant('2025-03-01T10:00', true)).toBe('2025-03-01T10:00:00.000Z');
    expect(toInstant('', true)).toBeNull();
  });

  it('map a server field to the form’s field', () => {
    expect(formField('spec.asks[0].details')).toBe('spec.asks');
    expect(formField('spec.from')).toBe('spec.from');
  });

  it('set a task for a state or a body', () => {
    const b = buildSpec('task', { title: 'Report', responsible: 'state:KAZ', deadline: '2025-03-01T10:00' }, utc);
    expect(b.spec).toMatchObject({ responsible: { state: 'KAZ' } });
    const c = buildSpec('task', { title: 'Plan', responsible: 'body:joint_staff', deadline: '2025-03-01T10:00' }, utc);
    expect(c.spec).toMatchObject({ responsible: { body: 'joint_staff' } });
  });
});

describe('amending a record with its own form', () => {
  const session = {
    body: 'collective_security_council',
    kind: 'extraordinary',
    format: 'videoconference',
    link: 'https://vc.example/room/1',
    place: '',
    scheduled_at: '2030-01-07T09:00:00Z',
    agenda: ['On the request of Kazakhstan', 'Other business'],
    participants: ['ARM', 'KAZ', 'RUS'],
  };
  const operation = {
    name: 'Steppe Shield',
    kind: 'peacekeeping',
    host_state: 'KAZ',
    area: [
      { lat: 43.123456789, lon: 76.6 },
      { lat: 43.45, lon: 76.7 },
      { lat: 43.4, lon: 77.2 },
    ],
    mandate: 'Protect important facilities.',
    facilities: [
      { name: 'Almaty airport', position: { lat: 43.3521, lon: 77.0405 }, kind: 'airport' },
      { name: 'Power station', position: { lat: 43.2, lon: 76.9 }, kind: '' },
    ],
    ceiling: { personnel: 5000, equipment: 800 },
    starts_on: '2030-01-10',
    ends_on: '2030-02-10',
  };
  const group: GroupSpec = {
    name: 'Operational group',
    head: { name: 'Col. Ivanov', post: 'Head', state: 'RUS' },
    members: [{ name: 'Maj. Petrov', post: '' }, { name: 'Capt. Nurlanov', post: 'Liaison', state: 'KAZ' }],
    location: { name: 'Almaty', position: { lat: 43.25, lon: 76.95 } },
  };

  it('fill the form so that it gives the same spec back', () => {
    for (const [kind, spec] of [['session', session], ['operation', operation], ['group', group]] as const) {
      const b = buildSpec(kind, specToValues(kind, spec as never, utc), utc);
      expect(b.errors, kind).toBeUndefined();
      const back = kind === 'group' ? keepPersonStates(group, b.spec!) : b.spec;
      expect(back, kind).toEqual(kind === 'session' ? { ...spec, scheduled_at: '2030-01-07T09:00:00.000Z' } : spec);
    }
  });

  it('write the fields as the form shows them', () => {
    const v = specToValues('session', session, utc);
    expect(v).toMatchObject({ agenda: 'On the request of Kazakhstan\nOther business', scheduled_at: '2030-01-07T09:00' });
    expect(specToValues('operation', operation, utc).facilities).toBe(
      'Almaty airport | 43.3521, 77.0405 | airport\nPower station | 43.2, 76.9',
    );
    expect(specToValues('group', group, utc)).toMatchObject({ head: 'Col. Ivanov | Head', members: 'Maj. Petrov\nCapt. Nurlanov | Liaison' });
  });

  it('keep a member’s state when the member stays, and not invent one for a newcomer', () => {
    const b = buildSpec('group', { ...specToValues('group', group, utc), members: 'Capt. Nurlanov | Liaison\nLt. Smirnov' }, utc);
    const spec = keepPersonStates(group, b.spec!) as unknown as GroupSpec;
    expect(spec.members).toEqual([{ name: 'Capt. Nurlanov', post: 'Liaison', state: 'KAZ' }, { name: 'Lt. Smirnov', post: '' }]);
    expect(spec.head.state).toBe('RUS');
  });

  it('mark the field the server names in an amendment, malformed or breaking a rule', () => {
    expect(amendField('command.spec.agenda[1]')).toBe('spec.agenda');
    expect(amendField('command.spec.ceiling.personnel')).toBe('spec.ceiling.personnel');
    expect(amendField('spec.link')).toBe('spec.link');
    expect(amendField('command.spec.area[2].lat')).toBe('spec.area');
    expect(amendField('command.spec')).toBe('spec');
    expect(amendField(undefined)).toBeUndefined();
  });

  it('refuse a ceiling below the personnel already accepted', () => {
    expect(ceilingError({ ceiling_personnel: '900' }, 1000)).toEqual({ 'spec.ceiling.personnel': { code: 'below_committed', n: 1000 } });
    expect(ceilingError({ ceiling_personnel: '1 000' }, 1000)).toEqual({});
    expect(ceilingError({ ceiling_personnel: '' }, 1000)).toEqual({});
    expect(ceilingError({ ceiling_personnel: '10' }, 0)).toEqual({});
  });
});
