//! The search: a first plan from each unit's fastest ground mode and a second from the fluid
//! programme's split (`fluid.rs`), then local search over the split of each unit between road,
//! rail and air, its origin airfield, the order units book crossings and paths, and the
//! fleet's urgency per unit. Independent chains run on all cores from seeds derived from
//! the user's seed; the best plan wins, ties going to the lower chain, so the result does not
//! depend on thread timing.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::critical::{Part, PartReach};
use crate::model::Model;
use crate::prep::Prep;
use crate::scenario::{Minute, Mode};
use crate::schedule::{build, Candidate, Genome, Split};
use crate::{Control, Observer, Progress};

/// The first guess: every unit on its fastest ground mode, people riding with the vehicles,
/// what does not fit flying.
pub(crate) fn initial(m: &Model, prep: &Prep, reach: &[Vec<PartReach>]) -> Genome {
    let sc = m.sc;
    let splits = sc
        .units
        .iter()
        .enumerate()
        .map(|(u, unit)| {
            let nv = unit.vehicles.len();
            let mut s = Split {
                veh: [vec![0; nv], vec![0; nv], vec![0; nv]],
                pax: [0; 3],
                cargo: [0.0; 3],
                railway: 0,
                airfield: None,
            };
            let r = &reach[u];
            let time = |p: Part, mode: usize| {
                r.iter()
                    .find(|x| x.part == p)
                    .and_then(|x| x.by[mode].as_ref().ok().copied())
            };
            for (k, v) in unit.vehicles.iter().enumerate() {
                let best = [0usize, 1, 2]
                    .into_iter()
                    .filter_map(|mode| time(Part::Vehicles(k), mode).map(|t| (mode >= 2, t, mode)))
                    .min();
                if let Some((_, _, mode)) = best {
                    s.veh[mode][k] = v.count;
                }
            }
            let road_veh: u32 = s.veh[0].iter().sum();
            let mut pax = unit.personnel;
            let mut cargo = unit.cargo_t;
            // People and cargo ride with the column, then the trains, then fly.
            let seats = road_veh * unit.seats_per_vehicle;
            if time(Part::Personnel, 0).is_some() {
                s.pax[0] = pax.min(seats);
                pax -= s.pax[0];
            }
            if time(Part::Cargo, 0).is_some() {
                s.cargo[0] = cargo.min(f64::from(road_veh) * unit.cargo_t_per_vehicle);
                cargo -= s.cargo[0];
            }
            let rail_ok = !prep.ways[u].rails.is_empty();
            let air_ok = !prep.ways[u].airfields.is_empty() && unit.modes.contains(&Mode::Air);
            let faster_by_air = |p: Part| match (time(p, 2), time(p, 1)) {
                (Some(a), Some(r)) => a < r,
                (Some(_), None) => true,
                _ => false,
            };
            if pax > 0 {
                if air_ok && (faster_by_air(Part::Personnel) || !rail_ok) {
                    s.pax[2] = pax;
                } else if rail_ok {
                    s.pax[1] = pax;
                } else {
                    s.pax[0] += pax;
                }
            }
            if cargo > 1e-9 {
                if rail_ok && !faster_by_air(Part::Cargo) {
                    s.cargo[1] = cargo;
                } else if air_ok {
                    s.cargo[2] = cargo;
                } else {
                    s.cargo[0] += cargo;
                }
            }
            s
        })
        .collect();
    let mut order: Vec<usize> = (0..sc.units.len()).collect();
    // Units that need longest go first.
    let worst: Vec<Minute> = reach
        .iter()
        .map(|r| r.iter().filter_map(PartReach::best).max().unwrap_or(0))
        .collect();
    order.sort_by_key(|&u| (std::cmp::Reverse(worst[u]), u));
    Genome {
        splits,
        order,
        urgency: worst.iter().map(|w| w / 4).collect(),
    }
}

/// A second start: each unit split over the modes as the fluid programme split it (rounded to
/// whole vehicles and people), where that makes a sane split; the first guess elsewhere.
pub(crate) fn from_modes(
    m: &Model,
    prep: &Prep,
    reach: &[Vec<PartReach>],
    modes: &crate::fluid::Modes,
    base: &Genome,
) -> Genome {
    let mut g = base.clone();
    for (u, unit) in m.sc.units.iter().enumerate() {
        let mut s = g.splits[u].clone();
        for (p, f) in reach[u].iter().zip(&modes[u]) {
            match p.part {
                Part::Personnel => s.pax = round_split(unit.personnel, f),
                Part::Vehicles(k) => {
                    let r = round_split(unit.vehicles[k].count, f);
                    for (by_mode, n) in s.veh.iter_mut().zip(r) {
                        by_mode[k] = n;
                    }
                }
                Part::Cargo => {
                    let total: f64 = f.iter().sum::<f64>().max(1e-12);
                    let mut c = f.map(|x| {
                        if x < 1e-6 {
                            0.0
                        } else {
                            unit.cargo_t * x / total
                        }
                    });
                    let sum: f64 = c.iter().sum();
                    let big = (0..3).max_by(|&a, &b| c[a].total_cmp(&c[b])).unwrap_or(0);
                    c[big] += unit.cargo_t - sum;
                    s.cargo = c;
                }
            }
        }
        // Rounding may seat a person or a tonne too many on the column: they take the other
        // mode the programme used most.
        let road_veh: u32 = s.veh[0].iter().sum();
        let other =
            if s.pax[1] + s.veh[1].iter().sum::<u32>() >= s.pax[2] + s.veh[2].iter().sum::<u32>() {
                1
            } else {
                2
            };
        let seats = road_veh * unit.seats_per_vehicle;
        if s.pax[0] > seats {
            s.pax[other] += s.pax[0] - seats;
            s.pax[0] = seats;
        }
        let room = f64::from(road_veh) * unit.cargo_t_per_vehicle;
        if s.cargo[0] > room {
            s.cargo[other] += s.cargo[0] - room;
            s.cargo[0] = room;
        }
        let before = std::mem::replace(&mut g.splits[u], s);
        if !sane_unit(m, prep, u, &g.splits[u]) {
            g.splits[u] = before;
        }
    }
    g
}

