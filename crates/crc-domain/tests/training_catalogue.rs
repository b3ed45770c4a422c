//! The bundled joint-training catalogue: it loads, the figures the seeds state come out as
//! stated, the 2025 plan's events are there with the precision the seeds give, and a broken
//! file is refused with the path of the wrong field.

use crc_domain::reference::ReferenceData;
use crc_domain::training::catalogue::{
    Catalogue, ExerciseKind, ExerciseSpec, LinkKind, Qualifier, BUNDLED,
};
use crc_domain::training::period::Period;
use crc_domain::training::stats;
use crc_domain::DomainError;

fn catalogue() -> Catalogue {
    Catalogue::bundled().expect("the bundled catalogue loads")
}

fn field_of(e: DomainError) -> String {
    match e {
        DomainError::Invalid { field, .. } => field,
        other => panic!("expected an invalid field, got {other}"),
    }
}

#[test]
fn the_2024_totals_are_the_stated_ones() {
    let cat = catalogue();
    let s = stats::compute(&cat.exercises, &cat.stated);
    let y2024 = s.years.iter().find(|y| y.year == 2024).expect("2024");
    let check = |t: &stats::Total, v: u64, label: &str| {
        let h = t.headline().expect("a headline figure");
        assert_eq!((h.value, h.qualifier), (v, Qualifier::Over));
        assert_eq!(h.label_en(), label);
        // Stated for the year, not spread over exercises: no exercise states its own.
        assert_eq!(t.sum.with_figure, 0);
        assert!(t.stated_in.as_deref().is_some_and(|s| s.contains("002_")));
    };
    check(&y2024.tally.personnel, 5000, "over 5,000");
    check(&y2024.tally.equipment, 900, "over 900");
    check(&y2024.tally.media_stories, 600, "over 600");
    assert_eq!(
        y2024.tally.personnel.headline().map(|f| f.label_ru()),
        Some("более 5\u{a0}000".to_owned())
    );
    // Held in 2024: the March strategic training, Interaction, Search, Echelon,
    // Indestructible Brotherhood, Rubezh and Rock.
    assert_eq!(y2024.tally.held, 7);
    let founding = &s.since_founding;
    assert_eq!(
        founding.stated.map(|f| (f.value, f.qualifier)),
        Some((80, Qualifier::Over))
    );
    assert_eq!(
        founding.as_of.as_ref().map(|d| d.to_string()).as_deref(),
        Some("2025-04")
    );
}

#[test]
fn the_stated_totals_cover_the_five_trainings_the_briefing_names() {
    let cat = catalogue();
    let personnel = cat
        .stated
        .iter()
        .find(|s| s.year == Some(2024) && s.figure.value == 5000)
        .expect("the 2024 personnel total");
    let mut covers = personnel.covers.clone();
    covers.sort();
    assert_eq!(
        covers,
        [
            "echelon_2024",
            "indestructible_brotherhood_2024",
            "interaction_2024",
            "rubezh_2024",
            "search_2024"
        ]
    );
}

#[test]
fn the_2025_plan_has_its_events_as_precisely_as_stated() {
    let cat = catalogue();
    let plan: Vec<&ExerciseSpec> = cat.year(2025);
    let row = |x: &ExerciseSpec| {
        (
            x.key.clone(),
            x.host.to_string(),
            x.dates.label_en(),
            x.dates.is_exact(),
        )
    };
    let rows: Vec<_> = plan.iter().map(|x| row(x)).collect();
    let expect = |k: &str, h: &str, d: &str| (k.to_owned(), h.to_owned(), d.to_owned(), false);
    assert_eq!(
        rows,
        [
            expect("strategic_command_staff_2025", "RUS", "March 2025"),
            expect("echelon_2025", "BLR", "September 2025"),
            expect("interaction_2025", "BLR", "September 2025"),
            expect("search_2025", "BLR", "September 2025"),
            expect("rubezh_2025", "KGZ", "first half of October 2025"),
            expect("barrier_2025", "TJK", "second half of October 2025"),
            expect(
                "indestructible_brotherhood_2025",
                "TJK",
                "second half of October 2025"
            ),
        ]
    );
    let scst = cat.exercise("strategic_command_staff_2025").expect("SCST");
    assert_eq!(scst.kind, ExerciseKind::StrategicCommandStaff);
    let fed: Vec<&str> = scst
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::SuppliesInitialData)
        .map(|l| l.target.as_str())
        .collect();
    assert_eq!(fed.len(), 6, "initial data for each training of the year");
    let interaction = cat.exercise("interaction_2025").expect("Interaction-2025");
    assert!(interaction
        .links
        .iter()
        .any(|l| l.kind == LinkKind::LinkedTo && l.target == "west_2025"));
    let ib = cat
        .exercise("indestructible_brotherhood_2025")
        .expect("IB-2025");
    assert!(ib
        .links
        .iter()
        .any(|l| l.kind == LinkKind::HeldTogether && l.target == "cis_antiterrorist_2025"));
    assert_eq!(
        cat.external("cis_antiterrorist_2025").map(|e| e.dates),
        Some(ib.dates),
        "the CIS training is at the same time"
    );
    let rubezh = cat.exercise("rubezh_2025").expect("Rubezh-2025");
    assert_eq!(
        rubezh.side_events[0].en,
        "Operational meeting with the Command"
    );
}

