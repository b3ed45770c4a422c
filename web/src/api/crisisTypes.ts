// Wire types of the crisis chain (/api/v1/crisis). The envelope is typed in
// crates/crc-server/src/crisis_wire.rs; each kind's `spec`, `state` and commands are the
// domain's own JSON (crates/crc-domain/src/crisis/*.rs), mirrored here by hand.

import type { Releasability } from './types';

export type CrisisKind =
  | 'request'
  | 'session'
  | 'decision'
  | 'operation'
  | 'force'
  | 'task'
  | 'logistics'
  | 'mode'
  | 'shift'
  | 'group';

export const CRISIS_KINDS: CrisisKind[] = [
  'request',
  'session',
  'decision',
  'operation',
  'force',
  'task',
  'logistics',
  'mode',
  'shift',
  'group',
];

/** The path segment of a kind (`/crisis/requests`). */
export const KIND_PATH: Record<CrisisKind, string> = {
  request: 'requests',
  session: 'sessions',
  decision: 'decisions',
  operation: 'operations',
  force: 'forces',
  task: 'tasks',
  logistics: 'logistics',
  mode: 'modes',
  shift: 'shifts',
  group: 'groups',
};

export function isCrisisKind(s: string): s is CrisisKind {
  return (CRISIS_KINDS as string[]).includes(s);
}

export interface LatLon {
  lat: number;
  lon: number;
}
export interface Note {
  at: string;
  by: string;
  text: string;
}
export interface Person {
  name: string;
  post: string;
  state?: string;
}
export interface Place {
  name: string;
  position: LatLon;
}

export type AskKind = 'forces' | 'equipment' | 'humanitarian';
export interface RequestSpec {
  requesting_state: string;
  from: string;
  addressed_to?: string;
  received_at: string;
  asks: { kind: AskKind; details: string }[];
  summary: string;
  attachments: { title: string; reference: string }[];
}
export interface RequestState {
  status: string;
  outcome: 'granted' | 'partly_granted' | 'refused' | null;
  notes: Note[];
}

export interface SessionSpec {
  body: string;
  kind: 'regular' | 'extraordinary';
  format: 'in_person' | 'videoconference';
  link?: string;
  place: string;
  scheduled_at: string;
  agenda: string[];
  participants: string[];
}
export interface SessionState {
  status: string;
  number: number;
  minutes: string | null;
  cancelled_because: string | null;
}

export type Position = 'agrees' | 'objects' | 'abstains';
export const POSITIONS: Position[] = ['agrees', 'objects', 'abstains'];
export interface DecisionSpec {
  title: string;
  prepared_by: 'joint_staff' | 'secretariat';
  rule: 'no_objection' | 'unanimity';
  text: string;
}
export interface DecisionState {
  status: string;
  versions: { number: number; at: string; by: string; text: string }[];
  comments: { state: string; version: number; at: string; by: string; text: string }[];
  participants: string[];
  positions: Record<string, Position>;
  number: number | null;
  adopted_on: string | null;
}

export type OperationKind =
  | 'peacekeeping'
  | 'humanitarian'
  | 'counter_terrorist'
  | 'emergency_relief'
  | 'stabilization'
  | 'other';
export const OPERATION_KINDS: OperationKind[] = [
  'peacekeeping',
  'humanitarian',
  'counter_terrorist',
  'emergency_relief',
  'stabilization',
  'other',
];
export interface Facility extends Place {
  kind: string;
}
export interface OperationSpec {
  name: string;
  kind: OperationKind;
  host_state: string;
  area: LatLon[];
  mandate: string;
  facilities: Facility[];
  ceiling: { personnel: number; equipment: number };
  starts_on: string;
  ends_on: string;
}
export interface OperationState {
  status: string;
  extensions: { from: string; until: string; basis: string }[];
}

export interface ForceSpec {
  contingent_id: number;
  state?: string | null;
  component?: string;
  name?: string;
  personnel?: number;
  equipment?: number;
  initial: 'requested' | 'offered';
}
export const FORCE_IN_FORCE = ['assigned', 'standby', 'mobilized', 'deploying', 'in_action', 'redeploying'];

export interface TaskSpec {
  title: string;
  details: string;
  responsible: { body: string } | { state: string };
  deadline: string;
}
export interface TaskState {
  status: string;
  reports: Note[];
  done_at: string | null;
}

export type SupportKind = 'material_technical' | 'replenishment' | 'fuel' | 'food' | 'medical' | 'transport' | 'other';
export const SUPPORT_KINDS: SupportKind[] = [
  'material_technical',
  'replenishment',
  'fuel',
  'food',
  'medical',
  'transport',
  'other',
];
export interface LogisticsSpec {
  state: string;
  contingent_id?: number | null;
  kind: SupportKind;
  items: string;
  needed_by?: string | null;
}

export type OperatingMode = 'routine' | 'enhanced' | 'round_the_clock';
export const OPERATING_MODES: OperatingMode[] = ['routine', 'enhanced', 'round_the_clock'];
export interface ModeSpec {
  mode: OperatingMode;
  reason: string;
}
export interface ShiftSpec {
  starts_at: string;
  ends_at: string;
  officers: Person[];
}
export interface ShiftState {
  status: string;
  handover: Note | null;
  took_over_at: string | null;
}
export interface GroupSpec {
  name: string;
  head: Person;
  members: Person[];
  location: Place;
}

/** A crisis record (CrisisOut). `spec` and `state` depend on `kind`. */
export interface CrisisRecord {
  id: number;
  kind: CrisisKind;
  parent_id: number | null;
  crisis_id: number | null;
  owner_state: string | null;
  status: string;
  title: string;
  exercise: string | null;
  marking: 'EXERCISE' | null;
  releasability: Releasability;
  number: number | null;
  main_at: string | null;
  due_at: string | null;
  overdue: boolean;
  // The spec and state of the record's kind; read through the kind's interface above.
  spec: Record<string, unknown>;
  state: Record<string, unknown>;
  demo: boolean;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface CrisisIn {
  parent?: number;
  exercise?: string;
  releasability?: Releasability;
  spec: unknown;
}

export interface CrisisPage {
  items: CrisisRecord[];
  total: number;
  limit: number;
  offset: number;
}

export interface Board {
  now: string;
  exercise: string;
  counts: { kind: string; status: string; count: number }[];
  requests: CrisisRecord[];
  sessions: CrisisRecord[];
  decisions: CrisisRecord[];
  operations: CrisisRecord[];
  overdue_tasks: CrisisRecord[];
  open_tasks: CrisisRecord[];
  mode: CrisisRecord | null;
  shift: CrisisRecord | null;
}

export interface JournalEntry {
  id: number;
  record_id: number;
  crisis_id: number | null;
  kind: CrisisKind;
  at: string;
  actor: string;
  action: string;
  from_status: string | null;
  to_status: string;
  title: string;
  detail: unknown;
  exercise: string | null;
  marking: 'EXERCISE' | null;
  audit_seq: number;
}

export interface Composition {
  operation: CrisisRecord;
  ceiling_personnel: number;
  ceiling_equipment: number;
  personnel: number;
  equipment: number;
  rows: { state: string; component: string; contingents: number; personnel: number; equipment: number }[];
  forces: CrisisRecord[];
}

export interface ControlReport {
  decision: CrisisRecord;
  now: string;
  tasks: CrisisRecord[];
  done: number;
  open: number;
  overdue: number;
  cancelled: number;
}

/** A command: `{command: 'decide', outcome: 'granted', note: ''}`. */
export type CrisisCommand = { command: string } & Record<string, unknown>;
