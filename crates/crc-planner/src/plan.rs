//! The plan: the time-phased movement table, the flights and trains that carry it, the closure
//! per unit and of the force, and how close that closure is to the best possible.
//! `docs/planner/plan.schema.json` is generated from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::scenario::{Minute, Mode};

/// A deployment plan for one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The scenario's name.
    pub scenario: String,
    /// The seed the search used.
    pub seed: u64,
    /// When the last unit has fully arrived (minute).
    pub closure: Minute,
    /// The best lower bound on any plan's closure (minute).
    pub lower_bound: Minute,
    /// (closure − bound) / bound, e.g. 0.012 for 1.2 %.
    pub gap: f64,
    /// Every lower bound computed, with what it rests on.
    pub bounds: Vec<Bound>,
    /// What limits the closure, for people.
    pub binding: Binding,
    /// Σ priority × minutes late against the required delivery dates.
    pub weighted_lateness: i64,
    /// Loaded flights.
    pub sorties: u32,
    /// Each unit's arrival.
    pub units: Vec<UnitClosure>,
    /// Every movement of people, vehicles and cargo from garrison to destination.
    pub movements: Vec<Movement>,
    /// Every flight, loaded or empty, aircraft by aircraft.
    pub flights: Vec<Flight>,
    /// Every train.
    pub trains: Vec<Train>,
    /// How the search went.
    pub search: SearchReport,
}

/// One lower bound on the closure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bound {
    /// Which bound: `critical_path` or `fluid` (docs/planner.md, "Lower bounds").
    pub kind: String,
    /// The bound (minute).
    pub value: Minute,
    /// What it rests on, for people ("unit RUS-1 cannot arrive before …").
    pub detail: String,
}

/// What limits the closure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    /// `route` (a unit's own path), `fleet`, `crossing`, `airfield`, `rail`.
    pub kind: String,
    /// The aircraft type, crossing, airfield, railhead or unit named.
    pub id: String,
    /// The sentence people read, e.g. "limited by the fleet of type IL-76MD".
    pub text: String,
}

/// A unit's arrival.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitClosure {
    /// The unit.
    pub unit: String,
    /// When all of it has arrived (minute).
    pub closure: Minute,
    /// Its required delivery date.
    pub rdd: Minute,
    /// Minutes late (0 when on time).
    pub late: Minute,
}

/// What a movement carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Load {
    /// People.
    pub personnel: u32,
    /// Vehicles by class.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vehicles: Vec<VehicleCount>,
    /// Bulk cargo, tonnes.
    #[serde(default)]
    pub cargo_t: f64,
}

/// Some vehicles of one class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VehicleCount {
    /// The unit's vehicle class.
    pub class: String,
    /// How many.
    pub count: u32,
}

impl Load {
    /// Vehicles of all classes.
    pub fn vehicle_count(&self) -> u32 {
        self.vehicles.iter().map(|v| v.count).sum()
    }
}

/// A part of a unit travelling together from its garrison to the destination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Movement {
    /// Unique identifier within the plan.
    pub id: String,
    /// The unit.
    pub unit: String,
    /// The main mode (road, rail or air).
    pub mode: Mode,
    /// What it carries, unchanged from garrison to destination.
    pub load: Load,
    /// The legs in order: the first departs from the unit's garrison, the last arrives at the
    /// destination.
    pub legs: Vec<MovementLeg>,
}

/// How a movement leg is travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LegMode {
    /// Road, on own vehicles.
    Road,
    /// By train (`by` names the train).
    Rail,
    /// By aircraft (`by` names the flight).
    Air,
    /// Passing a border crossing (`from` = `to` = the crossing).
    Crossing,
}

/// One leg of a movement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MovementLeg {
    /// How.
    pub mode: LegMode,
    /// From node.
    pub from: String,
    /// To node.
    pub to: String,
    /// Departure (minute); for a crossing, the start of the passage.
    pub depart: Minute,
    /// Arrival (minute); for a crossing, the end of the passage.
    pub arrive: Minute,
    /// The flight (air) or train (rail) carrying it; empty on road.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// States the leg touches or overflies.
    pub states: Vec<String>,
}

/// One flight of one aircraft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Flight {
    /// Unique identifier within the plan.
    pub id: String,
    /// The aircraft, `TYPE#N`.
    pub aircraft: String,
    /// Departure airfield.
    pub from: String,
    /// Arrival airfield.
    pub to: String,
    /// Take-off (minute).
    pub depart: Minute,
    /// Landing (minute).
    pub arrive: Minute,
    /// Carries a load (movements refer to it); otherwise a positioning or return flight.
    pub loaded: bool,
    /// States touched or overflown.
    pub states: Vec<String>,
}

/// One train.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Train {
    /// Unique identifier within the plan.
    pub id: String,
    /// Loading railhead.
    pub from: String,
    /// Unloading railhead.
    pub to: String,
    /// Departure on one of the loading railhead's paths (minute).
    pub depart: Minute,
    /// Arrival (minute).
    pub arrive: Minute,
    /// Wagons used.
    pub wagons: u32,
}

/// How the search went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchReport {
    /// Candidate plans built.
    pub candidates: u64,
    /// Wall time, milliseconds.
    pub elapsed_ms: u64,
    /// Stopped by the time limit or by the user before the search finished its effort.
    pub stopped: bool,
}
