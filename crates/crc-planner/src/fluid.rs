//! The fluid bound: a linear programme that asks whether the whole force could arrive by a time
//! `T` if loads could be split at will, coupling what the critical path treats apart: the units'
//! choice of mode, the vehicles their people ride on, the crossings the columns share, the
//! railheads' paths and wagons, the fleet's flying hours and the airfields' working slots. The
//! earliest `T` at which it is feasible (found by bisection) is a lower bound on the closure.
//!
//! Every capacity is an over-estimate of what the rules (docs/planner.md) allow and every time
//! an under-estimate, so a plan that closes by `T` gives a feasible solution of the programme:
//! the bound is valid. The programme is solved with microlp (a pure-Rust simplex), from scratch
//! at each `T` it tries.

use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};

use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem, Variable};

use crate::calendar::Paths;
use crate::critical::{rail_way, Part, PartReach};
use crate::model::Model;
use crate::plan::Bound;
use crate::prep::{airway, Prep};
use crate::route::{march, road_km_from};
use crate::scenario::{Minute, NodeKind, Unit};

/// One part of a unit as the programme sees it.
struct PartData {
    /// Earliest arrival alone by road, rail, air (None: impossible).
    by: [Option<Minute>; 3],
    /// Vehicles it is (0 for people and cargo).
    vehicles: f64,
    /// People it is.
    personnel: f64,
    /// Cargo tonnes it is.
    cargo: f64,
    /// Tonnes on an aircraft.
    mass: f64,
    /// Wagons on a train.
    wagons: f64,
    /// Its air group (eligible aircraft types), None for people.
    group: Option<usize>,
}

/// A unit's columns at a crossing: earliest arrival there, least time from there on.
struct CrossingUse {
    node: usize,
    arrive: Minute,
    after: Minute,
}

/// A unit's rail way: its earliest train path and the time from departure to the destination.
struct RailUse {
    railhead: usize,
    depart: Minute,
    after: Minute,
}

struct UnitData {
    state: usize,
    seats: f64,
    cargo_per_vehicle: f64,
    parts: Vec<PartData>,
    /// Every road path of the unit passes a crossing.
    must_cross: bool,
    crossings: Vec<CrossingUse>,
    rails: Vec<RailUse>,
}

/// A possible loaded flight: type, origin, host airfield, with its earliest times.
struct Sortie {
    kind: usize,
    state: usize,
    origin: usize,
    host: usize,
    /// Earliest start of loading at the origin.
    load_from: Minute,
    /// Earliest landing at the host airfield.
    land: Minute,
    svc_origin: Minute,
    fly: Minute,
    svc_host: Minute,
    /// Least road time from the host airfield to the destination (units of this state).
    out: Minute,
    /// Least empty flight from the host airfield back to any origin of the type.
    back: Minute,
}

/// Aircraft types eligible for a group of loads.
struct Group {
    state: usize,
    kinds: Vec<usize>,
}

pub(crate) struct Fluid<'a> {
    m: &'a Model<'a>,
    units: Vec<UnitData>,
    sorties: Vec<Sortie>,
    groups: Vec<Group>,
    states: usize,
    /// Per aircraft type: least positioning from home to any origin.
    position: Vec<Minute>,
}

/// The least time a march of `km` can take: its driving plus a rest between daily marches.
fn march_floor(unit: &Unit, km: f64, rest: Minute) -> Minute {
    if !km.is_finite() || km <= 0.0 {
        return 0;
    }
    let drive = (km * 60.0 / unit.march_kmh).floor() as Minute;
    let marches = (km / unit.march_km_per_day - 1e-9).ceil().max(1.0) as Minute;
    drive + (marches - 1) * rest
}

