//! A planner's scenario from an operation of the crisis chain: what must move (the forces
//! still to move, with their contingents from the register), from where (their states'
//! garrisons in the movement network), to where (the host state's node nearest the centre of
//! the operation's area), over which network, with which lift and under which transit rules
//! (`reference/movement-network.json`, compiled in).
//!
//! Times are minutes after C-hour, the moment the plan was asked for.
//!
//! **Forces that move**: those `offered`, `assigned`, `standby` or `mobilized` (the others
//! are withdrawn, declined, stood down, or already on the move or in the host state).
//!
//! **Ready**: a mobilized force is ready at C-hour; any other after its contingent's
//! readiness notice in the register: rapid 24 hours, high 7 days, medium 30 days, low 60 days.
//! A contingent not ready cannot be planned.
//!
//! **Required delivery**: the operation's first day (00:00 UTC); a first day already past is
//! C-hour (as soon as possible).
//!
//! **Vehicles** (the rule turning a contingent's equipment into vehicle classes): each unit
//! of equipment the force brings is one vehicle, since the register counts "units of weapons,
//! military and special equipment" and a deployable unit's are above all its vehicles. The
//! component decides the classes:
//!
//! | component | classes |
//! |---|---|
//! | `crrf`, `crdf_car`, `peacekeeping`, `intelligence` | two in three (rounded up) `armoured` (a wheeled armoured vehicle of the BTR-80 class, 13.6 t, outsize), the rest `truck` (8.6 t) |
//! | `nbc_medical`, `rescue` | `special` (ambulances, decontamination, rescue vehicles, 9 t) |
//! | any other (`logistics`, `aviation`, ...) | `truck` (8.6 t) |
//!
//! Armoured vehicles are outsize, as in `reference/plan-2022.json` (docs/movement-network.md).
//! Every unit carries 0.1 t of cargo per person (ten days at 10 kg a day), seats 10 people
//! and 1.5 t of cargo per vehicle on a march, marches at 35 km/h and at most 350 km a day (no
//! road leg of the network is longer), has priority 5, and may move by road, air and (when the
//! network has rail rules) rail: the planning figures of the network's 2022 scenario.
//!
//! **Destination**: the node of the host state nearest the centroid of the operation's area,
//! border crossings left out (a checkpoint is no place to deploy to).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveTime, Utc};
use crc_domain::contingent::{Contingent, Readiness};
use crc_domain::crisis::force::{ForceSpec, ForceStatus};
use crc_domain::crisis::Spec;
use crc_planner::scenario::{
    AircraftType, Leg, Minute, Mode, Node, NodeKind, RailRules, Rules, Scenario, Transit, Unit,
    VehicleClass,
};
use crc_storage::CrisisRecord;
use serde::Deserialize;

/// The movement network: a scenario without units (nodes, legs, lift, transit rules).
pub const NETWORK_JSON: &str = include_str!("../../../reference/movement-network.json");

/// The network part of a scenario, as `reference/movement-network.json` holds it.
#[derive(Debug, Clone, Deserialize)]
pub struct Network {
    /// Garrisons, railheads, airfields, crossings, staging areas.
    pub nodes: Vec<Node>,
    /// Road, rail and air legs.
    pub legs: Vec<Leg>,
    /// Aircraft available to move the force.
    #[serde(default)]
    pub aircraft: Vec<AircraftType>,
    /// Rail rules.
    #[serde(default)]
    pub rail: Option<RailRules>,
    /// Transit rules by state.
    #[serde(default)]
    pub transit: BTreeMap<String, Transit>,
    /// General rules.
    #[serde(default)]
    pub rules: Option<Rules>,
}

/// The compiled-in movement network, parsed once.
pub fn network() -> Result<&'static Network, String> {
    static N: OnceLock<Result<Network, String>> = OnceLock::new();
    N.get_or_init(|| {
        serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(NETWORK_JSON))
            .map_err(|e| format!("reference/movement-network.json: {e}"))
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// A force of the operation with its contingent (`None`: no longer in the register, or not
/// visible to the one asking).
#[derive(Debug, Clone)]
pub struct ForceInput {
    /// The force record's id.
    pub id: i64,
    /// Its status.
    pub status: ForceStatus,
    /// What was offered.
    pub spec: ForceSpec,
    /// The register's contingent.
    pub contingent: Option<Contingent>,
}

/// Why an operation cannot make a scenario: the field and force concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplannable {
    /// `forces[i]` (the operation's forces in the order made), `spec.host_state`, `forces`.
    pub field: String,
    /// The force record, when one is to blame.
    pub force: Option<i64>,
    /// For people, naming the force.
    pub message: String,
}

/// Whether a force in this status still has to move to the host state.
pub fn moves(status: ForceStatus) -> bool {
    matches!(
        status,
        ForceStatus::Offered
            | ForceStatus::Assigned
            | ForceStatus::Standby
            | ForceStatus::Mobilized
    )
}

const MINUTES_PER_DAY: Minute = 24 * 60;

