import { describe, expect, it } from 'vitest';
import type { CrisisRecord } from '../api/crisisTypes';
import {
  allowedCommands,
  canAmend,
  canCreateKind,
  creatableChildren,
  delegationsFor,
  TRANSITIONS,
} from './crisisActions';

const duty = { role: 'duty_officer' as const, state: null };
const loKaz = { role: 'liaison_officer' as const, state: 'KAZ' };
const loArm = { role: 'liaison_officer' as const, state: 'ARM' };
const observer = { role: 'observer' as const, state: null };

function rec(kind: CrisisRecord['kind'], status: string, extra: Partial<CrisisRecord> = {}) {
  return { kind, status, owner_state: null, state: {}, spec: {}, ...extra } as CrisisRecord;
}

describe('allowed crisis actions', () => {
  it('follow the request workflow for the Joint Staff', () => {
    expect(allowedCommands(duty, rec('request', 'received'))).toEqual(['consider', 'withdraw']);
    expect(allowedCommands(duty, rec('request', 'under_consideration'))).toEqual(['decide', 'withdraw']);
    expect(allowedCommands(duty, rec('request', 'decided'))).toEqual(['close']);
    expect(allowedCommands(duty, rec('request', 'closed'))).toEqual([]);
  });

  it('let a liaison officer withdraw only their own state’s request', () => {
    expect(allowedCommands(loKaz, rec('request', 'received', { owner_state: 'KAZ' }))).toEqual(['withdraw']);
    expect(allowedCommands(loArm, rec('request', 'received', { owner_state: 'KAZ' }))).toEqual([]);
  });

  it('give observers nothing', () => {
    for (const [kind, statuses] of Object.entries(TRANSITIONS)) {
      for (const status of Object.keys(statuses)) {
        expect(allowedCommands(observer, rec(kind as CrisisRecord['kind'], status))).toEqual([]);
      }
    }
    expect(canCreateKind(observer, 'request')).toBe(false);
  });

  it('let a state move its own contingent but not accept it', () => {
    const force = rec('force', 'offered', { owner_state: 'KAZ' });
    expect(allowedCommands(loKaz, force)).toEqual(['withdraw']);
    expect(allowedCommands(duty, force)).toEqual(['accept', 'decline', 'withdraw']);
    expect(allowedCommands(loArm, force)).toEqual([]);
    expect(allowedCommands(loKaz, rec('force', 'mobilized', { owner_state: 'KAZ' }))).toEqual(['deploy', 'stand_down']);
  });

  it('refuse accepting above the ceiling or into an operation that is withdrawing', () => {
    const force = rec('force', 'offered', { spec: { personnel: 300 } });
    expect(allowedCommands(duty, force, { ceilingPersonnel: 1000, committedPersonnel: 800 })).not.toContain('accept');
    expect(allowedCommands(duty, force, { ceilingPersonnel: 1000, committedPersonnel: 700 })).toContain('accept');
    expect(allowedCommands(duty, force, { parentStatus: 'withdrawing' })).not.toContain('accept');
  });

  it('conclude a decision only in an open session with every position recorded', () => {
    const tabled = (positions: Record<string, string>) =>
      rec('decision', 'tabled', { state: { participants: ['ARM', 'KAZ'], positions } });
    expect(allowedCommands(duty, tabled({ ARM: 'agrees' }), { parentStatus: 'open' })).not.toContain('conclude');
    expect(allowedCommands(duty, tabled({ ARM: 'agrees', KAZ: 'abstains' }), { parentStatus: 'open' })).toContain(
      'conclude',
    );
    expect(allowedCommands(duty, tabled({ ARM: 'agrees', KAZ: 'agrees' }), { parentStatus: 'scheduled' })).not.toContain(
      'conclude',
    );
    expect(allowedCommands(duty, rec('decision', 'drafting'), { parentStatus: 'closed' })).not.toContain('table');
  });

  it('let a liaison officer record only their own delegation’s position', () => {
    expect(delegationsFor(loKaz, ['ARM', 'KAZ', 'RUS'])).toEqual(['KAZ']);
    expect(delegationsFor(duty, ['ARM', 'KAZ'])).toEqual(['ARM', 'KAZ']);
    expect(delegationsFor(observer, ['ARM'])).toEqual([]);
  });

  it('terminate an operation only once no contingent is in the field', () => {
    expect(allowedCommands(duty, rec('operation', 'withdrawing'), { forcesInField: 2 })).toEqual(['amend']);
    expect(allowedCommands(duty, rec('operation', 'withdrawing'), { forcesInField: 0 })).toEqual(['amend', 'terminate']);
  });

  it('let a state report on its own tasks only', () => {
    const task = rec('task', 'assigned', { owner_state: 'KAZ' });
    expect(allowedCommands(loKaz, task)).toEqual(['report', 'complete']);
    expect(allowedCommands(loArm, task)).toEqual([]);
  });

  it('offer the children a record may have now', () => {
    expect(creatableChildren(duty, rec('decision', 'adopted'))).toEqual(['operation', 'task']);
    expect(creatableChildren(duty, rec('decision', 'tabled'))).toEqual([]);
    expect(creatableChildren(loKaz, rec('operation', 'established'))).toEqual(['force', 'logistics']);
    expect(creatableChildren(loKaz, rec('request', 'received'))).toEqual([]);
    expect(creatableChildren(duty, rec('operation', 'terminated'))).toEqual([]);
  });

  it('let the Joint Staff amend sessions, operations and groups while they are open to change', () => {
    const planner = { role: 'planner' as const, state: null };
    const admin = { role: 'administrator' as const, state: null };
    const amendable: [CrisisRecord['kind'], string][] = [
      ['session', 'scheduled'],
      ['session', 'open'],
      ['operation', 'established'],
      ['operation', 'deploying'],
      ['operation', 'conducting'],
      ['operation', 'withdrawing'],
      ['group', 'forming'],
      ['group', 'deployed'],
    ];
    for (const [kind, status] of amendable) {
      for (const who of [duty, planner, admin]) expect(canAmend(who, rec(kind, status)), `${who.role} ${kind} ${status}`).toBe(true);
      for (const who of [loKaz, observer, null]) {
        expect(canAmend(who, rec(kind, status, { owner_state: 'KAZ' })), `${who?.role} ${kind} ${status}`).toBe(false);
      }
    }
    const fixed: [CrisisRecord['kind'], string][] = [
      ['session', 'closed'],
      ['session', 'cancelled'],
      ['operation', 'terminated'],
      ['group', 'withdrawn'],
    ];
    for (const [kind, status] of fixed) expect(canAmend(duty, rec(kind, status)), `${kind} ${status}`).toBe(false);
    // Other kinds change by their own steps (a decision by a new version, a task's deadline by rescheduling).
    for (const kind of ['request', 'decision', 'task', 'force', 'logistics', 'shift'] as const) {
      for (const status of Object.keys(TRANSITIONS[kind])) expect(canAmend(duty, rec(kind, status))).toBe(false);
    }
  });

  it('keep amend among the steps of a session in the order of the workflow', () => {
    expect(allowedCommands(duty, rec('session', 'scheduled'))).toEqual(['amend', 'open', 'cancel']);
    expect(allowedCommands(duty, rec('session', 'open'))).toEqual(['amend', 'close']);
    expect(allowedCommands(loKaz, rec('group', 'forming', { owner_state: 'KAZ' }))).toEqual([]);
  });
});