impl<'a> Fluid<'a> {
    pub fn new(m: &'a Model<'a>, prep: &Prep, reach: &[Vec<PartReach>]) -> Fluid<'a> {
        let sc = m.sc;
        let rest = Minute::from(sc.rules.rest_min);
        let mut state_ix: BTreeMap<&str, usize> = BTreeMap::new();
        for u in &sc.units {
            let n = state_ix.len();
            state_ix.entry(u.state.as_str()).or_insert(n);
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut group_ix: HashMap<(usize, Vec<usize>), usize> = HashMap::new();
        let mut units = Vec::with_capacity(sc.units.len());
        for (u, unit) in sc.units.iter().enumerate() {
            let state = state_ix[unit.state.as_str()];
            let mut parts = Vec::new();
            for p in &reach[u] {
                let by = [0, 1, 2].map(|i| p.by[i].as_ref().ok().copied());
                let (vehicles, personnel, cargo, mass, wagons, kinds) = match p.part {
                    Part::Personnel => {
                        let n = f64::from(unit.personnel);
                        let ppw = sc.rail.as_ref().map_or(1, |r| r.personnel_per_wagon.max(1));
                        (0.0, n, 0.0, 0.0, n / f64::from(ppw), None)
                    }
                    Part::Vehicles(c) => {
                        let v = &unit.vehicles[c];
                        let kinds: Vec<usize> = (0..sc.aircraft.len())
                            .filter(|&k| {
                                let t = &sc.aircraft[k];
                                t.count > 0
                                    && v.weight_t <= t.payload_t
                                    && (!v.outsize || t.outsize)
                            })
                            .collect();
                        let n = f64::from(v.count);
                        (n, 0.0, 0.0, n * v.weight_t, n, Some(kinds))
                    }
                    Part::Cargo => {
                        let cpw = sc.rail.as_ref().map_or(1.0, |r| r.cargo_t_per_wagon);
                        let kinds = (0..sc.aircraft.len())
                            .filter(|&k| sc.aircraft[k].count > 0)
                            .collect();
                        (
                            0.0,
                            0.0,
                            unit.cargo_t,
                            unit.cargo_t,
                            unit.cargo_t / cpw,
                            Some(kinds),
                        )
                    }
                };
                let group = kinds.map(|kinds| {
                    let n = groups.len();
                    *group_ix.entry((state, kinds.clone())).or_insert_with(|| {
                        groups.push(Group { state, kinds });
                        n
                    })
                });
                parts.push(PartData {
                    by,
                    vehicles,
                    personnel,
                    cargo,
                    mass,
                    wagons,
                    group,
                });
            }
            let origin = m.node_ix[unit.origin.as_str()];
            // Legs the rules let this unit's columns use at all (refused states and legs longer
            // than a day's march are out); pending clearances only delay, so they are ignored.
            let ok = |leg: usize, _: usize, _: usize| {
                m.leg_clearance(&unit.state, leg).is_some()
                    && sc.legs[leg].km <= unit.march_km_per_day + 1e-9
            };
            let is_crossing = |n: usize| sc.nodes[n].kind == NodeKind::Crossing;
            let no_crossing = road_km_from(m, origin, &ok, &is_crossing);
            let must_cross = !no_crossing[m.dest].is_finite();
            let mut crossings = Vec::new();
            if must_cross && unit.modes.contains(&crate::scenario::Mode::Road) {
                let from_origin = road_km_from(m, origin, &ok, &|_| false);
                let from_dest = road_km_from(m, m.dest, &ok, &|_| false);
                for (c, n) in sc.nodes.iter().enumerate() {
                    if n.kind != NodeKind::Crossing
                        || !from_origin[c].is_finite()
                        || !from_dest[c].is_finite()
                    {
                        continue;
                    }
                    crossings.push(CrossingUse {
                        node: c,
                        arrive: unit.ready + march_floor(unit, from_origin[c], rest),
                        after: march_floor(unit, from_dest[c], rest),
                    });
                }
            }
            let rails = match &sc.rail {
                Some(rules) => prep.ways[u]
                    .rails
                    .iter()
                    .filter_map(|w| {
                        let (depart, after) = rail_way(m, unit, rules, w)?;
                        Some(RailUse {
                            railhead: w.railhead,
                            depart,
                            after,
                        })
                    })
                    .collect(),
                None => Vec::new(),
            };
            units.push(UnitData {
                state,
                seats: f64::from(unit.seats_per_vehicle),
                cargo_per_vehicle: unit.cargo_t_per_vehicle,
                parts,
                must_cross,
                crossings,
                rails,
            });
        }
        let (sorties, position) = sorties(m, prep, &state_ix);
        Fluid {
            m,
            units,
            sorties,
            groups,
            states: state_ix.len(),
            position,
        }
    }

