//! Turns the best candidate into the plan people read: ids, names, states crossed.

use crate::model::Model;
use crate::plan::{
    Binding, Bound, Flight, LegMode, Load, Movement, MovementLeg, Plan, SearchReport, Train,
    UnitClosure, VehicleCount,
};
use crate::schedule::{CStep, Candidate};

pub(crate) fn render(
    m: &Model,
    c: &Candidate,
    seed: u64,
    bounds: Vec<Bound>,
    binding: Binding,
    search: SearchReport,
) -> Plan {
    let sc = m.sc;
    let id = |n: usize| sc.nodes[n].id.clone();
    let flights: Vec<Flight> = c
        .flights
        .iter()
        .enumerate()
        .map(|(i, f)| Flight {
            id: format!("F{}", i + 1),
            aircraft: format!("{}#{}", sc.aircraft[f.kind].id, f.n),
            from: id(f.from),
            to: id(f.to),
            depart: f.dep,
            arrive: f.arr,
            loaded: f.loaded,
            states: m.leg_states(f.leg),
        })
        .collect();
    let trains: Vec<Train> = c
        .trains
        .iter()
        .enumerate()
        .map(|(i, t)| Train {
            id: format!("T{}", i + 1),
            from: id(t.from),
            to: id(t.to),
            depart: t.dep,
            arrive: t.arr,
            wagons: t.wagons,
        })
        .collect();
    let movements = c
        .moves
        .iter()
        .enumerate()
        .map(|(i, mv)| {
            let unit = &sc.units[mv.unit];
            let legs = mv
                .steps
                .iter()
                .map(|s| match *s {
                    CStep::Road(l, a, b, d, r) => MovementLeg {
                        mode: LegMode::Road,
                        from: id(a),
                        to: id(b),
                        depart: d,
                        arrive: r,
                        by: String::new(),
                        states: m.leg_states(l),
                    },
                    CStep::Crossing(n, s, e) => MovementLeg {
                        mode: LegMode::Crossing,
                        from: id(n),
                        to: id(n),
                        depart: s,
                        arrive: e,
                        by: String::new(),
                        states: Vec::new(),
                    },
                    CStep::Rail(l, a, b, d, r, t) => MovementLeg {
                        mode: LegMode::Rail,
                        from: id(a),
                        to: id(b),
                        depart: d,
                        arrive: r,
                        by: format!("T{}", t + 1),
                        states: m.leg_states(l),
                    },
                    CStep::Air(l, a, b, d, r, f) => MovementLeg {
                        mode: LegMode::Air,
                        from: id(a),
                        to: id(b),
                        depart: d,
                        arrive: r,
                        by: format!("F{}", f + 1),
                        states: m.leg_states(l),
                    },
                })
                .collect();
            Movement {
                id: format!("M{}", i + 1),
                unit: unit.id.clone(),
                mode: mv.mode,
                load: Load {
                    personnel: mv.load.pax,
                    vehicles: mv
                        .load
                        .veh
                        .iter()
                        .enumerate()
                        .filter(|(_, &n)| n > 0)
                        .map(|(k, &n)| VehicleCount {
                            class: unit.vehicles[k].class.clone(),
                            count: n,
                        })
                        .collect(),
                    cargo_t: mv.load.cargo,
                },
                legs,
            }
        })
        .collect();
    let lower_bound = bounds.iter().map(|b| b.value).max().unwrap_or(0);
    Plan {
        scenario: sc.name.clone(),
        seed,
        closure: c.closure,
        lower_bound,
        gap: if lower_bound > 0 {
            (c.closure - lower_bound) as f64 / lower_bound as f64
        } else {
            0.0
        },
        bounds,
        binding,
        weighted_lateness: c.lateness,
        sorties: c.sorties,
        units: sc
            .units
            .iter()
            .zip(&c.unit_closure)
            .map(|(u, &cl)| UnitClosure {
                unit: u.id.clone(),
                closure: cl,
                rdd: u.rdd,
                late: (cl - u.rdd).max(0),
            })
            .collect(),
        movements,
        flights,
        trains,
        search,
    }
}
