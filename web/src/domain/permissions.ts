// What the current user may do, mirroring crates/crc-domain/src/policy.rs. The server
// decides; the console asks the same questions first so nobody is offered an action that
// will be refused.

import type { Contingent, Role, User } from '../api/types';

type Who = Pick<User, 'role' | 'state'>;

const WRITERS: Role[] = ['administrator', 'duty_officer', 'planner'];

/** A liaison officer acts only for their own state; without a state they act for none. */
function ownState(u: Who, state: string): boolean {
  return u.role === 'liaison_officer' && u.state !== null && u.state === state;
}

/** Whether the user may create contingents at all (of some state). */
export function canCreate(u: Who | null): boolean {
  if (!u) return false;
  return WRITERS.includes(u.role) || (u.role === 'liaison_officer' && u.state !== null);
}

/** Whether the user may create a contingent of this state. */
export function canCreateFor(u: Who | null, state: string): boolean {
  if (!u) return false;
  return WRITERS.includes(u.role) || ownState(u, state);
}

/** Whether the user may change this contingent (keeping it in its state). */
export function canEdit(u: Who | null, c: Pick<Contingent, 'state'>): boolean {
  return canMove(u, c.state, c.state);
}

/** Whether the user may save a contingent of `from` as a contingent of `to`. */
export function canMove(u: Who | null, from: string, to: string): boolean {
  if (!u) return false;
  return WRITERS.includes(u.role) || (ownState(u, from) && ownState(u, to));
}

export function canDelete(u: Who | null, c: Pick<Contingent, 'state'>): boolean {
  if (!u) return false;
  return u.role === 'administrator' || u.role === 'planner' || ownState(u, c.state);
}

/** The states the user may pick in a contingent form (all for staff, their own for a liaison officer). */
export function writableStates(u: Who | null, all: string[]): string[] {
  if (!u) return [];
  if (WRITERS.includes(u.role)) return all;
  if (u.role === 'liaison_officer' && u.state !== null) return all.filter((s) => s === u.state);
  return [];
}

export function canViewAudit(u: Who | null): boolean {
  return u?.role === 'administrator';
}