    /// Solves the programme for closure by `t`.
    pub(crate) fn solve(&self, t: Minute) -> Solved {
        let sc = self.m.sc;
        let tf = t as f64;
        let mut lp = Problem::new(OptimizationDirection::Minimize);
        let mut cons: Vec<(LinearExpr, ComparisonOp, f64)> = Vec::new();
        // Per state: the people to fly; per group: the tonnes to fly.
        let mut fly_people: Vec<Vec<(Variable, f64)>> = vec![Vec::new(); self.states];
        let mut fly_mass: Vec<Vec<(Variable, f64)>> = vec![Vec::new(); self.groups.len()];
        // Per crossing: (arrive, after, var); per railhead: (depart, after, var).
        let mut at_crossing: BTreeMap<usize, Vec<(Minute, Minute, Variable)>> = BTreeMap::new();
        let mut at_railhead: BTreeMap<usize, Vec<(Minute, Minute, Variable)>> = BTreeMap::new();
        let mut mode_vars: Vec<Vec<[Option<Variable>; 3]>> = Vec::with_capacity(self.units.len());
        for ud in &self.units {
            let mut unit_vars = Vec::with_capacity(ud.parts.len());
            let mut road_vehicles: Vec<(Variable, f64)> = Vec::new();
            let mut road_people: Vec<(Variable, f64)> = Vec::new();
            let mut road_cargo: Vec<(Variable, f64)> = Vec::new();
            let mut wagons: Vec<(Variable, f64)> = Vec::new();
            for p in &ud.parts {
                let mut one = LinearExpr::empty();
                let mut any = false;
                let mut vars = [None; 3];
                for (mode, slot) in vars.iter_mut().enumerate() {
                    if p.by[mode].is_none_or(|a| a > t) {
                        continue;
                    }
                    let x = lp.add_var(0.0, (0.0, 1.0));
                    *slot = Some(x);
                    one.add(x, 1.0);
                    any = true;
                    match mode {
                        0 => {
                            if p.vehicles > 0.0 {
                                road_vehicles.push((x, p.vehicles));
                            }
                            if p.personnel > 0.0 {
                                road_people.push((x, p.personnel));
                            }
                            if p.cargo > 0.0 {
                                road_cargo.push((x, p.cargo));
                            }
                        }
                        1 => wagons.push((x, p.wagons)),
                        _ => match p.group {
                            None => fly_people[ud.state].push((x, p.personnel)),
                            Some(g) => fly_mass[g].push((x, p.mass)),
                        },
                    }
                }
                if !any {
                    return Solved::Infeasible;
                }
                cons.push((one, ComparisonOp::Eq, 1.0));
                unit_vars.push(vars);
            }
            mode_vars.push(unit_vars);
            // People and cargo on a march ride on the unit's own vehicles.
            for (riders, per_vehicle) in [
                (&road_people, ud.seats),
                (&road_cargo, ud.cargo_per_vehicle),
            ] {
                if riders.is_empty() {
                    continue;
                }
                let mut e = LinearExpr::empty();
                for &(x, n) in riders {
                    e.add(x, n);
                }
                for &(v, c) in &road_vehicles {
                    e.add(v, -per_vehicle * c);
                }
                cons.push(le(e, 0.0));
            }
            if ud.must_cross && !road_vehicles.is_empty() {
                let mut pass = LinearExpr::empty();
                for cu in &ud.crossings {
                    let one = minutes_per_vehicle(&sc.nodes[cu.node]);
                    if cu.arrive as f64 + one + cu.after as f64 > tf {
                        continue;
                    }
                    let v = lp.add_var(0.0, (0.0, f64::INFINITY));
                    pass.add(v, 1.0);
                    at_crossing
                        .entry(cu.node)
                        .or_default()
                        .push((cu.arrive, cu.after, v));
                }
                for &(v, c) in &road_vehicles {
                    pass.add(v, -c);
                }
                cons.push((pass, ComparisonOp::Ge, 0.0));
            }
            if !wagons.is_empty() {
                let mut split = LinearExpr::empty();
                for r in &ud.rails {
                    if r.depart + r.after > t {
                        continue;
                    }
                    let v = lp.add_var(0.0, (0.0, f64::INFINITY));
                    split.add(v, 1.0);
                    at_railhead
                        .entry(r.railhead)
                        .or_default()
                        .push((r.depart, r.after, v));
                }
                for &(v, c) in &wagons {
                    split.add(v, -c);
                }
                cons.push((split, ComparisonOp::Eq, 0.0));
            }
        }
        // One column at a time: the columns released at or after each arrival time pass
        // between it and the latest time any of them could still pass.
        for (&c, uses) in &at_crossing {
            let per_vehicle = minutes_per_vehicle(&sc.nodes[c]);
            for (from, end, vars) in released(uses, t) {
                cons.push(le(sum(&vars, per_vehicle), (end - from).max(0) as f64));
            }
        }
        // Trains: the wagons released at or after each earliest path fill the paths left
        // between it and the latest departure any of them could use.
        if let Some(rules) = &sc.rail {
            for (&r, uses) in &at_railhead {
                let per_day = sc.nodes[r].paths_per_day.unwrap_or(1);
                for (from, last, vars) in released(uses, t) {
                    let paths = Paths::times_from(per_day, from)
                        .take_while(|&p| p <= last)
                        .count();
                    let wagons = paths as f64 * f64::from(rules.wagons_per_train);
                    cons.push(le(sum(&vars, 1.0), wagons));
                }
            }
        }
        self.air(t, &mut lp, &mut cons, &fly_people, &fly_mass);
        for (e, op, rhs) in cons {
            lp.add_constraint(e, op, rhs);
        }
        // Only a proof of infeasibility counts: a numerical failure must not raise the bound.
        match lp.solve() {
            Err(microlp::Error::Infeasible) => Solved::Infeasible,
            Err(_) => Solved::Unknown,
            Ok(sol) => Solved::Feasible(
                mode_vars
                    .iter()
                    .map(|parts| {
                        parts
                            .iter()
                            .map(|vars| vars.map(|v| v.map_or(0.0, |v| *sol.var_value(v))))
                            .collect()
                    })
                    .collect(),
            ),
        }
    }

