//! Look-ups by id over the scenario and the plan, built once so that every check is a linear
//! pass. Where an id appears twice the first one counts; the duplicate is reported by the rule
//! that owns the table.

use std::collections::HashMap;

use crate::plan::{Flight, LegMode, Movement, Plan, Train};
use crate::scenario::{
    AircraftType, Leg, Minute, Mode, Node, NodeKind, Scenario, Unit, VehicleClass,
};

use super::measure::drive;

/// An aircraft name `TYPE#n` taken apart.
pub(super) struct AircraftName<'a> {
    /// The type, when `TYPE` names one.
    pub(super) kind: Option<&'a AircraftType>,
    /// What is wrong with the name, if anything.
    pub(super) fault: Option<String>,
}

pub(super) struct Index<'a> {
    pub(super) scenario: &'a Scenario,
    pub(super) plan: &'a Plan,
    nodes: HashMap<&'a str, &'a Node>,
    /// Scenario legs by one end, then the other (each leg under both), then mode.
    legs: HashMap<&'a str, HashMap<&'a str, [Vec<&'a Leg>; 3]>>,
    units: HashMap<&'a str, &'a Unit>,
    /// A unit's vehicle classes, by unit then class.
    classes: HashMap<&'a str, HashMap<&'a str, &'a VehicleClass>>,
    types: HashMap<&'a str, &'a AircraftType>,
    flights: HashMap<&'a str, &'a Flight>,
    trains: HashMap<&'a str, &'a Train>,
}

fn slot(mode: Mode) -> usize {
    match mode {
        Mode::Road => 0,
        Mode::Rail => 1,
        Mode::Air => 2,
    }
}

impl<'a> Index<'a> {
    pub(super) fn new(scenario: &'a Scenario, plan: &'a Plan) -> Self {
        let mut nodes = HashMap::new();
        for n in &scenario.nodes {
            nodes.entry(n.id.as_str()).or_insert(n);
        }
        let mut legs: HashMap<&str, HashMap<&str, [Vec<&Leg>; 3]>> = HashMap::new();
        for l in &scenario.legs {
            legs.entry(&l.from).or_default().entry(&l.to).or_default()[slot(l.mode)].push(l);
            if l.from != l.to {
                legs.entry(&l.to).or_default().entry(&l.from).or_default()[slot(l.mode)].push(l);
            }
        }
        let mut units = HashMap::new();
        let mut classes = HashMap::new();
        for u in &scenario.units {
            if let std::collections::hash_map::Entry::Vacant(e) = units.entry(u.id.as_str()) {
                e.insert(u);
                let of_unit: &mut HashMap<&str, &VehicleClass> =
                    classes.entry(u.id.as_str()).or_default();
                for c in &u.vehicles {
                    of_unit.entry(c.class.as_str()).or_insert(c);
                }
            }
        }
        let mut types = HashMap::new();
        for t in &scenario.aircraft {
            types.entry(t.id.as_str()).or_insert(t);
        }
        let mut flights = HashMap::new();
        for f in &plan.flights {
            flights.entry(f.id.as_str()).or_insert(f);
        }
        let mut trains = HashMap::new();
        for t in &plan.trains {
            trains.entry(t.id.as_str()).or_insert(t);
        }
        Index {
            scenario,
            plan,
            nodes,
            legs,
            units,
            classes,
            types,
            flights,
            trains,
        }
    }

