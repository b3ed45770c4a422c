//! The storage contract for situation monitoring, on SQLite and on a real PostgreSQL server:
//! reports received all or none and once per sender's identifier; releasability applied in
//! every read path (one report, lists by box, time and words, events, corroboration
//! candidates, threat items); exercise reports kept out of the real world; events graded by
//! their reports and seen only by whoever sees all of them; duplicates merged without loss;
//! export and import carrying it all.

use chrono::{DateTime, Duration, TimeZone, Utc};
use crc_domain::codes::StateCode;
use crc_domain::identity::Viewer;
use crc_domain::monitoring::geography::Geography;
use crc_domain::monitoring::grade::Grade;
use crc_domain::monitoring::place::Place;
use crc_domain::monitoring::report::{ReportSpec, Source};
use crc_domain::reference::ReferenceData;
use crc_domain::releasability::Releasability;
use crc_domain::training::design::ExerciseMarking;
use crc_storage::testing::{postgres_store, sqlite_store};
use crc_storage::{
    CrisisActor, EventQuery, NewReport, Received, ReportQuery, StorageError, Store, World,
};

macro_rules! contract {
    ($name:ident, |$store:ident| $body:block) => {
        mod $name {
            use super::*;
            async fn run($store: Store) $body

            #[tokio::test]
            async fn sqlite() {
                let (s, _dir) = sqlite_store().await;
                run(s).await;
            }

            #[tokio::test]
            async fn postgres() {
                run(postgres_store().await).await;
            }
        }
    };
}

fn code(s: &str) -> StateCode {
    StateCode::parse(s).unwrap()
}

fn geography() -> &'static Geography {
    static G: std::sync::OnceLock<Geography> = std::sync::OnceLock::new();
    G.get_or_init(|| Geography::bundled(&ReferenceData::bundled().unwrap().regions).unwrap())
}

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 6, 0, 0).unwrap()
}

/// A report by `body` of `state`, observed `hours` after the base time at (lon, lat).
fn spec(
    state: &str,
    body: &str,
    hours: i64,
    lon: f64,
    lat: f64,
    title: &str,
    text: &str,
) -> ReportSpec {
    let t = base() + Duration::hours(hours);
    ReportSpec {
        observed_at: t,
        reported_at: t + Duration::minutes(30),
        place: Place::Point([lon, lat]),
        place_name: None,
        category: "border_incident".into(),
        title: title.into(),
        text: text.into(),
        source: Source::AuthorizedBody {
            state: code(state),
            body: body.into(),
        },
        cited: vec![],
        grade: Grade::parse("grade", "B3").unwrap(),
        exercise: None,
        external_id: None,
        attachments: vec![],
    }
}

fn new(spec: ReportSpec, releasability: Releasability) -> NewReport {
    let owner = spec.source.state().cloned();
    NewReport {
        location: geography().locate(&spec.place),
        spec,
        owner_state: owner,
        releasability,
    }
}

fn person(state: &str) -> Viewer {
    Viewer::Person {
        state: Some(code(state)),
    }
}

const DUTY: CrisisActor<'static> = CrisisActor {
    name: "duty",
    state: None,
    viewer: &Viewer::System,
};

fn all() -> ReportQuery {
    ReportQuery {
        limit: 100,
        ..Default::default()
    }
}

fn ids(v: &[crc_storage::ReportRecord]) -> Vec<i64> {
    v.iter().map(|r| r.id).collect()
}

contract!(reports_are_received_once_and_all_or_none, |store| {
    let mut a = spec(
        "TJK",
        "Border Service",
        0,
        68.8,
        37.5,
        "Shots at a border post",
        "Обстрел пограничной заставы",
    );
    a.external_id = Some("TJK-2026-88".into());
    let b = spec(
        "KAZ",
        "Ministry of Defence",
        1,
        76.9,
        43.2,
        "Drone over the depot",
        "Беспилотник над складом",
    );
    let got = store
        .receive_reports(
            "duty",
            &[
                new(a.clone(), Releasability::Organization),
                new(b, Releasability::Organization),
            ],
        )
        .await
        .unwrap();
    assert!(matches!(got[0], Received::New(_)) && matches!(got[1], Received::New(_)));
    let first = got[0].record().clone();
    assert_eq!(
        first.location.state.as_ref().map(|s| s.as_str()),
        Some("TJK")
    );
    assert_eq!(first.location.region.as_deref(), Some("central_asian"));
    assert_eq!(
        store.report(&Viewer::System, first.id).await.unwrap(),
        first
    );

    // The same sender's identifier again: the stored report, nothing written.
    let seq = store.last_seq().await.unwrap();
    let again = store
        .receive_reports("duty", &[new(a.clone(), Releasability::Organization)])
        .await
        .unwrap();
    assert_eq!(again, vec![Received::Again(first.clone())]);
    assert_eq!(store.last_seq().await.unwrap(), seq);

    // A batch with one bad report stores none of it.
    let c = spec(
        "ARM",
        "Police",
        2,
        44.5,
        40.2,
        "Crowd at the square",
        "Митинг",
    );
    let mut homeless = c.clone();
    homeless.source = Source::Centre {
        officer: "duty".into(),
    };
    let mut bad = new(homeless, Releasability::National);
    bad.owner_state = None;
    let e = store
        .receive_reports("duty", &[new(c, Releasability::Organization), bad])
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("a national report belongs to a state"),
        "{e}"
    );
    assert_eq!(store.last_seq().await.unwrap(), seq);
    assert_eq!(
        store
            .list_reports(&Viewer::System, &all())
            .await
            .unwrap()
            .len(),
        2
    );
});

