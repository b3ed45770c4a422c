// What the current user may do with a crisis record, mirroring the workflows of
// crates/crc-domain/src/crisis/*.rs (which command each status accepts) and
// crates/crc-domain/src/crisis/access.rs (who may give it). The server decides; the console
// offers only what it would accept, so nobody meets a refusal they could have been spared.

import type { CrisisKind, CrisisRecord } from '../api/crisisTypes';
import type { Role, User } from '../api/types';

type Who = Pick<User, 'role' | 'state'>;

const JOINT_STAFF: Role[] = ['administrator', 'duty_officer', 'planner'];
export const isJointStaff = (u: Who | null): boolean => !!u && JOINT_STAFF.includes(u.role);
const ownState = (u: Who, state: string | null | undefined) =>
  u.role === 'liaison_officer' && u.state !== null && !!state && u.state === state;

/** Which commands each status of each workflow accepts (the `step` functions' table). */
export const TRANSITIONS: Record<CrisisKind, Record<string, string[]>> = {
  request: {
    received: ['consider', 'withdraw'],
    under_consideration: ['decide', 'withdraw'],
    decided: ['close'],
    closed: [],
  },
  session: { scheduled: ['amend', 'open', 'cancel'], open: ['amend', 'close'], closed: [], cancelled: [] },
  decision: {
    drafting: ['revise', 'comment', 'table', 'withdraw'],
    tabled: ['comment', 'record_position', 'conclude', 'withdraw'],
    adopted: [],
    not_adopted: [],
    withdrawn: [],
  },
  operation: {
    established: ['amend', 'begin_deployment', 'extend', 'terminate'],
    deploying: ['amend', 'begin_execution', 'extend', 'begin_withdrawal'],
    conducting: ['amend', 'extend', 'begin_withdrawal'],
    withdrawing: ['amend', 'terminate'],
    terminated: [],
  },
  force: {
    requested: ['offer', 'withdraw'],
    offered: ['accept', 'decline', 'withdraw'],
    assigned: ['standby', 'mobilize', 'stand_down'],
    standby: ['mobilize', 'stand_down'],
    mobilized: ['deploy', 'stand_down'],
    deploying: ['arrive'],
    in_action: ['redeploy'],
    redeploying: ['stand_down'],
    declined: [],
    withdrawn: [],
    stood_down: [],
  },
  task: {
    assigned: ['report', 'complete', 'reschedule', 'cancel'],
    in_progress: ['report', 'complete', 'reschedule', 'cancel'],
    done: [],
    cancelled: [],
  },
  logistics: { requested: ['approve', 'refuse'], approved: ['fulfil'], fulfilled: [], refused: [] },
  mode: {},
  shift: { planned: ['take_over'], on_duty: ['hand_over'], handed_over: [] },
  group: { forming: ['amend', 'deploy', 'withdraw'], deployed: ['amend', 'withdraw'], withdrawn: [] },
};

/** The kinds whose spec may be amended (session, operation, group: `amend` with a new spec). */
export const AMENDABLE: CrisisKind[] = ['session', 'operation', 'group'];

/** Whether the user may amend the record now (the Joint Staff, in the statuses that allow it). */
export function canAmend(who: Who | null, r: Pick<CrisisRecord, 'kind' | 'status' | 'owner_state' | 'state' | 'spec'>): boolean {
  return AMENDABLE.includes(r.kind) && allowedCommands(who, r).includes('amend');
}

/**
 * The spec fields an amendment may not change (the server refuses them): a session's body;
 * an operation's host state, kind and last day (the term changes by `extend`).
 */
export const FIXED_ON_AMEND: Partial<Record<CrisisKind, string[]>> = {
  session: ['body'],
  operation: ['host_state', 'kind', 'ends_on'],
};

/** The force commands a state gives for its own contingent (access.rs: `national`). */
const NATIONAL_FORCE = ['offer', 'withdraw', 'standby', 'mobilize', 'deploy', 'arrive', 'redeploy', 'stand_down'];

/** Facts of other records some steps depend on, where the page knows them. */
export interface ActionContext {
  /** The parent's status (a decision's session, a force's operation). */
  parentStatus?: string;
  /** An operation: its contingents not yet stood down, declined or withdrawn. */
  forcesInField?: number;
  /** A force: personnel already accepted into its operation, and the ceiling. */
  committedPersonnel?: number;
  ceilingPersonnel?: number;
}

