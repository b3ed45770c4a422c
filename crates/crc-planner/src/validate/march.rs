//! R6: the daily march limit. A movement's road legs fall into marches separated by rests (a
//! halt of at least `rest_min` between one road leg's arrival and the next road leg's
//! departure, crossing passages included) or by a rail or air leg.

use crate::plan::{LegMode, Movement};
use crate::scenario::Unit;

use super::index::{lasts, Index};
use super::Report;

/// A march being added up.
struct March<'a> {
    km: f64,
    first_leg: usize,
    last_leg: usize,
    from: &'a str,
    to: &'a str,
}

pub(super) fn check(ix: &Index, out: &mut Report) {
    let rest = i64::from(ix.scenario.rules.rest_min);
    for m in ix.movements() {
        if let Some(u) = ix.unit(&m.unit) {
            marches(ix, m, u, rest, out);
        }
    }
}

fn marches(ix: &Index, m: &Movement, u: &Unit, rest: i64, out: &mut Report) {
    let mut march: Option<March> = None;
    let mut last_road_arrival: Option<i64> = None;
    for (i, l) in m.legs.iter().enumerate() {
        match l.mode {
            LegMode::Road => {
                let rested = last_road_arrival.is_some_and(|t| l.depart.saturating_sub(t) >= rest);
                if rested {
                    close(march.take(), m, u, rest, out);
                }
                // A leg missing from the network (R3) counts no distance here.
                let km = ix
                    .road_leg(&l.from, &l.to, lasts(l.depart, l.arrive), Some(u.march_kmh))
                    .map_or(0.0, |leg| leg.km);
                let current = march.get_or_insert(March {
                    km: 0.0,
                    first_leg: i,
                    last_leg: i,
                    from: &l.from,
                    to: &l.to,
                });
                current.km += km;
                current.last_leg = i;
                current.to = &l.to;
                last_road_arrival = Some(l.arrive);
            }
            LegMode::Crossing => {}
            LegMode::Rail | LegMode::Air => {
                close(march.take(), m, u, rest, out);
                last_road_arrival = None;
            }
        }
    }
    close(march, m, u, rest, out);
}

fn close(march: Option<March>, m: &Movement, u: &Unit, rest: i64, out: &mut Report) {
    let Some(march) = march else { return };
    // Distances are sums of floats; a march exactly at the limit must pass.
    if march.km > u.march_km_per_day + 1e-6 {
        let legs = if march.first_leg == march.last_leg {
            format!("leg {}", march.first_leg + 1)
        } else {
            format!("legs {}–{}", march.first_leg + 1, march.last_leg + 1)
        };
        out.add(
            "R6",
            &m.id,
            format!(
                "march of {} km from {} to {} ({legs}) without a rest of {} min, unit {} marches at most {} km a day",
                round_km(march.km),
                march.from,
                march.to,
                rest,
                u.id,
                u.march_km_per_day
            ),
        );
    }
}

fn round_km(km: f64) -> f64 {
    (km * 10.0).round() / 10.0
}