contract!(releasability_holds_on_every_read_path, |store| {
    let kaz_only = spec(
        "KAZ",
        "National Security Committee",
        0,
        76.9,
        43.2,
        "Armed group near Almaty",
        "Вооружённая группа у Алматы",
    );
    let shared = spec(
        "KAZ",
        "Ministry of Defence",
        1,
        76.95,
        43.25,
        "Armed group near Almaty confirmed",
        "Подтверждение: вооружённая группа у Алматы",
    );
    let got = store
        .receive_reports(
            "duty",
            &[
                new(kaz_only, Releasability::National),
                new(shared, Releasability::Organization),
            ],
        )
        .await
        .unwrap();
    let (secret, open) = (got[0].record().id, got[1].record().id);
    let (kaz, rus) = (person("KAZ"), person("RUS"));

    // One report.
    assert!(store.report(&kaz, secret).await.is_ok());
    assert!(matches!(
        store.report(&rus, secret).await,
        Err(StorageError::NotFound(_))
    ));
    // Lists by box, by time, by words.
    let near_almaty = ReportQuery {
        bbox: Some([76.0, 42.5, 77.5, 44.0]),
        from_ms: Some(base().timestamp_millis()),
        words: crc_domain::training::lessons::words("вооружённые группы"),
        ..all()
    };
    assert_eq!(
        ids(&store.list_reports(&kaz, &near_almaty).await.unwrap()),
        vec![open, secret]
    );
    assert_eq!(
        ids(&store.list_reports(&rus, &near_almaty).await.unwrap()),
        vec![open]
    );
    assert_eq!(
        ids(&store
            .list_reports(&Viewer::System, &near_almaty)
            .await
            .unwrap()),
        vec![open, secret]
    );
    // Corroboration candidates.
    let (_, c) = store
        .corroboration_candidates(&rus, open, 48.0, 50.0)
        .await
        .unwrap();
    assert!(c.is_empty());
    let (_, c) = store
        .corroboration_candidates(&kaz, open, 48.0, 50.0)
        .await
        .unwrap();
    assert_eq!(ids(&c), vec![secret]);
    // Events: seen only by whoever sees every report.
    let ev = store
        .create_event(
            &DUTY,
            "Armed group near Almaty",
            "armed_incident",
            &[secret, open],
        )
        .await
        .unwrap();
    assert_eq!(ev.releasability, Releasability::National);
    assert_eq!(ev.owner_state, Some(code("KAZ")));
    assert!(store.monitoring_event(&kaz, ev.id).await.is_ok());
    assert!(matches!(
        store.monitoring_event(&rus, ev.id).await,
        Err(StorageError::NotFound(_))
    ));
    let q = EventQuery {
        limit: 10,
        ..Default::default()
    };
    assert_eq!(store.list_events(&rus, &q).await.unwrap().len(), 0);
    assert_eq!(
        store.list_events(&kaz, &q).await.unwrap()[0].reports,
        vec![secret, open]
    );
    // Threat items: the event for Kazakhstan, nothing for Russia.
    let (from, to) = (
        base().timestamp_millis(),
        (base() + Duration::days(1)).timestamp_millis(),
    );
    assert_eq!(store.threat_items(&kaz, from, to).await.unwrap().len(), 1);
    assert_eq!(store.threat_items(&rus, from, to).await.unwrap().len(), 0);
    // A Russian officer cannot reach the national report through an event either.
    let e = store
        .create_event(
            &CrisisActor {
                name: "rus",
                state: Some(&code("RUS")),
                viewer: &rus,
            },
            "x",
            "armed_incident",
            &[secret],
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StorageError::NotFound(_)), "{e}");
});

