//! The plan validator against `docs/planner.md`: a valid plan that uses road, a crossing, rail
//! and air passes; each case of the table breaks one rule of it and must be reported under that
//! rule, naming the right subject, and under no rule it does not break. Whatever the times, the
//! validator does not panic, and it stays fast on plans of planner size.

mod validate_common;

use std::collections::BTreeSet;
use std::time::Instant;

use crc_planner::plan::{Bound, LegMode};
use crc_planner::scenario::{Mode, Transit};
use crc_planner::{validate, Plan, Scenario, Violation};
use proptest::prelude::*;
use validate_common::*;

/// One broken plan: what to change, and what the validator must say.
struct Case {
    name: &'static str,
    /// `(rule, subject)` pairs that must all be reported.
    expect: &'static [(&'static str, &'static str)],
    /// Other rules the change breaks as well, by the letter of the document.
    also: &'static [&'static str],
    apply: fn(&mut Scenario, &mut Plan),
}

fn violations(s: &Scenario, p: &Plan) -> Vec<Violation> {
    validate(s, p).err().unwrap_or_default()
}

fn show(v: &[Violation]) -> String {
    v.iter().map(|v| format!("\n  {v}")).collect()
}

#[test]
fn the_valid_plan_passes() {
    let s = scenario();
    let p = plan();
    assert_eq!(validate(&s, &p), Ok(()), "{}", show(&violations(&s, &p)));
    // The fixture's figures are the ones the helper recomputes.
    let mut q = p.clone();
    refigure(&s, &mut q);
    assert_eq!(q, p);
}

