//! Every plan the planner makes on generated scenarios passes the independent validator, never
//! beats its own lower bounds, and is the same for the same seed.

use crc_planner::generate::{generate, Knobs, Size};
use crc_planner::scenario::Mode;
use crc_planner::{plan, validate, Options, Plan, PlanError, Quiet, Scenario};
use proptest::prelude::*;

fn plan_checked(sc: &Scenario, effort: u64) -> Plan {
    let p = plan(sc, &Options { seed: 7, effort }, &Quiet)
        .unwrap_or_else(|e| panic!("{}: {e}", sc.name));
    if let Err(v) = validate(sc, &p) {
        let shown: Vec<String> = v.iter().take(10).map(|x| x.to_string()).collect();
        panic!("{}: {} violations:\n{}", sc.name, v.len(), shown.join("\n"));
    }
    for b in &p.bounds {
        assert!(
            b.value <= p.closure,
            "{}: bound {} ({}) above the closure {}",
            sc.name,
            b.value,
            b.kind,
            p.closure
        );
    }
    assert!(p.lower_bound <= p.closure && p.gap >= 0.0);
    p
}

#[test]
fn tiny_and_small_scenarios_give_valid_plans() {
    for seed in 1..=6 {
        plan_checked(&generate(Size::Xs, seed, &Knobs::default()), 60);
    }
    for seed in 1..=3 {
        plan_checked(&generate(Size::S, seed, &Knobs::default()), 40);
    }
}

/// In S seed 3 every part of every unit could arrive within two days on its own, but ARM's 129
/// tanks fly only on two An-124s and BLR's column is nine days' march away: the fluid bound
/// sees the shared fleet, slots and paths the critical path ignores.
#[test]
fn the_fluid_bound_sees_the_shared_fleet() {
    let p = plan_checked(&generate(Size::S, 3, &Knobs::default()), 40);
    let value = |kind: &str| {
        p.bounds
            .iter()
            .find(|b| b.kind == kind)
            .map(|b| b.value)
            .unwrap_or_else(|| panic!("no {kind} bound in {:?}", p.bounds))
    };
    assert!(
        value("fluid") > 2 * value("critical_path"),
        "{:?}",
        p.bounds
    );
    assert_eq!(p.lower_bound, value("fluid"));
}

#[test]
fn a_medium_scenario_gives_a_valid_plan() {
    plan_checked(&generate(Size::M, 1, &Knobs::default()), 8);
}

#[test]
fn the_same_seed_gives_the_same_plan() {
    let sc = generate(Size::S, 5, &Knobs::default());
    let mut a = plan(
        &sc,
        &Options {
            seed: 3,
            effort: 60,
        },
        &Quiet,
    )
    .expect("plans");
    let mut b = plan(
        &sc,
        &Options {
            seed: 3,
            effort: 60,
        },
        &Quiet,
    )
    .expect("plans");
    a.search.elapsed_ms = 0;
    b.search.elapsed_ms = 0;
    a.search.candidates = 0;
    b.search.candidates = 0;
    assert_eq!(a, b);
}

#[test]
fn a_refused_transit_state_is_never_crossed() {
    let knobs = Knobs {
        refused: vec!["UZB".into()],
        ..Knobs::default()
    };
    let sc = generate(Size::S, 2, &knobs);
    let p = plan_checked(&sc, 30);
    assert!(p
        .movements
        .iter()
        .flat_map(|m| &m.legs)
        .all(|l| !l.states.iter().any(|s| s == "UZB")));
    assert!(p
        .flights
        .iter()
        .all(|f| !f.states.iter().any(|s| s == "UZB")));
}

#[test]
fn an_unreachable_unit_is_explained() {
    let mut sc = generate(Size::Xs, 1, &Knobs::default());
    sc.rail = None;
    sc.units[0].modes = vec![Mode::Rail];
    match plan(&sc, &Options::default(), &Quiet) {
        Err(PlanError::Infeasible(parts)) => {
            assert!(parts.iter().all(|p| p.unit == sc.units[0].id));
            assert!(parts[0].reasons.iter().any(|r| r.contains("no rail rules")));
        }
        other => panic!("expected an explanation, got {other:?}"),
    }
}

#[test]
fn a_malformed_scenario_names_the_field() {
    let mut sc = generate(Size::Xs, 1, &Knobs::default());
    sc.units[1].origin = "NOWHERE".into();
    match plan(&sc, &Options::default(), &Quiet) {
        Err(PlanError::Invalid(e)) => assert_eq!(e.path, "units[1].origin"),
        other => panic!("expected invalid, got {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]
    #[test]
    fn generated_scenarios_with_any_knobs_plan_validly_or_are_explained(
        seed in 1u64..10_000,
        fleet in 0.3f64..2.0,
        crossing in 0.3f64..2.0,
        non_stop in any::<bool>(),
        pending in 0i64..2_000,
    ) {
        let knobs = Knobs {
            fleet,
            crossing,
            refused: vec![],
            non_stop: if non_stop { vec!["UZB".into(), "GEO".into()] } else { vec![] },
            pending: if non_stop { vec![] } else { vec![("GEO".into(), pending)] },
        };
        let sc = generate(Size::Xs, seed, &knobs);
        match plan(&sc, &Options { seed, effort: 20 }, &Quiet) {
            Ok(p) => {
                prop_assert!(validate(&sc, &p).is_ok(), "{:?}", validate(&sc, &p).err());
                prop_assert!(p.lower_bound <= p.closure);
            }
            Err(PlanError::Infeasible(parts)) => prop_assert!(parts.iter().all(|u| !u.reasons.is_empty())),
            Err(e) => prop_assert!(false, "unexpected {e}"),
        }
    }
}
