//! R7: the transit rules of the states that movements and flights touch, and the states a plan
//! lists for each leg and flight (the helper definition "the states of a leg"; a wrong list
//! would mislead whoever clears the movement, so it is reported under R7 too).

use crate::plan::{LegMode, Movement};
use crate::scenario::{Minute, Transit};

use super::index::{lasts, leg_name, Index};
use super::measure::list;
use super::Report;

pub(super) fn check(ix: &Index, out: &mut Report) {
    for m in ix.movements() {
        movement(ix, m, out);
    }
    flights(ix, out);
}

/// What a state's rule forbids to a leg that departs at `depart` and touches it.
fn entry(ix: &Index, state: &str, depart: Minute) -> Option<String> {
    match ix.scenario.transit_of(state) {
        Transit::Refused => Some(format!("touches {state}, where transit is refused")),
        Transit::Pending { until } if depart < *until => Some(format!(
            "departs at {depart} into {state}, cleared only from {until}"
        )),
        _ => None,
    }
}

fn movement(ix: &Index, m: &Movement, out: &mut Report) {
    let host = ix.scenario.host.as_str();
    let own = ix.unit(&m.unit).map(|u| u.state.as_str());
    let exempt = |s: &str| s == host || Some(s) == own;
    for (i, l) in m.legs.iter().enumerate() {
        let name = leg_name(i, &l.from, &l.to);
        let overflies = if l.mode == LegMode::Air {
            let kind = ix.type_of_flight_named(&l.by);
            ix.air_leg(&l.from, &l.to, lasts(l.depart, l.arrive), kind)
                .map_or(&[][..], |leg| leg.overflies.as_slice())
        } else {
            &[]
        };
        let states = ix.leg_states(l.mode, &l.from, &l.to, overflies);
        if l.states != states {
            out.add(
                "R7",
                &m.id,
                format!(
                    "{name} lists states {}, it touches {} (sorted, without repeats)",
                    list(&l.states),
                    list(&states)
                ),
            );
        }
        for s in states.iter().filter(|s| !exempt(s)) {
            if let Some(why) = entry(ix, s, l.depart) {
                out.add("R7", &m.id, format!("{name} {why}"));
            }
        }
        let Some(next) = m.legs.get(i + 1) else {
            continue;
        };
        if next.depart <= l.arrive {
            continue;
        }
        if let Some(s) = ix.state_of(&l.to).filter(|s| !exempt(s)) {
            if matches!(ix.scenario.transit_of(s), Transit::NonStop) {
                out.add(
                    "R7",
                    &m.id,
                    format!(
                        "halts {} min at {} in {s} (after {name}, {}–{}), where transit is non-stop",
                        next.depart.saturating_sub(l.arrive),
                        l.to,
                        l.arrive,
                        next.depart
                    ),
                );
            }
        }
    }
}

fn flights(ix: &Index, out: &mut Report) {
    let host = ix.scenario.host.as_str();
    for f in &ix.plan.flights {
        let kind = ix.flight_type(f);
        let own = kind.map(|t| t.state.as_str());
        let exempt = |s: &str| s == host || Some(s) == own;
        let overflies = ix
            .air_leg(&f.from, &f.to, lasts(f.depart, f.arrive), kind)
            .map_or(&[][..], |leg| leg.overflies.as_slice());
        let states = ix.leg_states(LegMode::Air, &f.from, &f.to, overflies);
        if f.states != states {
            out.add(
                "R7",
                &f.id,
                format!(
                    "lists states {}, it touches {} (sorted, without repeats)",
                    list(&f.states),
                    list(&states)
                ),
            );
        }
        for s in states.iter().filter(|s| !exempt(s)) {
            if let Some(why) = entry(ix, s, f.depart) {
                out.add("R7", &f.id, why);
            }
            if matches!(ix.scenario.transit_of(s), Transit::NonStop) {
                if ix.state_of(&f.from) == Some(s.as_str()) {
                    out.add(
                        "R7",
                        &f.id,
                        format!(
                            "takes off from {} in {s}, where only overflight is allowed",
                            f.from
                        ),
                    );
                }
                if ix.state_of(&f.to) == Some(s.as_str()) {
                    out.add(
                        "R7",
                        &f.id,
                        format!("lands at {} in {s}, where only overflight is allowed", f.to),
                    );
                }
            }
        }
    }
}