const CASES: &[Case] = &[
    // R1 Delivery.
    Case {
        name: "a person left behind",
        expect: &[("R1", "U1")],
        also: &[],
        apply: |_, p| movement(p, "M1").load.personnel = 39,
    },
    Case {
        name: "cargo left behind",
        expect: &[("R1", "U1")],
        also: &[],
        apply: |_, p| movement(p, "M1").load.cargo_t = 19.0,
    },
    Case {
        name: "a vehicle class the unit does not have",
        expect: &[("R1", "M2"), ("R1", "U2")],
        also: &[],
        apply: |_, p| movement(p, "M2").load.vehicles[0].class = "APX".into(),
    },
    Case {
        name: "an empty movement",
        expect: &[("R1", "M4")],
        also: &[],
        apply: |_, p| {
            let mut m = movement(p, "M3").clone();
            m.id = "M4".into();
            m.load = Default::default();
            p.movements.push(m);
        },
    },
    Case {
        name: "a movement of an unknown unit",
        expect: &[("R1", "M3"), ("R1", "U2")],
        also: &[],
        apply: |_, p| movement(p, "M3").unit = "U9".into(),
    },
    Case {
        name: "two movements with one id",
        expect: &[("R1", "M2")],
        also: &[],
        apply: |_, p| movement(p, "M3").id = "M2".into(),
    },
    // R2 Chain.
    Case {
        name: "departs before the unit is ready",
        expect: &[("R2", "M1")],
        also: &[],
        apply: |s, _| unit(s, "U1").ready = 1,
    },
    Case {
        name: "starts away from the garrison",
        expect: &[("R2", "M1")],
        also: &[],
        apply: |s, _| unit(s, "U1").origin = "G2".into(),
    },
    Case {
        name: "ends away from the destination",
        expect: &[("R2", "M1"), ("R2", "M2"), ("R2", "M3")],
        also: &[],
        apply: |s, _| s.destination = "RB".into(),
    },
    Case {
        name: "a leg departs before the previous one arrives",
        expect: &[("R2", "M1")],
        // Without the halt at S1 there is no rest: one march of 720 km.
        also: &["R6"],
        apply: |_, p| shift(p, "M1", 3.., -490),
    },
    Case {
        name: "a leg arrives before it departs",
        expect: &[("R2", "M3")],
        also: &["R4"],
        apply: |_, p| movement(p, "M3").legs[0].arrive = 99,
    },
    Case {
        name: "a movement without legs",
        expect: &[("R2", "M3")],
        also: &["R13", "R9"],
        apply: |_, p| movement(p, "M3").legs.clear(),
    },
    // R3 Network.
    Case {
        name: "a road leg the scenario does not have",
        expect: &[("R3", "M1")],
        also: &[],
        apply: |s, _| s.legs.retain(|l| !(l.from == "D" && l.to == "X2")),
    },
    Case {
        name: "arrives at a crossing without passing it",
        expect: &[("R3", "M1")],
        also: &[],
        apply: |_, p| {
            movement(p, "M1").legs.remove(1);
        },
    },
    Case {
        name: "a crossing leg at a staging area",
        expect: &[("R3", "M1")],
        also: &[],
        apply: |_, p| {
            let l = leg("crossing", "S1", "S1", 500, 500, "", &[]);
            movement(p, "M1").legs.insert(3, l);
        },
    },
    // R4 Road timing.
    Case {
        name: "road legs timed at another speed",
        expect: &[("R4", "M1")],
        also: &[],
        apply: |s, _| unit(s, "U1").march_kmh = 59.0,
    },
    Case {
        name: "feeders timed at another speed",
        expect: &[("R4", "M2"), ("R4", "M3")],
        also: &[],
        apply: |s, _| unit(s, "U2").march_kmh = 41.0,
    },
    Case {
        name: "a passage timed at another throughput",
        expect: &[("R4", "M1")],
        also: &[],
        apply: |s, _| node(s, "X1").throughput_per_hour = Some(30),
    },
    // R5 Carrying on a march.
    Case {
        name: "more people than seats on a march",
        expect: &[("R5", "M1")],
        also: &[],
        apply: |s, _| unit(s, "U1").seats_per_vehicle = 3,
    },
    Case {
        name: "more cargo than the vehicles carry",
        expect: &[("R5", "M1")],
        also: &[],
        apply: |s, _| unit(s, "U1").cargo_t_per_vehicle = 1.9,
    },
    Case {
        name: "a feeder running through two states",
        expect: &[("R5", "M2")],
        also: &[],
        apply: |s, p| {
            node(s, "RB").state = "TRN".into();
            let m = movement(p, "M2");
            m.legs[2].states = vec!["NST".into(), "TRN".into()];
            m.legs[3].states = vec!["HST".into(), "TRN".into()];
        },
    },
    // R6 Daily march limit.
    Case {
        name: "a halt one minute short of a rest (scenario)",
        expect: &[("R6", "M1")],
        also: &[],
        apply: |s, _| s.rules.rest_min = 481,
    },
    Case {
        name: "a halt one minute short of a rest (plan)",
        expect: &[("R6", "M1")],
        also: &[],
        apply: |_, p| shift(p, "M1", 3.., -1),
    },
    Case {
        name: "a march one kilometre too long",
        expect: &[("R6", "M1")],
        also: &[],
        apply: |s, _| unit(s, "U1").march_km_per_day = 399.0,
    },
    Case {
        name: "feeders marching further than a day",
        expect: &[("R6", "M2"), ("R6", "M3")],
        also: &[],
        apply: |s, _| unit(s, "U2").march_km_per_day = 19.0,
    },
    // R7 Transit.
    Case {
        name: "enters a pending state before clearance",
        expect: &[("R7", "M1")],
        also: &[],
        apply: |s, _| {
            s.transit
                .insert("TRN".into(), Transit::Pending { until: 301 });
        },
    },
    Case {
        name: "a route through a refusing state",
        expect: &[("R7", "M1")],
        also: &[],
        apply: |_, p| {
            movement(p, "M1").legs = vec![
                leg("road", "G1", "Z1", 0, 100, "", &["REF", "SND"]),
                leg("road", "Z1", "D", 100, 200, "", &["HST", "REF"]),
            ];
        },
    },
    Case {
        name: "a halt in a non-stop state",
        expect: &[("R7", "M1")],
        also: &[],
        apply: |s, _| {
            s.transit.insert("TRN".into(), Transit::NonStop);
        },
    },
    Case {
        name: "take-off and landing in a non-stop state",
        expect: &[("R7", "F1"), ("R7", "F2")],
        also: &[],
        apply: |s, _| {
            s.transit.insert("SND".into(), Transit::NonStop);
        },
    },
    Case {
        name: "overflight and rail through a refusing state",
        expect: &[("R7", "F2"), ("R7", "M2"), ("R7", "M3")],
        also: &[],
        apply: |s, _| {
            s.transit.insert("NST".into(), Transit::Refused);
        },
    },
    Case {
        name: "a flight before clearance",
        expect: &[("R7", "F1")],
        also: &[],
        apply: |s, _| {
            s.transit
                .insert("SND".into(), Transit::Pending { until: 150 });
        },
    },
    Case {
        name: "a leg listing the wrong states",
        expect: &[("R7", "M1")],
        also: &[],
        apply: |_, p| movement(p, "M1").legs[0].states.clear(),
    },
    Case {
        name: "a leg listing its states unsorted",
        expect: &[("R7", "M2")],
        also: &[],
        apply: |_, p| movement(p, "M2").legs[1].states.reverse(),
    },
    Case {
        name: "a flight listing the wrong states",
        expect: &[("R7", "F3")],
        also: &[],
        apply: |_, p| flight_mut(p, "F3").states = vec!["OPR".into()],
    },
    // R8 Air legs.
    Case {
        name: "more people than seats",
        expect: &[("R8", "F2")],
        also: &[],
        apply: |s, _| s.aircraft[0].seats = 39,
    },
    Case {
        name: "more than the payload",
        expect: &[("R8", "F2")],
        also: &[],
        apply: |s, _| s.aircraft[0].payload_t = 7.9,
    },
    Case {
        name: "an outsize vehicle on a type that takes none",
        expect: &[("R8", "F2")],
        also: &[],
        apply: |_, p| {
            let big = movement(p, "M2").load.vehicles.remove(1);
            movement(p, "M3").load.vehicles.push(big);
            train(p, "T1").wagons = 8;
        },
    },
    Case {
        name: "an air leg off the flight's times",
        expect: &[("R8", "M3")],
        also: &[],
        apply: |_, p| movement(p, "M3").legs[1].depart = 201,
    },
    Case {
        name: "an air leg on an empty flight",
        expect: &[("R8", "M3"), ("R9", "F2")],
        also: &["R9"],
        apply: |_, p| flight_mut(p, "F2").loaded = false,
    },
    Case {
        name: "an air leg on an unknown flight",
        expect: &[("R8", "M3"), ("R9", "F2")],
        also: &["R9"],
        apply: |_, p| movement(p, "M3").legs[1].by = "F9".into(),
    },
    Case {
        name: "a feeder arriving after loading starts",
        expect: &[("R8", "M3")],
        also: &[],
        apply: |_, p| shift(p, "M3", 0..1, 11),
    },
    Case {
        name: "leaving the airfield before unloading ends",
        expect: &[("R8", "M3")],
        also: &[],
        apply: |_, p| shift(p, "M3", 2.., -1),
    },
    Case {
        name: "two air legs",
        expect: &[("R8", "M3")],
        // The second leg is on an empty flight and ends away from the destination.
        also: &["R2", "R9"],
        apply: |_, p| {
            let m = movement(p, "M3");
            m.legs[2] = leg("air", "A2", "A0", 500, 680, "F3", &["HST", "OPR"]);
        },
    },
    // R9 Flights.
    Case {
        name: "an aircraft beyond the type's count",
        expect: &[("R9", "F1"), ("R9", "F2"), ("R9", "F3")],
        also: &[],
        apply: |_, p| {
            for f in &mut p.flights {
                f.aircraft = "IL-76#3".into();
            }
        },
    },
    Case {
        name: "an aircraft of an unknown type",
        expect: &[("R9", "F1"), ("R9", "IL-76#1")],
        also: &[],
        apply: |_, p| flight_mut(p, "F1").aircraft = "AN-124#1".into(),
    },
    Case {
        name: "the first flight away from home",
        expect: &[("R9", "IL-76#1")],
        also: &[],
        apply: |_, p| p.flights.retain(|f| f.id != "F1"),
    },
    Case {
        name: "a flight before the aircraft is available",
        expect: &[("R9", "IL-76#1")],
        also: &[],
        apply: |s, _| s.aircraft[0].available = 1,
    },
    Case {
        name: "loading before the aircraft is available",
        expect: &[("R9", "IL-76#1")],
        also: &[],
        apply: |s, p| {
            s.aircraft[0].home = "A1".into();
            s.aircraft[0].available = 141;
            p.flights.retain(|f| f.id != "F1");
            *flight_mut(p, "F3") = flight(
                "F3",
                "IL-76#1",
                ["A2", "A1"],
                [500, 740],
                false,
                &["HST", "NST", "SND"],
            );
        },
    },
    Case {
        name: "a flight from where the aircraft did not land",
        expect: &[("R9", "IL-76#1"), ("R9", "F3")],
        // F3 from A1 flies the A1–A0 airway, through other states than it lists.
        also: &["R7"],
        apply: |_, p| flight_mut(p, "F3").from = "A1".into(),
    },
    Case {
        name: "a turnaround one minute short",
        expect: &[("R9", "IL-76#1")],
        also: &[],
        apply: |_, p| {
            let f = flight_mut(p, "F3");
            f.depart -= 1;
            f.arrive -= 1;
        },
    },
    Case {
        name: "an aircraft that does not return home",
        expect: &[("R9", "IL-76#1")],
        also: &[],
        apply: |_, p| p.flights.retain(|f| f.id != "F3"),
    },
    Case {
        name: "a flight a minute too long",
        expect: &[("R9", "F1")],
        also: &[],
        apply: |_, p| flight_mut(p, "F1").arrive = 121,
    },
    Case {
        name: "a leg beyond the range",
        expect: &[("R9", "F2")],
        also: &[],
        apply: |s, _| s.aircraft[0].range_km = 1999.0,
    },
    Case {
        name: "a runway too short",
        expect: &[("R9", "F2"), ("R9", "F3")],
        also: &[],
        apply: |s, _| node(s, "A2").runway_m = Some(1999),
    },
    Case {
        name: "a loaded flight carrying nothing",
        expect: &[("R9", "F1"), ("R9", "IL-76#1")],
        // Unloading F1 at A1 overlaps loading F2 there.
        also: &["R10"],
        apply: |_, p| flight_mut(p, "F1").loaded = true,
    },
    Case {
        name: "two flights with one id",
        expect: &[("R9", "F1")],
        also: &[],
        apply: |_, p| flight_mut(p, "F3").id = "F1".into(),
    },
    Case {
        name: "a flight with no airway",
        expect: &[("R9", "F4")],
        also: &[],
        apply: |_, p| {
            p.flights.push(flight(
                "F4",
                "IL-76#2",
                ["A0", "A0"],
                [0, 0],
                false,
                &["OPR"],
            ));
        },
    },
    // R10 Airfield slots.
    Case {
        name: "loading with no working slot",
        expect: &[("R10", "A1")],
        also: &[],
        apply: |s, _| node(s, "A1").working = Some(0),
    },
    Case {
        name: "a visiting aircraft with no parking",
        expect: &[("R10", "A2")],
        also: &[],
        apply: |s, _| node(s, "A2").parking = Some(0),
    },
    Case {
        name: "two aircraft loading and parked at once",
        expect: &[("R10", "A1"), ("R10", "A2")],
        also: &[],
        apply: |_, p| {
            let m3 = movement(p, "M3");
            m3.load.personnel = 20;
            m3.load.cargo_t = 2.0;
            let mut m4 = m3.clone();
            m4.id = "M4".into();
            m4.legs[1].by = "F5".into();
            p.movements.push(m4);
            p.flights.extend([
                flight(
                    "F4",
                    "IL-76#2",
                    ["A0", "A1"],
                    [0, 120],
                    false,
                    &["OPR", "SND"],
                ),
                flight(
                    "F5",
                    "IL-76#2",
                    ["A1", "A2"],
                    [200, 440],
                    true,
                    &["HST", "NST", "SND"],
                ),
                flight(
                    "F6",
                    "IL-76#2",
                    ["A2", "A0"],
                    [500, 680],
                    false,
                    &["HST", "OPR"],
                ),
            ]);
        },
    },
    // R11 Trains.
    Case {
        name: "a train off its paths",
        expect: &[("R11", "T1")],
        also: &[],
        apply: |_, p| {
            shift(p, "M2", 1.., 1);
            let t = train(p, "T1");
            t.depart += 1;
            t.arrive += 1;
        },
    },
    Case {
        name: "two trains on one path",
        expect: &[("R11", "T2")],
        also: &[],
        apply: |_, p| {
            let mut t = train(p, "T1").clone();
            t.id = "T2".into();
            t.wagons = 0;
            p.trains.push(t);
        },
    },
    Case {
        name: "wagons miscounted",
        expect: &[("R11", "T1")],
        also: &[],
        apply: |_, p| train(p, "T1").wagons = 10,
    },
    Case {
        name: "more wagons than a train takes",
        expect: &[("R11", "T1")],
        also: &[],
        apply: |s, _| s.rail.as_mut().expect("rail rules").wagons_per_train = 8,
    },
    Case {
        name: "a rail leg off its running time",
        expect: &[("R11", "M2")],
        also: &[],
        apply: |s, _| {
            for l in s.legs.iter_mut().filter(|l| l.from == "RN" && l.to == "RB") {
                l.minutes = Some(419);
            }
        },
    },
    Case {
        name: "a feeder arriving after loading starts",
        expect: &[("R11", "M2")],
        also: &[],
        apply: |s, _| s.rail.as_mut().expect("rail rules").load_min = 216,
    },
    Case {
        name: "leaving the railhead before unloading ends",
        expect: &[("R11", "M2")],
        also: &[],
        apply: |s, _| s.rail.as_mut().expect("rail rules").unload_min = 61,
    },
    Case {
        name: "a train stopping on the way",
        expect: &[("R11", "M2")],
        // The stop is at RN, in a non-stop state.
        also: &["R7"],
        apply: |_, p| shift(p, "M2", 2.., 1),
    },
    Case {
        name: "a rail leg on an unknown train",
        expect: &[("R11", "M2"), ("R11", "T1")],
        also: &[],
        apply: |_, p| {
            for l in &mut movement(p, "M2").legs[1..3] {
                l.by = "T9".into();
            }
        },
    },
    Case {
        name: "rail without rail rules",
        expect: &[("R11", "M2"), ("R11", "T1")],
        also: &[],
        apply: |s, _| s.rail = None,
    },
    // R12 Crossings.
    Case {
        name: "two columns in one crossing",
        expect: &[("R12", "X1"), ("R12", "X2")],
        also: &[],
        apply: |_, p| split_march(p, 2),
    },
    // R13 Modes.
    Case {
        name: "a mode the unit may not use",
        expect: &[("R13", "M2")],
        also: &[],
        apply: |s, _| unit(s, "U2").modes = vec![Mode::Air],
    },
    Case {
        name: "a rail movement that flies",
        expect: &[("R13", "M3")],
        also: &[],
        apply: |_, p| movement(p, "M3").mode = Mode::Rail,
    },
    Case {
        name: "a road movement on a train",
        expect: &[("R13", "M2")],
        // On a march, 60 people on 5 vehicles of 10 seats.
        also: &["R5"],
        apply: |_, p| movement(p, "M2").mode = Mode::Road,
    },
    // R14 Horizon.
    Case {
        name: "a column arriving after the horizon",
        expect: &[("R14", "M1")],
        also: &[],
        apply: |s, _| s.rules.horizon = 1384,
    },
    Case {
        name: "a flight and a train after the horizon",
        expect: &[("R14", "F3"), ("R14", "T1")],
        also: &[],
        apply: |s, _| s.rules.horizon = 679,
    },
    // R15 Figures.
    Case {
        name: "a unit closure misreported",
        expect: &[("R15", "U1")],
        also: &[],
        apply: |_, p| p.units[0].closure = 1386,
    },
    Case {
        name: "lateness misreported",
        expect: &[("R15", "U2")],
        also: &[],
        apply: |_, p| p.units[1].late = 199,
    },
    Case {
        name: "a unit missing from the closures",
        expect: &[("R15", "U2")],
        also: &[],
        apply: |_, p| {
            p.units.pop();
        },
    },
    Case {
        name: "the closure misreported",
        expect: &[("R15", "plan")],
        also: &[],
        apply: |_, p| p.closure = 1384,
    },
    Case {
        name: "the weighted lateness misreported",
        expect: &[("R15", "plan")],
        also: &[],
        apply: |_, p| p.weighted_lateness = 601,
    },
    Case {
        name: "the sorties miscounted",
        expect: &[("R15", "plan")],
        also: &[],
        apply: |_, p| p.sorties = 2,
    },
    Case {
        name: "a lower bound above the closure",
        expect: &[("R15", "plan")],
        also: &[],
        apply: |_, p| {
            p.lower_bound = 1400;
            p.bounds[0].value = 1400;
            p.gap = (1385.0 - 1400.0) / 1400.0;
        },
    },
    Case {
        name: "a lower bound that is not the largest",
        expect: &[("R15", "plan")],
        also: &[],
        apply: |_, p| {
            p.bounds.push(Bound {
                kind: "fleet".into(),
                value: 1100,
                detail: "IL-76".into(),
            })
        },
    },
    Case {
        name: "the gap misreported",
        expect: &[("R15", "plan")],
        also: &[],
        apply: |_, p| p.gap = 0.386,
    },
];

