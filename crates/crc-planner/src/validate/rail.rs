//! R11: trains. Each train leaves on a path of its loading railhead, no two on one path; the
//! movements aboard ride it from its loading to its unloading railhead without a stop, fill
//! exactly its wagons, and meet its loading and unloading with their feeders.

use std::collections::HashMap;

use crate::plan::{LegMode, Movement, MovementLeg, Train};
use crate::scenario::{Minute, Mode, NodeKind, RailRules};

use super::index::{lasts, leg_name, Index};
use super::load::vehicles;
use super::measure::{ceil_div, is_path_time, wagons_for};
use super::Report;

pub(super) fn check(ix: &Index, out: &mut Report) {
    let rules = ix.scenario.rail.as_ref();
    let mut wagons: HashMap<&str, u64> = HashMap::new();
    for m in ix.movements() {
        movement(ix, m, rules, &mut wagons, out);
    }
    trains(ix, rules, &wagons, out);
}

fn movement<'a>(
    ix: &Index<'a>,
    m: &'a Movement,
    rules: Option<&RailRules>,
    wagons: &mut HashMap<&'a str, u64>,
    out: &mut Report,
) {
    let legs = &m.legs;
    if rules.is_none() && legs.iter().any(|l| l.mode == LegMode::Rail) {
        out.add(
            "R11",
            &m.id,
            "travels by rail, but the scenario has no rail rules",
        );
    }
    let mut boarded: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < legs.len() {
        let l = &legs[i];
        if l.mode != LegMode::Rail {
            i += 1;
            continue;
        }
        // A run: the consecutive rail legs on one train.
        let mut end = i + 1;
        while legs
            .get(end)
            .is_some_and(|n| n.mode == LegMode::Rail && n.by == l.by)
        {
            end += 1;
        }
        let run = &legs[i..end];
        let start = i;
        i = end;
        for (k, r) in run.iter().enumerate() {
            running_time(ix, m, start + k, r, out);
        }
        if l.by.is_empty() {
            out.add(
                "R11",
                &m.id,
                format!("{} names no train", leg_name(start, &l.from, &l.to)),
            );
            continue;
        }
        let Some(train) = ix.train(&l.by) else {
            out.add(
                "R11",
                &m.id,
                format!(
                    "{} names unknown train {}",
                    leg_name(start, &l.from, &l.to),
                    l.by
                ),
            );
            continue;
        };
        if boarded.contains(&train.id.as_str()) {
            out.add(
                "R11",
                &m.id,
                format!(
                    "its legs on train {} are not consecutive (again from leg {})",
                    train.id,
                    start + 1
                ),
            );
        } else {
            boarded.push(&train.id);
            if let Some(rules) = rules {
                match wagons_needed(m, rules) {
                    Ok(n) => {
                        let sum = wagons.entry(train.id.as_str()).or_default();
                        *sum = sum.saturating_add(n);
                    }
                    Err(why) => out.add("R11", &m.id, why),
                }
            }
        }
        ride(m, start, run, train, out);
        if let Some(rules) = rules {
            feeders(m, start, end, train, rules, out);
        }
    }
}

/// A rail leg lasts exactly the scenario leg's `minutes`.
fn running_time(ix: &Index, m: &Movement, i: usize, l: &MovementLeg, out: &mut Report) {
    let minutes = lasts(l.depart, l.arrive);
    let candidates = ix.legs_between(Mode::Rail, &l.from, &l.to);
    // A leg missing from the network is R3's.
    if candidates.is_empty()
        || candidates
            .iter()
            .any(|c| c.minutes.map(i64::from) == Some(minutes))
    {
        return;
    }
    let name = leg_name(i, &l.from, &l.to);
    match candidates[0].minutes {
        Some(takes) => out.add(
            "R11",
            &m.id,
            format!("{name} lasts {minutes} min, the rail leg takes {takes} min"),
        ),
        None => out.add(
            "R11",
            &m.id,
            format!("{name}: the scenario's rail leg has no running time"),
        ),
    }
}

/// The run rides the train from its `from` to its `to` at its times, without a stop.
fn ride(m: &Movement, start: usize, run: &[MovementLeg], train: &Train, out: &mut Report) {
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return;
    };
    let end = start + run.len() - 1;
    if first.from != train.from {
        out.add(
            "R11",
            &m.id,
            format!(
                "boards train {} at {} (leg {}), the train loads at {}",
                train.id,
                first.from,
                start + 1,
                train.from
            ),
        );
    }
    if last.to != train.to {
        out.add(
            "R11",
            &m.id,
            format!(
                "leaves train {} at {} (leg {}), the train unloads at {}",
                train.id,
                last.to,
                end + 1,
                train.to
            ),
        );
    }
    if first.depart != train.depart {
        out.add(
            "R11",
            &m.id,
            format!(
                "leg {} departs at {}, train {} departs at {}",
                start + 1,
                first.depart,
                train.id,
                train.depart
            ),
        );
    }
    for (k, pair) in run.windows(2).enumerate() {
        let [a, b] = pair else { continue };
        if b.depart != a.arrive {
            out.add(
                "R11",
                &m.id,
                format!(
                    "leg {} on train {} departs at {}, leg {} arrived at {}: a train runs on without stopping",
                    start + k + 2,
                    train.id,
                    b.depart,
                    start + k + 1,
                    a.arrive
                ),
            );
        }
    }
    if last.arrive != train.arrive {
        out.add(
            "R11",
            &m.id,
            format!(
                "leg {} arrives at {}, train {} arrives at {}",
                end + 1,
                last.arrive,
                train.id,
                train.arrive
            ),
        );
    }
}

