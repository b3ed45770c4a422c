//! Lower bounds on the closure: no plan can beat them, so the gap to them proves how close a
//! plan is to the best possible.

use crate::critical::PartReach;
use crate::model::Model;
use crate::plan::Bound;
use crate::scenario::Minute;

/// The critical-path bound: each part of each unit on its fastest mode, alone.
pub(crate) fn critical_path(m: &Model, reach: &[Vec<PartReach>]) -> Bound {
    let mut best = (0, String::from("nothing to move"));
    for (u, parts) in reach.iter().enumerate() {
        for p in parts {
            if let Some(t) = p.best() {
                if t > best.0 {
                    let unit = &m.sc.units[u];
                    best = (
                        t,
                        format!(
                            "the {} of {} cannot arrive before minute {t} by any mode",
                            p.part.name(unit),
                            unit.id
                        ),
                    );
                }
            }
        }
    }
    Bound {
        kind: "critical_path".into(),
        value: best.0,
        detail: best.1,
    }
}

/// The largest of the bounds.
pub(crate) fn best(bounds: &[Bound]) -> Minute {
    bounds.iter().map(|b| b.value).max().unwrap_or(0)
}
