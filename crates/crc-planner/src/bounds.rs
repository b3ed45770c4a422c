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

/// Names what limits the closure of a plan: the route of the last unit when the plan meets the
/// critical path, otherwise the resource its last movement waited for.
pub(crate) fn binding(
    m: &Model,
    c: &crate::schedule::Candidate,
    critical: &Bound,
) -> crate::plan::Binding {
    use crate::plan::Binding;
    use crate::schedule::CStep;
    let sc = m.sc;
    let Some(last) = c
        .moves
        .iter()
        .max_by_key(|mv| mv.steps.last().map_or(0, CStep::arrive))
    else {
        return Binding {
            kind: "none".into(),
            id: String::new(),
            text: "nothing to move".into(),
        };
    };
    let unit = &sc.units[last.unit];
    if c.closure <= critical.value {
        return Binding {
            kind: "route".into(),
            id: unit.id.clone(),
            text: format!("limited by the route of {}: {}", unit.id, critical.detail),
        };
    }
    let mut prev_arrive = None;
    for s in &last.steps {
        match *s {
            CStep::Air(_, _, _, _, _, f) => {
                let t = &sc.aircraft[c.flights[f].kind];
                return Binding {
                    kind: "fleet".into(),
                    id: t.id.clone(),
                    text: format!(
                        "limited by the fleet of type {} ({} aircraft): the last sortie carries {}",
                        t.id, t.count, unit.id
                    ),
                };
            }
            CStep::Rail(_, a, _, _, _, _) => {
                let n = &sc.nodes[a];
                return Binding {
                    kind: "rail".into(),
                    id: n.id.clone(),
                    text: format!(
                        "limited by the paths of railhead {} ({} a day): the last train carries {}",
                        n.name,
                        n.paths_per_day.unwrap_or(0),
                        unit.id
                    ),
                };
            }
            CStep::Crossing(node, start, _) if prev_arrive.is_some_and(|a| start > a) => {
                let n = &sc.nodes[node];
                return Binding {
                    kind: "crossing".into(),
                    id: n.id.clone(),
                    text: format!(
                        "limited by crossing {} ({} vehicles an hour): {} waits to pass",
                        n.name,
                        n.throughput_per_hour.unwrap_or(0),
                        unit.id
                    ),
                };
            }
            _ => {}
        }
        prev_arrive = Some(s.arrive());
    }
    Binding {
        kind: "route".into(),
        id: unit.id.clone(),
        text: format!("limited by the march of {} on its road route", unit.id),
    }
}
