//! Builds one candidate plan from a set of decisions: how each unit's people, vehicles and cargo
//! split between road, rail and air, in which order units book crossings and paths, and how
//! urgently the fleet serves each unit. Columns and trains are booked unit by unit; the fleet is
//! dispatched by an event simulation, aircraft by aircraft as each becomes free.

use rustc_hash::FxHashMap;
use std::collections::BinaryHeap;

use crate::calendar::{Cumulative, Disjunctive, Paths};
use crate::model::Model;
use crate::prep::{airway, Prep};
use crate::route::{march, Path, Step};
use crate::scenario::{Minute, Mode};

/// How one unit moves.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Split {
    /// Vehicles per class by road, rail, air.
    pub veh: [Vec<u32>; 3],
    /// Personnel by road, rail, air.
    pub pax: [u32; 3],
    /// Cargo by road, rail, air.
    pub cargo: [f64; 3],
    /// Which rail way (index into the unit's ways).
    pub railway: usize,
    /// Which origin airfield (index into the unit's ways); None: the nearest that serves every
    /// part flown.
    pub airfield: Option<usize>,
}

/// The decisions of one candidate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Genome {
    pub splits: Vec<Split>,
    /// Units in the order they book ground resources.
    pub order: Vec<usize>,
    /// Minutes subtracted from a unit's sortie finishing time when the fleet chooses what to fly.
    pub urgency: Vec<Minute>,
}

/// A compact timed step of a movement.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CStep {
    Road(usize, usize, usize, Minute, Minute),
    Crossing(usize, Minute, Minute),
    Rail(usize, usize, usize, Minute, Minute, usize),
    Air(usize, usize, usize, Minute, Minute, usize),
}