    /// The air part: sorties, what they carry, the fleet's hours and the airfields' slots.
    fn air(
        &self,
        t: Minute,
        lp: &mut Problem,
        cons: &mut Vec<(LinearExpr, ComparisonOp, f64)>,
        fly_people: &[Vec<(Variable, f64)>],
        fly_mass: &[Vec<(Variable, f64)>],
    ) {
        let sc = self.m.sc;
        let usable: Vec<(usize, Variable)> = self
            .sorties
            .iter()
            .enumerate()
            .filter(|(_, s)| s.land + s.svc_host + s.out <= t)
            .map(|(i, _)| (i, lp.add_var(1.0, (0.0, f64::INFINITY))))
            .collect();
        // Sorties by (state, type).
        let mut by_state_kind: BTreeMap<(usize, usize), Vec<Variable>> = BTreeMap::new();
        for &(i, v) in &usable {
            let s = &self.sorties[i];
            by_state_kind.entry((s.state, s.kind)).or_default().push(v);
        }
        // Carried tonnes and people per (state, type).
        let mut carried: BTreeMap<(usize, usize), LinearExpr> = BTreeMap::new();
        let mut seated: BTreeMap<(usize, usize), LinearExpr> = BTreeMap::new();
        for (g, demand) in fly_mass.iter().enumerate() {
            if demand.is_empty() {
                continue;
            }
            let grp = &self.groups[g];
            let mut split = LinearExpr::empty();
            for &k in &grp.kinds {
                if !by_state_kind.contains_key(&(grp.state, k)) {
                    continue;
                }
                let q = lp.add_var(0.0, (0.0, f64::INFINITY));
                split.add(q, 1.0);
                carried
                    .entry((grp.state, k))
                    .or_insert_with(LinearExpr::empty)
                    .add(q, 1.0);
            }
            for &(x, mass) in demand {
                split.add(x, -mass);
            }
            cons.push((split, ComparisonOp::Eq, 0.0));
        }
        for (s, demand) in fly_people.iter().enumerate() {
            if demand.is_empty() {
                continue;
            }
            let mut split = LinearExpr::empty();
            for (k, kind) in sc.aircraft.iter().enumerate() {
                if kind.seats == 0 || !by_state_kind.contains_key(&(s, k)) {
                    continue;
                }
                let q = lp.add_var(0.0, (0.0, f64::INFINITY));
                split.add(q, 1.0);
                seated
                    .entry((s, k))
                    .or_insert_with(LinearExpr::empty)
                    .add(q, 1.0);
                carried
                    .entry((s, k))
                    .or_insert_with(LinearExpr::empty)
                    .add(q, sc.rules.personnel_t);
            }
            for &(x, n) in demand {
                split.add(x, -n);
            }
            cons.push((split, ComparisonOp::Eq, 0.0));
        }
        for (key, vars) in &by_state_kind {
            let kind = &sc.aircraft[key.1];
            if let Some(e) = carried.remove(key) {
                let mut e = e;
                for &v in vars {
                    e.add(v, -kind.payload_t);
                }
                cons.push(le(e, 0.0));
            }
            if let Some(e) = seated.remove(key) {
                let mut e = e;
                for &v in vars {
                    e.add(v, -f64::from(kind.seats));
                }
                cons.push(le(e, 0.0));
            }
        }
        // Each aircraft's sorties, with the empty flight back between two of them, fit between
        // its availability (and first positioning) and the last unloading that still arrives.
        for (k, kind) in sc.aircraft.iter().enumerate() {
            let mine: Vec<&(usize, Variable)> = usable
                .iter()
                .filter(|(i, _)| self.sorties[*i].kind == k)
                .collect();
            if mine.is_empty() {
                continue;
            }
            let out = mine
                .iter()
                .map(|(i, _)| self.sorties[*i].out)
                .min()
                .unwrap_or(0);
            let back = mine
                .iter()
                .map(|(i, _)| self.sorties[*i].back)
                .max()
                .unwrap_or(0);
            let span = (t - kind.available - self.position[k] - out + back).max(0) as f64;
            let mut e = LinearExpr::empty();
            for &&(i, v) in &mine {
                let s = &self.sorties[i];
                e.add(v, (s.svc_origin + s.fly + s.svc_host + s.back) as f64);
            }
            cons.push(le(e, f64::from(kind.count) * span));
        }
        // Working slots: loadings at an origin, unloadings at a host airfield.
        let mut at_origin: BTreeMap<usize, Vec<&(usize, Variable)>> = BTreeMap::new();
        let mut at_host: BTreeMap<usize, Vec<&(usize, Variable)>> = BTreeMap::new();
        for u in &usable {
            let s = &self.sorties[u.0];
            at_origin.entry(s.origin).or_default().push(u);
            at_host.entry(s.host).or_default().push(u);
        }
        for (&o, list) in &at_origin {
            let from = list
                .iter()
                .map(|(i, _)| self.sorties[*i].load_from)
                .min()
                .unwrap_or(0);
            let end = list
                .iter()
                .map(|(i, _)| {
                    let s = &self.sorties[*i];
                    t - s.out - s.svc_host - s.fly
                })
                .max()
                .unwrap_or(from);
            let mut e = LinearExpr::empty();
            for &&(i, v) in list {
                e.add(v, self.sorties[i].svc_origin as f64);
            }
            let slots = f64::from(sc.nodes[o].working.unwrap_or(1));
            cons.push(le(e, slots * (end - from).max(0) as f64));
        }
        for (&h, list) in &at_host {
            let from = list
                .iter()
                .map(|(i, _)| self.sorties[*i].land)
                .min()
                .unwrap_or(0);
            let out = list
                .iter()
                .map(|(i, _)| self.sorties[*i].out)
                .min()
                .unwrap_or(0);
            let mut e = LinearExpr::empty();
            for &&(i, v) in list {
                e.add(v, self.sorties[i].svc_host as f64);
            }
            let slots = f64::from(sc.nodes[h].working.unwrap_or(1));
            cons.push(le(e, slots * (t - out - from).max(0) as f64));
        }
    }
}

