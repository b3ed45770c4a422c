//! A small scenario and a valid plan for it that uses every kind of leg, and the helpers the
//! validator tests mutate them with.
//!
//! The network (states: SND sends, TRN is pending until minute 300, NST is non-stop, REF
//! refuses, HST hosts, OPR operates the aircraft):
//!
//! ```text
//!   road:  G1 ─120─ X1(crossing) ─200─ S1(TRN) ─300─ X2(crossing) ─100─ D(HST)
//!          G1 ─100─ Z1(REF) ─100─ D              (a short cut through a refusing state)
//!          G2 ─30─ RA   RB ─40─ D   G2 ─20─ A1   A2 ─60─ D
//!   rail:  RA(SND) ─300 min─ RN(NST) ─420 min─ RB(HST)
//!   air:   A0(OPR) ─1000─ A1(SND) ─2000 over NST─ A2(HST) ─1500─ A0
//! ```
//!
//! U1 marches G1 → X1 → S1 → X2 → D (M1); U2 goes part by train RA → RN → RB (M2, train T1) and
//! part by air A1 → A2 (M3, flight F2 of IL-76#1, which positions with F1 and returns with F3).

#![allow(dead_code)]

use std::ops::RangeBounds;

use crc_planner::plan::{Flight, Movement, MovementLeg, Train, UnitClosure};
use crc_planner::scenario::{Node, Unit};
use crc_planner::{Plan, Scenario};
use serde_json::json;

pub fn scenario() -> Scenario {
    let node = |id: &str, kind: &str, state: &str| json!({"id": id, "name": id, "kind": kind, "state": state, "lat": 0.0, "lon": 0.0});
    let with = |mut n: serde_json::Value, extra: serde_json::Value| {
        for (k, v) in extra.as_object().expect("an object") {
            n[k] = v.clone();
        }
        n
    };
    let airfield = |id: &str, state: &str| {
        with(
            node(id, "airfield", state),
            json!({"runway_m": 2500, "parking": 1, "working": 1, "handling_min": 15}),
        )
    };
    let road = |a: &str, b: &str, km: f64| json!({"from": a, "to": b, "mode": "road", "km": km});
    let v = json!({
        "name": "validator fixture",
        "host": "HST",
        "destination": "D",
        "nodes": [
            node("G1", "garrison", "SND"),
            node("G2", "garrison", "SND"),
            with(node("X1", "crossing", "SND"), json!({"throughput_per_hour": 60})),
            node("S1", "staging", "TRN"),
            with(node("X2", "crossing", "TRN"), json!({"throughput_per_hour": 120})),
            node("D", "destination", "HST"),
            node("Z1", "staging", "REF"),
            with(node("RA", "railhead", "SND"), json!({"paths_per_day": 4})),
            with(node("RN", "railhead", "NST"), json!({"paths_per_day": 1})),
            with(node("RB", "railhead", "HST"), json!({"paths_per_day": 2})),
            with(airfield("A0", "OPR"), json!({"runway_m": 3000})),
            airfield("A1", "SND"),
            airfield("A2", "HST"),
        ],
        "legs": [
            road("G1", "X1", 120.0),
            road("X1", "S1", 200.0),
            road("S1", "X2", 300.0),
            // Listed the other way round from how M1 drives it: legs serve both directions.
            road("D", "X2", 100.0),
            road("G1", "Z1", 100.0),
            road("Z1", "D", 100.0),
            road("G2", "RA", 30.0),
            road("RB", "D", 40.0),
            road("G2", "A1", 20.0),
            road("A2", "D", 60.0),
            {"from": "RA", "to": "RN", "mode": "rail", "km": 300.0, "minutes": 300},
            {"from": "RN", "to": "RB", "mode": "rail", "km": 400.0, "minutes": 420},
            {"from": "A0", "to": "A1", "mode": "air", "km": 1000.0},
            {"from": "A1", "to": "A2", "mode": "air", "km": 2000.0, "overflies": ["NST"]},
            {"from": "A2", "to": "A0", "mode": "air", "km": 1500.0},
        ],
        "units": [
            {
                "id": "U1", "name": "Motor rifle battalion", "state": "SND", "origin": "G1",
                "personnel": 40, "vehicles": [{"class": "TRK", "count": 10, "weight_t": 10.0}],
                "cargo_t": 20.0, "ready": 0, "rdd": 3000, "priority": 2, "modes": ["road"],
                "march_kmh": 60.0, "march_km_per_day": 400.0, "seats_per_vehicle": 4,
                "cargo_t_per_vehicle": 2.0
            },
            {
                "id": "U2", "name": "Airborne company", "state": "SND", "origin": "G2",
                "personnel": 100,
                "vehicles": [
                    {"class": "APC", "count": 4, "weight_t": 15.0},
                    {"class": "BIG", "count": 1, "weight_t": 30.0, "outsize": true}
                ],
                "cargo_t": 12.0, "ready": 100, "rdd": 1000, "priority": 3,
                "modes": ["rail", "air"], "march_kmh": 40.0, "march_km_per_day": 500.0,
                "seats_per_vehicle": 10, "cargo_t_per_vehicle": 3.0
            }
        ],
        "aircraft": [{
            "id": "IL-76", "state": "OPR", "payload_t": 40.0, "seats": 45, "speed_kmh": 500.0,
            "range_km": 2500.0, "ground_min": 45, "min_runway_m": 2000, "home": "A0", "count": 2
        }],
        "rail": {
            "wagons_per_train": 20, "personnel_per_wagon": 30, "cargo_t_per_wagon": 5.0,
            "load_min": 120, "unload_min": 60
        },
        "transit": {
            "TRN": {"rule": "pending", "until": 300},
            "NST": {"rule": "non_stop"},
            "REF": {"rule": "refused"}
        },
        "rules": {"personnel_t": 0.1, "rest_min": 480, "horizon": 86400}
    });
    serde_json::from_value(v).expect("the fixture scenario parses")
}