contract!(exercise_reports_stay_out_of_the_real_world, |store| {
    let real = spec(
        "TJK",
        "Border Service",
        0,
        68.8,
        37.5,
        "Shots at a border post",
        "Обстрел",
    );
    let mut drill = spec(
        "TJK",
        "Border Service",
        0,
        68.8,
        37.5,
        "Shots at a border post",
        "Обстрел",
    );
    drill.exercise = Some(ExerciseMarking::parse("exercise", "Rubezh-2026").unwrap());
    let got = store
        .receive_reports(
            "duty",
            &[
                new(real, Releasability::Organization),
                new(drill, Releasability::Organization),
            ],
        )
        .await
        .unwrap();
    let (r, d) = (got[0].record().id, got[1].record().id);
    assert_eq!(
        ids(&store.list_reports(&Viewer::System, &all()).await.unwrap()),
        vec![r]
    );
    let ex = ReportQuery {
        world: World::Exercise("Rubezh-2026".into()),
        ..all()
    };
    assert_eq!(
        ids(&store.list_reports(&Viewer::System, &ex).await.unwrap()),
        vec![d]
    );
    let (from, to) = (
        base().timestamp_millis(),
        (base() + Duration::days(1)).timestamp_millis(),
    );
    assert_eq!(
        store
            .threat_items(&Viewer::System, from, to)
            .await
            .unwrap()
            .len(),
        1
    );
    let (_, c) = store
        .corroboration_candidates(&Viewer::System, r, 48.0, 50.0)
        .await
        .unwrap();
    assert!(c.is_empty(), "an exercise report suggested for a real one");
    let seq = store.last_seq().await.unwrap();
    let e = store
        .create_event(&DUTY, "mixed", "border_incident", &[r, d])
        .await
        .unwrap_err();
    assert!(e.to_string().contains("belongs to another world"), "{e}");
    let e = store.merge_report(&DUTY, d, r).await.unwrap_err();
    assert!(e.to_string().contains("belongs to another world"), "{e}");
    assert_eq!(store.last_seq().await.unwrap(), seq);
});

contract!(
    events_grade_by_corroboration_and_merges_lose_nothing,
    |store| {
        let a = spec(
            "TJK",
            "Border Service",
            0,
            68.8,
            37.5,
            "Shots at post 12",
            "Обстрел заставы 12",
        );
        let b = spec(
            "TJK",
            "Ministry of Defence",
            2,
            68.85,
            37.52,
            "Post 12 under fire",
            "Застава 12 под огнём",
        );
        let mut dup = a.clone();
        dup.observed_at += Duration::minutes(20);
        dup.reported_at += Duration::minutes(20);
        let got = store
            .receive_reports(
                "duty",
                &[a, b, dup].map(|s| new(s, Releasability::Organization)),
            )
            .await
            .unwrap();
        let (a, b, dup) = (got[0].record().id, got[1].record().id, got[2].record().id);
        let ev = store
            .create_event(&DUTY, "Post 12 shelled", "border_shooting", &[a])
            .await
            .unwrap();
        assert_eq!(ev.grade.to_string(), "B3");
        // A second, independent, usually reliable body confirms it.
        let ev = store
            .link_report(&DUTY, ev.id, Some(ev.version), b, true)
            .await
            .unwrap();
        assert_eq!(ev.grade.to_string(), "B1");
        assert_eq!(ev.reports, vec![a, b]);
        // A stale version changes nothing.
        let seq = store.last_seq().await.unwrap();
        let e = store
            .link_report(&DUTY, ev.id, Some(1), dup, true)
            .await
            .unwrap_err();
        assert!(matches!(e, StorageError::Stale { .. }), "{e}");
        // A report is in one event only.
        let other = store
            .create_event(&DUTY, "again", "border_incident", &[a])
            .await
            .unwrap_err();
        assert!(matches!(other, StorageError::Duplicate(_)), "{other}");
        assert_eq!(store.last_seq().await.unwrap(), seq);
        // Regrading a report regrades its event.
        let graded = store
            .grade_report(&DUTY, b, None, Grade::parse("g", "E4").unwrap())
            .await
            .unwrap();
        assert_eq!(graded.version, 3);
        assert_eq!(
            store
                .monitoring_event(&Viewer::System, ev.id)
                .await
                .unwrap()
                .grade
                .to_string(),
            "B2"
        );
        // The duplicate merges: it leaves the lists, stays readable, and joins the event.
        let merged = store.merge_report(&DUTY, dup, a).await.unwrap();
        assert_eq!(
            (merged.merged_into, merged.event_id),
            (Some(a), Some(ev.id))
        );
        assert!(!ids(&store.list_reports(&Viewer::System, &all()).await.unwrap()).contains(&dup));
        let with = ReportQuery {
            include_merged: true,
            ..all()
        };
        assert!(ids(&store.list_reports(&Viewer::System, &with).await.unwrap()).contains(&dup));
        assert_eq!(
            store
                .report(&Viewer::System, dup)
                .await
                .unwrap()
                .merged_into,
            Some(a)
        );
        let ev = store
            .monitoring_event(&Viewer::System, ev.id)
            .await
            .unwrap();
        assert_eq!(ev.reports, vec![a, dup, b]);
        // Taking a report out; the last one stays.
        let ev = store
            .link_report(&DUTY, ev.id, None, b, false)
            .await
            .unwrap();
        assert_eq!(ev.reports, vec![a, dup]);
        assert_eq!(ev.grade.to_string(), "B3");

        // Export and import carry reports, events and merges, on both backends.
        let doc = store.export().await.unwrap();
        assert_eq!(
            (doc.monitoring_reports.len(), doc.monitoring_events.len()),
            (3, 1)
        );
        let parsed: crc_storage::ExportDocument =
            serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap();
        let (fresh, _dir) = sqlite_store().await;
        for fresh in [fresh, postgres_store().await] {
            fresh.import(&parsed).await.unwrap();
            assert_eq!(
                serde_json::to_string(&fresh.export().await.unwrap()).unwrap(),
                serde_json::to_string(&doc).unwrap(),
                "{}",
                fresh.backend_name()
            );
            let found = fresh
                .list_reports(
                    &Viewer::System,
                    &ReportQuery {
                        words: crc_domain::training::lessons::words("заставы"),
                        ..all()
                    },
                )
                .await
                .unwrap();
            assert_eq!(ids(&found), vec![b, a], "{}", fresh.backend_name());
        }
    }
);

