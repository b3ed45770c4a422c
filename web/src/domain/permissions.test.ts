import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types';
import {
  canCreate,
  canCreateFor,
  canDelete,
  canEdit,
  canMove,
  canViewAudit,
  writableStates,
} from './permissions';

const ALL = ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK'];
const u = (role: Role, state: string | null = null) => ({ role, state });
const kaz = { state: 'KAZ' };
const arm = { state: 'ARM' };

describe('permissions', () => {
  it('administrator may do everything', () => {
    const a = u('administrator');
    expect(canCreate(a)).toBe(true);
    expect(canCreateFor(a, 'ARM')).toBe(true);
    expect(canEdit(a, kaz)).toBe(true);
    expect(canDelete(a, kaz)).toBe(true);
    expect(canMove(a, 'KAZ', 'ARM')).toBe(true);
    expect(canViewAudit(a)).toBe(true);
    expect(writableStates(a, ALL)).toEqual(ALL);
  });

  it('duty officer creates and updates any contingent but does not delete', () => {
    const d = u('duty_officer');
    expect(canCreate(d)).toBe(true);
    expect(canCreateFor(d, 'TJK')).toBe(true);
    expect(canEdit(d, arm)).toBe(true);
    expect(canMove(d, 'ARM', 'RUS')).toBe(true);
    expect(canDelete(d, arm)).toBe(false);
    expect(canViewAudit(d)).toBe(false);
  });

  it('planner creates, updates and deletes any contingent', () => {
    const p = u('planner');
    expect(canCreate(p)).toBe(true);
    expect(canEdit(p, arm)).toBe(true);
    expect(canDelete(p, arm)).toBe(true);
    expect(canViewAudit(p)).toBe(false);
  });

  it('liaison officer touches only their own state', () => {
    const lo = u('liaison_officer', 'KAZ');
    expect(canCreate(lo)).toBe(true);
    expect(canCreateFor(lo, 'KAZ')).toBe(true);
    expect(canCreateFor(lo, 'ARM')).toBe(false);
    expect(canEdit(lo, kaz)).toBe(true);
    expect(canEdit(lo, arm)).toBe(false);
    expect(canDelete(lo, kaz)).toBe(true);
    expect(canDelete(lo, arm)).toBe(false);
    expect(canMove(lo, 'KAZ', 'ARM')).toBe(false);
    expect(canMove(lo, 'ARM', 'KAZ')).toBe(false);
    expect(writableStates(lo, ALL)).toEqual(['KAZ']);
    expect(canViewAudit(lo)).toBe(false);
  });

  it('liaison officer without a state may do nothing', () => {
    const lo = u('liaison_officer', null);
    expect(canCreate(lo)).toBe(false);
    expect(canEdit(lo, kaz)).toBe(false);
    expect(canDelete(lo, kaz)).toBe(false);
    expect(writableStates(lo, ALL)).toEqual([]);
  });

  it('observer only reads, even with a state', () => {
    for (const o of [u('observer'), u('observer', 'KAZ')]) {
      expect(canCreate(o)).toBe(false);
      expect(canCreateFor(o, 'KAZ')).toBe(false);
      expect(canEdit(o, kaz)).toBe(false);
      expect(canDelete(o, kaz)).toBe(false);
      expect(canViewAudit(o)).toBe(false);
      expect(writableStates(o, ALL)).toEqual([]);
    }
  });

  it('nobody logged in may do nothing', () => {
    expect(canCreate(null)).toBe(false);
    expect(canEdit(null, kaz)).toBe(false);
    expect(canDelete(null, kaz)).toBe(false);
    expect(canViewAudit(null)).toBe(false);
  });
});