/// A `≤` constraint with a hair of slack, so rounding in the solver never proves a false
/// infeasibility (which would raise the bound above the truth).
fn le(e: LinearExpr, rhs: f64) -> (LinearExpr, ComparisonOp, f64) {
    (e, ComparisonOp::Le, rhs + 1e-6 * rhs.abs() + 1e-6)
}

/// Σ coefficient × var.
fn sum(vars: &[Variable], coefficient: f64) -> LinearExpr {
    let mut e = LinearExpr::empty();
    for &v in vars {
        e.add(v, coefficient);
    }
    e
}

/// Minutes one vehicle takes to pass a crossing.
fn minutes_per_vehicle(n: &crate::scenario::Node) -> f64 {
    60.0 / f64::from(n.throughput_per_hour.unwrap_or(1).max(1))
}

/// For each release time among a resource's uses (release, time needed after it, var): the
/// uses released at or after it, and the latest moment any of them may still take the
/// resource to arrive by `t`.
fn released(
    uses: &[(Minute, Minute, Variable)],
    t: Minute,
) -> impl Iterator<Item = (Minute, Minute, Vec<Variable>)> + '_ {
    uses.iter().map(move |&(from, _, _)| {
        let group: Vec<&(Minute, Minute, Variable)> = uses.iter().filter(|x| x.0 >= from).collect();
        let end = group.iter().map(|x| t - x.1).max().unwrap_or(from);
        (from, end, group.iter().map(|x| x.2).collect())
    })
}