impl CStep {
    pub fn arrive(&self) -> Minute {
        match *self {
            CStep::Road(_, _, _, _, a)
            | CStep::Crossing(_, _, a)
            | CStep::Rail(_, _, _, _, a, _)
            | CStep::Air(_, _, _, _, a, _) => a,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CLoad {
    pub pax: u32,
    pub veh: Vec<u32>,
    pub cargo: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct CMove {
    pub unit: usize,
    pub mode: Mode,
    pub load: CLoad,
    pub steps: Vec<CStep>,
}

#[derive(Debug, Clone)]
pub(crate) struct CFlight {
    pub kind: usize,
    pub n: u32,
    pub leg: usize,
    pub from: usize,
    pub to: usize,
    pub dep: Minute,
    pub arr: Minute,
    pub loaded: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct CTrain {
    pub from: usize,
    pub to: usize,
    pub dep: Minute,
    pub arr: Minute,
    pub wagons: u32,
}

/// A candidate plan and its objective.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub moves: Vec<CMove>,
    pub flights: Vec<CFlight>,
    pub trains: Vec<CTrain>,
    pub unit_closure: Vec<Minute>,
    pub closure: Minute,
    pub lateness: i64,
    pub sorties: u32,
}

impl Candidate {
    /// The objective, lexicographic: closure, weighted lateness, sorties.
    pub fn key(&self) -> (Minute, i64, u32) {
        (self.closure, self.lateness, self.sorties)
    }
}

fn steps_of(march: &crate::route::March) -> Vec<CStep> {
    march
        .steps
        .iter()
        .map(|s| match *s {
            Step::Road(l, a, b, d, r) => CStep::Road(l, a, b, d, r),
            Step::Crossing(n, s, e) => CStep::Crossing(n, s, e),
        })
        .collect()
}

struct Ctx<'a> {
    m: &'a Model<'a>,
    crossings: FxHashMap<usize, Disjunctive>,
    paths: FxHashMap<usize, Paths>,
    working: FxHashMap<usize, Cumulative>,
    parking: FxHashMap<usize, Cumulative>,
    moves: Vec<CMove>,
    flights: Vec<CFlight>,
    trains: Vec<CTrain>,
}

/// Builds the candidate, or `None` when some part cannot be placed under these decisions.
pub(crate) fn build(m: &Model, prep: &Prep, g: &Genome) -> Option<Candidate> {
    let sc = m.sc;
    let mut cx = Ctx {
        m,
        crossings: FxHashMap::default(),
        paths: FxHashMap::default(),
        working: FxHashMap::default(),
        parking: FxHashMap::default(),
        moves: Vec::new(),
        flights: Vec::new(),
        trains: Vec::new(),
    };
    // Columns first (they hold crossings), then trains, each unit in the genome's order.
    for &u in &g.order {
        road(&mut cx, prep, u, &g.splits[u])?;
    }
    for &u in &g.order {
        rail(&mut cx, prep, u, &g.splits[u])?;
    }
    air(&mut cx, prep, g)?;
    let mut unit_closure = vec![0; sc.units.len()];
    for mv in &cx.moves {
        let a = mv.steps.last().map_or(0, CStep::arrive);
        unit_closure[mv.unit] = unit_closure[mv.unit].max(a);
    }
    let closure = unit_closure.iter().copied().max().unwrap_or(0);
    if closure > sc.rules.horizon {
        return None;
    }
    let lateness = sc
        .units
        .iter()
        .zip(&unit_closure)
        .map(|(u, &c)| i64::from(u.priority) * (c - u.rdd).max(0))
        .sum();
    let sorties = cx.flights.iter().filter(|f| f.loaded).count() as u32;
    Some(Candidate {
        moves: cx.moves,
        flights: cx.flights,
        trains: cx.trains,
        unit_closure,
        closure,
        lateness,
        sorties,
    })
}

fn road(cx: &mut Ctx, prep: &Prep, u: usize, s: &Split) -> Option<()> {
    let unit = &cx.m.sc.units[u];
    let vehicles: u32 = s.veh[0].iter().sum();
    if vehicles == 0 && s.pax[0] == 0 && s.cargo[0] <= 0.0 {
        return Some(());
    }
    let ways = &prep.ways[u];
    let mut best: Option<(Minute, usize)> = None;
    for (i, p) in ways.roads.iter().enumerate() {
        if let Some(mr) = march(
            cx.m,
            unit,
            p,
            unit.ready,
            vehicles,
            &mut cx.crossings,
            false,
        ) {
            if best.is_none_or(|(a, _)| mr.arrive < a) {
                best = Some((mr.arrive, i));
            }
        }
    }
    let (_, i) = best?;
    let mr = march(
        cx.m,
        unit,
        &ways.roads[i],
        unit.ready,
        vehicles,
        &mut cx.crossings,
        true,
    )?;
    cx.moves.push(CMove {
        unit: u,
        mode: Mode::Road,
        load: CLoad {
            pax: s.pax[0],
            veh: s.veh[0].clone(),
            cargo: s.cargo[0],
        },
        steps: steps_of(&mr),
    });
    Some(())
}

fn rail(cx: &mut Ctx, prep: &Prep, u: usize, s: &Split) -> Option<()> {
    let sc = cx.m.sc;
    let unit = &sc.units[u];
    let total_veh: u32 = s.veh[1].iter().sum();
    if total_veh == 0 && s.pax[1] == 0 && s.cargo[1] <= 0.0 {
        return Some(());
    }
    let rules = sc.rail.as_ref()?;
    let way = prep.ways[u].rails.get(s.railway)?;
    let feed = march(
        cx.m,
        unit,
        &way.feeder,
        unit.ready,
        total_veh,
        &mut cx.crossings,
        false,
    )?;
    // The train runs through: each rail leg departs when the previous arrives.
    let mut offset = 0;
    let mut earliest = feed.arrive + Minute::from(rules.load_min);
    let mut run = Vec::new();
    for &(leg, a, b) in &way.rail {
        let clear = cx.m.leg_clearance(&unit.state, leg)?;
        earliest = earliest.max(clear - offset);
        let mins = Minute::from(sc.legs[leg].minutes.unwrap_or(0));
        run.push((leg, a, b, offset, offset + mins));
        offset += mins;
    }
    // Pack: vehicles first, one per wagon, then passenger and cargo wagons.
    let wpt = rules.wagons_per_train;
    let mut veh_left = s.veh[1].clone();
    let mut pax_left = s.pax[1];
    let mut cargo_left = s.cargo[1];
    let paths = cx
        .paths
        .entry(way.railhead)
        .or_insert_with(|| Paths::new(sc.nodes[way.railhead].paths_per_day.unwrap_or(1)));
    let mut pending = Vec::new();
    while veh_left.iter().any(|&v| v > 0) || pax_left > 0 || cargo_left > 1e-9 {
        let mut room = wpt;
        let mut veh = vec![0u32; veh_left.len()];
        for (k, v) in veh_left.iter_mut().enumerate() {
            let take = (*v).min(room);
            veh[k] = take;
            *v -= take;
            room -= take;
        }
        let pax = pax_left.min(room * rules.personnel_per_wagon);
        pax_left -= pax;
        room -= pax.div_ceil(rules.personnel_per_wagon);
        let cargo = cargo_left.min(f64::from(room) * rules.cargo_t_per_wagon);
        cargo_left -= cargo;
        if cargo_left < 1e-9 {
            cargo_left = 0.0;
        }
        room -= (cargo / rules.cargo_t_per_wagon - 1e-9).ceil().max(0.0) as u32;
        let dep = paths.earliest(earliest);
        paths.take(dep);
        pending.push((dep, wpt - room, CLoad { pax, veh, cargo }));
    }
    let end = way.rail.last().map_or(way.railhead, |x| x.2);
    for (dep, wagons, load) in pending {
        let train = cx.trains.len();
        cx.trains.push(CTrain {
            from: way.railhead,
            to: end,
            dep,
            arr: dep + offset,
            wagons,
        });
        let mut steps = steps_of(&feed);
        for &(leg, a, b, s0, s1) in &run {
            steps.push(CStep::Rail(leg, a, b, dep + s0, dep + s1, train));
        }
        let vehicles: u32 = load.veh.iter().sum();
        let out = march(
            cx.m,
            unit,
            &way.out,
            dep + offset + Minute::from(rules.unload_min),
            vehicles,
            &mut cx.crossings,
            false,
        )?;
        steps.extend(steps_of(&out));
        cx.moves.push(CMove {
            unit: u,
            mode: Mode::Rail,
            load,
            steps,
        });
    }
    Some(())
}

/// What a unit still has to fly from one origin airfield.
struct Request {
    unit: usize,
    origin: usize,
    feeder: Path,
    ready: Minute,
    at_airfield: Minute,
    veh: Vec<u32>,
    pax: u32,
    cargo: f64,
}

impl Request {
    fn done(&self) -> bool {
        self.pax == 0 && self.cargo <= 1e-9 && self.veh.iter().all(|&v| v == 0)
    }
}

#[derive(Debug, Clone, Copy)]
struct Aircraft {
    kind: usize,
    n: u32,
    at: usize,
    free: Minute,
}

/// A sortie as evaluated before booking.
struct Sortie {
    req: usize,
    dest: usize,
    hold_from: Minute,
    position: Option<(usize, Minute, Minute)>,
    load_start: Minute,
    fly: (usize, Minute, Minute),
    finish: Minute,
    pax: u32,
    veh: Vec<u32>,
    cargo: f64,
}

fn air(cx: &mut Ctx, prep: &Prep, g: &Genome) -> Option<()> {
    let sc = cx.m.sc;
    let mut reqs: Vec<Request> = Vec::new();
    for (u, s) in g.splits.iter().enumerate() {
        if s.veh[2].iter().all(|&v| v == 0) && s.pax[2] == 0 && s.cargo[2] <= 1e-9 {
            continue;
        }
        let unit = &sc.units[u];
        let (origin, path) = origin_airfield(cx.m, prep, u, s)?;
        let vehicles: u32 = s.veh[2].iter().sum();
        let feed = march(
            cx.m,
            unit,
            path,
            unit.ready,
            vehicles,
            &mut cx.crossings,
            false,
        )?;
        reqs.push(Request {
            unit: u,
            origin: *origin,
            feeder: path.clone(),
            ready: unit.ready,
            at_airfield: feed.arrive,
            veh: s.veh[2].clone(),
            pax: s.pax[2],
            cargo: s.cargo[2],
        });
    }
    if reqs.is_empty() {
        return Some(());
    }
    let mut fleet: Vec<Aircraft> = Vec::new();
    for (k, t) in sc.aircraft.iter().enumerate() {
        let home = cx.m.node_ix[t.home.as_str()];
        for n in 1..=t.count {
            fleet.push(Aircraft {
                kind: k,
                n,
                at: home,
                free: t.available,
            });
        }
    }
    let mut heap: BinaryHeap<std::cmp::Reverse<(Minute, usize)>> = fleet
        .iter()
        .enumerate()
        .map(|(i, a)| std::cmp::Reverse((a.free, i)))
        .collect();
    while !reqs.iter().all(Request::done) {
        let std::cmp::Reverse((_, ai)) = heap.pop()?;
        let ac = fleet[ai];
        let t = &sc.aircraft[ac.kind];
        let home = cx.m.node_ix[t.home.as_str()];
        let mut best: Option<(Minute, Sortie)> = None;
        for (ri, r) in reqs.iter().enumerate() {
            if r.done() {
                continue;
            }
            if let Some(s) = evaluate(cx, prep, &ac, home, ri, r) {
                let key = s.finish - g.urgency[r.unit];
                if best.as_ref().is_none_or(|(k, _)| key < *k) {
                    best = Some((key, s));
                }
            }
        }
        match best {
            Some((_, s)) => {
                book(cx, prep, &mut reqs, &mut fleet[ai], home, s);
                heap.push(std::cmp::Reverse((fleet[ai].free, ai)));
            }
            None if ac.at != home => {
                // Nothing it can fly from here: it goes home and tries again from there.
                fly_home(cx, &mut fleet[ai], home)?;
                heap.push(std::cmp::Reverse((fleet[ai].free, ai)));
            }
            None => {}
        }
    }
    // Every aircraft ends at home.
    for ac in &mut fleet {
        let home = cx.m.node_ix[sc.aircraft[ac.kind].home.as_str()];
        if ac.at != home {
            fly_home(cx, ac, home)?;
        }
    }
    Some(())
}

/// Where a unit's air loads fly from: the airfield the split names if it serves every part
/// flown, else the nearest by road that does, else the longest runway some aircraft may fly
/// to the host from.
fn origin_airfield<'p>(
    m: &Model,
    prep: &'p Prep,
    u: usize,
    s: &Split,
) -> Option<&'p (usize, Path)> {
    let sc = m.sc;
    let unit = &sc.units[u];
    let ways = &prep.ways[u];
    // Types that can reach the airfield from home and fly from it to a host airfield.
    let types = |o: usize| -> Vec<usize> {
        (0..sc.aircraft.len())
            .filter(|&k| {
                let t = &sc.aircraft[k];
                let home = m.node_ix[t.home.as_str()];
                t.count > 0
                    && (home == o || airway(m, k, home, o, None).is_some())
                    && prep
                        .host_airfields
                        .iter()
                        .any(|h| airway(m, k, o, h.node, Some(&unit.state)).is_some())
            })
            .collect()
    };
    let serves = |o: usize| {
        let ks = types(o);
        let vehicles_ok = s.veh[2].iter().enumerate().all(|(c, &n)| {
            let v = &unit.vehicles[c];
            n == 0
                || ks.iter().any(|&k| {
                    let t = &sc.aircraft[k];
                    v.weight_t <= t.payload_t && (!v.outsize || t.outsize)
                })
        });
        vehicles_ok
            && (s.pax[2] == 0 || ks.iter().any(|&k| sc.aircraft[k].seats > 0))
            && (s.cargo[2] <= 1e-9 || !ks.is_empty())
    };
    if let Some(w) = s.airfield.and_then(|i| ways.airfields.get(i)) {
        if serves(w.0) {
            return Some(w);
        }
    }
    let km = |p: &Path| p.iter().map(|&(leg, _, _)| sc.legs[leg].km).sum::<f64>();
    ways.airfields
        .iter()
        .filter(|(o, _)| serves(*o))
        .min_by(|a, b| km(&a.1).total_cmp(&km(&b.1)).then(a.0.cmp(&b.0)))
        .or_else(|| {
            ways.airfields
                .iter()
                .filter(|(o, _)| !types(*o).is_empty())
                .max_by_key(|(o, _)| (sc.nodes[*o].runway_m.unwrap_or(0), std::cmp::Reverse(*o)))
        })
}

/// An empty flight home as soon as the aircraft is free; `None` if no airway or clearance
/// lets it leave then (it may not wait on another airfield's stands).
fn fly_home(cx: &mut Ctx, ac: &mut Aircraft, home: usize) -> Option<()> {
    let (leg, from, mins) = airway(cx.m, ac.kind, ac.at, home, None)?;
    if from > ac.free {
        return None;
    }
    cx.flights.push(CFlight {
        kind: ac.kind,
        n: ac.n,
        leg,
        from: ac.at,
        to: home,
        dep: ac.free,
        arr: ac.free + mins,
        loaded: false,
    });
    ac.at = home;
    ac.free += mins;
    Some(())
}

fn service(cx: &Ctx, kind: usize, node: usize) -> Minute {
    Minute::from(cx.m.sc.aircraft[kind].ground_min)
        + Minute::from(cx.m.sc.nodes[node].handling_min.unwrap_or(0))
}

fn fill(cx: &Ctx, prep: &Prep, kind: usize, r: &Request) -> Option<(u32, Vec<u32>, f64)> {
    let sc = cx.m.sc;
    let t = &sc.aircraft[kind];
    let unit = &sc.units[r.unit];
    let mut w = 0.0;
    let mut veh = vec![0u32; r.veh.len()];
    for &k in &prep.ways[r.unit].heavy_first {
        let c = &unit.vehicles[k];
        if c.outsize && !t.outsize {
            continue;
        }
        while veh[k] < r.veh[k] && w + c.weight_t <= t.payload_t + 1e-9 {
            veh[k] += 1;
            w += c.weight_t;
        }
    }
    let pt = sc.rules.personnel_t;
    let room_pax = if pt > 0.0 {
        ((t.payload_t - w) / pt + 1e-9).floor().max(0.0) as u32
    } else {
        u32::MAX
    };
    let pax = r.pax.min(t.seats).min(room_pax);
    w += f64::from(pax) * pt;
    let cargo = r.cargo.min((t.payload_t - w).max(0.0));
    let cargo = if cargo < 1e-6 { 0.0 } else { cargo };
    (pax > 0 || cargo > 0.0 || veh.iter().any(|&v| v > 0)).then_some((pax, veh, cargo))
}

fn evaluate(
    cx: &Ctx,
    prep: &Prep,
    ac: &Aircraft,
    home: usize,
    ri: usize,
    r: &Request,
) -> Option<Sortie> {
    let sc = cx.m.sc;
    let t = &sc.aircraft[ac.kind];
    let (pax, veh, cargo) = fill(cx, prep, ac.kind, r)?;
    let unit_state = sc.units[r.unit].state.as_str();
    let at_home = ac.at == home;
    let svc_o = service(cx, ac.kind, r.origin);
    let park_o = home != r.origin;
    let cap = |n: usize, f: fn(&crate::scenario::Node) -> Option<u32>| f(&sc.nodes[n]).unwrap_or(0);
    let working_o = cx.working.get(&r.origin);
    let parking_o = cx.parking.get(&r.origin);
    let mut best: Option<Sortie> = None;
    for (hi, h) in prep.host_airfields.iter().enumerate() {
        let Some((leg, clear, mins)) = airway(cx.m, ac.kind, r.origin, h.node, Some(unit_state))
        else {
            continue;
        };
        let svc_h = service(cx, ac.kind, h.node);
        let position = if ac.at == r.origin {
            None
        } else {
            match airway(cx.m, ac.kind, ac.at, r.origin, None) {
                Some(p) => Some(p),
                None => continue,
            }
        };
        // Earliest arrival at the origin.
        let arrive_o = match position {
            None => ac.free,
            Some((_, pclear, pm)) => {
                if at_home {
                    ac.free.max(pclear) + pm
                } else {
                    if pclear > ac.free {
                        continue;
                    }
                    ac.free + pm
                }
            }
        };
        let mut s = arrive_o
            .max(r.at_airfield)
            .max(t.available)
            .max(clear - svc_o);
        let mut ok = false;
        for _ in 0..64 {
            let s1 = working_o.map_or(s, |c| c.earliest(s, svc_o, cap(r.origin, |n| n.working)));
            let s1 = if park_o {
                // Parked from arrival (or, flying in from home, from the start of loading).
                let from = if at_home { s1 } else { arrive_o };
                let p = parking_o.map_or(s1, |c| {
                    if c.fits(from, s1 + svc_o, cap(r.origin, |n| n.parking)) {
                        s1
                    } else if at_home {
                        c.earliest(s1, svc_o, cap(r.origin, |n| n.parking))
                    } else {
                        Minute::MAX / 4
                    }
                });
                p.max(s1)
            } else {
                s1
            };
            if s1 >= Minute::MAX / 8 {
                break;
            }
            let arr_h = s1 + svc_o + mins;
            let park_h = home != h.node;
            let wh = cx.working.get(&h.node).map_or(arr_h, |c| {
                c.earliest(arr_h, svc_h, cap(h.node, |n| n.working))
            });
            let ph = if park_h {
                cx.parking
                    .get(&h.node)
                    .map_or(wh, |c| c.earliest(wh, svc_h, cap(h.node, |n| n.parking)))
            } else {
                wh
            };
            if ph == arr_h && s1 == s {
                ok = true;
                break;
            }
            s = s1.max(ph - mins - svc_o);
        }
        if !ok {
            continue;
        }
        let arr_h = s + svc_o + mins;
        let start_out = arr_h + svc_h;
        let finish = match prep.ways[r.unit].out_air[hi] {
            Some((from, d)) if start_out >= from => start_out + d,
            _ => {
                march(
                    cx.m,
                    &sc.units[r.unit],
                    &h.out,
                    start_out,
                    veh.iter().sum(),
                    &mut FxHashMap::default(),
                    false,
                )?
                .arrive
            }
        };
        let hold_from = if at_home && position.is_some() {
            s
        } else {
            arrive_o
        };
        let pos = position.map(|(pl, _, pm)| {
            let dep = if at_home { s - pm } else { ac.free };
            (pl, dep, dep + pm)
        });
        if best.as_ref().is_none_or(|b| finish < b.finish) {
            best = Some(Sortie {
                req: ri,
                dest: h.node,
                hold_from,
                position: pos,
                load_start: s,
                fly: (leg, s + svc_o, arr_h),
                finish,
                pax,
                veh: veh.clone(),
                cargo,
            });
        }
    }
    best
}

fn book(
    cx: &mut Ctx,
    prep: &Prep,
    reqs: &mut [Request],
    ac: &mut Aircraft,
    home: usize,
    s: Sortie,
) {
    let sc = cx.m.sc;
    let r = &mut reqs[s.req];
    let svc_o = service(cx, ac.kind, r.origin);
    let svc_h = service(cx, ac.kind, s.dest);
    if let Some((leg, dep, arr)) = s.position {
        cx.flights.push(CFlight {
            kind: ac.kind,
            n: ac.n,
            leg,
            from: ac.at,
            to: r.origin,
            dep,
            arr,
            loaded: false,
        });
    }
    cx.working
        .entry(r.origin)
        .or_default()
        .add(s.load_start, s.load_start + svc_o);
    if home != r.origin {
        cx.parking
            .entry(r.origin)
            .or_default()
            .add(s.hold_from, s.load_start + svc_o);
    }
    let (leg, dep, arr) = s.fly;
    cx.working.entry(s.dest).or_default().add(arr, arr + svc_h);
    if home != s.dest {
        cx.parking.entry(s.dest).or_default().add(arr, arr + svc_h);
    }
    let flight = cx.flights.len();
    cx.flights.push(CFlight {
        kind: ac.kind,
        n: ac.n,
        leg,
        from: r.origin,
        to: s.dest,
        dep,
        arr,
        loaded: true,
    });
    let unit = &sc.units[r.unit];
    let vehicles: u32 = s.veh.iter().sum();
    let feed = march(
        cx.m,
        unit,
        &r.feeder,
        r.ready,
        vehicles,
        &mut cx.crossings,
        false,
    )
    .expect("the feeder was timed before");
    let host = prep
        .host_airfields
        .iter()
        .find(|h| h.node == s.dest)
        .expect("a host airfield");
    let out = march(
        cx.m,
        unit,
        &host.out,
        arr + svc_h,
        vehicles,
        &mut cx.crossings,
        false,
    )
    .expect("the way out was timed before");
    let mut steps = steps_of(&feed);
    steps.push(CStep::Air(leg, r.origin, s.dest, dep, arr, flight));
    steps.extend(steps_of(&out));
    for (k, v) in s.veh.iter().enumerate() {
        r.veh[k] -= v;
    }
    r.pax -= s.pax;
    r.cargo -= s.cargo;
    if r.cargo < 1e-6 {
        r.cargo = 0.0;
    }
    cx.moves.push(CMove {
        unit: r.unit,
        mode: Mode::Air,
        load: CLoad {
            pax: s.pax,
            veh: s.veh,
            cargo: s.cargo,
        },
        steps,
    });
    ac.at = s.dest;
    ac.free = arr + svc_h;
}
