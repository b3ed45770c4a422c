//! The fastest each part of each unit could arrive by each mode with every resource to itself:
//! the critical-path bound, the first guess of how units move, and the explanation when a part
//! cannot arrive at all.

use rustc_hash::FxHashMap;

use crate::model::Model;
use crate::prep::{airway, Prep, RailWay};
use crate::route::march;
use crate::scenario::{Minute, Mode, RailRules, Unit};

/// A part of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Personnel,
    Vehicles(usize),
    Cargo,
}

impl Part {
    pub fn name(self, u: &Unit) -> String {
        match self {
            Part::Personnel => "personnel".into(),
            Part::Vehicles(k) => u.vehicles[k].class.clone(),
            Part::Cargo => "cargo".into(),
        }
    }
}

/// Earliest arrival of a part by each mode, or why not.
pub(crate) struct PartReach {
    pub part: Part,
    pub by: [Result<Minute, String>; 3],
}

impl PartReach {
    pub fn best(&self) -> Option<Minute> {
        self.by
            .iter()
            .filter_map(|r| r.as_ref().ok().copied())
            .min()
    }
}

/// The parts of a unit that have something to move.
pub(crate) fn parts(u: &Unit) -> Vec<Part> {
    let mut out = Vec::new();
    if u.personnel > 0 {
        out.push(Part::Personnel);
    }
    for (k, v) in u.vehicles.iter().enumerate() {
        if v.count > 0 {
            out.push(Part::Vehicles(k));
        }
    }
    if u.cargo_t > 0.0 {
        out.push(Part::Cargo);
    }
    out
}

/// Reach of every part of unit `u`.
pub(crate) fn reach(m: &Model, prep: &Prep, u: usize) -> Vec<PartReach> {
    let unit = &m.sc.units[u];
    parts(unit)
        .into_iter()
        .map(|p| PartReach {
            part: p,
            by: [road(m, prep, u, p), rail(m, prep, u, p), air(m, prep, u, p)],
        })
        .collect()
}

fn not_allowed(unit: &Unit, mode: Mode) -> Option<String> {
    (!unit.modes.contains(&mode)).then(|| format!("{}: not among the unit's modes", mode.as_str()))
}

fn road(m: &Model, prep: &Prep, u: usize, p: Part) -> Result<Minute, String> {
    let unit = &m.sc.units[u];
    if let Some(e) = not_allowed(unit, Mode::Road) {
        return Err(e);
    }
    if unit.vehicle_count() == 0 {
        return Err("road: the unit has no vehicles to march on".into());
    }
    if p == Part::Personnel && unit.seats_per_vehicle == 0 {
        return Err("road: its vehicles have no seats".into());
    }
    if p == Part::Cargo && unit.cargo_t_per_vehicle <= 0.0 {
        return Err("road: its vehicles carry no cargo".into());
    }
    let ways = &prep.ways[u];
    if ways.roads.is_empty() {
        return Err(format!("road: {}", why_no_road(m, unit)));
    }
    ways.roads
        .iter()
        .filter_map(|r| march(m, unit, r, unit.ready, 1, &mut FxHashMap::default(), false).map(|x| x.arrive))
        .min()
        .ok_or_else(|| {
            format!(
                "road: no route honours the daily march limit of {} km without stopping in a non-stop state",
                unit.march_km_per_day
            )
        })
}