/// The feeder before arrives by loading; the leg after leaves once unloaded.
fn feeders(
    m: &Movement,
    start: usize,
    end: usize,
    train: &Train,
    rules: &RailRules,
    out: &mut Report,
) {
    if let Some(prev) = start.checked_sub(1).and_then(|p| m.legs.get(p)) {
        let loading = train.depart.saturating_sub(i64::from(rules.load_min));
        if prev.arrive > loading {
            out.add(
                "R11",
                &m.id,
                format!(
                    "leg {start} arrives at {} at {}, loading train {} starts at {loading}",
                    prev.to, prev.arrive, train.id
                ),
            );
        }
    }
    if let Some(next) = m.legs.get(end) {
        let unloaded = train.arrive.saturating_add(i64::from(rules.unload_min));
        if next.depart < unloaded {
            out.add(
                "R11",
                &m.id,
                format!(
                    "leg {} leaves {} at {}, unloading train {} ends at {unloaded}",
                    end + 1,
                    next.from,
                    next.depart,
                    train.id
                ),
            );
        }
    }
}

/// vehicles + ceil(personnel / personnel_per_wagon) + ceil(cargo / cargo_t_per_wagon).
fn wagons_needed(m: &Movement, rules: &RailRules) -> Result<u64, String> {
    let people = ceil_div(u64::from(m.load.personnel), rules.personnel_per_wagon)
        .ok_or_else(|| format!("{} personnel, but a wagon takes none", m.load.personnel))?;
    let cargo = wagons_for(m.load.cargo_t, rules.cargo_t_per_wagon).ok_or_else(|| {
        format!(
            "{} t of cargo that wagons of {} t cannot take",
            m.load.cargo_t, rules.cargo_t_per_wagon
        )
    })?;
    Ok(vehicles(&m.load)
        .saturating_add(people)
        .saturating_add(cargo))
}

fn trains(ix: &Index, rules: Option<&RailRules>, wagons: &HashMap<&str, u64>, out: &mut Report) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut paths: HashMap<(&str, Minute), &str> = HashMap::new();
    for t in &ix.plan.trains {
        let n = seen.entry(t.id.as_str()).or_default();
        *n += 1;
        let first = *n == 1;
        if rules.is_none() {
            out.add("R11", &t.id, "a train, but the scenario has no rail rules");
        }
        if t.arrive < t.depart {
            out.add(
                "R11",
                &t.id,
                format!("arrives at {}, before it departs at {}", t.arrive, t.depart),
            );
        }
        match ix.node(&t.from) {
            None => out.add("R11", &t.id, format!("loads at unknown node {}", t.from)),
            Some(n) if n.kind != NodeKind::Railhead => out.add(
                "R11",
                &t.id,
                format!("loads at {}, which is not a railhead", t.from),
            ),
            Some(n) => {
                let p = n.paths_per_day.unwrap_or(0);
                if p == 0 {
                    out.add(
                        "R11",
                        &t.id,
                        format!("loads at {}, which has no train paths", t.from),
                    );
                } else if !is_path_time(t.depart, p) {
                    out.add(
                        "R11",
                        &t.id,
                        format!(
                            "departs at {}, not a path time of {} ({p} paths a day, from minute 0 of each day)",
                            t.depart, t.from
                        ),
                    );
                } else if let Some(other) = paths.insert((t.from.as_str(), t.depart), &t.id) {
                    // Keep the first holder of the path as the one named.
                    paths.insert((t.from.as_str(), t.depart), other);
                    out.add(
                        "R11",
                        &t.id,
                        format!(
                            "takes the path at minute {} of {} that train {other} takes",
                            t.depart, t.from
                        ),
                    );
                }
            }
        }
        if !first {
            continue;
        }
        let Some(rules) = rules else { continue };
        let needed = wagons.get(t.id.as_str()).copied().unwrap_or(0);
        if needed != u64::from(t.wagons) {
            out.add(
                "R11",
                &t.id,
                format!(
                    "the movements aboard need {needed} wagons, the train lists {}",
                    t.wagons
                ),
            );
        }
        if t.wagons > rules.wagons_per_train {
            out.add(
                "R11",
                &t.id,
                format!(
                    "{} wagons, a train takes at most {}",
                    t.wagons, rules.wagons_per_train
                ),
            );
        }
    }
    for (id, n) in seen {
        if n > 1 {
            out.add("R11", id, format!("train id used {n} times"));
        }
    }
}
