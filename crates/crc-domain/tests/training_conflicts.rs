//! Conflicts in a year's plan: the 2025 plan as the seeds give it, each rule on a small case
//! table, and properties (order does not matter; moving every exact date together changes
//! nothing).

use chrono::NaiveDate;
use proptest::prelude::*;

use crc_domain::reference::{Names, ReferenceData};
use crc_domain::training::catalogue::{
    Catalogue, ExerciseContingent, ExerciseKind, ExerciseLink, ExerciseSpec, ExerciseStatus,
    LinkKind,
};
use crc_domain::training::conflicts::{find, Certainty, Finding, Rule, Severity};
use crc_domain::training::period::{Half, Period};
use crc_domain::StateCode;

fn st(s: &str) -> StateCode {
    StateCode::parse(s).expect("state")
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn days(m: u32, from: u32, to: u32) -> Period {
    Period::Days {
        start: day(m, from),
        end: day(m, to),
    }
}

fn ex(key: &str, host: &str, dates: Period, components: &[&str]) -> ExerciseSpec {
    ExerciseSpec {
        key: key.into(),
        series: None,
        year: 2026,
        name: Names {
            en: key.into(),
            ru: key.into(),
        },
        kind: ExerciseKind::Joint,
        status: ExerciseStatus::Planned,
        host: st(host),
        place: None,
        dates,
        components: components.iter().map(|c| c.to_string()).collect(),
        contingents: Vec::new(),
        personnel: None,
        equipment: None,
        media_stories: None,
        links: Vec::new(),
        side_events: Vec::new(),
        notes: None,
        sources: Vec::new(),
    }
}

fn with_contingent(mut x: ExerciseSpec, state: &str, component: &str) -> ExerciseSpec {
    x.contingents.push(ExerciseContingent {
        state: st(state),
        component: component.into(),
        personnel: None,
        equipment: None,
    });
    x
}

fn linked(mut x: ExerciseSpec, kind: LinkKind, target: &str) -> ExerciseSpec {
    x.links.push(ExerciseLink {
        kind,
        target: target.into(),
        note: None,
    });
    x
}

/// A finding without its words: what the rule tables compare.
type Shape = (Rule, Severity, Certainty, Vec<String>);

/// A finding without its message (which names dates, so moves with them).
type Placed = (
    Rule,
    Severity,
    Certainty,
    Vec<String>,
    Option<StateCode>,
    Option<String>,
);

fn rules(f: &[Finding]) -> Vec<Shape> {
    f.iter()
        .map(|f| (f.rule, f.severity, f.certainty, f.exercises.clone()))
        .collect()
}

fn keys(k: &[&str]) -> Vec<String> {
    k.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_2025_plan_leaves_the_aviation_and_rescue_units_without_training_and_nothing_else() {
    let org = ReferenceData::bundled().expect("org");
    let cat = Catalogue::bundled().expect("catalogue");
    let plan: Vec<ExerciseSpec> = cat.year(2025).into_iter().cloned().collect();
    let externals = cat.externals_of(&plan);
    let components: Vec<String> = org.components.iter().map(|c| c.key.clone()).collect();
    let found = find(&plan, &externals, &components);
    let untrained: Vec<Option<String>> = found.iter().map(|f| f.component.clone()).collect();
    assert_eq!(
        untrained,
        [Some("aviation".to_owned()), Some("rescue".to_owned())],
        "{found:#?}"
    );
    assert!(found
        .iter()
        .all(|f| f.rule == Rule::ComponentWithoutTraining));
}

#[test]
fn each_rule_on_its_case() {
    let all = ["crrf"];
    let cases: Vec<(&str, Vec<ExerciseSpec>, Vec<Shape>)> = vec![
        (
            "one contingent in two exercises at once",
            vec![
                with_contingent(ex("a", "KAZ", days(9, 1, 10), &all), "KAZ", "crrf"),
                with_contingent(ex("b", "KGZ", days(9, 8, 12), &all), "KAZ", "crrf"),
            ],
            vec![(
                Rule::ContingentDoubleBooked,
                Severity::Error,
                Certainty::Certain,
                keys(&["a", "b"]),
            )],
        ),
        (
            "the same contingent, one period imprecise: possible",
            vec![
                with_contingent(ex("a", "KAZ", days(9, 1, 10), &all), "KAZ", "crrf"),
                with_contingent(
                    ex(
                        "b",
                        "KGZ",
                        Period::Month {
                            year: 2026,
                            month: 9,
                        },
                        &all,
                    ),
                    "KAZ",
                    "crrf",
                ),
            ],
            vec![(
                Rule::ContingentDoubleBooked,
                Severity::Warning,
                Certainty::Possible,
                keys(&["a", "b"]),
            )],
        ),
        (
            "the same contingent at different times",
            vec![
                with_contingent(ex("a", "KAZ", days(9, 1, 10), &all), "KAZ", "crrf"),
                with_contingent(ex("b", "KGZ", days(9, 11, 12), &all), "KAZ", "crrf"),
            ],
            vec![],
        ),
        (
            "a host with two events at once, not declared together",
            vec![
                ex("a", "TJK", days(10, 16, 20), &all),
                ex("b", "TJK", days(10, 20, 25), &all),
            ],
            vec![(
                Rule::HostOverlap,
                Severity::Warning,
                Certainty::Certain,
                keys(&["a", "b"]),
            )],
        ),
        (
            "a host with events in halves of a month that may meet",
            vec![
                ex(
                    "a",
                    "TJK",
                    Period::HalfMonth {
                        year: 2026,
                        month: 10,
                        half: Half::Second,
                    },
                    &all,
                ),
                ex("b", "TJK", days(10, 30, 31), &all),
            ],
            vec![(
                Rule::HostOverlap,
                Severity::Notice,
                Certainty::Possible,
                keys(&["a", "b"]),
            )],
        ),
        (
            "held together (declared from one side only) is expected to overlap",
            vec![
                linked(
                    ex("a", "TJK", days(10, 16, 20), &all),
                    LinkKind::HeldTogether,
                    "b",
                ),
                ex("b", "TJK", days(10, 18, 25), &all),
            ],
            vec![],
        ),
        (
            "held together but drifted apart in time and host",
            vec![
                linked(
                    ex("a", "TJK", days(10, 1, 5), &all),
                    LinkKind::HeldTogether,
                    "b",
                ),
                ex("b", "KGZ", days(10, 18, 25), &all),
            ],
            vec![
                (
                    Rule::HeldTogetherDrifted,
                    Severity::Error,
                    Certainty::Certain,
                    keys(&["a", "b"]),
                ),
                (
                    Rule::HeldTogetherDrifted,
                    Severity::Error,
                    Certainty::Certain,
                    keys(&["a", "b"]),
                ),
            ],
        ),
        (
            "linked exercises that no longer meet",
            vec![
                linked(
                    ex(
                        "a",
                        "BLR",
                        Period::Month {
                            year: 2026,
                            month: 9,
                        },
                        &all,
                    ),
                    LinkKind::LinkedTo,
                    "b",
                ),
                ex("b", "RUS", days(11, 2, 6), &all),
            ],
            vec![(
                Rule::LinkedDrifted,
                Severity::Warning,
                Certainty::Certain,
                keys(&["a", "b"]),
            )],
        ),
        (
            "initial data from a training that ends too late",
            vec![
                linked(
                    ex("a", "RUS", days(9, 1, 10), &all),
                    LinkKind::SuppliesInitialData,
                    "b",
                ),
                ex("b", "KGZ", days(9, 5, 12), &all),
            ],
            vec![(
                Rule::InitialDataTooLate,
                Severity::Error,
                Certainty::Certain,
                keys(&["a", "b"]),
            )],
        ),
        (
            "initial data in March for September: in time",
            vec![
                linked(
                    ex(
                        "a",
                        "RUS",
                        Period::Month {
                            year: 2026,
                            month: 3,
                        },
                        &all,
                    ),
                    LinkKind::SuppliesInitialData,
                    "b",
                ),
                ex("b", "KGZ", days(9, 5, 12), &all),
            ],
            vec![],
        ),
        (
            "a cancelled exercise conflicts with nothing",
            vec![
                with_contingent(ex("a", "KAZ", days(9, 1, 10), &all), "KAZ", "crrf"),
                {
                    let mut b =
                        with_contingent(ex("b", "KAZ", days(9, 1, 10), &all), "KAZ", "crrf");
                    b.status = ExerciseStatus::Cancelled;
                    b
                },
            ],
            vec![],
        ),
    ];
    for (name, plan, want) in cases {
        let got = find(&plan, &[], &["crrf".to_owned()]);
        assert_eq!(rules(&got), want, "{name}: {got:#?}");
    }
}

#[test]
fn the_contingent_in_exercises_held_together_is_a_warning_to_confirm() {
    let plan = vec![
        linked(
            with_contingent(ex("a", "TJK", days(10, 16, 20), &["crrf"]), "TJK", "crrf"),
            LinkKind::HeldTogether,
            "b",
        ),
        with_contingent(ex("b", "TJK", days(10, 16, 20), &["crrf"]), "TJK", "crrf"),
    ];
    let got = find(&plan, &[], &[]);
    assert_eq!(
        rules(&got),
        [(
            Rule::ContingentDoubleBooked,
            Severity::Warning,
            Certainty::Certain,
            keys(&["a", "b"])
        )]
    );
    assert!(got[0]
        .message
        .contains("confirm one contingent serves both"));
}

#[test]
fn a_component_with_no_exercise_is_named() {
    let plan = vec![ex("a", "KAZ", days(9, 1, 3), &["crrf"])];
    let got = find(&plan, &[], &["crrf".into(), "aviation".into()]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rule, Rule::ComponentWithoutTraining);
    assert_eq!(got[0].component.as_deref(), Some("aviation"));
}

const HOSTS: [&str; 3] = ["KAZ", "KGZ", "TJK"];
const COMPONENTS: [&str; 3] = ["crrf", "peacekeeping", "logistics"];

/// A random plan of up to 6 exercises: random exact dates in 2026 (some imprecise), hosts,
/// one component each with a contingent, and random links among them.
fn plan_strategy() -> impl Strategy<Value = Vec<ExerciseSpec>> {
    let one = (
        0u32..300,
        0u32..20,
        0usize..3,
        0usize..3,
        0usize..3,
        0u8..4,
        proptest::option::of((0usize..6, 0u8..3)),
    );
    proptest::collection::vec(one, 1..6).prop_map(|raw| {
        let n = raw.len();
        raw.into_iter()
            .enumerate()
            .map(|(i, (start, len, h, c, s, precision, link))| {
                let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")
                    + chrono::Duration::days(i64::from(start));
                let dates = if precision == 0 {
                    Period::HalfMonth {
                        year: 2026,
                        month: chrono::Datelike::month(&first),
                        half: Half::First,
                    }
                } else {
                    Period::Days {
                        start: first,
                        end: first + chrono::Duration::days(i64::from(len)),
                    }
                };
                let mut x = with_contingent(
                    ex(&format!("x{i}"), HOSTS[h], dates, &[COMPONENTS[c]]),
                    HOSTS[s],
                    COMPONENTS[c],
                );
                if let Some((t, k)) = link {
                    let t = t % n;
                    if t != i {
                        let kind = [
                            LinkKind::HeldTogether,
                            LinkKind::LinkedTo,
                            LinkKind::SuppliesInitialData,
                        ][usize::from(k)];
                        x = linked(x, kind, &format!("x{t}"));
                    }
                }
                x
            })
            .collect()
    })
}

fn all_components() -> Vec<String> {
    COMPONENTS
        .iter()
        .chain(["aviation"].iter())
        .map(|s| s.to_string())
        .collect()
}

proptest! {
    #[test]
    fn findings_do_not_depend_on_the_order_of_the_exercises(
        plan in plan_strategy(),
        seed in any::<u64>(),
    ) {
        let mut shuffled = plan.clone();
        // A deterministic shuffle from the seed (Fisher-Yates with a small LCG).
        let mut r = seed;
        for i in (1..shuffled.len()).rev() {
            r = r.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = (r >> 33) as usize % (i + 1);
            shuffled.swap(i, j);
        }
        let comps = all_components();
        prop_assert_eq!(find(&plan, &[], &comps), find(&shuffled, &[], &comps));
    }

    #[test]
    fn pair_findings_name_their_exercises_once_and_sorted(plan in plan_strategy()) {
        for f in find(&plan, &[], &all_components()) {
            let mut sorted = f.exercises.clone();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(&sorted, &f.exercises);
            prop_assert!(f.exercises.len() == 2 || f.rule == Rule::ComponentWithoutTraining);
        }
    }

    #[test]
    fn shifting_every_exact_date_together_changes_no_finding(
        plan in plan_strategy(),
        shift in -40i64..40,
    ) {
        // Exact periods only: an imprecise window is a named half month and does not move by
        // days.
        let exact: Vec<ExerciseSpec> = plan
            .into_iter()
            .filter(|x| x.dates.is_exact())
            .collect();
        let moved: Vec<ExerciseSpec> = exact
            .iter()
            .cloned()
            .map(|mut x| {
                x.dates = x.dates.shifted(shift);
                x
            })
            .collect();
        let comps = all_components();
        let strip = |f: Vec<Finding>| -> Vec<Placed> {
            f.into_iter()
                .map(|f| (f.rule, f.severity, f.certainty, f.exercises, f.state, f.component))
                .collect()
        };
        prop_assert_eq!(strip(find(&exact, &[], &comps)), strip(find(&moved, &[], &comps)));
    }
}