/// The programme's answer at one time.
pub(crate) enum Solved {
    Infeasible,
    /// The solver failed: nothing proven either way.
    Unknown,
    /// Feasible, with each unit's parts split over road, rail and air (fractions, in the order
    /// of `critical::parts`).
    Feasible(Vec<Vec<[f64; 3]>>),
}

/// Every loaded flight the rules allow, with its earliest times; and each type's least
/// positioning flight from home to an origin.
fn sorties(m: &Model, prep: &Prep, state_ix: &BTreeMap<&str, usize>) -> (Vec<Sortie>, Vec<Minute>) {
    let sc = m.sc;
    let service = |k: usize, n: usize| {
        Minute::from(sc.aircraft[k].ground_min)
            + Minute::from(sc.nodes[n].handling_min.unwrap_or(0))
    };
    // Per origin airfield: its state and the earliest a load can be there.
    let mut origins: BTreeMap<usize, (usize, Minute)> = BTreeMap::new();
    // Per (state, host airfield): the least road time from it to the destination.
    let mut outs: HashMap<(usize, usize), Minute> = HashMap::new();
    for (u, unit) in sc.units.iter().enumerate() {
        let s = state_ix[unit.state.as_str()];
        for (o, f) in &prep.ways[u].airfields {
            if let Some(a) = march(m, unit, f, unit.ready, 1, &mut FxHashMap::default(), false) {
                let e = origins.entry(*o).or_insert((s, a.arrive));
                e.1 = e.1.min(a.arrive);
            }
        }
        if unit.modes.contains(&crate::scenario::Mode::Air) {
            for h in &prep.host_airfields {
                if let Some(a) = march(m, unit, &h.out, 0, 1, &mut FxHashMap::default(), false) {
                    let e = outs.entry((s, h.node)).or_insert(a.arrive);
                    *e = (*e).min(a.arrive);
                }
            }
        }
    }
    let states: Vec<&str> = {
        let mut v: Vec<(&str, usize)> = state_ix.iter().map(|(s, i)| (*s, *i)).collect();
        v.sort_by_key(|x| x.1);
        v.into_iter().map(|x| x.0).collect()
    };
    let mut out = Vec::new();
    let mut position = vec![Minute::MAX; sc.aircraft.len()];
    for (k, kind) in sc.aircraft.iter().enumerate() {
        if kind.count == 0 {
            continue;
        }
        let home = m.node_ix[kind.home.as_str()];
        let first = out.len();
        for (&o, &(s, load)) in &origins {
            let at = if home == o {
                kind.available
            } else {
                match airway(m, k, home, o, None) {
                    Some((_, c, mins)) => kind.available.max(c) + mins,
                    None => continue,
                }
            };
            position[k] = position[k].min(at - kind.available);
            for h in &prep.host_airfields {
                let Some(&road) = outs.get(&(s, h.node)) else {
                    continue;
                };
                let Some((_, clear, fly)) = airway(m, k, o, h.node, Some(states[s])) else {
                    continue;
                };
                let load_from = load.max(at);
                let svc_origin = service(k, o);
                let depart = (load_from + svc_origin).max(clear);
                out.push(Sortie {
                    kind: k,
                    state: s,
                    origin: o,
                    host: h.node,
                    load_from,
                    land: depart + fly,
                    svc_origin,
                    fly,
                    svc_host: service(k, h.node),
                    out: road,
                    back: 0,
                });
            }
        }
        // The empty flight from a host airfield to the nearest origin this type uses.
        let used: Vec<usize> = out[first..].iter().map(|s| s.origin).collect();
        for s in &mut out[first..] {
            s.back = used
                .iter()
                .filter_map(|&o| airway(m, k, s.host, o, None).map(|x| x.2))
                .min()
                .unwrap_or(0);
        }
        if position[k] == Minute::MAX {
            position[k] = 0;
        }
    }
    (out, position)
}