#[test]
fn exact_days_only_where_the_seed_gives_them() {
    let cat = catalogue();
    let exact: Vec<&str> = cat
        .exercises
        .iter()
        .filter(|x| x.dates.is_exact())
        .map(|x| x.key.as_str())
        .collect();
    assert_eq!(exact, ["strategic_command_staff_2024"]);
    let ib = cat
        .exercise("indestructible_brotherhood_2024")
        .expect("IB-2024");
    assert_eq!(ib.dates.label_en(), "autumn 2024");
    assert!(matches!(
        cat.exercise("rubezh_2024").map(|x| x.dates),
        Some(Period::Year { year: 2024 })
    ));
}

#[test]
fn every_series_of_the_catalogue_is_in_the_organization() {
    let org = ReferenceData::bundled().expect("reference data");
    let cat = catalogue();
    for x in &cat.exercises {
        let s = x
            .series
            .as_deref()
            .expect("every bundled exercise has a series");
        let series = org
            .exercise_series
            .iter()
            .find(|e| e.key == s)
            .expect("known series");
        if let Some(since) = series.since {
            assert!(x.year >= since, "{} before its series began", x.key);
        }
    }
}

#[test]
fn a_broken_catalogue_is_refused_with_the_path_of_the_field() {
    let org = ReferenceData::bundled().expect("reference data");
    let cases = [
        (
            r#"series = "rubezh""#,
            r#"series = "rubej""#,
            "exercises[5].series",
        ),
        (
            r#"dates = { precision = "month", year = 2025, month = 9 }"#,
            r#"dates = { precision = "month", year = 2025, month = 13 }"#,
            "exercises[8].dates.month",
        ),
        (
            r#"dates = { precision = "month", year = 2025, month = 9 }"#,
            r#"dates = { precision = "fortnight", year = 2025, month = 9 }"#,
            "exercises[8].dates.precision",
        ),
        (r#"host = "KGZ""#, r#"host = "UZB""#, "exercises[1].host"),
        (
            r#"components = ["crrf"]"#,
            r#"components = ["crrf", "navy"]"#,
            "exercises[1].components[1]",
        ),
        (
            r#"target = "west_2025", note"#,
            r#"target = "west_2026", note"#,
            "exercises[8].links[2].target",
        ),
        (
            r#"covers = ["interaction_2024""#,
            r#"covers = ["interaction_2023""#,
            "stated[0].covers[0]",
        ),
        (
            r#"figure = { value = 5000, qualifier = "over" }"#,
            r#"figure = { value = 5000, qualifier = "more_or_less" }"#,
            "stated[0].figure.qualifier",
        ),
    ];
    for (from, to, path) in cases {
        assert!(BUNDLED.contains(from), "{from}");
        let text = BUNDLED.replacen(from, to, 1);
        let e = Catalogue::parse(&text, &org).expect_err(path);
        assert_eq!(field_of(e), path, "{to}");
    }
}

#[test]
fn an_exercise_from_a_form_is_checked_field_by_field() {
    let good = serde_json::json!({
        "key": "rubezh_2026",
        "series": "rubezh",
        "year": 2026,
        "name": {"en": "Rubezh-2026", "ru": "Рубеж-2026"},
        "kind": "joint",
        "status": "planned",
        "host": "KAZ",
        "dates": {"precision": "days", "start": "2026-10-05", "end": "2026-10-09"},
        "components": ["crdf_car"],
        "contingents": [{"state": "KAZ", "component": "crdf_car", "personnel": 400}]
    });
    let x = ExerciseSpec::parse(good.clone()).expect("a good exercise");
    assert_eq!(x.dates.label_ru(), "5-9 октября 2026 г.");
    let with = |path: &[&str], v: serde_json::Value| {
        let mut j = good.clone();
        let mut at = &mut j;
        for p in &path[..path.len() - 1] {
            at = match p.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*p],
            };
        }
        at[path[path.len() - 1]] = v;
        j
    };
    let cases = [
        (with(&["year"], 2025.into()), "spec.year"),
        (with(&["name", "ru"], " ".into()), "spec.name.ru"),
        (
            with(&["dates", "end"], "2026-10-01".into()),
            "spec.dates.end",
        ),
        // A malformed date inside the tagged period is reported at the period.
        (with(&["dates", "end"], "2026-10-32".into()), "spec.dates"),
        (with(&["kind"], "parade".into()), "spec.kind"),
        (
            with(&["contingents", "0", "component"], "crrf".into()),
            "spec.contingents[0].component",
        ),
        (
            with(&["contingents", "0", "personnel"], 5_000_000.into()),
            "spec.contingents[0].personnel",
        ),
        (with(&["key"], "Rubezh 2026".into()), "spec.key"),
    ];
    for (json, path) in cases {
        let e = ExerciseSpec::parse(json).expect_err(path);
        assert_eq!(field_of(e), path);
    }
}

