//! R15: the figures a plan reports follow from its movements and flights: unit closures,
//! the closure, lateness, sorties, the lower bound and the gap.

use std::collections::{BTreeSet, HashMap};

use crate::scenario::Minute;

use super::index::Index;
use super::measure::at_most;
use super::Report;

/// The subject of violations about the plan's own figures.
const PLAN: &str = "plan";

pub(super) fn check(ix: &Index, out: &mut Report) {
    let plan = ix.plan;
    // A unit's closure: the latest arrival of its movements, each arriving with its last leg.
    let mut closures: HashMap<&str, Minute> = HashMap::new();
    for m in ix.movements() {
        if let Some(last) = m.legs.last() {
            let c = closures.entry(m.unit.as_str()).or_insert(Minute::MIN);
            *c = (*c).max(last.arrive);
        }
    }
    let mut rows = HashMap::new();
    for row in &plan.units {
        if rows.contains_key(row.unit.as_str()) {
            out.add(
                "R15",
                &row.unit,
                "listed more than once among the unit closures",
            );
            continue;
        }
        rows.insert(row.unit.as_str(), row);
        if ix.unit(&row.unit).is_none() {
            out.add(
                "R15",
                &row.unit,
                "listed among the unit closures, but no such unit",
            );
        }
    }
    let mut closure: Option<Minute> = None;
    let mut weighted: i64 = 0;
    let mut done = BTreeSet::new();
    for u in &ix.scenario.units {
        if !done.insert(u.id.as_str()) {
            continue;
        }
        let arrives = closures.get(u.id.as_str()).copied();
        let late = arrives.map_or(0, |c| c.saturating_sub(u.rdd).max(0));
        if let Some(c) = arrives {
            closure = Some(closure.map_or(c, |k| k.max(c)));
        }
        weighted = weighted.saturating_add(late.saturating_mul(i64::from(u.priority)));
        let Some(row) = rows.get(u.id.as_str()) else {
            out.add("R15", &u.id, "missing from the unit closures");
            continue;
        };
        match arrives {
            Some(c) if c != row.closure => out.add(
                "R15",
                &u.id,
                format!("closure {}, its movements arrive by {c}", row.closure),
            ),
            // Without movements (R1) there is no closure to compare.
            _ => {}
        }
        if row.rdd != u.rdd {
            out.add(
                "R15",
                &u.id,
                format!("RDD {}, the scenario's is {}", row.rdd, u.rdd),
            );
        }
        if arrives.is_some() && row.late != late {
            out.add(
                "R15",
                &u.id,
                format!(
                    "{} min late, closure {} against RDD {} makes {late}",
                    row.late,
                    arrives.unwrap_or_default(),
                    u.rdd
                ),
            );
        }
    }
    let closure = closure.unwrap_or(0);
    if plan.closure != closure {
        out.add(
            "R15",
            PLAN,
            format!(
                "closure {}, the last unit closes at {closure}",
                plan.closure
            ),
        );
    }
    if plan.weighted_lateness != weighted {
        out.add(
            "R15",
            PLAN,
            format!(
                "weighted lateness {}, the units' priorities × minutes late add up to {weighted}",
                plan.weighted_lateness
            ),
        );
    }
    let sorties = plan.flights.iter().filter(|f| f.loaded).count();
    if usize::try_from(plan.sorties).ok() != Some(sorties) {
        out.add(
            "R15",
            PLAN,
            format!(
                "{} sorties, the loaded flights number {sorties}",
                plan.sorties
            ),
        );
    }
    let bound = plan.lower_bound;
    if bound > closure {
        out.add(
            "R15",
            PLAN,
            format!("lower bound {bound} above the closure {closure}"),
        );
    }
    if let Some(best) = plan.bounds.iter().map(|b| b.value).max() {
        if best != bound {
            out.add(
                "R15",
                PLAN,
                format!("lower bound {bound}, the largest of the bounds listed is {best}"),
            );
        }
    }
    // With a bound of 0 or less the document's ratio has no value; nothing to compare.
    if bound > 0 {
        let gap = (closure as f64 - bound as f64) / bound as f64;
        if !at_most((plan.gap - gap).abs(), 1e-9 * gap.abs().max(1.0)) {
            out.add(
                "R15",
                PLAN,
                format!(
                    "gap {}, (closure {closure} − bound {bound}) / bound is {gap}",
                    plan.gap
                ),
            );
        }
    }
}