/** Whether `who` may give `command` to the record, as far as its role and state go. */
function permitted(who: Who, r: Pick<CrisisRecord, 'kind' | 'owner_state'>, command: string): boolean {
  if (isJointStaff(who)) return true;
  if (who.role !== 'liaison_officer' || who.state === null) return false;
  switch (r.kind) {
    case 'request':
      return command === 'withdraw' && ownState(who, r.owner_state);
    case 'decision':
      // Comments and positions are for the officer's own delegation (checked per state).
      return command === 'comment' || command === 'record_position';
    case 'force':
      return NATIONAL_FORCE.includes(command) && ownState(who, r.owner_state);
    case 'task':
      return (command === 'report' || command === 'complete') && ownState(who, r.owner_state);
    default:
      return false;
  }
}

/** Whether the workflow accepts the command now, given what the page knows of other records. */
function acceptedNow(r: Pick<CrisisRecord, 'kind' | 'state' | 'spec'>, command: string, ctx: ActionContext): boolean {
  const parent = ctx.parentStatus;
  if (r.kind === 'decision') {
    const st = r.state as { participants?: string[]; positions?: Record<string, string> };
    if (command === 'table') return parent === undefined || parent === 'scheduled' || parent === 'open';
    if (command === 'conclude') {
      const all = (st.participants ?? []).every((s) => st.positions?.[s] !== undefined);
      return all && (parent === undefined || parent === 'open');
    }
  }
  if (r.kind === 'operation' && command === 'terminate') return (ctx.forcesInField ?? 0) === 0;
  if (r.kind === 'force' && command === 'accept') {
    if (parent !== undefined && !['established', 'deploying', 'conducting'].includes(parent)) return false;
    const personnel = Number((r.spec as { personnel?: number }).personnel ?? 0);
    if (ctx.ceilingPersonnel !== undefined && (ctx.committedPersonnel ?? 0) + personnel > ctx.ceilingPersonnel) {
      return false;
    }
  }
  return true;
}

/** The commands the user may give to this record now, in the workflow's order. */
export function allowedCommands(
  who: Who | null,
  r: Pick<CrisisRecord, 'kind' | 'status' | 'owner_state' | 'state' | 'spec'>,
  ctx: ActionContext = {},
): string[] {
  if (!who) return [];
  const table = TRANSITIONS[r.kind]?.[r.status] ?? [];
  return table.filter((c) => permitted(who, r, c) && acceptedNow(r, c, ctx));
}

/** The delegations whose position (or comment) the user may record on a decision. */
export function delegationsFor(who: Who | null, states: readonly string[]): string[] {
  if (!who) return [];
  if (isJointStaff(who)) return [...states];
  if (who.role === 'liaison_officer' && who.state !== null) return states.filter((s) => s === who.state);
  return [];
}

/** Whether the user may create records of this kind at all (access.rs: `creatable`). */
export function canCreateKind(who: Who | null, kind: CrisisKind): boolean {
  if (!who) return false;
  if (isJointStaff(who)) return true;
  return who.role === 'liaison_officer' && who.state !== null && ['request', 'force', 'logistics'].includes(kind);
}

/** The states the user may create a record for (a request, an offer, a logistics request). */
export function statesFor(who: Who | null, all: readonly string[]): string[] {
  return delegationsFor(who, all);
}

/** Whether the user may ask a state for a contingent (only the Joint Staff requests; states offer). */
export const canRequestForce = (who: Who | null) => isJointStaff(who);

/** The children the user may create under a record in its present status. */
export function creatableChildren(who: Who | null, r: Pick<CrisisRecord, 'kind' | 'status'>): CrisisKind[] {
  if (!who) return [];
  const want: CrisisKind[] = (() => {
    switch (r.kind) {
      case 'request':
        return r.status === 'closed' ? [] : ['session', 'mode'];
      case 'session':
        return r.status === 'scheduled' || r.status === 'open' ? ['decision'] : [];
      case 'decision':
        return r.status === 'adopted' ? ['operation', 'task'] : [];
      case 'operation':
        return r.status === 'withdrawing' || r.status === 'terminated' ? [] : ['force', 'logistics', 'group'];
      default:
        return [];
    }
  })();
  return want.filter((k) => canCreateKind(who, k));
}

/** The kinds of record a child of `kind` may be (route `crisis/new/:kind?parent=`). */
export const PARENT_KIND: Partial<Record<CrisisKind, CrisisKind>> = {
  session: 'request',
  mode: 'request',
  decision: 'session',
  operation: 'decision',
  task: 'decision',
  force: 'operation',
  logistics: 'operation',
  group: 'operation',
};