/// A leg of a movement.
pub fn leg(
    mode: &str,
    from: &str,
    to: &str,
    depart: i64,
    arrive: i64,
    by: &str,
    states: &[&str],
) -> MovementLeg {
    serde_json::from_value(json!({
        "mode": mode, "from": from, "to": to, "depart": depart, "arrive": arrive, "by": by,
        "states": states
    }))
    .expect("a movement leg")
}

/// A flight of `aircraft` over `[from, to]` at `[depart, arrive]`.
pub fn flight(
    id: &str,
    aircraft: &str,
    [from, to]: [&str; 2],
    [depart, arrive]: [i64; 2],
    loaded: bool,
    states: &[&str],
) -> Flight {
    serde_json::from_value(json!({
        "id": id, "aircraft": aircraft, "from": from, "to": to, "depart": depart,
        "arrive": arrive, "loaded": loaded, "states": states
    }))
    .expect("a flight")
}

/// The valid plan: every figure below is worked out in the comments.
pub fn plan() -> Plan {
    let v = json!({
        "scenario": "validator fixture",
        "seed": 1,
        "closure": 1385,
        "lower_bound": 1000,
        "gap": 0.385,
        "bounds": [{"kind": "critical_path", "value": 1000, "detail": "U1 by road"}],
        "binding": {"kind": "route", "id": "U1", "text": "limited by the route of U1"},
        "weighted_lateness": 600,
        "sorties": 1,
        "units": [
            {"unit": "U1", "closure": 1385, "rdd": 3000, "late": 0},
            {"unit": "U2", "closure": 1200, "rdd": 1000, "late": 200}
        ],
        "movements": [],
        "flights": [],
        "trains": [
            {"id": "T1", "from": "RA", "to": "RB", "depart": 360, "arrive": 1080, "wagons": 9}
        ],
        "search": {"candidates": 0, "elapsed_ms": 0, "stopped": false}
    });
    let mut p: Plan = serde_json::from_value(v).expect("the fixture plan parses");
    let movement = |id: &str, unit: &str, mode: &str, load: serde_json::Value| -> Movement {
        serde_json::from_value(
            json!({"id": id, "unit": unit, "mode": mode, "load": load, "legs": []}),
        )
        .expect("a movement")
    };
    let mut m1 = movement(
        "M1",
        "U1",
        "road",
        json!({"personnel": 40, "vehicles": [{"class": "TRK", "count": 10}], "cargo_t": 20.0}),
    );
    m1.legs = vec![
        // 120 km at 60 km/h.
        leg("road", "G1", "X1", 0, 120, "", &["SND"]),
        // 10 vehicles at 60 an hour.
        leg("crossing", "X1", "X1", 120, 130, "", &[]),
        // TRN clears transit at 300; 120 + 200 km so far, halt 180 min: one march.
        leg("road", "X1", "S1", 300, 500, "", &["TRN"]),
        // A rest of exactly 480 min at S1, then 300 + 100 km: exactly the daily 400 km.
        leg("road", "S1", "X2", 980, 1280, "", &["TRN"]),
        // 10 vehicles at 120 an hour.
        leg("crossing", "X2", "X2", 1280, 1285, "", &[]),
        leg("road", "X2", "D", 1285, 1385, "", &["HST"]),
    ];
    let mut m2 = movement(
        "M2",
        "U2",
        "rail",
        json!({
            "personnel": 60,
            "vehicles": [{"class": "APC", "count": 4}, {"class": "BIG", "count": 1}],
            "cargo_t": 8.0
        }),
    );
    m2.legs = vec![
        // Ready at 100, 30 km at 40 km/h; loading starts at 360 − 120.
        leg("road", "G2", "RA", 100, 145, "", &["SND"]),
        // Path 360 of RA (4 a day); through NST without a halt.
        leg("rail", "RA", "RN", 360, 660, "T1", &["NST", "SND"]),
        leg("rail", "RN", "RB", 660, 1080, "T1", &["HST", "NST"]),
        // Unloaded at 1080 + 60; wagons 5 vehicles + 2 for 60 people + 2 for 8 t = 9.
        leg("road", "RB", "D", 1140, 1200, "", &["HST"]),
    ];
    let mut m3 = movement("M3", "U2", "air", json!({"personnel": 40, "cargo_t": 4.0}));
    m3.legs = vec![
        // Arrives by 200 − (45 + 15).
        leg("road", "G2", "A1", 100, 130, "", &["SND"]),
        // 2000 km at 500 km/h; 40 of 45 seats, 4 t + 40 × 0.1 t = 8 of 40 t.
        leg("air", "A1", "A2", 200, 440, "F2", &["HST", "NST", "SND"]),
        // Unloaded at 440 + 60.
        leg("road", "A2", "D", 500, 590, "", &["HST"]),
    ];
    p.movements = vec![m1, m2, m3];
    p.flights = vec![
        // 1000 km at 500 km/h, then 80 min on the ground at A1 ≥ 60 to load.
        flight(
            "F1",
            "IL-76#1",
            ["A0", "A1"],
            [0, 120],
            false,
            &["OPR", "SND"],
        ),
        flight(
            "F2",
            "IL-76#1",
            ["A1", "A2"],
            [200, 440],
            true,
            &["HST", "NST", "SND"],
        ),
        // 60 min to unload at A2, then home: 1500 km.
        flight(
            "F3",
            "IL-76#1",
            ["A2", "A0"],
            [500, 680],
            false,
            &["HST", "OPR"],
        ),
    ];
    p
}

