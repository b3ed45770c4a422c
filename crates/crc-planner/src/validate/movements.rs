//! The shape of each movement: R2 (a chain from garrison to destination), R3 (legs of the
//! network, crossings passed), R4 (road and passage times), R13 (the main mode) and R14 (the
//! horizon, for flights and trains as well).

use crate::plan::{LegMode, Movement};
use crate::scenario::{Mode, Unit};

use super::index::{lasts, leg_name, Index};
use super::load::vehicles;
use super::measure::{drive, passage};
use super::Report;

pub(super) fn check(ix: &Index, out: &mut Report) {
    for m in ix.movements() {
        let unit = ix.unit(&m.unit);
        chain(ix, m, unit, out);
        network(ix, m, out);
        if let Some(u) = unit {
            timing(ix, m, u, out);
        }
        modes(m, unit, out);
    }
    horizon(ix, out);
}

/// "a road", "an air": the article goes with the word.
fn a(word: &str) -> String {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {word}")
    } else {
        format!("a {word}")
    }
}

fn mode_word(mode: LegMode) -> &'static str {
    match mode {
        LegMode::Road => "road",
        LegMode::Rail => "rail",
        LegMode::Air => "air",
        LegMode::Crossing => "crossing",
    }
}

/// R2.
fn chain(ix: &Index, m: &Movement, unit: Option<&Unit>, out: &mut Report) {
    let (Some(first), Some(last)) = (m.legs.first(), m.legs.last()) else {
        out.add("R2", &m.id, "has no legs");
        return;
    };
    if let Some(u) = unit {
        if first.from != u.origin {
            out.add(
                "R2",
                &m.id,
                format!(
                    "leg 1 departs from {}, unit {} starts from {}",
                    first.from, u.id, u.origin
                ),
            );
        }
        if first.depart < u.ready {
            out.add(
                "R2",
                &m.id,
                format!(
                    "leg 1 departs at {}, unit {} is ready at {}",
                    first.depart, u.id, u.ready
                ),
            );
        }
    }
    for (i, l) in m.legs.iter().enumerate() {
        if l.arrive < l.depart {
            out.add(
                "R2",
                &m.id,
                format!(
                    "{} arrives at {}, before it departs at {}",
                    leg_name(i, &l.from, &l.to),
                    l.arrive,
                    l.depart
                ),
            );
        }
        let Some(prev) = i.checked_sub(1).and_then(|p| m.legs.get(p)) else {
            continue;
        };
        if l.from != prev.to {
            out.add(
                "R2",
                &m.id,
                format!(
                    "{} departs from {}, leg {} arrived at {}",
                    leg_name(i, &l.from, &l.to),
                    l.from,
                    i,
                    prev.to
                ),
            );
        }
        if l.depart < prev.arrive {
            out.add(
                "R2",
                &m.id,
                format!(
                    "{} departs at {}, before leg {} arrives at {}",
                    leg_name(i, &l.from, &l.to),
                    l.depart,
                    i,
                    prev.arrive
                ),
            );
        }
    }
    if last.to != ix.scenario.destination {
        out.add(
            "R2",
            &m.id,
            format!(
                "the last leg arrives at {}, the destination is {}",
                last.to, ix.scenario.destination
            ),
        );
    }
}

/// R3.
fn network(ix: &Index, m: &Movement, out: &mut Report) {
    for (i, l) in m.legs.iter().enumerate() {
        let name = leg_name(i, &l.from, &l.to);
        let prev = i.checked_sub(1).and_then(|p| m.legs.get(p));
        let next = m.legs.get(i + 1);
        let mode = match l.mode {
            LegMode::Road => Some(Mode::Road),
            LegMode::Rail => Some(Mode::Rail),
            LegMode::Air => Some(Mode::Air),
            LegMode::Crossing => None,
        };
        if let Some(mode) = mode {
            if ix.legs_between(mode, &l.from, &l.to).is_empty() {
                out.add(
                    "R3",
                    &m.id,
                    format!(
                        "{name}: the scenario has no {} leg between {} and {}",
                        mode.as_str(),
                        l.from,
                        l.to
                    ),
                );
            }
            if l.mode == LegMode::Road && ix.is_crossing(&l.to) {
                let passes = next
                    .is_some_and(|n| n.mode == LegMode::Crossing && n.from == l.to && n.to == l.to);
                if !passes {
                    out.add(
                        "R3",
                        &m.id,
                        format!(
                            "{name} arrives at crossing {} but does not pass it: no crossing leg follows",
                            l.to
                        ),
                    );
                }
            }
            continue;
        }
        if l.from != l.to || !ix.is_crossing(&l.from) {
            out.add(
                "R3",
                &m.id,
                format!("{name} is a crossing leg, which must start and end at one crossing node"),
            );
        }
        if !prev.is_some_and(|p| p.mode == LegMode::Road && p.to == l.from) {
            out.add(
                "R3",
                &m.id,
                format!("{name}: a crossing leg comes only after a road leg to the crossing"),
            );
        }
        if !next.is_some_and(|n| n.mode == LegMode::Road) {
            out.add(
                "R3",
                &m.id,
                format!("{name}: a road leg must leave the crossing after the passage"),
            );
        }
    }
}

