//! Routes and their timing: shortest road and rail paths that respect a force's transit rules,
//! and the march of a column along a road route with its daily limit, rests, crossing passages,
//! clearance waits and non-stop stretches.

use rustc_hash::FxHashMap;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::calendar::Disjunctive;
use crate::model::Model;
use crate::scenario::{drive_minutes, passage_minutes, Minute, NodeKind, Unit};

/// A path as legs: (leg index, from node, to node).
pub(crate) type Path = Vec<(usize, usize, usize)>;

/// Dijkstra over road or rail legs from `from` to any node in `targets`, with a leg filter and
/// a leg cost; `avoid` nodes are never entered.
pub(crate) fn shortest(
    adj: &[Vec<(usize, usize)>],
    from: usize,
    targets: &[usize],
    ok: &dyn Fn(usize, usize, usize) -> bool,
    cost: &dyn Fn(usize) -> f64,
    avoid: &[usize],
) -> Option<Path> {
    let (_, prev, reached) = dijkstra(adj, from, ok, cost, &|w| avoid.contains(&w), &|v| {
        targets.contains(&v)
    });
    let mut x = reached?;
    let mut path = Vec::new();
    while let Some((leg, p)) = prev[x] {
        path.push((leg, p, x));
        x = p;
    }
    path.reverse();
    Some(path)
}

/// Kilometres of the shortest road path from `from` to every node over the legs `ok` allows
/// (infinite where none): the distances the lower bounds time marches by.
pub(crate) fn road_km_from(
    m: &Model,
    from: usize,
    ok: &dyn Fn(usize, usize, usize) -> bool,
    avoid: &dyn Fn(usize) -> bool,
) -> Vec<f64> {
    let km = |leg: usize| m.sc.legs[leg].km;
    dijkstra(&m.road, from, ok, &km, avoid, &|_| false).0
}

/// What Dijkstra settled: each node's least cost, the (leg, node) it is reached from, and the
/// node it stopped at.
type Settled = (Vec<f64>, Vec<Option<(usize, usize)>>, Option<usize>);

/// Dijkstra from `from`: the least cost of each node and the (leg, node) it is reached from,
/// stopping at the first settled node `stop` accepts (returned).
fn dijkstra(
    adj: &[Vec<(usize, usize)>],
    from: usize,
    ok: &dyn Fn(usize, usize, usize) -> bool,
    cost: &dyn Fn(usize) -> f64,
    avoid: &dyn Fn(usize) -> bool,
    stop: &dyn Fn(usize) -> bool,
) -> Settled {
    let n = adj.len();
    let mut best = vec![f64::INFINITY; n];
    let mut prev: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut heap = BinaryHeap::new();
    best[from] = 0.0;
    heap.push(Reverse((Ord64(0.0), from)));
    while let Some(Reverse((Ord64(d), v))) = heap.pop() {
        if d > best[v] {
            continue;
        }
        if stop(v) {
            return (best, prev, Some(v));
        }
        for &(leg, w) in &adj[v] {
            if avoid(w) || !ok(leg, v, w) {
                continue;
            }
            let nd = d + cost(leg);
            if nd < best[w] {
                best[w] = nd;
                prev[w] = Some((leg, v));
                heap.push(Reverse((Ord64(nd), w)));
            }
        }
    }
    (best, prev, None)
}

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct Ord64(f64);
impl Eq for Ord64 {}
#[allow(clippy::derive_ord_xor_partial_ord)]
impl Ord for Ord64 {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&o.0)
    }
}

/// Up to `k` road routes for a unit's column from `from` to `to`, each through a different set
/// of crossings (the next avoids the previous one's crossings), shortest first.
pub(crate) fn road_routes(m: &Model, unit: &Unit, from: usize, to: usize, k: usize) -> Vec<Path> {
    let ok = |leg: usize, _: usize, _: usize| {
        m.leg_clearance(&unit.state, leg).is_some() && m.sc.legs[leg].km <= unit.march_km_per_day
    };
    let cost = |leg: usize| m.sc.legs[leg].km;
    let mut out: Vec<Path> = Vec::new();
    let mut avoid: Vec<usize> = Vec::new();
    while out.len() < k {
        let Some(p) = shortest(&m.road, from, &[to], &ok, &cost, &avoid) else {
            break;
        };
        let crossings: Vec<usize> = p
            .iter()
            .map(|&(_, _, b)| b)
            .filter(|&b| m.sc.nodes[b].kind == NodeKind::Crossing)
            .collect();
        let fresh = crossings.iter().any(|c| !avoid.contains(c)) || out.is_empty();
        if !fresh {
            break;
        }
        avoid.extend(crossings.iter().copied());
        let none = crossings.is_empty();
        out.push(p);
        if none {
            break;
        }
    }
    out
}