#[test]
fn statistics_per_series_host_and_component() {
    let cat = catalogue();
    let s = stats::compute(&cat.exercises, &cat.stated);
    let series = |k: &str| s.series.iter().find(|x| x.series == k).expect(k);
    assert_eq!(
        series("interaction").by_year.iter().collect::<Vec<_>>(),
        [(&2024, &1), (&2025, &1)]
    );
    let host = |c: &str| s.hosts.iter().find(|h| h.state.as_str() == c).expect(c);
    // Tajikistan: Rubezh-2024; Indestructible Brotherhood-2025 and Barrier-2025.
    assert_eq!(host("TJK").tally.exercises, 3);
    assert_eq!(host("TJK").by_year.get(&2025), Some(&2));
    assert_eq!(host("BLR").tally.planned, 3);
    // Per-series and per-host figures have no stated totals: none is invented.
    assert!(s
        .hosts
        .iter()
        .all(|h| h.tally.personnel.headline().is_none()));
    let component = |k: &str| s.components.iter().find(|c| c.component == k);
    assert_eq!(
        component("peacekeeping").map(|c| c.tally.exercises),
        Some(2)
    );
    assert!(
        component("aviation").is_none(),
        "no Air Bridge in 2024-2025"
    );
    let y2025 = s.years.iter().find(|y| y.year == 2025).expect("2025");
    assert_eq!((y2025.tally.planned, y2025.tally.held), (7, 0));
    assert_eq!(y2025.by_kind.get(&ExerciseKind::Special), Some(&3));
    assert!(
        y2025.tally.personnel.headline().is_none(),
        "no figure stated for 2025"
    );
}

#[test]
fn the_printed_plan_runs_by_month_with_imprecise_dates_last() {
    use crc_domain::reference::Names;
    use crc_domain::training::print::document;
    use crc_domain::training::year_plan::{PlanStatus, YearPlanSpec};
    let org = ReferenceData::bundled().expect("org");
    let cat = catalogue();
    let title = Names {
        en: "Plan".into(),
        ru: "План".into(),
    };
    let plan = YearPlanSpec::from_catalogue(&cat, 2025, title.clone());
    let doc = document(&plan, 1, PlanStatus::Approved, &[], Vec::new(), &org);
    let months: Vec<(&str, Vec<&str>)> = doc
        .months
        .iter()
        .map(|m| {
            (
                m.title.en.as_str(),
                m.exercises.iter().map(|x| x.key.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            ("March 2025", vec!["strategic_command_staff_2025"]),
            (
                "September 2025",
                vec!["echelon_2025", "interaction_2025", "search_2025"]
            ),
            (
                "October 2025",
                vec![
                    "rubezh_2025",
                    "barrier_2025",
                    "indestructible_brotherhood_2025"
                ]
            ),
        ]
    );
    assert!(doc.dates_not_fixed.is_empty());
    let ib = &doc.months[2].exercises[2];
    assert_eq!(ib.dates.ru, "вторая половина октября 2025 г.");
    assert_eq!(ib.host_name.en, "Tajikistan");
    assert!(ib.links.iter().any(|l| l
        .en
        .starts_with("held together with Anti-terrorist training")));
    let plan_2024 = YearPlanSpec::from_catalogue(&cat, 2024, title);
    let doc = document(&plan_2024, 1, PlanStatus::Approved, &[], Vec::new(), &org);
    let loose: Vec<&str> = doc.dates_not_fixed.iter().map(|x| x.key.as_str()).collect();
    assert_eq!(
        loose,
        [
            "rock_2024",
            "rubezh_2024",
            "indestructible_brotherhood_2024"
        ]
    );
}
