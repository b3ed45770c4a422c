//! The scenario: what must move, over which network, with which lift, under which transit
//! rules. This is the planner's input format (`docs/planner/scenario.schema.json` is generated
//! from these types); `docs/planner.md` states the rules a plan must obey.
//!
//! Times are whole minutes after the scenario's C-hour (`epoch`), the way movement tables count
//! from C-day. Distances are kilometres, masses tonnes.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Minutes after the scenario's C-hour.
pub type Minute = i64;

/// A whole deployment problem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// A name for people.
    pub name: String,
    /// The C-hour: the moment minute 0 stands for. Plans print calendar times from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epoch: Option<DateTime<Utc>>,
    /// The host state (ISO 3166 alpha-3) the force deploys to.
    pub host: String,
    /// The node of the destination area every unit must reach.
    pub destination: String,
    /// Garrisons, railheads, airfields, border crossings, staging areas and the destination.
    pub nodes: Vec<Node>,
    /// Road, rail and air legs between nodes. Legs may be used in both directions.
    pub legs: Vec<Leg>,
    /// The contingents (units) to move.
    pub units: Vec<Unit>,
    /// Aircraft by type.
    #[serde(default)]
    pub aircraft: Vec<AircraftType>,
    /// Rail rules; without them there is no rail movement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rail: Option<RailRules>,
    /// Transit rules by state (ISO alpha-3). A state not listed is permitted.
    #[serde(default)]
    pub transit: BTreeMap<String, Transit>,
    /// General movement rules.
    #[serde(default)]
    pub rules: Rules,
}

/// What kind of place a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A unit's home station.
    Garrison,
    /// A rail loading station (needs `paths_per_day`).
    Railhead,
    /// An airfield (needs `runway_m`, `parking`, `working`, `handling_min`).
    Airfield,
    /// A border crossing point on a road (needs `throughput_per_hour`).
    Crossing,
    /// A staging area or road junction.
    Staging,
    /// The destination area.
    Destination,
}

/// A place in the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Unique identifier (an ICAO code for airfields).
    pub id: String,
    /// A name for people.
    pub name: String,
    /// What the node is.
    pub kind: NodeKind,
    /// The state it lies in (ISO alpha-3). For a crossing, either side: legs to a crossing
    /// belong to the state of their other end.
    pub state: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Airfield: the longest runway, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runway_m: Option<u32>,
    /// Airfield: aircraft that may stand on the ground at once (aircraft based here excepted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parking: Option<u32>,
    /// Airfield: aircraft that may be loaded or unloaded at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working: Option<u32>,
    /// Airfield: handling minutes added to an aircraft type's ground time for a load or unload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_min: Option<u32>,
    /// Crossing: vehicles per hour that pass; one column passes at a time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput_per_hour: Option<u32>,
    /// Railhead: train departures per day, at evenly spaced path times counted from C-hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paths_per_day: Option<u32>,
}

/// How a leg is travelled.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// On the units' own vehicles (or own transport for people on a short feeder leg).
    Road,
    /// By train.
    Rail,
    /// By aircraft.
    Air,
}

impl Mode {
    /// The word people read.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Road => "road",
            Mode::Rail => "rail",
            Mode::Air => "air",
        }
    }
}

/// A connection between two nodes, usable both ways.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Leg {
    /// One end (node id).
    pub from: String,
    /// The other end (node id).
    pub to: String,
    /// Road, rail or air (an airway between two airfields).
    pub mode: Mode,
    /// Length, km. Road time follows from the unit's march speed, air time from the aircraft's
    /// speed.
    pub km: f64,
    /// Rail only: the train's running time, minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// Air only: states overflown between the two ends (besides the ends' own states).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overflies: Vec<String>,
}

/// A class of a unit's vehicles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VehicleClass {
    /// The class, e.g. "BTR-82A" (unique within the unit).
    pub class: String,
    /// How many.
    pub count: u32,
    /// Mass of one vehicle, tonnes.
    pub weight_t: f64,
    /// Outsize: only aircraft types that take outsize cargo may fly it.
    #[serde(default)]
    pub outsize: bool,
}