/// M1 split in two columns of 5 vehicles, the second `lag` minutes behind the first.
fn split_march(p: &mut Plan, lag: i64) {
    let m1 = movement(p, "M1");
    m1.load.personnel = 20;
    m1.load.vehicles[0].count = 5;
    m1.load.cargo_t = 10.0;
    // 5 vehicles pass X1 in 5 min, X2 in 3.
    m1.legs[1].arrive = 125;
    m1.legs[4].arrive = 1283;
    m1.legs[5].depart = 1283;
    m1.legs[5].arrive = 1383;
    let mut m4 = m1.clone();
    m4.id = "M4".into();
    p.movements.push(m4);
    shift(p, "M4", .., lag);
}

#[test]
fn each_broken_rule_is_reported_under_its_number() {
    let mut failures = Vec::new();
    let mut covered = BTreeSet::new();
    for case in CASES {
        let mut s = scenario();
        let mut p = plan();
        (case.apply)(&mut s, &mut p);
        if case.expect.iter().all(|(rule, _)| *rule != "R15") {
            refigure(&s, &mut p);
        }
        let found = violations(&s, &p);
        for (rule, subject) in case.expect {
            covered.insert(*rule);
            if !found
                .iter()
                .any(|v| v.rule == *rule && v.subject == *subject)
            {
                failures.push(format!(
                    "{}: no {rule} for {subject}; found:{}",
                    case.name,
                    show(&found)
                ));
            }
        }
        let allowed: BTreeSet<&str> = case
            .expect
            .iter()
            .map(|(r, _)| *r)
            .chain(case.also.iter().copied())
            .collect();
        let unrelated: Vec<Violation> = found
            .iter()
            .filter(|v| !allowed.contains(v.rule))
            .cloned()
            .collect();
        if !unrelated.is_empty() {
            failures.push(format!(
                "{}: unrelated violations:{}",
                case.name,
                show(&unrelated)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let all: BTreeSet<String> = (1..=15).map(|n| format!("R{n}")).collect();
    let covered: BTreeSet<String> = covered.into_iter().map(str::to_owned).collect();
    assert_eq!(covered, all, "every rule has a case");
}

#[test]
fn messages_give_the_figures() {
    let mut s = scenario();
    s.aircraft[0].seats = 39;
    let found = violations(&s, &plan());
    assert_eq!(
        found.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["R8 F2: 40 personnel on a flight of IL-76 with 39 seats"]
    );

    let mut s = scenario();
    s.rules.rest_min = 481;
    let found = violations(&s, &plan());
    assert_eq!(found.len(), 1, "{}", show(&found));
    assert!(
        found[0].message.contains("720 km") && found[0].message.contains("400 km"),
        "{}",
        found[0]
    );
}

#[test]
fn every_violation_is_reported_in_rule_order() {
    let mut s = scenario();
    let mut p = plan();
    s.aircraft[0].seats = 39;
    s.rules.horizon = 1384;
    unit(&mut s, "U1").ready = 1;
    p.sorties = 7;
    let found = violations(&s, &p);
    let keys: Vec<(&str, &str)> = found.iter().map(|v| (v.rule, v.subject.as_str())).collect();
    assert_eq!(
        keys,
        [("R2", "M1"), ("R8", "F2"), ("R14", "M1"), ("R15", "plan")]
    );
}

/// The halt that ends a march runs from one road leg's arrival to the next road leg's
/// departure, the crossing passage between them included.
#[test]
fn a_halt_at_a_crossing_counts_its_passage() {
    let mut s = scenario();
    // At X1: arrival 120, passage 120–130, departure 300: a halt of 180 with the passage, 170
    // without it.
    s.rules.rest_min = 180;
    unit(&mut s, "U1").march_km_per_day = 200.0;
    let found = violations(&s, &plan());
    // The marches are 120, 200 and 400 km: only the last is too long.
    assert_eq!(found.len(), 1, "{}", show(&found));
    assert_eq!((found[0].rule, found[0].subject.as_str()), ("R6", "M1"));
    assert!(found[0].message.contains("400 km"), "{}", found[0]);
}

/// Intervals are half-open: what ends at a minute makes room for what starts at it.
#[test]
fn touching_intervals_do_not_clash() {
    let s = scenario();

    let mut p = plan();
    split_march(&mut p, 5);
    refigure(&s, &mut p);
    assert_eq!(validate(&s, &p), Ok(()), "{}", show(&violations(&s, &p)));

    // IL-76#2 lands at A1 as #1 takes off, and at A2 as #1 takes off again.
    let mut p = plan();
    p.flights.extend([
        flight(
            "F4",
            "IL-76#2",
            ["A0", "A1"],
            [80, 200],
            false,
            &["OPR", "SND"],
        ),
        flight(
            "F5",
            "IL-76#2",
            ["A1", "A2"],
            [260, 500],
            false,
            &["HST", "NST", "SND"],
        ),
        flight(
            "F6",
            "IL-76#2",
            ["A2", "A0"],
            [560, 740],
            false,
            &["HST", "OPR"],
        ),
    ]);
    assert_eq!(validate(&s, &p), Ok(()), "{}", show(&violations(&s, &p)));

    // A train on the next path of the same railhead.
    let mut p = plan();
    let mut t2 = p.trains[0].clone();
    t2.id = "T2".into();
    t2.depart = 720;
    t2.arrive = 1440;
    t2.wagons = 0;
    p.trains.push(t2);
    assert_eq!(validate(&s, &p), Ok(()), "{}", show(&violations(&s, &p)));
}

#[test]
fn nonsense_is_reported_not_panicked_on() {
    let mut s = scenario();
    let mut p = plan();
    for (i, name) in [
        "IL-76#0",
        "IL-76#",
        "#",
        "IL-76",
        "IL-76#01",
        "IL-76#99999999999",
    ]
    .into_iter()
    .enumerate()
    {
        p.flights.push(flight(
            &format!("N{i}"),
            name,
            ["NOWHERE", "A1"],
            [i64::MIN, i64::MAX],
            true,
            &[],
        ));
    }
    let m = movement(&mut p, "M1");
    m.legs[0].depart = i64::MAX;
    m.legs[1].mode = LegMode::Air;
    m.legs[1].by = "N0".into();
    m.legs[2].mode = LegMode::Rail;
    m.legs[2].by = "NOTRAIN".into();
    m.load.cargo_t = f64::NAN;
    m.load.vehicles[0].count = u32::MAX;
    m.load.vehicles.push(m.load.vehicles[0].clone());
    movement(&mut p, "M2").legs.clear();
    movement(&mut p, "M3").unit = String::new();
    p.trains[0].from = "G1".into();
    p.trains[0].depart = i64::MIN;
    p.gap = f64::NAN;
    p.lower_bound = 0;
    p.units.clear();
    let found = violations(&s, &p);
    assert!(found.len() > 10, "{}", show(&found));

    s.legs.iter_mut().for_each(|l| l.km = f64::NAN);
    unit(&mut s, "U1").march_kmh = 0.0;
    unit(&mut s, "U2").march_km_per_day = f64::NAN;
    node(&mut s, "X1").throughput_per_hour = Some(0);
    node(&mut s, "RA").paths_per_day = Some(0);
    node(&mut s, "A1").handling_min = Some(u32::MAX);
    s.aircraft[0].speed_kmh = -1.0;
    s.aircraft[0].count = u32::MAX;
    s.aircraft[0].ground_min = u32::MAX;
    let rail = s.rail.as_mut().expect("rail rules");
    rail.personnel_per_wagon = 0;
    rail.cargo_t_per_wagon = 0.0;
    rail.load_min = u32::MAX;
    s.rules.personnel_t = f64::INFINITY;
    s.rules.horizon = i64::MIN;
    assert!(!violations(&s, &p).is_empty());
    assert!(!violations(&s, &plan()).is_empty());
    assert!(!violations(
        &Scenario {
            nodes: vec![],
            legs: vec![],
            ..scenario()
        },
        &plan()
    )
    .is_empty());
}

/// A plan of the planner's size: 20,000 columns of 6 legs through the same crossings and
/// 10,000 flights of two aircraft. Anything quadratic would take minutes.
#[test]
fn large_plans_are_checked_in_n_log_n() {
    let s = scenario();
    let mut p = plan();
    let template = p.movements[0].clone();
    p.movements.clear();
    for k in 0..20_000i64 {
        let mut m = template.clone();
        m.id = format!("M{k}");
        m.load.personnel = 2;
        m.load.cargo_t = 1.0;
        m.load.vehicles[0].count = 1;
        // One vehicle passes X1 in 1 min; a column every 2 min.
        m.legs[1].arrive = 121;
        m.legs[4].arrive = 1281;
        for l in &mut m.legs {
            l.depart += 2 * k;
            l.arrive += 2 * k;
        }
        m.legs[5].depart = m.legs[4].arrive;
        m.legs[5].arrive = m.legs[5].depart + 100;
        p.movements.push(m);
    }
    p.flights.clear();
    for a in 1..=2 {
        let mut t = 0;
        for k in 0..2_500 {
            let id = |leg: &str| format!("A{a}-{k}-{leg}");
            p.flights.push(flight(
                &id("out"),
                &format!("IL-76#{a}"),
                ["A0", "A1"],
                [t, t + 120],
                false,
                &["OPR", "SND"],
            ));
            p.flights.push(flight(
                &id("back"),
                &format!("IL-76#{a}"),
                ["A1", "A0"],
                [t + 120, t + 240],
                false,
                &["OPR", "SND"],
            ));
            t += 240;
        }
    }
    p.flights.extend(plan().flights.into_iter().map(|mut f| {
        f.aircraft = "IL-76#2".into();
        f.depart += 2_000_000;
        f.arrive += 2_000_000;
        f
    }));
    p.movements.push(plan().movements.remove(2));
    shift(&mut p, "M3", .., 2_000_000);
    let started = Instant::now();
    let found = violations(&s, &p);
    let took = started.elapsed();
    // U1's load is not delivered, columns and flights go past the horizon, and the figures
    // are stale: but nothing clashes at the crossings or the airfields.
    let rules: BTreeSet<&str> = found.iter().map(|v| v.rule).collect();
    assert!(
        !rules.contains("R12") && !rules.contains("R10"),
        "{rules:?}"
    );
    assert!(took.as_secs() < 60, "validation took {took:?}");
}

fn time() -> impl Strategy<Value = i64> {
    prop_oneof![-100i64..3000, any::<i64>(), Just(i64::MIN), Just(i64::MAX)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever the times, the validator answers rather than panics, the same way twice and in
    /// rule order; the valid plan stays valid when nothing changes.
    #[test]
    fn random_times_never_panic(
        changes in prop::collection::vec((0usize..4, any::<usize>(), any::<bool>(), time()), 0..12),
        horizon in time(),
        ready in time(),
    ) {
        let mut s = scenario();
        let mut p = plan();
        if changes.is_empty() {
            prop_assert_eq!(validate(&s, &p), Ok(()));
        }
        for (what, i, first, t) in changes {
            let set = |d: &mut i64, a: &mut i64| if first { *d = t } else { *a = t };
            match what {
                0 => {
                    let legs: Vec<_> =
                        p.movements.iter_mut().flat_map(|m| m.legs.iter_mut()).collect();
                    let n = legs.len();
                    if let Some(l) = legs.into_iter().nth(i % n) {
                        set(&mut l.depart, &mut l.arrive);
                    }
                }
                1 => {
                    let n = p.flights.len();
                    let f = &mut p.flights[i % n];
                    set(&mut f.depart, &mut f.arrive);
                }
                2 => {
                    let n = p.trains.len();
                    let tr = &mut p.trains[i % n];
                    set(&mut tr.depart, &mut tr.arrive);
                }
                _ => {
                    if first { p.closure = t } else { p.lower_bound = t }
                }
            }
        }
        s.rules.horizon = horizon;
        unit(&mut s, "U2").ready = ready;
        s.aircraft[0].available = ready;
        s.transit.insert("TRN".into(), Transit::Pending { until: horizon });
        let found = violations(&s, &p);
        prop_assert_eq!(&found, &violations(&s, &p));
        let numbers: Vec<u32> = found
            .iter()
            .map(|v| v.rule[1..].parse().expect("a rule number"))
            .collect();
        prop_assert!(numbers.windows(2).all(|w| w[0] <= w[1]), "{}", show(&found));
    }
}