    pub(super) fn node(&self, id: &str) -> Option<&'a Node> {
        self.nodes.get(id).copied()
    }

    pub(super) fn is_crossing(&self, id: &str) -> bool {
        self.node(id).is_some_and(|n| n.kind == NodeKind::Crossing)
    }

    /// The state a node stands in for the transit rules: none for a crossing (a halt there is
    /// a halt at the border) or an unknown node.
    pub(super) fn state_of(&self, id: &str) -> Option<&'a str> {
        self.node(id)
            .filter(|n| n.kind != NodeKind::Crossing)
            .map(|n| n.state.as_str())
    }

    /// The scenario's legs of `mode` between two nodes, in either direction.
    pub(super) fn legs_between(&self, mode: Mode, a: &str, b: &str) -> &[&'a Leg] {
        self.legs
            .get(a)
            .and_then(|to| to.get(b))
            .map_or(&[], |by_mode| by_mode[slot(mode)].as_slice())
    }

    /// The scenario leg a movement or flight leg follows: the first that `fits` (when several
    /// join the same nodes), else the first of them.
    pub(super) fn leg_fitting(
        &self,
        mode: Mode,
        a: &str,
        b: &str,
        fits: impl Fn(&Leg) -> bool,
    ) -> Option<&'a Leg> {
        let candidates = self.legs_between(mode, a, b);
        candidates
            .iter()
            .find(|l| fits(l))
            .or(candidates.first())
            .copied()
    }

    /// The road leg a movement's road leg follows, preferring one whose drive time it keeps.
    pub(super) fn road_leg(
        &self,
        from: &str,
        to: &str,
        minutes: Minute,
        kmh: Option<f64>,
    ) -> Option<&'a Leg> {
        self.leg_fitting(Mode::Road, from, to, |l| {
            kmh.is_some_and(|kmh| drive(l.km, kmh) == Some(minutes))
        })
    }

    /// The air leg a flight follows, preferring one whose flying time it keeps.
    pub(super) fn air_leg(
        &self,
        from: &str,
        to: &str,
        minutes: Minute,
        kind: Option<&AircraftType>,
    ) -> Option<&'a Leg> {
        self.leg_fitting(Mode::Air, from, to, |l| {
            kind.is_some_and(|t| drive(l.km, t.speed_kmh) == Some(minutes))
        })
    }

    pub(super) fn unit(&self, id: &str) -> Option<&'a Unit> {
        self.units.get(id).copied()
    }

    pub(super) fn class(&self, unit: &str, class: &str) -> Option<&'a VehicleClass> {
        self.classes.get(unit)?.get(class).copied()
    }

    pub(super) fn flight(&self, id: &str) -> Option<&'a Flight> {
        self.flights.get(id).copied()
    }

    pub(super) fn train(&self, id: &str) -> Option<&'a Train> {
        self.trains.get(id).copied()
    }

    /// Takes `TYPE#n` apart: the type, and whether `1 ≤ n ≤ count` (R9).
    pub(super) fn aircraft(&self, name: &str) -> AircraftName<'a> {
        let Some((kind, number)) = name.rsplit_once('#') else {
            return AircraftName {
                kind: None,
                fault: Some(format!("aircraft {name} is not named TYPE#n")),
            };
        };
        let Some(t) = self.types.get(kind).copied() else {
            return AircraftName {
                kind: None,
                fault: Some(format!("aircraft {name}: no aircraft type {kind}")),
            };
        };
        let n = number
            .parse::<u32>()
            .ok()
            .filter(|n| n.to_string() == number);
        let fault = match n {
            Some(n) if (1..=t.count).contains(&n) => None,
            Some(_) => Some(format!(
                "aircraft {name} does not exist: type {kind} has {} aircraft",
                t.count
            )),
            None => Some(format!("aircraft {name} is not named TYPE#n")),
        };
        AircraftName {
            kind: Some(t),
            fault,
        }
    }

    /// The aircraft type of a flight, when its name gives one.
    pub(super) fn flight_type(&self, f: &Flight) -> Option<&'a AircraftType> {
        self.aircraft(&f.aircraft).kind
    }

    /// `service(type, X) = type.ground_min + X.handling_min`, minutes; an airfield without a
    /// handling time adds none.
    pub(super) fn service(&self, t: &AircraftType, airfield: &str) -> Minute {
        let handling = self
            .node(airfield)
            .and_then(|n| n.handling_min)
            .unwrap_or(0);
        i64::from(t.ground_min) + i64::from(handling)
    }

    /// The states of a leg from the scenario: for road and rail its ends that are not
    /// crossings, for air both ends and what the airway overflies, for a crossing none.
    /// Sorted, without repeats.
    pub(super) fn leg_states(
        &self,
        mode: LegMode,
        from: &str,
        to: &str,
        overflies: &[String],
    ) -> Vec<String> {
        let mut states: Vec<String> = match mode {
            LegMode::Crossing => Vec::new(),
            LegMode::Road | LegMode::Rail => [from, to]
                .iter()
                .filter_map(|n| self.state_of(n))
                .map(str::to_owned)
                .collect(),
            LegMode::Air => [from, to]
                .iter()
                .filter_map(|n| self.state_of(n))
                .map(str::to_owned)
                .chain(overflies.iter().cloned())
                .collect(),
        };
        states.sort();
        states.dedup();
        states
    }

    /// The aircraft type of the flight a movement's air leg names, if any.
    pub(super) fn type_of_flight_named(&self, by: &str) -> Option<&'a AircraftType> {
        self.flight(by).and_then(|f| self.flight_type(f))
    }

    pub(super) fn movements(&self) -> &'a [Movement] {
        &self.plan.movements
    }
}

/// `leg N (A→B)` for messages, counting legs from 1.
pub(super) fn leg_name(i: usize, from: &str, to: &str) -> String {
    format!("leg {} ({from}→{to})", i + 1)
}

/// How long a leg or flight lasts, without overflow on absurd times.
pub(super) fn lasts(depart: Minute, arrive: Minute) -> Minute {
    arrive.saturating_sub(depart)
}