/// R4.
fn timing(ix: &Index, m: &Movement, u: &Unit, out: &mut Report) {
    let n = vehicles(&m.load);
    for (i, l) in m.legs.iter().enumerate() {
        let name = leg_name(i, &l.from, &l.to);
        let minutes = lasts(l.depart, l.arrive);
        match l.mode {
            LegMode::Road => {
                let Some(leg) = ix.road_leg(&l.from, &l.to, minutes, Some(u.march_kmh)) else {
                    continue;
                };
                match drive(leg.km, u.march_kmh) {
                    Some(d) if d == minutes => {}
                    Some(d) => out.add(
                        "R4",
                        &m.id,
                        format!(
                            "{name} lasts {minutes} min, {} km at {} km/h take {d} min",
                            leg.km, u.march_kmh
                        ),
                    ),
                    None => out.add(
                        "R4",
                        &m.id,
                        format!(
                            "{name}: {} km at {} km/h give no driving time",
                            leg.km, u.march_kmh
                        ),
                    ),
                }
            }
            LegMode::Crossing => {
                let Some(node) = ix.node(&l.from).filter(|_| ix.is_crossing(&l.from)) else {
                    continue;
                };
                if n == 0 {
                    out.add(
                        "R4",
                        &m.id,
                        format!("{name} passes crossing {} with no vehicle", node.id),
                    );
                    continue;
                }
                let per_hour = node.throughput_per_hour.unwrap_or(0);
                match passage(n, per_hour) {
                    Some(p) if p == minutes => {}
                    Some(p) => out.add(
                        "R4",
                        &m.id,
                        format!(
                            "{name}: the passage lasts {minutes} min, {n} vehicles at {per_hour} an hour take {p} min"
                        ),
                    ),
                    None => out.add(
                        "R4",
                        &m.id,
                        format!("{name}: crossing {} has no throughput", node.id),
                    ),
                }
            }
            LegMode::Rail | LegMode::Air => {}
        }
    }
}

/// R13.
fn modes(m: &Movement, unit: Option<&Unit>, out: &mut Report) {
    if let Some(u) = unit {
        if !u.modes.contains(&m.mode) {
            let allowed: Vec<&str> = u.modes.iter().map(|m| m.as_str()).collect();
            out.add(
                "R13",
                &m.id,
                format!(
                    "main mode {} is not among unit {}'s modes ({})",
                    m.mode.as_str(),
                    u.id,
                    allowed.join(", ")
                ),
            );
        }
    }
    let (main, foreign): (LegMode, &[LegMode]) = match m.mode {
        Mode::Road => {
            if let Some(i) = m
                .legs
                .iter()
                .position(|l| matches!(l.mode, LegMode::Rail | LegMode::Air))
            {
                let l = &m.legs[i];
                out.add(
                    "R13",
                    &m.id,
                    format!(
                        "a road movement has {} leg: {}",
                        a(mode_word(l.mode)),
                        leg_name(i, &l.from, &l.to)
                    ),
                );
            }
            return;
        }
        Mode::Rail => (LegMode::Rail, &[LegMode::Air]),
        Mode::Air => (LegMode::Air, &[LegMode::Rail]),
    };
    let word = mode_word(main);
    if let Some(i) = m.legs.iter().position(|l| foreign.contains(&l.mode)) {
        let l = &m.legs[i];
        out.add(
            "R13",
            &m.id,
            format!(
                "{} movement has {} leg: {}",
                a(word),
                a(mode_word(l.mode)),
                leg_name(i, &l.from, &l.to)
            ),
        );
    }
    let (Some(first), Some(last)) = (
        m.legs.iter().position(|l| l.mode == main),
        m.legs.iter().rposition(|l| l.mode == main),
    ) else {
        out.add(
            "R13",
            &m.id,
            format!("{} movement has no {word} leg", a(word)),
        );
        return;
    };
    // Feeders come before and after the main legs, never between them.
    if let Some(k) = (first..=last).find(|&k| m.legs.get(k).is_some_and(|l| l.mode != main)) {
        let l = &m.legs[k];
        out.add(
            "R13",
            &m.id,
            format!(
                "{} lies between its {word} legs",
                leg_name(k, &l.from, &l.to)
            ),
        );
    }
}

/// R14.
fn horizon(ix: &Index, out: &mut Report) {
    let h = ix.scenario.rules.horizon;
    for m in ix.movements() {
        let late = m
            .legs
            .iter()
            .enumerate()
            .filter(|(_, l)| l.arrive > h)
            .max_by_key(|(i, l)| (l.arrive, std::cmp::Reverse(*i)));
        if let Some((i, l)) = late {
            out.add(
                "R14",
                &m.id,
                format!(
                    "{} arrives at {}, after the horizon {h}",
                    leg_name(i, &l.from, &l.to),
                    l.arrive
                ),
            );
        }
    }
    for f in &ix.plan.flights {
        if f.arrive > h {
            out.add(
                "R14",
                &f.id,
                format!("lands at {} at {}, after the horizon {h}", f.to, f.arrive),
            );
        }
    }
    for t in &ix.plan.trains {
        if t.arrive > h {
            out.add(
                "R14",
                &t.id,
                format!("arrives at {} at {}, after the horizon {h}", t.to, t.arrive),
            );
        }
    }
}
