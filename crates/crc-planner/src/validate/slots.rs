//! R10: airfield slots. Aircraft being loaded or unloaded at once stay within `working`;
//! aircraft on the ground that are not based at the airfield stay within `parking`.

use std::collections::BTreeMap;

use crate::scenario::Minute;

use super::flights::rotations;
use super::index::Index;
use super::sweep::excesses;
use super::Report;

pub(super) fn check(ix: &Index, out: &mut Report) {
    let mut working: BTreeMap<&str, Vec<(Minute, Minute)>> = BTreeMap::new();
    for f in &ix.plan.flights {
        let Some(t) = ix.flight_type(f) else { continue };
        if !f.loaded {
            continue;
        }
        working
            .entry(&f.from)
            .or_default()
            .push((f.depart.saturating_sub(ix.service(t, &f.from)), f.depart));
        working
            .entry(&f.to)
            .or_default()
            .push((f.arrive, f.arrive.saturating_add(ix.service(t, &f.to))));
    }
    let mut parking: BTreeMap<&str, Vec<(Minute, Minute)>> = BTreeMap::new();
    for r in rotations(ix) {
        let home = r.kind.home.as_str();
        for (i, a) in r.flights.iter().enumerate() {
            if a.to == home {
                continue;
            }
            // An aircraft that never takes off again (R9 reports it) stays on the ground.
            let until = r.flights.get(i + 1).map_or(Minute::MAX, |b| b.depart);
            parking.entry(&a.to).or_default().push((a.arrive, until));
        }
    }
    for (airfield, spans) in working {
        // An unknown airfield is R9's to report.
        let Some(node) = ix.node(airfield) else {
            continue;
        };
        let cap = node.working.unwrap_or(0);
        for e in excesses(&spans, u64::from(cap)) {
            out.add(
                "R10",
                airfield,
                format!(
                    "{} aircraft loading or unloading at once {}, working slots for {cap}",
                    e.peak,
                    when(e.start, e.end)
                ),
            );
        }
    }
    for (airfield, spans) in parking {
        let Some(node) = ix.node(airfield) else {
            continue;
        };
        let cap = node.parking.unwrap_or(0);
        for e in excesses(&spans, u64::from(cap)) {
            out.add(
                "R10",
                airfield,
                format!(
                    "{} aircraft not based here on the ground at once {}, parking for {cap}",
                    e.peak,
                    when(e.start, e.end)
                ),
            );
        }
    }
}

fn when(start: Minute, end: Minute) -> String {
    if end == Minute::MAX {
        format!("from minute {start} on")
    } else {
        format!("from minute {start} to {end}")
    }
}