contract!(boxes_and_words_find_what_they_should, |store| {
    let mut area = spec(
        "RUS",
        "Emergencies Ministry",
        0,
        0.0,
        0.0,
        "Flood in Chukotka",
        "Наводнение, затоплены дороги",
    );
    area.category = "flood".into();
    // An area across the 180th meridian's neighbourhood, anchored east of the box below.
    area.place = Place::Polygon(vec![vec![
        [176.0, 64.0],
        [179.5, 64.0],
        [179.5, 66.0],
        [176.0, 66.0],
        [176.0, 64.0],
    ]]);
    let point = spec(
        "RUS",
        "Border Service",
        1,
        -172.0,
        64.5,
        "Vessel near Provideniya",
        "Судно у Провидения",
    );
    let far = spec(
        "ARM",
        "Police",
        2,
        44.5,
        40.2,
        "Roads flooded in Yerevan",
        "Flooded roads delay traffic",
    );
    let got = store
        .receive_reports(
            "duty",
            &[area, point, far].map(|s| new(s, Releasability::Organization)),
        )
        .await
        .unwrap();
    let (area, point, far) = (got[0].record().id, got[1].record().id, got[2].record().id);
    let q = |bbox, words: &str| ReportQuery {
        bbox,
        words: crc_domain::training::lessons::words(words),
        ..all()
    };
    // A box across the 180th meridian meets both.
    let r = store
        .list_reports(&Viewer::System, &q(Some([178.0, 63.0, -170.0, 67.0]), ""))
        .await
        .unwrap();
    assert_eq!(ids(&r), vec![point, area]);
    // A box meeting only the area's edge still finds the area.
    let r = store
        .list_reports(&Viewer::System, &q(Some([179.0, 65.0, 179.9, 65.5]), ""))
        .await
        .unwrap();
    assert_eq!(ids(&r), vec![area]);
    // Words in either language, any form.
    let r = store
        .list_reports(&Viewer::System, &q(None, "затоплена дорога"))
        .await
        .unwrap();
    assert_eq!(ids(&r), vec![area]);
    let r = store
        .list_reports(&Viewer::System, &q(None, "flood delays"))
        .await
        .unwrap();
    assert_eq!(ids(&r), vec![far]);
    let r = store
        .list_reports(&Viewer::System, &q(None, "судна"))
        .await
        .unwrap();
    assert_eq!(ids(&r), vec![point]);
    // Words in a time window: the month words of the index narrow it, the times decide.
    let ms = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis();
    for (from, to, want) in [
        ("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", vec![area]),
        ("2026-10-15T00:00:00Z", "2027-01-15T00:00:00Z", vec![area]),
        ("2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", vec![]),
        ("2026-11-20T06:30:00Z", "2026-12-01T00:00:00Z", vec![]),
        ("2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z", vec![area]),
    ] {
        let r = store
            .list_reports(
                &Viewer::System,
                &ReportQuery {
                    from_ms: Some(ms(from)),
                    to_ms: Some(ms(to)),
                    ..q(None, "наводнение")
                },
            )
            .await
            .unwrap();
        assert_eq!(ids(&r), want, "{from} to {to}");
    }
    // A large box spans too many cells for the cell index and still finds everything in it.
    let r = store
        .list_reports(&Viewer::System, &q(Some([20.0, 30.0, 60.0, 50.0]), ""))
        .await
        .unwrap();
    assert_eq!(ids(&r), vec![far]);
});
