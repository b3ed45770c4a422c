//! CAP 1.2 and EDXL-DE 1.0 against the official schemas: everything crc writes validates with
//! xmllint, reads back unchanged, and a document crc's reader accepts is one xmllint accepts
//! (a differential fuzz over mutated documents). Invalid imports name line, column and reason.

mod monitoring_common;

use chrono::{DateTime, FixedOffset, TimeZone};
use crc_domain::monitoring::cap::*;
use crc_domain::monitoring::cap_read::parse_alert;
use crc_domain::monitoring::edxl::{DeStatus, Distribution};
use monitoring_common::judge;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::cell::{Cell, RefCell};

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// An alert using every element crc models.
fn full_alert() -> Alert {
    Alert {
        identifier: "crc-2026-000117".into(),
        sender: "crc@joint-staff".into(),
        sent: t("2026-11-24T09:30:00+05:00"),
        status: CapStatus::Actual,
        msg_type: MsgType::Alert,
        source: Some("Duty officer, Crisis Response Centre".into()),
        scope: Scope::Restricted,
        restriction: Some("Authorized bodies of the member states".into()),
        addresses: None,
        codes: vec!["releasability:all-members".into()],
        note: Some("Обстрел & <провокация> у границы".into()),
        references: Some("tjk-border@gknb,TJK-2026-88,2026-11-24T08:00:00+05:00".into()),
        incidents: Some("border-2026-11".into()),
        infos: vec![Info {
            language: Some("ru-RU".into()),
            categories: vec![CapCategory::Security, CapCategory::Rescue],
            event: "Пограничный инцидент".into(),
            response_types: vec![ResponseType::Monitor, ResponseType::Prepare],
            urgency: Urgency::Immediate,
            severity: Severity::Severe,
            certainty: Certainty::Observed,
            audience: Some("Duty officers".into()),
            event_codes: vec![NamedValue {
                name: "crc:category".into(),
                value: "border_shooting".into(),
            }],
            effective: Some(t("2026-11-24T09:30:00+05:00")),
            onset: Some(t("2026-11-24T08:10:00+05:00")),
            expires: Some(t("2026-11-25T09:30:00-00:00")),
            sender_name: Some("Центр кризисного реагирования".into()),
            headline: Some("Обстрел пограничного поста".into()),
            description: Some("Пост обстрелян с сопредельной территории; потерь нет.".into()),
            instruction: Some("Усилить наблюдение.".into()),
            web: Some("https://crc.example/reports/117".into()),
            contact: Some("Дежурный, +7 495 000-00-00".into()),
            parameters: vec![NamedValue {
                name: "admiralty".into(),
                value: "B2".into(),
            }],
            resources: vec![Resource {
                desc: "Схема".into(),
                mime_type: "image/png".into(),
                size: Some(2048),
                uri: Some("https://crc.example/files/1.png".into()),
                deref_uri: None,
                digest: Some("da39a3ee5e6b4b0d3255bfef95601890afd80709".into()),
            }],
            areas: vec![Area {
                desc: "Участок границы, Хатлонская область".into(),
                polygons: vec![vec![
                    [37.2, 68.0],
                    [37.2, 68.6],
                    [37.6, 68.6],
                    [37.6, 68.0],
                    [37.2, 68.0],
                ]],
                circles: vec![Circle {
                    centre: [37.4, 68.3],
                    radius_km: 12.5,
                }],
                geocodes: vec![NamedValue {
                    name: "ISO3166-1".into(),
                    value: "TJK".into(),
                }],
                altitude: Some(1200.0),
                ceiling: Some(3000.5),
            }],
        }],
    }
}

#[test]
fn an_alert_validates_against_cap_1_2_and_reads_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut minimal = full_alert();
    minimal.infos.clear();
    minimal.scope = Scope::Public;
    minimal.restriction = None;
    let docs: Vec<String> = [full_alert(), minimal].iter().map(Alert::to_xml).collect();
    assert!(docs[0].contains("<sent>2026-11-24T09:30:00+05:00</sent>"));
    assert!(docs[0].contains("<expires>2026-11-25T09:30:00-00:00</expires>"));
    for v in judge(dir.path(), "CAP-v1.2.xsd", &docs) {
        v.unwrap();
    }
    assert_eq!(parse_alert(&docs[0]).unwrap(), full_alert());
}

