// Wire types of the deployment planner's service (/api/v1/plans, docs/planner.md "In the
// service"). The plan, scenario and diff are the planner's own JSON
// (crates/crc-planner/src/plan.rs, scenario.rs, whatif.rs), mirrored here by hand; times in
// them are whole minutes after the scenario's C-hour (`epoch`).

export type PlanStatus = 'queued' | 'running' | 'done' | 'infeasible' | 'failed';
export const PLAN_STATUSES: PlanStatus[] = ['queued', 'running', 'done', 'infeasible', 'failed'];
/** Statuses in which the search may still report progress and be stopped. */
export const PLAN_ACTIVE: PlanStatus[] = ['queued', 'running'];

/** One change to a scenario (`whatif::Change`). */
export type Change =
  | { change: 'refuse_transit'; state: string }
  | { change: 'lose_airfield'; airfield: string }
  | { change: 'add_aircraft'; aircraft: string; count: number }
  | { change: 'move_ready'; unit: string; minutes: number };
export type ChangeKind = Change['change'];
export const CHANGE_KINDS: ChangeKind[] = ['refuse_transit', 'lose_airfield', 'add_aircraft', 'move_ready'];

export interface PlanProgress {
  candidates: number;
  effort: number;
  best_closure: number;
  lower_bound: number;
}

/** The event stream's `plan-progress` event. */
export interface PlanProgressEvent extends PlanProgress {
  id: number;
}

export interface Binding {
  /** `route`, `fleet`, `crossing`, `airfield`, `rail`. */
  kind: string;
  id: string;
  text: string;
}

export interface PlanSummary {
  closure: number;
  lower_bound: number;
  gap: number;
  sorties: number;
  weighted_lateness: number;
  binding: Binding;
}

export interface Unreachable {
  unit: string;
  part: string;
  reasons: string[];
}

export interface PlanError {
  message: string;
  unreachable?: Unreachable[];
}

/** A plan record of the service. */
export interface PlanRecord {
  id: number;
  /** Null for a scenario sent whole, planned without an operation. */
  operation_id: number | null;
  parent_id: number | null;
  changes: Change[];
  /** The operation's exercise; such a plan is marked `EXERCISE`. */
  exercise: string | null;
  marking?: 'EXERCISE' | null;
  status: PlanStatus;
  progress: PlanProgress | null;
  summary: PlanSummary | null;
  error: PlanError | null;
  /** The C-hour (RFC 3339), or null when the scenario has none. */
  epoch: string | null;
  created_by: string;
  created_at: string;
  finished_at: string | null;
  version: number;
  seed?: number;
  time_limit_ms?: number;
}

export interface PlanStart {
  seed?: number;
  time_limit_ms?: number;
  changes?: Change[];
}

// --- The plan (plan.rs) ---

export type Mode = 'road' | 'rail' | 'air';
export type LegMode = Mode | 'crossing';
export const LEG_MODES: LegMode[] = ['road', 'rail', 'air', 'crossing'];

export interface Bound {
  kind: string;
  value: number;
  detail: string;
}

export interface UnitClosure {
  unit: string;
  closure: number;
  rdd: number;
  late: number;
}

export interface VehicleCount {
  class: string;
  count: number;
}

export interface Load {
  personnel: number;
  vehicles?: VehicleCount[];
  cargo_t: number;
}

export interface MovementLeg {
  mode: LegMode;
  from: string;
  to: string;
  depart: number;
  arrive: number;
  /** Flight or train; absent on road. */
  by?: string;
  states: string[];
}

export interface Movement {
  id: string;
  unit: string;
  mode: Mode;
  load: Load;
  legs: MovementLeg[];
}

export interface Flight {
  id: string;
  aircraft: string;
  from: string;
  to: string;
  depart: number;
  arrive: number;
  loaded: boolean;
  states: string[];
}

export interface Train {
  id: string;
  from: string;
  to: string;
  depart: number;
  arrive: number;
  wagons: number;
}

export interface Plan {
  scenario: string;
  seed: number;
  closure: number;
  lower_bound: number;
  gap: number;
  bounds: Bound[];
  binding: Binding;
  weighted_lateness: number;
  sorties: number;
  units: UnitClosure[];
  movements: Movement[];
  flights: Flight[];
  trains: Train[];
  search: { candidates: number; elapsed_ms: number; stopped: boolean };
}

// --- The scenario (scenario.rs), the parts the console reads ---

export type NodeKind = 'garrison' | 'railhead' | 'airfield' | 'crossing' | 'staging' | 'destination';
export const NODE_KINDS: NodeKind[] = ['destination', 'garrison', 'airfield', 'railhead', 'crossing', 'staging'];

export interface ScenarioNode {
  id: string;
  name: string;
  kind: NodeKind;
  state: string;
  lat: number;
  lon: number;
  runway_m?: number;
  parking?: number;
  working?: number;
  handling_min?: number;
  throughput_per_hour?: number;
  paths_per_day?: number;
}

export interface ScenarioLeg {
  from: string;
  to: string;
  mode: Mode;
  km: number;
  minutes?: number;
  overflies?: string[];
}

export interface VehicleClass {
  class: string;
  count: number;
  weight_t: number;
  outsize?: boolean;
}

export interface ScenarioUnit {
  id: string;
  name: string;
  state: string;
  origin: string;
  personnel: number;
  vehicles: VehicleClass[];
  cargo_t: number;
  ready: number;
  rdd: number;
  priority: number;
  modes: Mode[];
}

export interface AircraftType {
  id: string;
  state: string;
  payload_t: number;
  seats: number;
  home: string;
  count: number;
  outsize?: boolean;
}

export type Transit =
  | { rule: 'permitted' }
  | { rule: 'refused' }
  | { rule: 'pending'; until: number }
  | { rule: 'non_stop' };

export interface Scenario {
  name: string;
  epoch?: string;
  host: string;
  destination: string;
  nodes: ScenarioNode[];
  legs: ScenarioLeg[];
  units: ScenarioUnit[];
  aircraft: AircraftType[];
  transit: Record<string, Transit>;
}

// --- Comparing two plans (whatif.rs) ---

export interface UnitDiff {
  unit: string;
  before: number | null;
  after: number | null;
  modes_before: Record<string, number>;
  modes_after: Record<string, number>;
}

export interface PlanDiff {
  closure_before: number;
  closure_after: number;
  closure_delta: number;
  /** Before and after. */
  sorties: [number, number];
  weighted_lateness: [number, number];
  units: UnitDiff[];
}