fn notice(r: Readiness) -> Option<Minute> {
    match r {
        Readiness::Rapid => Some(MINUTES_PER_DAY),
        Readiness::High => Some(7 * MINUTES_PER_DAY),
        Readiness::Medium => Some(30 * MINUTES_PER_DAY),
        Readiness::Low => Some(60 * MINUTES_PER_DAY),
        Readiness::NotReady => None,
    }
}

/// The vehicle classes of `equipment` units of a `component` (the table above).
pub fn vehicles(component: &str, equipment: i64) -> Vec<VehicleClass> {
    let n = equipment.clamp(0, i64::from(u32::MAX)) as u32;
    let class = |class: &str, count: u32, weight_t: f64| VehicleClass {
        class: class.to_owned(),
        count,
        weight_t,
        outsize: class == "armoured",
    };
    let classes = match component {
        "crrf" | "crdf_car" | "peacekeeping" | "intelligence" => {
            let armoured = (2 * u64::from(n)).div_ceil(3) as u32;
            vec![
                class("armoured", armoured, 15.0),
                class("truck", n - armoured, 11.0),
            ]
        }
        "nbc_medical" | "rescue" => vec![class("special", n, 9.0)],
        _ => vec![class("truck", n, 8.6)],
    };
    classes.into_iter().filter(|c| c.count > 0).collect()
}

/// Great-circle distance, km.
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

/// The centroid of a simple polygon (lat, lon as plane coordinates: an operation's area is
/// small enough); the mean of its corners if it has no area.
fn centroid(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    if points.is_empty() {
        return None;
    }
    let n = points.len();
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (x0, y0) = points[i];
        let (x1, y1) = points[(i + 1) % n];
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    if a.abs() < 1e-12 {
        let (sx, sy) = points
            .iter()
            .fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x, sy + y));
        return Some((sx / n as f64, sy / n as f64));
    }
    Some((cx / (3.0 * a), cy / (3.0 * a)))
}

fn nearest<'a>(nodes: impl Iterator<Item = &'a Node>, lat: f64, lon: f64) -> Option<&'a Node> {
    nodes.min_by(|a, b| {
        km(a.lat, a.lon, lat, lon)
            .partial_cmp(&km(b.lat, b.lon, lat, lon))
            .unwrap_or(std::cmp::Ordering::Equal)
    })
}

/// Makes the scenario of `op` (an operation) from its `forces` (in the order made), with
/// C-hour at `epoch`, over the compiled-in network.
pub fn from_operation(
    op: &CrisisRecord,
    forces: &[ForceInput],
    epoch: DateTime<Utc>,
) -> Result<Scenario, Unplannable> {
    let net = network().map_err(|e| Unplannable {
        field: "network".into(),
        force: None,
        message: format!("the movement network is unusable: {e}"),
    })?;
    from_operation_over(net, op, forces, epoch)
}

/// [`from_operation`] over a given network.
pub fn from_operation_over(
    net: &Network,
    op: &CrisisRecord,
    forces: &[ForceInput],
    epoch: DateTime<Utc>,
) -> Result<Scenario, Unplannable> {
    let Spec::Operation(spec) = &op.spec else {
        return Err(Unplannable {
            field: "id".into(),
            force: None,
            message: format!("record {} is no operation", op.id),
        });
    };
    let host = spec.host_state.as_str().to_owned();
    let area: Vec<(f64, f64)> = spec.area.iter().map(|c| (c.lat(), c.lon())).collect();
    let (clat, clon) = centroid(&area).ok_or_else(|| Unplannable {
        field: "spec.area".into(),
        force: None,
        message: format!("operation {} has no area to deploy to", op.id),
    })?;
    let destination = nearest(
        net.nodes
            .iter()
            .filter(|n| n.state == host && n.kind != NodeKind::Crossing),
        clat,
        clon,
    )
    .ok_or_else(|| Unplannable {
        field: "spec.host_state".into(),
        force: None,
        message: format!("the movement network has no node in the host state {host}"),
    })?;
    let start = spec.starts_on.and_time(NaiveTime::MIN).and_utc();
    let rdd = ((start - epoch).num_minutes()).max(0);
    let rail = net.rail.is_some();
    let mut units = Vec::new();
    for (i, f) in forces.iter().enumerate() {
        if !moves(f.status) {
            continue;
        }
        let field = format!("forces[{i}]");
        let who = format!(
            "force {} ({}{})",
            f.id,
            f.spec
                .state
                .as_ref()
                .map(|s| format!("{s}, "))
                .unwrap_or_default(),
            f.spec.name
        );
        let refuse = |message: String| Unplannable {
            field: field.clone(),
            force: Some(f.id),
            message,
        };
        let Some(c) = &f.contingent else {
            return Err(refuse(format!(
                "{who}: its contingent {} is not in the register",
                f.spec.contingent_id
            )));
        };
        let state = c.draft.state.as_str().to_owned();
        let home = &c.draft.home_station.position;
        let origin = nearest(
            net.nodes
                .iter()
                .filter(|n| n.kind == NodeKind::Garrison && n.state == state),
            home.lat(),
            home.lon(),
        )
        .ok_or_else(|| {
            refuse(format!(
                "{who}: the movement network has no garrison in {state}"
            ))
        })?;
        let ready = match f.status {
            ForceStatus::Mobilized => 0,
            _ => notice(c.draft.readiness)
                .ok_or_else(|| refuse(format!("{who}: its contingent is not ready to deploy")))?,
        };
        let personnel = f.spec.personnel.clamp(0, i64::from(u32::MAX)) as u32;
        units.push(Unit {
            id: format!("force-{}", f.id),
            name: format!("{state} {}", f.spec.name),
            state,
            origin: origin.id.clone(),
            personnel,
            vehicles: vehicles(&c.draft.component, f.spec.equipment),
            cargo_t: f64::from(personnel) * 0.1,
            ready,
            rdd,
            priority: 5,
            modes: if rail {
                vec![Mode::Road, Mode::Rail, Mode::Air]
            } else {
                vec![Mode::Road, Mode::Air]
            },
            march_kmh: 35.0,
            march_km_per_day: 350.0,
            seats_per_vehicle: 10,
            cargo_t_per_vehicle: 1.5,
        });
    }
    if units.is_empty() {
        return Err(Unplannable {
            field: "forces".into(),
            force: None,
            message: format!(
                "operation {} has no force still to move (offered, assigned, standby or mobilized)",
                op.id
            ),
        });
    }
    let mut rules = net.rules.clone().unwrap_or_default();
    // The latest ready time plus a month: a low-readiness contingent must still fit.
    let latest = units.iter().map(|u| u.ready).max().unwrap_or(0);
    rules.horizon = rules.horizon.max(latest + 30 * MINUTES_PER_DAY);
    Ok(Scenario {
        name: format!("{} (operation {})", spec.name, op.id),
        epoch: Some(epoch),
        host,
        destination: destination.id.clone(),
        nodes: net.nodes.clone(),
        legs: net.legs.clone(),
        units,
        aircraft: net.aircraft.clone(),
        rail: net.rail.clone(),
        transit: net.transit.clone(),
        rules,
    })
}