#[test]
fn an_envelope_validates_against_edxl_de_and_carries_its_alerts_back() {
    let mut drill = full_alert();
    drill.status = CapStatus::Exercise;
    drill.note = Some("Exercise Rubezh-2026".into());
    let mut second = drill.clone();
    second.identifier = "crc-2026-000118".into();
    second.msg_type = MsgType::Update;
    let d = Distribution {
        id: "crc-de-2026-0042".into(),
        sender: "crc@joint-staff".into(),
        sent: t("2026-11-24T10:00:00+03:00"),
        status: DeStatus::Exercise,
        kind: "Report".into(),
        confidentiality: "RELEASABLE TO ALL MEMBER STATES".into(),
        language: Some("ru-RU".into()),
        keywords: vec!["border_shooting".into()],
        countries: vec!["TJK".into()],
        alerts: vec![drill, second],
    };
    d.check().unwrap();
    let xml = d.to_xml();
    let dir = tempfile::tempdir().unwrap();
    judge(dir.path(), "edxl-de.xsd", std::slice::from_ref(&xml))
        .remove(0)
        .unwrap();
    let (back, skipped) = Distribution::parse(&xml).unwrap();
    assert_eq!(back, d);
    assert!(skipped.contents.is_empty());

    // An Actual alert may not hide in an Exercise envelope, nor the reverse.
    let mixed = xml.replacen("<status>Exercise</status>", "<status>Actual</status>", 1);
    let e = Distribution::parse(&mixed).unwrap_err();
    assert_eq!(
        e.message,
        "a Actual alert cannot travel in a Exercise envelope"
    );
}

/// Each refused document: the reader's line, column and reason, and xmllint refuses it too.
#[test]
fn invalid_imports_name_line_column_and_reason() {
    let good = full_alert().to_xml();
    let cases: Vec<(String, &str)> = vec![
        (
            good.replacen("<status>Actual</status>", "<status>Real</status>", 1),
            "`Real` is not a <status>",
        ),
        (
            good.replacen("+05:00</sent>", "Z</sent>", 1),
            "is not a CAP time",
        ),
        (
            good.replacen("<sender>crc@joint-staff</sender>\n", "", 1),
            "expected <sender> here, found <sent>",
        ),
        (
            good.replacen("<urgency>", "<bogus>x</bogus>\n      <urgency>", 1),
            "expected <urgency> here, found <bogus>",
        ),
        (good.replacen("</alert>", "", 1), "not well-formed XML"),
        (
            good.replacen(
                "xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"",
                "xmlns=\"urn:oasis:names:tc:emergency:cap:1.1\"",
                1,
            ),
            "expected a CAP 1.2 <alert>",
        ),
        (
            good.replacen("<size>2048</size>", "<size>big</size>", 1),
            "`big` is not a size in bytes",
        ),
        (
            good.replacen(
                "<category>Security</category>\n    <category>Rescue</category>\n",
                "",
                1,
            ),
            "expected <category> here, found <event>",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<String> = cases.iter().map(|c| c.0.clone()).collect();
    let verdicts = judge(dir.path(), "CAP-v1.2.xsd", &docs);
    for ((doc, reason), verdict) in cases.iter().zip(verdicts) {
        let e = parse_alert(doc).unwrap_err();
        assert!(e.message.contains(reason), "{e} lacks {reason}");
        assert!(e.line > 1, "{e}");
        assert!(verdict.is_err(), "xmllint accepted what crc refused: {e}");
    }
    // The status error points at the status element's line.
    let e = parse_alert(&cases[0].0).unwrap_err();
    let line = cases[0]
        .0
        .lines()
        .position(|l| l.contains("<status>Real"))
        .unwrap()
        + 1;
    assert_eq!(e.line as usize, line);

    // Rules beyond the schema: a Restricted alert says who may see it.
    let unrestricted = good.replacen(
        "<restriction>Authorized bodies of the member states</restriction>\n",
        "",
        1,
    );
    let e = parse_alert(&unrestricted).unwrap_err();
    assert!(
        e.message.contains("a Restricted alert says who may see it"),
        "{e}"
    );
    // A DTD (and so any entity expansion) is refused outright.
    let bomb = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE alert [<!ENTITY a \"aaaa\">]>\n{}",
        good.split_once("?>\n").unwrap().1
    );
    assert!(parse_alert(&bomb)
        .unwrap_err()
        .message
        .contains("not well-formed"));
}

fn text() -> impl Strategy<Value = String> {
    // Markup characters, Cyrillic, quotes and spaces: what the writer must escape.
    proptest::string::string_regex("[a-zA-Z0-9 <>&\"'а-яА-ЯёЁ.,;:()/-]{1,40}")
        .unwrap()
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn token() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9@._:-]{1,30}").unwrap()
}

fn time() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..4_000_000_000, -12i32..=14).prop_map(|(secs, h)| {
        FixedOffset::east_opt(h * 3600)
            .unwrap()
            .timestamp_opt(secs, 0)
            .unwrap()
    })
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn info() -> impl Strategy<Value = Info> {
    (
        proptest::collection::vec(pick(CapCategory::ALL), 1..3),
        text(),
        proptest::collection::vec(pick(ResponseType::ALL), 0..3),
        (
            pick(Urgency::ALL),
            pick(Severity::ALL),
            pick(Certainty::ALL),
        ),
        proptest::option::of(time()),
        proptest::option::of(text()),
        proptest::collection::vec((-80.0f64..80.0, -170.0f64..170.0, 0.1f64..2.0), 0..2),
    )
        .prop_map(
            |(
                categories,
                event,
                response_types,
                (urgency, severity, certainty),
                expires,
                headline,
                boxes,
            )| Info {
                language: Some("ru-RU".into()),
                categories,
                event,
                response_types,
                urgency,
                severity,
                certainty,
                audience: None,
                event_codes: vec![],
                effective: None,
                onset: None,
                expires,
                sender_name: None,
                headline: headline.clone(),
                description: headline,
                instruction: None,
                web: None,
                contact: None,
                parameters: vec![],
                resources: vec![],
                areas: boxes
                    .into_iter()
                    .map(|(la, lo, d)| Area {
                        desc: "area".into(),
                        polygons: vec![vec![[la, lo], [la, lo + d], [la + d, lo + d], [la, lo]]],
                        circles: vec![Circle {
                            centre: [la, lo],
                            radius_km: d * 10.0,
                        }],
                        geocodes: vec![],
                        altitude: None,
                        ceiling: None,
                    })
                    .collect(),
            },
        )
}