/// Recomputes the figures R15 checks, so that a case breaking another rule breaks only that
/// one (moving a movement moves its unit's closure).
pub fn refigure(s: &Scenario, p: &mut Plan) {
    let mut rows = Vec::new();
    let mut closure = 0;
    let mut weighted = 0;
    for u in &s.units {
        let Some(c) = p
            .movements
            .iter()
            .filter(|m| m.unit == u.id)
            .filter_map(|m| m.legs.last())
            .map(|l| l.arrive)
            .max()
        else {
            continue;
        };
        let late = (c - u.rdd).max(0);
        rows.push(UnitClosure {
            unit: u.id.clone(),
            closure: c,
            rdd: u.rdd,
            late,
        });
        closure = closure.max(c);
        weighted += late * i64::from(u.priority);
    }
    p.units = rows;
    p.closure = closure;
    p.weighted_lateness = weighted;
    p.sorties = p.flights.iter().filter(|f| f.loaded).count() as u32;
    p.gap = (closure - p.lower_bound) as f64 / p.lower_bound as f64;
}

pub fn movement<'a>(p: &'a mut Plan, id: &str) -> &'a mut Movement {
    p.movements
        .iter_mut()
        .find(|m| m.id == id)
        .expect("a movement of the fixture")
}

pub fn flight_mut<'a>(p: &'a mut Plan, id: &str) -> &'a mut Flight {
    p.flights
        .iter_mut()
        .find(|f| f.id == id)
        .expect("a flight of the fixture")
}

pub fn train<'a>(p: &'a mut Plan, id: &str) -> &'a mut Train {
    p.trains
        .iter_mut()
        .find(|t| t.id == id)
        .expect("a train of the fixture")
}

pub fn node<'a>(s: &'a mut Scenario, id: &str) -> &'a mut Node {
    s.nodes
        .iter_mut()
        .find(|n| n.id == id)
        .expect("a node of the fixture")
}

pub fn unit<'a>(s: &'a mut Scenario, id: &str) -> &'a mut Unit {
    s.units
        .iter_mut()
        .find(|u| u.id == id)
        .expect("a unit of the fixture")
}

/// Moves some legs of a movement (by index) by `minutes`.
pub fn shift(p: &mut Plan, id: &str, legs: impl RangeBounds<usize>, minutes: i64) {
    for (_, l) in movement(p, id)
        .legs
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| legs.contains(i))
    {
        l.depart += minutes;
        l.arrive += minutes;
    }
}
