//! What every candidate plan shares: each unit's road routes, feeders, rail routes and airfield
//! options, worked out once per scenario.

use rustc_hash::FxHashMap;

use crate::model::Model;
use crate::route::{feeder, march, rail_route, road_routes, Path};
use crate::scenario::{Minute, Mode, NodeKind, Unit};

/// A unit's ways to the destination.
pub(crate) struct UnitWays {
    pub roads: Vec<Path>,
    /// (railhead, feeder to it, rail route to a host railhead, feeder from there to destination)
    pub rails: Vec<RailWay>,
    /// Origin airfields reachable by feeder: (airfield, feeder path).
    pub airfields: Vec<(usize, Path)>,
    /// Per host airfield (as in [`Prep::host_airfields`]): from which start its way out takes
    /// a fixed time, and that time. A march that starts after every clearance on a path with
    /// no crossing never waits, so the fleet dispatch need not time it again for every offer.
    pub out_air: Vec<Option<(Minute, Minute)>>,
    /// The unit's vehicle classes, heaviest first: the order an aircraft is loaded in.
    pub heavy_first: Vec<usize>,
}

pub(crate) struct RailWay {
    pub railhead: usize,
    pub feeder: Path,
    pub rail: Path,
    pub out: Path,
}

/// A host airfield with its feeder to the destination.
pub(crate) struct HostAirfield {
    pub node: usize,
    pub out: Path,
}

pub(crate) struct Prep {
    pub ways: Vec<UnitWays>,
    pub host_airfields: Vec<HostAirfield>,
}

impl Prep {
    pub fn new(m: &Model) -> Prep {
        let sc = m.sc;
        let host_railheads: Vec<usize> = (0..sc.nodes.len())
            .filter(|&i| sc.nodes[i].kind == NodeKind::Railhead && sc.nodes[i].state == sc.host)
            .collect();
        let mut ways: Vec<UnitWays> = sc
            .units
            .iter()
            .map(|u| {
                let origin = m.node_ix[u.origin.as_str()];
                let roads = if u.modes.contains(&Mode::Road) {
                    road_routes(m, u, origin, m.dest, 3)
                } else {
                    Vec::new()
                };
                let mut rails = Vec::new();
                if u.modes.contains(&Mode::Rail) && sc.rail.is_some() {
                    for (i, n) in sc.nodes.iter().enumerate() {
                        if n.kind != NodeKind::Railhead
                            || n.state != u.state
                            || host_railheads.contains(&i)
                        {
                            continue;
                        }
                        let Some(f) = feeder(m, &u.state, origin, &[i], u) else {
                            continue;
                        };
                        let Some(r) = rail_route(m, &u.state, i, &host_railheads) else {
                            continue;
                        };
                        let end = r.last().map_or(i, |x| x.2);
                        let Some(out) = feeder(m, &sc.host, end, &[m.dest], u) else {
                            continue;
                        };
                        rails.push(RailWay {
                            railhead: i,
                            feeder: f,
                            rail: r,
                            out,
                        });
                    }
                }
                let mut airfields = Vec::new();
                if u.modes.contains(&Mode::Air) {
                    for (i, n) in sc.nodes.iter().enumerate() {
                        if n.kind != NodeKind::Airfield
                            || n.state != u.state
                            || m.host_airfields.contains(&i)
                        {
                            continue;
                        }
                        if let Some(f) = feeder(m, &u.state, origin, &[i], u) {
                            airfields.push((i, f));
                        }
                    }
                }
                UnitWays {
                    roads,
                    rails,
                    airfields,
                    out_air: Vec::new(),
                    heavy_first: {
                        let mut order: Vec<usize> = (0..u.vehicles.len()).collect();
                        order.sort_by(|&a, &b| {
                            u.vehicles[b].weight_t.total_cmp(&u.vehicles[a].weight_t)
                        });
                        order
                    },
                }
            })
            .collect();
        let dummy = sc.units.first();
        let host_airfields: Vec<HostAirfield> = m
            .host_airfields
            .iter()
            .filter_map(|&h| {
                let u = dummy?;
                feeder(m, &sc.host, h, &[m.dest], &host_unit(u))
                    .map(|out| HostAirfield { node: h, out })
            })
            .collect();
        for (u, w) in ways.iter_mut().enumerate() {
            let unit = &sc.units[u];
            w.out_air = host_airfields
                .iter()
                .map(|h| fixed_march(m, unit, &h.out))
                .collect();
        }
        Prep {
            ways,
            host_airfields,
        }
    }
}

/// `(from, minutes)` when a march of `unit` on `path` started at or after `from` always takes
/// `minutes`: the path has no crossing (whose queue would depend on other columns) and `from`
/// is past every clearance on it. Rests depend only on the distance driven, not on the clock.
fn fixed_march(m: &Model, unit: &Unit, path: &Path) -> Option<(Minute, Minute)> {
    let mut from = 0;
    for &(leg, a, b) in path {
        if [a, b]
            .iter()
            .any(|&n| m.sc.nodes[n].kind == NodeKind::Crossing)
        {
            return None;
        }
        from = from.max(m.leg_clearance(&unit.state, leg)?);
    }
    let mut none = FxHashMap::default();
    let timed = march(m, unit, path, from, 1, &mut none, false)?;
    Some((from, timed.arrive - from))
}

/// Host-side feeders are driven by each unit at its own speed; for finding the path any
/// generous daily limit will do.
fn host_unit(u: &Unit) -> Unit {
    let mut v = u.clone();
    v.march_km_per_day = f64::MAX;
    v
}

/// Whether an aircraft type may fly an airway, and from when (see [`Model::airway`]).
pub(crate) fn airway(
    m: &Model,
    k: usize,
    a: usize,
    b: usize,
    unit_state: Option<&str>,
) -> Option<(usize, Minute, Minute)> {
    m.airway(k, a, b, unit_state)
}