fn alert() -> impl Strategy<Value = Alert> {
    (
        token(),
        token(),
        time(),
        (pick(CapStatus::ALL), pick(MsgType::ALL)),
        proptest::option::of(text()),
        proptest::collection::vec(info(), 0..3),
    )
        .prop_map(
            |(identifier, sender, sent, (status, msg_type), note, infos)| Alert {
                identifier,
                sender,
                sent,
                status,
                msg_type,
                source: None,
                scope: Scope::Public,
                restriction: None,
                addresses: None,
                codes: vec![],
                note,
                references: None,
                incidents: None,
                infos,
            },
        )
}

/// Generated alerts: each is written, read back equal, and validated by xmllint.
#[test]
fn generated_alerts_round_trip_and_validate() {
    let mut runner = TestRunner::new(Config {
        cases: 150,
        ..Config::default()
    });
    let docs = std::cell::RefCell::new(Vec::new());
    runner
        .run(&alert(), |a| {
            let xml = a.to_xml();
            let back = parse_alert(&xml).map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
            prop_assert_eq!(&back, &a);
            docs.borrow_mut().push(xml);
            Ok(())
        })
        .unwrap();
    let docs = docs.into_inner();
    let dir = tempfile::tempdir().unwrap();
    for (doc, v) in docs.iter().zip(judge(dir.path(), "CAP-v1.2.xsd", &docs)) {
        assert!(v.is_ok(), "{v:?}\n{doc}");
    }
}

/// One mutation of a document: delete, duplicate or replace a span, or cut it short.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Duplicate(usize, usize),
    Replace(usize, String),
    Truncate(usize),
}

