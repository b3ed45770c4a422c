//! R9: the flights themselves (named aircraft, airways, times, runways, loads carried) and each
//! aircraft's rotation from home and back.

use std::collections::{BTreeMap, HashMap};

use crate::plan::{Flight, LegMode};
use crate::scenario::{AircraftType, Mode, NodeKind};

use super::index::{lasts, Index};
use super::measure::{at_most, drive};
use super::Report;

/// One aircraft's flights, by departure.
pub(super) struct Rotation<'a> {
    pub(super) aircraft: &'a str,
    pub(super) kind: &'a AircraftType,
    pub(super) flights: Vec<&'a Flight>,
}

/// Every aircraft of a known type with its flights by departure (ties by landing, then id),
/// aircraft by name.
pub(super) fn rotations<'a>(ix: &Index<'a>) -> Vec<Rotation<'a>> {
    let mut by_aircraft: BTreeMap<&str, Vec<&Flight>> = BTreeMap::new();
    for f in &ix.plan.flights {
        by_aircraft.entry(f.aircraft.as_str()).or_default().push(f);
    }
    by_aircraft
        .into_iter()
        .filter_map(|(aircraft, mut flights)| {
            let kind = ix.aircraft(aircraft).kind?;
            flights.sort_by(|a, b| (a.depart, a.arrive, &a.id).cmp(&(b.depart, b.arrive, &b.id)));
            Some(Rotation {
                aircraft,
                kind,
                flights,
            })
        })
        .collect()
}

pub(super) fn check(ix: &Index, out: &mut Report) {
    let mut carried: HashMap<&str, Vec<&str>> = HashMap::new();
    for m in ix.movements() {
        for l in &m.legs {
            if l.mode == LegMode::Air && !l.by.is_empty() {
                let on = carried.entry(l.by.as_str()).or_default();
                if on.last() != Some(&m.id.as_str()) {
                    on.push(&m.id);
                }
            }
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for f in &ix.plan.flights {
        *seen.entry(f.id.as_str()).or_default() += 1;
        flight(
            ix,
            f,
            carried.get(f.id.as_str()).map_or(&[], Vec::as_slice),
            out,
        );
    }
    for (id, n) in seen {
        if n > 1 {
            out.add("R9", id, format!("flight id used {n} times"));
        }
    }
    for r in rotations(ix) {
        rotation(ix, &r, out);
    }
}

fn flight(ix: &Index, f: &Flight, carried: &[&str], out: &mut Report) {
    let name = ix.aircraft(&f.aircraft);
    if let Some(fault) = name.fault {
        out.add("R9", &f.id, fault);
    }
    let minutes = lasts(f.depart, f.arrive);
    if ix.legs_between(Mode::Air, &f.from, &f.to).is_empty() {
        out.add(
            "R9",
            &f.id,
            format!(
                "the scenario has no air leg between {} and {}",
                f.from, f.to
            ),
        );
    } else if let Some(t) = name.kind {
        if let Some(leg) = ix.air_leg(&f.from, &f.to, minutes, Some(t)) {
            match drive(leg.km, t.speed_kmh) {
                Some(d) if d == minutes => {}
                Some(d) => out.add(
                    "R9",
                    &f.id,
                    format!(
                        "lasts {minutes} min, {} km at {} km/h take {d} min",
                        leg.km, t.speed_kmh
                    ),
                ),
                None => out.add(
                    "R9",
                    &f.id,
                    format!("{} km at {} km/h give no flying time", leg.km, t.speed_kmh),
                ),
            }
            if !at_most(leg.km, t.range_km) {
                out.add(
                    "R9",
                    &f.id,
                    format!(
                        "flies a {} km leg, beyond the {} km range of {}",
                        leg.km, t.range_km, t.id
                    ),
                );
            }
        }
    }
    for (end, verb) in [(&f.from, "takes off from"), (&f.to, "lands at")] {
        match ix.node(end) {
            None => out.add("R9", &f.id, format!("{verb} unknown node {end}")),
            Some(n) if n.kind != NodeKind::Airfield => out.add(
                "R9",
                &f.id,
                format!("{verb} {end}, which is not an airfield"),
            ),
            Some(n) => {
                let Some(t) = name.kind else { continue };
                let runway = n.runway_m.unwrap_or(0);
                if runway < t.min_runway_m {
                    out.add(
                        "R9",
                        &f.id,
                        format!(
                            "{verb} {end} with a {runway} m runway, {} needs {} m",
                            t.id, t.min_runway_m
                        ),
                    );
                }
            }
        }
    }
    if f.loaded && carried.is_empty() {
        out.add("R9", &f.id, "a loaded flight that carries no movement");
    }
    if !f.loaded && !carried.is_empty() {
        out.add(
            "R9",
            &f.id,
            format!("an empty flight that carries {}", carried.join(", ")),
        );
    }
}

fn rotation(ix: &Index, r: &Rotation, out: &mut Report) {
    let t = r.kind;
    let (Some(first), Some(last)) = (r.flights.first(), r.flights.last()) else {
        return;
    };
    if first.from != t.home {
        out.add(
            "R9",
            r.aircraft,
            format!(
                "the first flight {} takes off from {}, the aircraft's home is {}",
                first.id, first.from, t.home
            ),
        );
    }
    if first.depart < t.available {
        out.add(
            "R9",
            r.aircraft,
            format!(
                "the first flight {} takes off at {}, the aircraft is available from {}",
                first.id, first.depart, t.available
            ),
        );
    } else if first.loaded {
        let loading = first.depart.saturating_sub(ix.service(t, &first.from));
        if loading < t.available {
            out.add(
                "R9",
                r.aircraft,
                format!(
                    "loading for the first flight {} starts at {loading}, the aircraft is available from {}",
                    first.id, t.available
                ),
            );
        }
    }
    for pair in r.flights.windows(2) {
        let [a, b] = pair else { continue };
        if b.from != a.to {
            out.add(
                "R9",
                r.aircraft,
                format!(
                    "{} takes off from {}, {} landed at {}",
                    b.id, b.from, a.id, a.to
                ),
            );
        }
        let unloading = if a.loaded { ix.service(t, &a.to) } else { 0 };
        let loading = if b.loaded { ix.service(t, &b.from) } else { 0 };
        let needed = unloading.saturating_add(loading);
        if b.depart.saturating_sub(a.arrive) < needed {
            out.add(
                "R9",
                r.aircraft,
                format!(
                    "{} takes off at {}, {} landed at {}: {needed} min on the ground needed ({unloading} to unload, {loading} to load)",
                    b.id, b.depart, a.id, a.arrive
                ),
            );
        }
    }
    if last.to != t.home {
        out.add(
            "R9",
            r.aircraft,
            format!(
                "the last flight {} lands at {}, the aircraft's home is {}",
                last.id, last.to, t.home
            ),
        );
    }
}