/// Whole numbers over three modes in proportion to `f`, adding up to `n` (largest remainder).
fn round_split(n: u32, f: &[f64; 3]) -> [u32; 3] {
    let total: f64 = f.iter().sum::<f64>().max(1e-12);
    let exact = f.map(|x| f64::from(n) * x / total);
    let mut out = exact.map(|x| (x + 1e-9).floor() as u32);
    let mut left = n.saturating_sub(out.iter().sum());
    let mut order = [0usize, 1, 2];
    order.sort_by(|&a, &b| {
        (exact[b] - f64::from(out[b])).total_cmp(&(exact[a] - f64::from(out[a])))
    });
    for &i in order.iter().cycle() {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    out
}

/// Whether a split respects what a column can carry and what modes can take.
fn sane(m: &Model, prep: &Prep, g: &Genome) -> bool {
    g.splits
        .iter()
        .enumerate()
        .all(|(u, s)| sane_unit(m, prep, u, s))
}

/// Whether one unit's split respects what its column can carry and what its modes can take.
fn sane_unit(m: &Model, prep: &Prep, u: usize, s: &Split) -> bool {
    let unit = &m.sc.units[u];
    let road_veh: u32 = s.veh[0].iter().sum();
    let any =
        |mode: usize| s.veh[mode].iter().any(|&v| v > 0) || s.pax[mode] > 0 || s.cargo[mode] > 1e-9;
    s.pax[0] <= road_veh * unit.seats_per_vehicle
        && s.cargo[0] <= f64::from(road_veh) * unit.cargo_t_per_vehicle + 1e-9
        && (!any(0) || (unit.modes.contains(&Mode::Road) && !prep.ways[u].roads.is_empty()))
        && (!any(1) || (unit.modes.contains(&Mode::Rail) && !prep.ways[u].rails.is_empty()))
        && (!any(2) || (unit.modes.contains(&Mode::Air) && !prep.ways[u].airfields.is_empty()))
}

/// One random change of the decisions.
fn mutate(m: &Model, prep: &Prep, g: &mut Genome, best: &Candidate, rng: &mut ChaCha8Rng) {
    let sc = m.sc;
    let n = sc.units.len();
    // Mostly work on the units that arrive last.
    let u = if rng.gen_bool(0.7) {
        let mut late: Vec<usize> = (0..n).collect();
        late.sort_by_key(|&u| std::cmp::Reverse(best.unit_closure[u]));
        late[rng.gen_range(0..late.len().min(3))]
    } else {
        rng.gen_range(0..n)
    };
    let unit = &sc.units[u];
    let s = &mut g.splits[u];
    match rng.gen_range(0..10) {
        // Move some vehicles of a class to another mode.
        0..=2 if !unit.vehicles.is_empty() => {
            let k = rng.gen_range(0..unit.vehicles.len());
            let from = rng.gen_range(0..3);
            let to = rng.gen_range(0..3);
            if from != to && s.veh[from][k] > 0 {
                let max = s.veh[from][k];
                let q = match rng.gen_range(0..3) {
                    0 => 1,
                    1 => rng.gen_range(1..=max),
                    _ => max,
                }
                .min(max);
                s.veh[from][k] -= q;
                s.veh[to][k] += q;
            }
        }
        // Move some people.
        3 | 4 => {
            let from = rng.gen_range(0..3);
            let to = rng.gen_range(0..3);
            if from != to && s.pax[from] > 0 {
                let max = s.pax[from];
                let q = match rng.gen_range(0..3) {
                    0 => max.min(rng.gen_range(1..=125)),
                    1 => rng.gen_range(1..=max),
                    _ => max,
                };
                s.pax[from] -= q;
                s.pax[to] += q;
            }
        }
        // Move cargo.
        5 => {
            let from = rng.gen_range(0..3);
            let to = rng.gen_range(0..3);
            if from != to && s.cargo[from] > 1e-9 {
                let q = if rng.gen_bool(0.5) {
                    s.cargo[from]
                } else {
                    s.cargo[from] * rng.gen_range(0.1..0.9)
                };
                s.cargo[from] -= q;
                s.cargo[to] += q;
                if s.cargo[from] < 1e-9 {
                    s.cargo[from] = 0.0;
                }
            }
        }
        // Another origin airfield for its flights.
        6 if prep.ways[u].airfields.len() > 1 && rng.gen_bool(0.5) => {
            s.airfield = Some(rng.gen_range(0..prep.ways[u].airfields.len()));
        }
        // Booking order.
        6 => {
            let i = rng.gen_range(0..n);
            let j = rng.gen_range(0..n);
            g.order.swap(i, j);
        }
        // The fleet's urgency for the unit.
        7 => {
            g.urgency[u] += rng.gen_range(-240..=240);
        }
        // A share of everything the unit sends one way goes another: vehicles, people and
        // cargo together. One part alone rarely pays (a train still runs for the rest), so
        // single moves seldom find these.
        _ => {
            let from = rng.gen_range(0..3);
            let to = (from + rng.gen_range(1..3)) % 3;
            let share = if rng.gen_bool(0.5) {
                1.0
            } else {
                rng.gen_range(0.1..0.9)
            };
            let part = |n: u32| -> u32 {
                if share >= 1.0 {
                    n
                } else {
                    (f64::from(n) * share).round() as u32
                }
            };
            for k in 0..s.veh[from].len() {
                let q = part(s.veh[from][k]);
                s.veh[from][k] -= q;
                s.veh[to][k] += q;
            }
            let q = part(s.pax[from]);
            s.pax[from] -= q;
            s.pax[to] += q;
            let q = s.cargo[from] * share;
            s.cargo[from] -= q;
            s.cargo[to] += q;
            if s.cargo[from] < 1e-9 {
                s.cargo[from] = 0.0;
            }
        }
    }
    if rng.gen_bool(0.05) {
        g.order.shuffle(rng);
    }
}

/// Runs the search; `None` when even the first plan cannot be built.
pub(crate) fn run(
    m: &Model,
    prep: &Prep,
    starts: Vec<Genome>,
    seed: u64,
    effort: u64,
    bound: Minute,
    observer: &dyn Observer,
) -> Option<(Candidate, u64, bool)> {
    // Each start is built once; chains take them in turn.
    // The best starts go to the chains first (ties to the earlier start).
    let mut built: Vec<(Genome, Candidate)> = starts
        .into_iter()
        .filter_map(|g| build(m, prep, &g).map(|c| (g, c)))
        .collect();
    built.sort_by_key(|(_, c)| c.key());
    let first = built.iter().map(|x| &x.1).min_by_key(|c| c.key())?.clone();
    let chains = rayon::current_num_threads().clamp(1, 8) as u64;
    let per_chain = effort / chains;
    let done = AtomicU64::new(built.len() as u64);
    let stop = AtomicBool::new(false);
    let best_closure = AtomicU64::new(first.closure as u64);
    let report = |c: u64| {
        let p = Progress {
            candidates: c,
            effort,
            best_closure: best_closure.load(Ordering::Relaxed) as i64,
            lower_bound: bound,
        };
        if observer.progress(&p) == Control::Stop {
            stop.store(true, Ordering::Relaxed);
        }
    };
    report(1);
    let results: Vec<Candidate> = (0..chains)
        .into_par_iter()
        .map(|chain| {
            let mut rng =
                ChaCha8Rng::seed_from_u64(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ chain);
            let (start, start_plan) = &built[chain as usize % built.len()];
            let mut g = start.clone();
            let mut cur = start_plan.clone();
            let mut best = start_plan.clone();
            for i in 0..per_chain {
                if best.closure <= bound && best.lateness == 0 {
                    break;
                }
                if i % 32 == 0 && stop.load(Ordering::Relaxed) {
                    break;
                }
                let mut next = g.clone();
                let moves = rng.gen_range(1..=2);
                for _ in 0..moves {
                    mutate(m, prep, &mut next, &cur, &mut rng);
                }
                if !sane(m, prep, &next) {
                    continue;
                }
                let c = done.fetch_add(1, Ordering::Relaxed) + 1;
                if let Some(cand) = build(m, prep, &next) {
                    // Sideways on the closure now and then, even at the cost of lateness or
                    // sorties: the way to an earlier closure often passes through such plans.
                    if cand.key() <= cur.key() || (cand.closure <= cur.closure && rng.gen_bool(0.2))
                    {
                        g = next;
                        cur = cand;
                        if cur.key() < best.key() {
                            best = cur.clone();
                            best_closure.fetch_min(best.closure as u64, Ordering::Relaxed);
                        }
                    }
                }
                if c.is_multiple_of(64) {
                    report(c);
                }
            }
            best
        })
        .collect();
    let total = done.load(Ordering::Relaxed);
    report(total);
    let stopped = stop.load(Ordering::Relaxed);
    let best = results
        .into_iter()
        .enumerate()
        .min_by_key(|(i, c)| (c.key(), *i))
        .map(|(_, c)| c)?;
    Some((best, total, stopped))
}