fn apply(doc: &str, m: &Mutation) -> String {
    let b = doc.as_bytes();
    let at = |i: usize| {
        let mut i = i % (b.len() + 1);
        while !doc.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match m {
        Mutation::Delete(i, n) => {
            let (s, e) = (at(*i), at(i + n));
            let (s, e) = (s.min(e), s.max(e));
            format!("{}{}", &doc[..s], &doc[e..])
        }
        Mutation::Duplicate(i, n) => {
            let (s, e) = (at(*i), at(i + n));
            let (s, e) = (s.min(e), s.max(e));
            format!("{}{}", &doc[..e], &doc[s..])
        }
        Mutation::Replace(i, with) => {
            let s = at(*i);
            let e = at(s + with.len());
            format!("{}{}{}", &doc[..s], with, &doc[e.max(s)..])
        }
        Mutation::Truncate(i) => doc[..at(*i)].to_owned(),
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), 1usize..80).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (
            any::<usize>(),
            proptest::string::string_regex("[<>/&;a-zA-Z0-9 :=\"-]{1,8}").unwrap()
        )
            .prop_map(|(i, s)| Mutation::Replace(i, s)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// A differential fuzz: mutated alerts and envelopes never make the reader panic, and whatever
/// it accepts, the official schema accepts too. `CRC_FUZZ_CASES` runs longer (the figures in
/// docs/monitoring.md came from it).
#[test]
fn mutated_documents_are_refused_or_valid_never_a_panic() {
    let cases: u32 = std::env::var("CRC_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let alert_xml = full_alert().to_xml();
    let mut drill = full_alert();
    drill.status = CapStatus::Exercise;
    let de_xml = Distribution {
        id: "de-1".into(),
        sender: "crc@joint-staff".into(),
        sent: t("2026-11-24T10:00:00+03:00"),
        status: DeStatus::Exercise,
        kind: "Report".into(),
        confidentiality: "UNCLASSIFIED".into(),
        language: None,
        keywords: vec!["border_incident".into()],
        countries: vec!["TJK".into()],
        alerts: vec![drill],
    }
    .to_xml();
    let mut runner = TestRunner::new(Config {
        cases,
        ..Config::default()
    });
    let (accepted_cap, accepted_de) = (RefCell::new(Vec::new()), RefCell::new(Vec::new()));
    let (refused, total) = (Cell::new(0usize), Cell::new(0usize));
    runner
        .run(
            &(proptest::collection::vec(mutation(), 1..4), any::<bool>()),
            |(ms, envelope)| {
                let base = if envelope { &de_xml } else { &alert_xml };
                let doc = ms.iter().fold(base.clone(), |d, m| apply(&d, m));
                total.set(total.get() + 1);
                if envelope {
                    match Distribution::parse(&doc) {
                        Ok(_) => accepted_de.borrow_mut().push(doc),
                        Err(e) => {
                            prop_assert!(e.line >= 1 && e.column >= 1 && !e.message.is_empty());
                            refused.set(refused.get() + 1);
                        }
                    }
                } else {
                    match parse_alert(&doc) {
                        Ok(_) => accepted_cap.borrow_mut().push(doc),
                        Err(e) => {
                            prop_assert!(e.line >= 1 && e.column >= 1 && !e.message.is_empty());
                            refused.set(refused.get() + 1);
                        }
                    }
                }
                Ok(())
            },
        )
        .unwrap();
    let (accepted_cap, accepted_de) = (accepted_cap.into_inner(), accepted_de.into_inner());
    eprintln!(
        "fuzz: {} mutated documents, {} refused, {} alerts and {} envelopes accepted",
        total.get(),
        refused.get(),
        accepted_cap.len(),
        accepted_de.len()
    );
    let dir = tempfile::tempdir().unwrap();
    for (doc, v) in accepted_cap
        .iter()
        .zip(judge(dir.path(), "CAP-v1.2.xsd", &accepted_cap))
    {
        assert!(
            v.is_ok(),
            "crc accepted an alert the schema refuses: {v:?}\n{doc}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    for (doc, v) in accepted_de
        .iter()
        .zip(judge(dir.path(), "edxl-de.xsd", &accepted_de))
    {
        assert!(
            v.is_ok(),
            "crc accepted an envelope the schema refuses: {v:?}\n{doc}"
        );
    }
}

mod mapping {
    use super::*;
    use crc_domain::monitoring::cap_map::{alert_to_report, report_to_alert, Imported, Outgoing};
    use crc_domain::monitoring::geography::Geography;
    use crc_domain::monitoring::grade::Grade;
    use crc_domain::monitoring::place::Place;
    use crc_domain::monitoring::report::{ReportSpec, Source};
    use crc_domain::monitoring::taxonomy::Taxonomy;
    use crc_domain::reference::ReferenceData;
    use crc_domain::training::design::ExerciseMarking;

    fn geography() -> Geography {
        Geography::bundled(&ReferenceData::bundled().unwrap().regions).unwrap()
    }

    fn report(exercise: Option<&str>) -> ReportSpec {
        let t = chrono::Utc
            .with_ymd_and_hms(2026, 11, 24, 3, 10, 0)
            .unwrap();
        ReportSpec {
            observed_at: t,
            reported_at: t,
            place: Place::Polygon(vec![vec![
                [68.0, 37.2],
                [68.6, 37.2],
                [68.6, 37.6],
                [68.0, 37.2],
            ]]),
            place_name: Some("Хатлонская область".into()),
            category: "border_shooting".into(),
            title: "Обстрел пограничного поста".into(),
            text: "Пост обстрелян с сопредельной территории".into(),
            source: Source::Centre {
                officer: "duty".into(),
            },
            cited: vec![],
            grade: Grade::parse("g", "B2").unwrap(),
            exercise: exercise.map(|e| ExerciseMarking::parse("e", e).unwrap()),
            external_id: None,
            attachments: vec![],
        }
    }

    /// A report goes out as a valid alert and comes back as the same report.
    #[test]
    fn reports_travel_as_alerts_and_back() {
        let taxonomy = Taxonomy::bundled().unwrap();
        let g = geography();
        let dir = tempfile::tempdir().unwrap();
        let mut docs = Vec::new();
        for exercise in [None, Some("Rubezh-2026")] {
            let r = report(exercise);
            let out = Outgoing {
                id: 17,
                spec: &r,
                state: Some("TJK"),
                restriction: "Releasable to all member states".into(),
            };
            let a = report_to_alert(
                &out,
                "crc@joint-staff",
                t("2026-11-24T09:00:00+05:00"),
                &taxonomy,
            );
            assert_eq!(
                a.status,
                if exercise.is_some() {
                    CapStatus::Exercise
                } else {
                    CapStatus::Actual
                }
            );
            let xml = a.to_xml();
            let read = parse_alert(&xml).unwrap();
            let Imported::Report(back) = alert_to_report(
                &read,
                Source::Feed {
                    feed: "crc@joint-staff".into(),
                },
                &taxonomy,
                &g,
            )
            .unwrap() else {
                panic!("skipped")
            };
            assert_eq!(back.category, r.category);
            assert_eq!(back.grade, r.grade);
            assert_eq!(back.place, r.place);
            assert_eq!(back.exercise, r.exercise);
            assert_eq!(
                (back.title.as_str(), back.text.as_str()),
                (r.title.as_str(), r.text.as_str())
            );
            assert_eq!(back.observed_at, r.observed_at);
            docs.push(xml);
        }
        for v in judge(dir.path(), "CAP-v1.2.xsd", &docs) {
            v.unwrap();
        }
    }

    #[test]
    fn test_alerts_and_cancels_stay_out_and_a_country_is_a_place() {
        let taxonomy = Taxonomy::bundled().unwrap();
        let g = geography();
        let src = || Source::Feed { feed: "x".into() };
        for (status, msg) in [
            (CapStatus::Test, MsgType::Alert),
            (CapStatus::Draft, MsgType::Alert),
            (CapStatus::System, MsgType::Alert),
            (CapStatus::Actual, MsgType::Cancel),
        ] {
            let mut a = full_alert();
            a.status = status;
            a.msg_type = msg;
            assert!(matches!(
                alert_to_report(&a, src(), &taxonomy, &g).unwrap(),
                Imported::Skipped(_)
            ));
        }
        let mut a = full_alert();
        a.infos[0].areas[0].polygons.clear();
        a.infos[0].areas[0].circles.clear();
        let Imported::Report(r) = alert_to_report(&a, src(), &taxonomy, &g).unwrap() else {
            panic!()
        };
        let l = g.locate(&r.place);
        assert_eq!(l.state.unwrap().as_str(), "TJK");
        assert_eq!(r.category, "border_shooting");
        assert_eq!(r.grade.to_string(), "B2");
        a.infos[0].areas.clear();
        let e = alert_to_report(&a, src(), &taxonomy, &g).unwrap_err();
        assert!(e.to_string().contains("crc places every report"), "{e}");
    }
}
