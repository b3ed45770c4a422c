//! R12: one column at a time through a crossing. Passages are sorted by start and each is
//! compared with the latest-ending passage before it, so every overlap is found in
//! O(n log n).

use std::collections::BTreeMap;

use crate::plan::LegMode;
use crate::scenario::Minute;

use super::index::Index;
use super::Report;

struct Passage<'a> {
    start: Minute,
    end: Minute,
    movement: &'a str,
}

pub(super) fn check(ix: &Index, out: &mut Report) {
    let mut by_crossing: BTreeMap<&str, Vec<Passage>> = BTreeMap::new();
    for m in ix.movements() {
        for l in &m.legs {
            // An empty or reversed passage occupies no time (R2 and R4 report it).
            if l.mode == LegMode::Crossing && l.depart < l.arrive {
                by_crossing.entry(&l.from).or_default().push(Passage {
                    start: l.depart,
                    end: l.arrive,
                    movement: &m.id,
                });
            }
        }
    }
    for (crossing, mut passages) in by_crossing {
        passages.sort_by(|a, b| (a.start, a.end, a.movement).cmp(&(b.start, b.end, b.movement)));
        let mut latest: Option<&Passage> = None;
        for p in &passages {
            if let Some(q) = latest {
                if p.start < q.end {
                    out.add(
                        "R12",
                        crossing,
                        format!(
                            "the passage of {} ({}–{}) overlaps that of {} ({}–{})",
                            p.movement, p.start, p.end, q.movement, q.start, q.end
                        ),
                    );
                }
            }
            if latest.is_none_or(|q| p.end > q.end) {
                latest = Some(p);
            }
        }
    }
}