/// The fluid bound: the earliest time the programme is feasible, at or after the critical-path
/// bound `lo` and within the horizon, with the programme's split of each part over the modes
/// at a feasible time just above it (the search starts from it). The bound is None if it
/// proves nothing more than `lo`.
pub(crate) fn bound(f: &Fluid, lo: Minute) -> (Option<Bound>, Option<Modes>) {
    let horizon = f.m.sc.rules.horizon;
    if lo >= horizon {
        return (None, None);
    }
    let first = f.solve(lo);
    if !matches!(first, Solved::Infeasible) {
        return (None, modes(first));
    }
    // Invariant: infeasible at `lo`; find a feasible `hi` by growing steps, then bisect.
    let mut lo = lo;
    let mut hi = lo;
    let mut at_hi;
    loop {
        hi = (hi + (hi / 4).max(60)).min(horizon);
        at_hi = f.solve(hi);
        if !matches!(at_hi, Solved::Infeasible) {
            break;
        }
        if hi == horizon {
            return (None, None);
        }
        lo = hi;
    }
    while hi - lo > (lo / 2000).max(1) {
        let mid = lo + (hi - lo) / 2;
        let at_mid = f.solve(mid);
        if matches!(at_mid, Solved::Infeasible) {
            lo = mid;
        } else {
            hi = mid;
            at_hi = at_mid;
        }
    }
    let b = Bound {
        kind: "fluid".into(),
        value: lo + 1,
        detail: format!(
            "with loads split at will, the fleet, the airfields' working slots, the crossings and the railheads' paths cannot close the force before minute {}",
            lo + 1
        ),
    };
    (Some(b), modes(at_hi))
}

/// Each unit's parts as fractions on road, rail and air.
pub(crate) type Modes = Vec<Vec<[f64; 3]>>;

fn modes(s: Solved) -> Option<Modes> {
    match s {
        Solved::Feasible(x) => Some(x),
        _ => None,
    }
}
