//! R8: a movement's air leg rides a loaded flight at the flight's times, the loads aboard fit
//! the aircraft type, and the feeders meet the loading and unloading.

use std::collections::{BTreeSet, HashMap};

use crate::plan::{LegMode, Movement};

use super::index::{leg_name, Index};
use super::measure::{at_most, tonnes, TONNES_EPS};
use super::Report;

/// What the movements on one flight put aboard.
#[derive(Default)]
struct Aboard {
    personnel: u64,
    /// Vehicles and cargo, tonnes.
    tonnes: f64,
    outsize: BTreeSet<String>,
}

pub(super) fn check(ix: &Index, out: &mut Report) {
    let mut aboard: HashMap<&str, Aboard> = HashMap::new();
    for m in ix.movements() {
        movement(ix, m, &mut aboard, out);
    }
    let mut done = BTreeSet::new();
    for f in &ix.plan.flights {
        if !done.insert(f.id.as_str()) {
            continue;
        }
        let (Some(t), Some(a)) = (ix.flight_type(f), aboard.get(f.id.as_str())) else {
            continue;
        };
        if a.personnel > u64::from(t.seats) {
            out.add(
                "R8",
                &f.id,
                format!(
                    "{} personnel on a flight of {} with {} seats",
                    a.personnel, t.id, t.seats
                ),
            );
        }
        let people_t = a.personnel as f64 * ix.scenario.rules.personnel_t;
        let mass = a.tonnes + people_t;
        if !at_most(mass, t.payload_t + TONNES_EPS) {
            out.add(
                "R8",
                &f.id,
                format!(
                    "{} t aboard ({} t of vehicles and cargo, {} personnel at {} t) on a flight of {} with a payload of {} t",
                    tonnes(mass),
                    tonnes(a.tonnes),
                    a.personnel,
                    ix.scenario.rules.personnel_t,
                    t.id,
                    tonnes(t.payload_t)
                ),
            );
        }
        if !t.outsize && !a.outsize.is_empty() {
            out.add(
                "R8",
                &f.id,
                format!(
                    "outsize vehicles ({}) on a flight of {}, which takes no outsize",
                    a.outsize.iter().cloned().collect::<Vec<_>>().join(", "),
                    t.id
                ),
            );
        }
    }
}

fn movement<'a>(
    ix: &Index<'a>,
    m: &'a Movement,
    aboard: &mut HashMap<&'a str, Aboard>,
    out: &mut Report,
) {
    let air: Vec<usize> = (0..m.legs.len())
        .filter(|&i| m.legs[i].mode == LegMode::Air)
        .collect();
    if air.len() > 1 {
        out.add(
            "R8",
            &m.id,
            format!("has {} air legs, at most one is allowed", air.len()),
        );
    }
    let mut loaded_on: Vec<&str> = Vec::new();
    for i in air {
        let l = &m.legs[i];
        let name = leg_name(i, &l.from, &l.to);
        if l.by.is_empty() {
            out.add("R8", &m.id, format!("{name} names no flight"));
            continue;
        }
        let Some(f) = ix.flight(&l.by) else {
            out.add("R8", &m.id, format!("{name} names unknown flight {}", l.by));
            continue;
        };
        if !f.loaded {
            out.add(
                "R8",
                &m.id,
                format!("{name} names {}, an empty flight", f.id),
            );
        }
        if (&f.from, &f.to, f.depart, f.arrive) != (&l.from, &l.to, l.depart, l.arrive) {
            out.add(
                "R8",
                &m.id,
                format!(
                    "{name} at {}–{} differs from flight {} {}→{} at {}–{}",
                    l.depart, l.arrive, f.id, f.from, f.to, f.depart, f.arrive
                ),
            );
        }
        if !loaded_on.contains(&f.id.as_str()) {
            loaded_on.push(&f.id);
            let a = aboard.entry(f.id.as_str()).or_default();
            a.personnel += u64::from(m.load.personnel);
            a.tonnes += m.load.cargo_t;
            for v in &m.load.vehicles {
                if let Some(c) = ix.class(&m.unit, &v.class) {
                    a.tonnes += f64::from(v.count) * c.weight_t;
                    if c.outsize && v.count > 0 {
                        a.outsize
                            .insert(format!("{} {} of unit {}", v.count, c.class, m.unit));
                    }
                }
            }
        }
        let Some(t) = ix.flight_type(f) else { continue };
        if let Some(prev) = i.checked_sub(1).and_then(|p| m.legs.get(p)) {
            let loading = l.depart.saturating_sub(ix.service(t, &l.from));
            if prev.arrive > loading {
                out.add(
                    "R8",
                    &m.id,
                    format!(
                        "leg {i} arrives at {} at {}, loading {} for {name} starts at {loading}",
                        prev.to, prev.arrive, f.id
                    ),
                );
            }
        }
        if let Some(next) = m.legs.get(i + 1) {
            let unloaded = l.arrive.saturating_add(ix.service(t, &l.to));
            if next.depart < unloaded {
                out.add(
                    "R8",
                    &m.id,
                    format!(
                        "leg {} leaves {} at {}, unloading {} after {name} ends at {unloaded}",
                        i + 2,
                        next.from,
                        next.depart,
                        f.id
                    ),
                );
            }
        }
    }
}