/// A reference in a scenario that names nothing: its path (`units[2].origin`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadReference {
    /// Where, as a JSON path within the scenario.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// Checks what a scenario's parts name (destination, units' origins, legs' ends, aircraft
/// homes), so a scenario sent whole is refused at once rather than failing in the runner.
/// The planner checks everything else when it runs.
pub fn check_references(s: &Scenario) -> Result<(), BadReference> {
    let ids: std::collections::HashSet<&str> = s.nodes.iter().map(|n| n.id.as_str()).collect();
    let known = |id: &str, path: String| {
        if ids.contains(id) {
            Ok(())
        } else {
            Err(BadReference {
                path,
                message: format!("`{id}` is not a node of the scenario"),
            })
        }
    };
    known(&s.destination, "destination".into())?;
    for (i, u) in s.units.iter().enumerate() {
        known(&u.origin, format!("units[{i}].origin"))?;
    }
    for (i, l) in s.legs.iter().enumerate() {
        known(&l.from, format!("legs[{i}].from"))?;
        known(&l.to, format!("legs[{i}].to"))?;
    }
    for (i, a) in s.aircraft.iter().enumerate() {
        known(&a.home, format!("aircraft[{i}].home"))?;
    }
    if s.units.is_empty() {
        return Err(BadReference {
            path: "units".into(),
            message: "no unit to move".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equipment_becomes_vehicles_by_component() {
        let count = |v: &[VehicleClass]| v.iter().map(|c| c.count).sum::<u32>();
        let v = vehicles("peacekeeping", 54);
        assert_eq!(count(&v), 54);
        assert_eq!((v[0].class.as_str(), v[0].count), ("armoured", 36));
        assert_eq!((v[1].class.as_str(), v[1].count), ("truck", 18));
        let v = vehicles("crrf", 1);
        assert_eq!((v.len(), v[0].class.as_str()), (1, "armoured"));
        assert_eq!(vehicles("rescue", 9)[0].class, "special");
        assert_eq!(vehicles("logistics", 4)[0].class, "truck");
        assert!(vehicles("crrf", 0).is_empty());
    }

    #[test]
    fn the_centre_of_an_area_is_its_centroid() {
        let square = [(0.0, 0.0), (0.0, 2.0), (2.0, 2.0), (2.0, 0.0)];
        assert_eq!(centroid(&square), Some((1.0, 1.0)));
        assert_eq!(centroid(&[(1.0, 1.0), (3.0, 3.0)]), Some((2.0, 2.0)));
        assert_eq!(centroid(&[]), None);
    }

    #[test]
    fn the_compiled_in_network_parses() {
        let net = network().unwrap();
        assert!(!net.nodes.is_empty());
        for state in ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"] {
            assert!(
                net.nodes
                    .iter()
                    .any(|n| n.kind == NodeKind::Garrison && n.state == state),
                "a garrison in {state}"
            );
        }
    }
}