fn why_no_road(m: &Model, unit: &Unit) -> String {
    let refused: Vec<&String> = m
        .sc
        .transit
        .iter()
        .filter(|(s, t)| {
            matches!(t, crate::scenario::Transit::Refused) && **s != unit.state && **s != m.sc.host
        })
        .map(|(s, _)| s)
        .collect();
    if refused.is_empty() {
        format!(
            "no road route from {} to {} (or a leg longer than the daily march limit of {} km)",
            unit.origin, m.sc.destination, unit.march_km_per_day
        )
    } else {
        format!(
            "no road route from {} to {} avoids {} (transit refused)",
            unit.origin,
            m.sc.destination,
            refused
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

fn rail(m: &Model, prep: &Prep, u: usize, _p: Part) -> Result<Minute, String> {
    let unit = &m.sc.units[u];
    if let Some(e) = not_allowed(unit, Mode::Rail) {
        return Err(e);
    }
    let Some(rules) = &m.sc.rail else {
        return Err("rail: the scenario has no rail rules".into());
    };
    let ways = &prep.ways[u];
    if ways.rails.is_empty() {
        return Err(format!(
            "rail: no railhead of {} reachable from {} has a permitted rail route to the host",
            unit.state, unit.origin
        ));
    }
    ways.rails
        .iter()
        .filter_map(|w| rail_way(m, unit, rules, w).map(|(depart, after)| depart + after))
        .min()
        .ok_or_else(|| "rail: no rail way can be timed".into())
}

/// A rail way timed for a unit alone: its earliest train path (after the feeder, loading and
/// every clearance on the way), and the minutes from that departure to the destination
/// (running, unloading and the march out). None if the way cannot be timed.
pub(crate) fn rail_way(
    m: &Model,
    unit: &Unit,
    rules: &RailRules,
    w: &RailWay,
) -> Option<(Minute, Minute)> {
    let f = march(
        m,
        unit,
        &w.feeder,
        unit.ready,
        1,
        &mut FxHashMap::default(),
        false,
    )?;
    let mut earliest = f.arrive + Minute::from(rules.load_min);
    let mut offset = 0;
    for &(leg, _, _) in &w.rail {
        earliest = earliest.max(m.leg_clearance(&unit.state, leg)? - offset);
        offset += Minute::from(m.sc.legs[leg].minutes.unwrap_or(0));
    }
    let per_day = m.sc.nodes[w.railhead].paths_per_day.unwrap_or(1);
    let depart = crate::calendar::Paths::times_from(per_day, earliest).next()?;
    let unloaded = depart + offset + Minute::from(rules.unload_min);
    let out = march(
        m,
        unit,
        &w.out,
        unloaded,
        1,
        &mut FxHashMap::default(),
        false,
    )?;
    Some((depart, out.arrive - depart))
}

fn air(m: &Model, prep: &Prep, u: usize, p: Part) -> Result<Minute, String> {
    let sc = m.sc;
    let unit = &sc.units[u];
    if let Some(e) = not_allowed(unit, Mode::Air) {
        return Err(e);
    }
    let ways = &prep.ways[u];
    if ways.airfields.is_empty() {
        return Err(format!(
            "air: no airfield of {} reachable by road from {}",
            unit.state, unit.origin
        ));
    }
    if prep.host_airfields.is_empty() {
        return Err(format!(
            "air: no airfield in {} with a road to {}",
            sc.host, sc.destination
        ));
    }
    let mut best: Option<Minute> = None;
    let mut why = format!(
        "air: no aircraft type can carry the {} from its airfields to the host",
        p.name(unit)
    );
    for (k, t) in sc.aircraft.iter().enumerate() {
        if t.count == 0 {
            continue;
        }
        match p {
            Part::Vehicles(c) => {
                let v = &unit.vehicles[c];
                if v.outsize && !t.outsize {
                    continue;
                }
                if v.weight_t > t.payload_t {
                    continue;
                }
            }
            Part::Personnel if t.seats == 0 => continue,
            _ => {}
        }
        let home = m.node_ix[t.home.as_str()];
        for (o, feeder) in &ways.airfields {
            let Some(f) = march(
                m,
                unit,
                feeder,
                unit.ready,
                1,
                &mut FxHashMap::default(),
                false,
            ) else {
                continue;
            };
            let at_o = if home == *o {
                t.available
            } else {
                match airway(m, k, home, *o, None) {
                    Some((_, c, mins)) => t.available.max(c) + mins,
                    None => continue,
                }
            };
            let svc_o =
                Minute::from(t.ground_min) + Minute::from(sc.nodes[*o].handling_min.unwrap_or(0));
            for h in &prep.host_airfields {
                let Some((_, clear, mins)) = airway(m, k, *o, h.node, Some(&unit.state)) else {
                    why = format!("air: no airway from {}'s airfields to a usable host airfield (runway, range or transit)", unit.state);
                    continue;
                };
                let dep = (f.arrive.max(at_o) + svc_o).max(clear);
                let svc_h = Minute::from(t.ground_min)
                    + Minute::from(sc.nodes[h.node].handling_min.unwrap_or(0));
                if let Some(out) = march(
                    m,
                    unit,
                    &h.out,
                    dep + mins + svc_h,
                    1,
                    &mut FxHashMap::default(),
                    false,
                ) {
                    best = Some(best.map_or(out.arrive, |b| b.min(out.arrive)));
                }
            }
        }
    }
    best.ok_or(why)
}