/// A contingent to move: a movement requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Unique identifier.
    pub id: String,
    /// A name for people.
    pub name: String,
    /// The sending state (ISO alpha-3).
    pub state: String,
    /// The garrison it starts from (node id).
    pub origin: String,
    /// Personnel.
    pub personnel: u32,
    /// Vehicles by class.
    #[serde(default)]
    pub vehicles: Vec<VehicleClass>,
    /// Bulk cargo, tonnes.
    #[serde(default)]
    pub cargo_t: f64,
    /// Ready to move from this minute.
    pub ready: Minute,
    /// Required delivery date (minute): arrival later than this is lateness.
    pub rdd: Minute,
    /// Weight of this unit's lateness (1 = routine … 10 = most urgent).
    pub priority: u32,
    /// Modes this unit may use for its main movement.
    pub modes: Vec<Mode>,
    /// March speed of its columns, km/h.
    pub march_kmh: f64,
    /// Daily march limit, km: a column rests after at most this distance.
    pub march_km_per_day: f64,
    /// People a vehicle of the unit carries on a march.
    pub seats_per_vehicle: u32,
    /// Cargo a vehicle of the unit carries on a march, tonnes.
    pub cargo_t_per_vehicle: f64,
}

impl Unit {
    /// Number of vehicles of all classes.
    pub fn vehicle_count(&self) -> u32 {
        self.vehicles.iter().map(|v| v.count).sum()
    }
}

/// An aircraft type and how many of it are available.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AircraftType {
    /// Unique identifier, e.g. "IL-76MD". Aircraft are named `TYPE#1`, `TYPE#2`, ….
    pub id: String,
    /// The state operating them (its flights need no clearance over itself).
    pub state: String,
    /// Payload, tonnes.
    pub payload_t: f64,
    /// Seats for personnel.
    pub seats: u32,
    /// Cruise speed, km/h (block speed for flight times).
    pub speed_kmh: f64,
    /// Range with payload, km: the longest leg it may fly.
    pub range_km: f64,
    /// Minutes on the ground to load or to unload (plus the airfield's handling time).
    pub ground_min: u32,
    /// Shortest runway it uses, metres.
    pub min_runway_m: u32,
    /// Takes outsize vehicles.
    #[serde(default)]
    pub outsize: bool,
    /// Home airfield (node id): every aircraft starts there and returns there.
    pub home: String,
    /// How many aircraft of the type.
    pub count: u32,
    /// Available from this minute.
    #[serde(default)]
    pub available: Minute,
}

/// Rail movement rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RailRules {
    /// Wagons in one train.
    pub wagons_per_train: u32,
    /// People in one passenger wagon.
    pub personnel_per_wagon: u32,
    /// Bulk cargo in one wagon, tonnes.
    pub cargo_t_per_wagon: f64,
    /// Minutes to load a train at its railhead, before departure.
    pub load_min: u32,
    /// Minutes to unload a train after arrival.
    pub unload_min: u32,
}

/// A state's rule for transit of other states' forces (and their military flights).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum Transit {
    /// Transit permitted.
    Permitted,
    /// Transit refused: no leg may touch or overfly the state.
    Refused,
    /// Permitted from a clearance time: no leg touching the state departs earlier.
    Pending {
        /// The minute clearance is given.
        until: Minute,
    },
    /// Crossing without stopping: no halt at its nodes, no landing or take-off there.
    NonStop,
}

/// General rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Mass of one person with kit on an aircraft, tonnes.
    #[serde(default = "default_pax_t")]
    pub personnel_t: f64,
    /// A halt at least this long is a rest: the column's daily march distance starts again.
    #[serde(default = "default_rest_min")]
    pub rest_min: u32,
    /// Planning horizon: nothing may arrive later (minutes).
    #[serde(default = "default_horizon")]
    pub horizon: Minute,
}

fn default_pax_t() -> f64 {
    0.1
}
fn default_rest_min() -> u32 {
    480
}
fn default_horizon() -> Minute {
    60 * 24 * 60
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            personnel_t: default_pax_t(),
            rest_min: default_rest_min(),
            horizon: default_horizon(),
        }
    }
}

impl Scenario {
    /// The transit rule of a state; states not listed are permitted.
    pub fn transit_of(&self, state: &str) -> &Transit {
        self.transit.get(state).unwrap_or(&Transit::Permitted)
    }
}

/// Driving minutes for `km` at `kmh` (rounded up to the minute). The validator has its own.
pub fn drive_minutes(km: f64, kmh: f64) -> Minute {
    ((km * 60.0 / kmh) - 1e-9).ceil().max(0.0) as Minute
}

/// Minutes for a column of `vehicles` to pass a crossing of `per_hour` throughput.
pub fn passage_minutes(vehicles: u32, per_hour: u32) -> Minute {
    (i64::from(vehicles) * 60 + i64::from(per_hour) - 1) / i64::from(per_hour)
}
