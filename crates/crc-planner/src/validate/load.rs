//! What movements carry: R1 (every unit delivered exactly) and R5 (a march carries its load on
//! its own vehicles; rail and air movements use roads only as feeders inside one state).

use std::collections::{BTreeSet, HashMap};

use crate::plan::{LegMode, Load, Movement, MovementLeg};
use crate::scenario::Mode;

use super::index::Index;
use super::measure::{at_most, tonnes, TONNES_EPS};
use super::Report;

/// Vehicles of all classes, in a type that cannot overflow on any plan.
pub(super) fn vehicles(load: &Load) -> u64 {
    load.vehicles.iter().map(|v| u64::from(v.count)).sum()
}

#[derive(Default)]
struct Delivered<'a> {
    personnel: u64,
    classes: HashMap<&'a str, u64>,
    cargo: f64,
}

pub(super) fn check(ix: &Index, out: &mut Report) {
    delivery(ix, out);
    for m in ix.movements() {
        carrying(ix, m, out);
    }
}

/// R1.
fn delivery(ix: &Index, out: &mut Report) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut delivered: HashMap<&str, Delivered> = HashMap::new();
    for m in ix.movements() {
        *seen.entry(m.id.as_str()).or_default() += 1;
        let load = &m.load;
        if !(load.cargo_t.is_finite() && load.cargo_t >= 0.0) {
            out.add("R1", &m.id, format!("cargo of {} t", load.cargo_t));
        }
        if load.personnel == 0 && vehicles(load) == 0 && load.cargo_t.abs() <= TONNES_EPS {
            out.add("R1", &m.id, "carries nothing");
        }
        if ix.unit(&m.unit).is_none() {
            out.add("R1", &m.id, format!("unknown unit {}", m.unit));
            continue;
        }
        let d = delivered.entry(m.unit.as_str()).or_default();
        d.personnel += u64::from(load.personnel);
        d.cargo += load.cargo_t;
        for v in &load.vehicles {
            if ix.class(&m.unit, &v.class).is_none() {
                out.add(
                    "R1",
                    &m.id,
                    format!("unit {} has no vehicle class {}", m.unit, v.class),
                );
            }
            *d.classes.entry(v.class.as_str()).or_default() += u64::from(v.count);
        }
    }
    for (id, n) in seen {
        if n > 1 {
            out.add("R1", id, format!("movement id used {n} times"));
        }
    }
    let mut units_seen = BTreeSet::new();
    let none = Delivered::default();
    for u in &ix.scenario.units {
        if !units_seen.insert(u.id.as_str()) {
            continue;
        }
        let d = delivered.get(u.id.as_str()).unwrap_or(&none);
        if d.personnel != u64::from(u.personnel) {
            out.add(
                "R1",
                &u.id,
                format!(
                    "movements carry {} personnel, the unit has {}",
                    d.personnel, u.personnel
                ),
            );
        }
        let mut classes_seen = BTreeSet::new();
        for c in &u.vehicles {
            if !classes_seen.insert(c.class.as_str()) {
                continue;
            }
            let carried = d.classes.get(c.class.as_str()).copied().unwrap_or(0);
            let owned: u64 = u
                .vehicles
                .iter()
                .filter(|o| o.class == c.class)
                .map(|o| u64::from(o.count))
                .sum();
            if carried != owned {
                out.add(
                    "R1",
                    &u.id,
                    format!(
                        "movements carry {carried} vehicles of class {}, the unit has {owned}",
                        c.class
                    ),
                );
            }
        }
        if !at_most((d.cargo - u.cargo_t).abs(), TONNES_EPS) {
            out.add(
                "R1",
                &u.id,
                format!(
                    "movements carry {} t of cargo, the unit has {} t",
                    tonnes(d.cargo),
                    tonnes(u.cargo_t)
                ),
            );
        }
    }
}

/// R5.
fn carrying(ix: &Index, m: &Movement, out: &mut Report) {
    match m.mode {
        Mode::Road => {
            let Some(u) = ix.unit(&m.unit) else { return };
            let n = vehicles(&m.load);
            let seats = n.saturating_mul(u64::from(u.seats_per_vehicle));
            if u64::from(m.load.personnel) > seats {
                out.add(
                    "R5",
                    &m.id,
                    format!(
                        "{} personnel on {n} vehicles with {} seats each ({seats} seats)",
                        m.load.personnel, u.seats_per_vehicle
                    ),
                );
            }
            let room = n as f64 * u.cargo_t_per_vehicle;
            if !at_most(m.load.cargo_t, room + TONNES_EPS) {
                out.add(
                    "R5",
                    &m.id,
                    format!(
                        "{} t of cargo on {n} vehicles carrying {} t each ({} t)",
                        tonnes(m.load.cargo_t),
                        tonnes(u.cargo_t_per_vehicle),
                        tonnes(room)
                    ),
                );
            }
        }
        Mode::Rail | Mode::Air => {
            for (i, l) in m.legs.iter().enumerate() {
                if l.mode == LegMode::Crossing {
                    out.add(
                        "R5",
                        &m.id,
                        format!(
                            "a {} movement passes crossing {} (leg {})",
                            m.mode.as_str(),
                            l.from,
                            i + 1
                        ),
                    );
                }
            }
            let (Some(first), Some(last)) = (
                m.legs.iter().position(is_main),
                m.legs.iter().rposition(is_main),
            ) else {
                return;
            };
            feeder(ix, m, &m.legs[..first], "before", out);
            feeder(ix, m, m.legs.get(last + 1..).unwrap_or(&[]), "after", out);
        }
    }
}

/// A rail or air leg, as opposed to the road and crossing legs of feeders and marches.
pub(super) fn is_main(l: &MovementLeg) -> bool {
    matches!(l.mode, LegMode::Rail | LegMode::Air)
}

/// A feeder of a rail or air movement stays inside one state.
fn feeder(ix: &Index, m: &Movement, legs: &[MovementLeg], side: &str, out: &mut Report) {
    let states: BTreeSet<&str> = legs
        .iter()
        .flat_map(|l| [l.from.as_str(), l.to.as_str()])
        .filter_map(|n| ix.state_of(n))
        .collect();
    if states.len() > 1 {
        let main = if m.mode == Mode::Rail { "rail" } else { "air" };
        out.add(
            "R5",
            &m.id,
            format!(
                "the road feeder {side} the {main} legs runs through {} states ({}), not one",
                states.len(),
                states.into_iter().collect::<Vec<_>>().join(", ")
            ),
        );
    }
}