/// A feeder path inside one state (no crossing), from `from` to the nearest of `targets`.
pub(crate) fn feeder(
    m: &Model,
    state: &str,
    from: usize,
    targets: &[usize],
    unit: &Unit,
) -> Option<Path> {
    if targets.contains(&from) {
        return Some(Vec::new());
    }
    let ok = |leg: usize, a: usize, b: usize| {
        let same =
            |x: usize| m.sc.nodes[x].kind != NodeKind::Crossing && m.sc.nodes[x].state == state;
        same(a) && same(b) && m.sc.legs[leg].km <= unit.march_km_per_day
    };
    let cost = |leg: usize| m.sc.legs[leg].km;
    shortest(&m.road, from, targets, &ok, &cost, &[])
}

/// A rail path from a railhead to the nearest of `targets`, by running time.
pub(crate) fn rail_route(m: &Model, own: &str, from: usize, targets: &[usize]) -> Option<Path> {
    let ok = |leg: usize, _: usize, _: usize| m.leg_clearance(own, leg).is_some();
    let cost = |leg: usize| f64::from(m.sc.legs[leg].minutes.unwrap_or(u32::MAX / 4));
    shortest(&m.rail, from, targets, &ok, &cost, &[])
}

/// One timed step of a march.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    /// A road leg (leg index, from, to, depart, arrive).
    Road(usize, usize, usize, Minute, Minute),
    /// A crossing passage (node, start, end).
    Crossing(usize, Minute, Minute),
}

/// A timed march.
#[derive(Debug, Clone)]
pub(crate) struct March {
    pub steps: Vec<Step>,
    pub arrive: Minute,
}

/// Times a march of `vehicles` along `path` departing no earlier than `t0`: rests where the
/// daily limit needs them (never inside a non-stop state), waits for clearance and for crossings
/// (booked in `crossings`, keyed by node, when `commit`). `None` if the daily limit cannot be
/// honoured (a non-stop stretch longer than a day's march).
pub(crate) fn march(
    m: &Model,
    unit: &Unit,
    path: &Path,
    t0: Minute,
    vehicles: u32,
    crossings: &mut FxHashMap<usize, Disjunctive>,
    commit: bool,
) -> Option<March> {
    let n = path.len();
    if n == 0 {
        return Some(March {
            steps: Vec::new(),
            arrive: t0,
        });
    }
    let rest = Minute::from(m.sc.rules.rest_min);
    let limit = unit.march_km_per_day;
    let node_at = |i: usize| if i == 0 { path[0].1 } else { path[i - 1].2 };
    let halt_ok = |i: usize| m.may_halt(&unit.state, node_at(i));
    // Kilometres from node i to the next node where a halt is allowed (or the end).
    let stretch: Vec<f64> = (0..n)
        .map(|i| {
            let mut km = 0.0;
            for (j, &(leg, _, _)) in path.iter().enumerate().skip(i) {
                km += m.sc.legs[leg].km;
                if j + 1 == n || halt_ok(j + 1) {
                    break;
                }
            }
            km
        })
        .collect();
    let mut extra = vec![0 as Minute; n];
    'retry: for _ in 0..(4 * n + 8) {
        let mut steps = Vec::with_capacity(n + 4);
        let mut t = t0;
        let mut march_km = 0.0;
        let mut last_halt_ok = 0usize;
        let mut booked: Vec<(usize, Minute, Minute)> = Vec::new();
        for i in 0..n {
            let (leg, a, b) = path[i];
            let arrived = t;
            let node = a;
            if i > 0 && m.sc.nodes[node].kind == NodeKind::Crossing {
                let d = passage_minutes(
                    vehicles.max(1),
                    m.sc.nodes[node].throughput_per_hour.unwrap_or(1),
                );
                let cal = crossings.entry(node).or_default();
                let mut s = cal.earliest(arrived, d);
                // Passages booked earlier in this same march (a route never repeats a crossing).
                for &(c, bs, be) in &booked {
                    if c == node && s < be && bs < s + d {
                        s = be;
                    }
                }
                steps.push(Step::Crossing(node, s, s + d));
                booked.push((node, s, s + d));
                t = s + d;
            }
            let clearance = m.leg_clearance(&unit.state, leg)?;
            let mut dep = t.max(clearance) + extra[i];
            if i > 0 {
                if dep - arrived >= rest {
                    march_km = 0.0;
                } else if halt_ok(i) && march_km + stretch[i] > limit + 1e-9 {
                    dep = dep.max(arrived + rest);
                    march_km = 0.0;
                }
                if dep > arrived && !halt_ok(i) {
                    // A halt is forbidden here: wait at the last place a halt is allowed instead.
                    extra[last_halt_ok] += dep - arrived;
                    continue 'retry;
                }
            }
            if halt_ok(i) {
                last_halt_ok = i;
            }
            let km = m.sc.legs[leg].km;
            if km > limit + 1e-9 || (i == 0 && stretch[0] > limit + 1e-9) {
                return None;
            }
            march_km += km;
            let arr = dep + drive_minutes(km, unit.march_kmh);
            steps.push(Step::Road(leg, a, b, dep, arr));
            t = arr;
        }
        if commit {
            for (c, s, e) in booked {
                crossings.entry(c).or_default().add(s, e);
            }
        }
        return Some(March { steps, arrive: t });
    }
    None
}
