//! What-if: change a scenario the way planners ask ("what if Uzbekistan refuses transit?",
//! "what if we lose Almaty airfield?", "four more IL-76s?", "the 31st brigade ready a day
//! later?"), re-plan, and compare the two plans.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::ScenarioError;
use crate::plan::Plan;
use crate::scenario::{Minute, Mode, NodeKind, Scenario, Transit};

/// One change to a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "change", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// The state refuses transit (and overflight).
    RefuseTransit {
        /// ISO alpha-3.
        state: String,
    },
    /// The airfield is lost: no landing or take-off there.
    LoseAirfield {
        /// Node id of the airfield.
        airfield: String,
    },
    /// More (or, negative, fewer) aircraft of a type.
    AddAircraft {
        /// Aircraft type id.
        aircraft: String,
        /// How many to add (negative to remove).
        count: i32,
    },
    /// A unit is ready earlier (negative) or later (positive).
    MoveReady {
        /// Unit id.
        unit: String,
        /// Minutes to move the ready time by.
        minutes: Minute,
    },
}

impl Change {
    /// Parses the command-line form: `refuse:UZB`, `lose:UAAA`, `add:IL-76MD:4`,
    /// `ready:RUS-1:+720`.
    pub fn parse(text: &str) -> Result<Change, String> {
        let parts: Vec<&str> = text.split(':').collect();
        let bad = || {
            format!(
                "`{text}` is not a change: use refuse:STATE, lose:AIRFIELD, add:TYPE:N or ready:UNIT:±MINUTES"
            )
        };
        match parts.as_slice() {
            ["refuse", state] => Ok(Change::RefuseTransit {
                state: state.to_string(),
            }),
            ["lose", airfield] => Ok(Change::LoseAirfield {
                airfield: airfield.to_string(),
            }),
            ["add", aircraft, n] => Ok(Change::AddAircraft {
                aircraft: aircraft.to_string(),
                count: n.trim_start_matches('+').parse().map_err(|_| bad())?,
            }),
            ["ready", unit, m] => Ok(Change::MoveReady {
                unit: unit.to_string(),
                minutes: m.trim_start_matches('+').parse().map_err(|_| bad())?,
            }),
            _ => Err(bad()),
        }
    }
}

/// Applies changes in order; an unknown state, airfield, type or unit is refused with its place.
pub fn apply(scenario: &Scenario, changes: &[Change]) -> Result<Scenario, ScenarioError> {
    let mut s = scenario.clone();
    for (i, change) in changes.iter().enumerate() {
        let at = |field: &str| format!("changes[{i}].{field}");
        match change {
            Change::RefuseTransit { state } => {
                if state == &s.host {
                    return Err(ScenarioError::at(
                        at("state"),
                        format!("{state} is the host state: its refusal ends the operation, not a route"),
                    ));
                }
                if !s.nodes.iter().any(|n| &n.state == state)
                    && !s.legs.iter().any(|l| l.overflies.contains(state))
                {
                    return Err(ScenarioError::at(
                        at("state"),
                        format!("no node or airway of the scenario is in {state}"),
                    ));
                }
                s.transit.insert(state.clone(), Transit::Refused);
            }
            Change::LoseAirfield { airfield } => {
                if !s
                    .nodes
                    .iter()
                    .any(|n| &n.id == airfield && n.kind == NodeKind::Airfield)
                {
                    return Err(ScenarioError::at(
                        at("airfield"),
                        format!("no airfield `{airfield}` in the scenario"),
                    ));
                }
                if let Some(t) = s.aircraft.iter().find(|t| &t.home == airfield) {
                    return Err(ScenarioError::at(
                        at("airfield"),
                        format!(
                            "`{airfield}` is the home of {}: move the type's home first",
                            t.id
                        ),
                    ));
                }
                s.legs.retain(|l| {
                    !(l.mode == Mode::Air && (&l.from == airfield || &l.to == airfield))
                });
            }
            Change::AddAircraft { aircraft, count } => {
                let Some(t) = s.aircraft.iter_mut().find(|t| &t.id == aircraft) else {
                    return Err(ScenarioError::at(
                        at("aircraft"),
                        format!("no aircraft type `{aircraft}` in the scenario"),
                    ));
                };
                let n = i64::from(t.count) + i64::from(*count);
                if n < 0 {
                    return Err(ScenarioError::at(
                        at("count"),
                        format!("only {} aircraft of {aircraft} to remove", t.count),
                    ));
                }
                t.count = n as u32;
            }
            Change::MoveReady { unit, minutes } => {
                let Some(u) = s.units.iter_mut().find(|u| &u.id == unit) else {
                    return Err(ScenarioError::at(
                        at("unit"),
                        format!("no unit `{unit}` in the scenario"),
                    ));
                };
                u.ready = (u.ready + minutes).max(0);
            }
        }
    }
    Ok(s)
}

/// How a plan differs from another of the same force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanDiff {
    /// Closure of the first plan (minute).
    pub closure_before: Minute,
    /// Closure of the second plan (minute).
    pub closure_after: Minute,
    /// After − before, minutes (negative is earlier).
    pub closure_delta: Minute,
    /// Sorties before and after.
    pub sorties: (u32, u32),
    /// Weighted lateness before and after.
    pub weighted_lateness: (i64, i64),
    /// Units whose closure or modes changed.
    pub units: Vec<UnitDiff>,
}

/// One unit's change between two plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnitDiff {
    /// The unit.
    pub unit: String,
    /// Closure before (minute; absent when the unit is new).
    pub before: Option<Minute>,
    /// Closure after (minute; absent when the unit is gone).
    pub after: Option<Minute>,
    /// Movements by main mode before, e.g. {"air": 12, "road": 1}.
    pub modes_before: BTreeMap<String, u32>,
    /// Movements by main mode after.
    pub modes_after: BTreeMap<String, u32>,
}

/// Compares two plans unit by unit.
pub fn diff(before: &Plan, after: &Plan) -> PlanDiff {
    fn modes(p: &Plan) -> BTreeMap<&str, BTreeMap<String, u32>> {
        let mut m: BTreeMap<&str, BTreeMap<String, u32>> = BTreeMap::new();
        for mv in &p.movements {
            *m.entry(mv.unit.as_str())
                .or_default()
                .entry(mv.mode.as_str().to_string())
                .or_default() += 1;
        }
        m
    }
    let (mb, ma) = (modes(before), modes(after));
    let closures = |p: &Plan| -> BTreeMap<String, Minute> {
        p.units
            .iter()
            .map(|u| (u.unit.clone(), u.closure))
            .collect()
    };
    let (cb, ca) = (closures(before), closures(after));
    let mut ids: Vec<&String> = cb.keys().chain(ca.keys()).collect();
    ids.sort();
    ids.dedup();
    let units = ids
        .into_iter()
        .filter_map(|id| {
            let d = UnitDiff {
                unit: id.clone(),
                before: cb.get(id).copied(),
                after: ca.get(id).copied(),
                modes_before: mb.get(id.as_str()).cloned().unwrap_or_default(),
                modes_after: ma.get(id.as_str()).cloned().unwrap_or_default(),
            };
            (d.before != d.after || d.modes_before != d.modes_after).then_some(d)
        })
        .collect();
    PlanDiff {
        closure_before: before.closure,
        closure_after: after.closure,
        closure_delta: after.closure - before.closure,
        sorties: (before.sorties, after.sorties),
        weighted_lateness: (before.weighted_lateness, after.weighted_lateness),
        units,
    }
}
