//! The storage contract for planning the joint training year, on SQLite and on a real
//! PostgreSQL server: the bundled catalogue loaded idempotently (users' changes kept), exercises
//! added and changed at a version, year plans (one a year) driven by the domain's workflow,
//! every change with its audit entry, and a refused step or stale version changing nothing;
//! exercise designs and their MSELs (created, changed at a version, approved by the director
//! only) likewise.

use crc_domain::codes::StateCode;
use crc_domain::identity::Viewer;
use crc_domain::reference::{Names, ReferenceData};
use crc_domain::training::catalogue::{Catalogue, ExerciseKind, ExerciseSpec, ExerciseStatus};
use crc_domain::training::design::ExerciseDesign;
use crc_domain::training::msel::{MselCommand, MselSpec, MselStatus};
use crc_domain::training::year_plan::{PlanStatus, YearPlanCommand, YearPlanSpec};
use crc_domain::DomainError;
use crc_storage::testing::{postgres_store, sqlite_store};
use crc_storage::{CrisisActor, ExerciseOrigin, ExerciseQuery, StorageError, Store};
use serde_json::json;

/// Runs `$body` against a fresh store of each backend.
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

fn org() -> ReferenceData {
    ReferenceData::bundled().unwrap()
}

fn catalogue() -> Catalogue {
    Catalogue::bundled().unwrap()
}

const STAFF: CrisisActor<'static> = CrisisActor {
    name: "planner",
    state: None,
    viewer: &Viewer::System,
};

fn plan_2025() -> YearPlanSpec {
    YearPlanSpec::from_catalogue(
        &catalogue(),
        2025,
        Names {
            en: "Plan for Joint Training for 2025".into(),
            ru: "План совместной подготовки на 2025 год".into(),
        },
    )
}

fn user_exercise(key: &str) -> ExerciseSpec {
    ExerciseSpec::parse(json!({
        "key": key,
        "series": "rubezh",
        "year": 2026,
        "name": {"en": "Rubezh-2026", "ru": "Рубеж-2026"},
        "kind": "joint",
        "status": "planned",
        "host": "KGZ",
        "dates": {"precision": "month", "year": 2026, "month": 9},
        "components": ["crdf_car"]
    }))
    .unwrap()
}

fn cmd(v: serde_json::Value) -> YearPlanCommand {
    YearPlanCommand::parse(v).unwrap()
}

contract!(catalogue_load_is_idempotent, |store| {
    let cat = catalogue();
    let first = store
        .load_catalogue("system", &cat.exercises)
        .await
        .unwrap();
    assert_eq!(first.inserted.len(), cat.exercises.len());
    assert!(first.updated.is_empty() && first.kept.is_empty());
    let seq = store.last_seq().await.unwrap();
    let again = store
        .load_catalogue("system", &cat.exercises)
        .await
        .unwrap();
    assert!(again.inserted.is_empty() && again.updated.is_empty() && again.kept.is_empty());
    assert_eq!(again.unchanged, cat.exercises.len());
    assert_eq!(
        store.last_seq().await.unwrap(),
        seq,
        "a second load writes nothing"
    );
    let all = store
        .list_exercises(&ExerciseQuery::default())
        .await
        .unwrap();
    assert_eq!(all.len(), cat.exercises.len());
    assert!(all
        .iter()
        .all(|x| x.origin == ExerciseOrigin::Reference && x.version == 1));

    // Filters: year, series, host, kind, status.
    let y2025 = store
        .list_exercises(&ExerciseQuery {
            year: Some(2025),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(y2025.len(), cat.year(2025).len());
    assert!(y2025.iter().all(|x| x.spec.year == 2025));
    let interaction = store
        .list_exercises(&ExerciseQuery {
            series: Some("interaction".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let keys: Vec<&str> = interaction.iter().map(|x| x.spec.key.as_str()).collect();
    assert_eq!(keys, ["interaction_2024", "interaction_2025"]);
    let blr_joint_2025 = store
        .list_exercises(&ExerciseQuery {
            year: Some(2025),
            host: Some(code("BLR")),
            kind: Some(ExerciseKind::Joint),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        blr_joint_2025
            .iter()
            .map(|x| x.spec.key.as_str())
            .collect::<Vec<_>>(),
        ["interaction_2025"]
    );
    let cancelled = store
        .list_exercises(&ExerciseQuery {
            status: Some(ExerciseStatus::Cancelled),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(cancelled
        .iter()
        .all(|x| x.spec.status == ExerciseStatus::Cancelled));
    assert_eq!(
        store.exercise("rubezh_2025").await.unwrap().spec.key,
        "rubezh_2025"
    );
    assert!(matches!(
        store.exercise("nope").await,
        Err(StorageError::NotFound(_))
    ));
});

contract!(
    catalogue_reload_updates_untouched_and_keeps_users_changes,
    |store| {
        let org = org();
        let cat = catalogue();
        store
            .load_catalogue("system", &cat.exercises)
            .await
            .unwrap();
        // A user marks Rubezh-2024 cancelled.
        let mut rubezh = store.exercise("rubezh_2024").await.unwrap().spec;
        rubezh.status = ExerciseStatus::Cancelled;
        store
            .update_exercise("planner", "rubezh_2024", 1, &rubezh, &org)
            .await
            .unwrap();
        // A new build's catalogue changes notes of Rubezh-2024 and Rock-2024.
        let mut newer = cat.exercises.clone();
        for x in newer.iter_mut() {
            if x.key == "rubezh_2024" || x.key == "rock_2024" {
                x.notes = Some("revised in a later catalogue".into());
            }
        }
        let r = store.load_catalogue("system", &newer).await.unwrap();
        assert_eq!(r.updated, ["rock_2024"]);
        assert_eq!(r.kept, ["rubezh_2024"]);
        let rock = store.exercise("rock_2024").await.unwrap();
        assert_eq!(rock.version, 2);
        assert_eq!(
            rock.spec.notes.as_deref(),
            Some("revised in a later catalogue")
        );
        let kept = store.exercise("rubezh_2024").await.unwrap();
        assert_eq!(
            kept.spec.status,
            ExerciseStatus::Cancelled,
            "the user's change stands"
        );
        assert_eq!(kept.version, 2);
        // And loading the same again changes nothing more.
        let seq = store.last_seq().await.unwrap();
        let r = store.load_catalogue("system", &newer).await.unwrap();
        assert!(r.updated.is_empty());
        assert_eq!(store.last_seq().await.unwrap(), seq);
    }
);

contract!(exercises_are_added_and_changed_at_a_version, |store| {
    let org = org();
    let seq0 = store.last_seq().await.unwrap();
    let x = store
        .create_exercise("planner", &user_exercise("rubezh_2026"), &org)
        .await
        .unwrap();
    assert_eq!(
        (x.version, x.origin, x.created_by.as_str()),
        (1, ExerciseOrigin::User, "planner")
    );
    let entries = store.entries_after(seq0, 10).await.unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (
            entries[0].entity.as_str(),
            entries[0].action.as_str(),
            entries[0].entity_id.clone()
        ),
        ("training_exercise", "create", x.id.to_string())
    );

    let seq = store.last_seq().await.unwrap();
    // A duplicate key, an unknown component and a changed key are refused; nothing written.
    assert!(matches!(
        store
            .create_exercise("planner", &user_exercise("rubezh_2026"), &org)
            .await,
        Err(StorageError::Duplicate(_))
    ));
    let mut bad = user_exercise("rubezh_2026_b");
    bad.components = vec!["no_such_component".into()];
    match store.create_exercise("planner", &bad, &org).await {
        Err(StorageError::Domain(DomainError::Invalid { field, .. })) => {
            assert_eq!(field, "spec.components[0]")
        }
        other => panic!("{other:?}"),
    }
    let mut renamed = user_exercise("rubezh_2027");
    renamed.notes = Some("x".into());
    match store
        .update_exercise("planner", "rubezh_2026", 1, &renamed, &org)
        .await
    {
        Err(StorageError::Domain(DomainError::Invalid { field, .. })) => {
            assert_eq!(field, "spec.key")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.last_seq().await.unwrap(), seq);

    let mut held = user_exercise("rubezh_2026");
    held.status = ExerciseStatus::Held;
    let y = store
        .update_exercise("duty", "rubezh_2026", 1, &held, &org)
        .await
        .unwrap();
    assert_eq!(
        (y.version, y.updated_by.as_str(), y.created_by.as_str()),
        (2, "duty", "planner")
    );
    let seq = store.last_seq().await.unwrap();
    // A stale version is refused and changes nothing.
    match store
        .update_exercise(
            "duty",
            "rubezh_2026",
            1,
            &user_exercise("rubezh_2026"),
            &org,
        )
        .await
    {
        Err(StorageError::Stale {
            expected: 1,
            current: 2,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(store.last_seq().await.unwrap(), seq);
    assert_eq!(store.exercise("rubezh_2026").await.unwrap(), y);
    assert!(matches!(
        store
            .update_exercise("duty", "nope_2026", 1, &user_exercise("nope_2026"), &org)
            .await,
        Err(StorageError::NotFound(_))
    ));
});

contract!(year_plan_goes_through_its_workflow, |store| {
    let org = org();
    let seq0 = store.last_seq().await.unwrap();
    let p = store
        .create_year_plan(&STAFF, &plan_2025(), &org, |_| Ok(()))
        .await
        .unwrap();
    assert_eq!((p.version, p.state.status), (1, PlanStatus::Drafting));
    assert_eq!(p.spec, plan_2025());
    // One plan a year.
    assert!(matches!(
        store
            .create_year_plan(&STAFF, &plan_2025(), &org, |_| Ok(()))
            .await,
        Err(StorageError::Duplicate(_))
    ));
    let p = store
        .command_year_plan(
            &STAFF,
            p.id,
            Some(1),
            &cmd(json!({"command": "send_for_coordination", "states": ["KAZ", "KGZ"]})),
            &org,
            |_, _| Ok(()),
        )
        .await
        .unwrap();
    assert_eq!((p.version, p.state.status), (2, PlanStatus::Coordinating));

    // A refused step changes nothing: no row change, no audit entry.
    let seq = store.last_seq().await.unwrap();
    let kaz = code("KAZ");
    let officer = CrisisActor {
        name: "kaz.liaison",
        state: Some(&kaz),
        viewer: &Viewer::System,
    };
    match store
        .command_year_plan(
            &officer,
            p.id,
            None,
            &cmd(json!({"command": "answer", "state": "KGZ", "answer": "agrees"})),
            &org,
            |_, _| Ok(()),
        )
        .await
    {
        Err(StorageError::Domain(DomainError::Transition { .. })) => {}
        other => panic!("{other:?}"),
    }
    match store
        .command_year_plan(
            &STAFF,
            p.id,
            None,
            &cmd(json!({"command": "submit"})),
            &org,
            |_, _| Ok(()),
        )
        .await
    {
        Err(StorageError::Domain(DomainError::Transition { reason, .. })) => {
            assert!(
                reason.contains("KAZ (no answer), KGZ (no answer)"),
                "{reason}"
            )
        }
        other => panic!("{other:?}"),
    }
    // Refused by the caller's rule, on the row as locked.
    match store
        .command_year_plan(
            &STAFF,
            p.id,
            None,
            &cmd(json!({"command": "submit"})),
            &org,
            |rec, _| {
                assert_eq!(rec.version, 2);
                Err(DomainError::Forbidden("no".into()))
            },
        )
        .await
    {
        Err(StorageError::Domain(DomainError::Forbidden(_))) => {}
        other => panic!("{other:?}"),
    }
    // A stale version.
    match store
        .command_year_plan(
            &officer,
            p.id,
            Some(1),
            &cmd(json!({"command": "answer", "state": "KAZ", "answer": "agrees"})),
            &org,
            |_, _| Ok(()),
        )
        .await
    {
        Err(StorageError::Stale {
            expected: 1,
            current: 2,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(store.last_seq().await.unwrap(), seq);
    assert_eq!(store.year_plan(p.id).await.unwrap(), p);

    let kgz = code("KGZ");
    for (who, state) in [("kaz.liaison", &kaz), ("kgz.liaison", &kgz)] {
        let actor = CrisisActor {
            name: who,
            state: Some(state),
            viewer: &Viewer::System,
        };
        store
            .command_year_plan(
                &actor,
                p.id,
                None,
                &cmd(json!({"command": "answer", "state": state.as_str(), "answer": "agrees"})),
                &org,
                |_, _| Ok(()),
            )
            .await
            .unwrap();
    }
    let today = chrono::Utc::now().date_naive();
    for c in [
        json!({"command": "submit"}),
        json!({"command": "approve_jointly", "number": 7, "date": today}),
    ] {
        store
            .command_year_plan(&STAFF, p.id, None, &cmd(c), &org, |_, _| Ok(()))
            .await
            .unwrap();
    }
    let p = store.year_plan(p.id).await.unwrap();
    assert_eq!(
        (p.version, p.state.status, p.state.in_force),
        (6, PlanStatus::Approved, Some(1))
    );
    assert_eq!(p.updated_by, "planner");
    let entries = store.entries_after(seq0, 100).await.unwrap();
    let actions: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e.entity.as_str(), e.action.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("year_plan", "create"),
            ("year_plan", "send_for_coordination"),
            ("year_plan", "answer"),
            ("year_plan", "answer"),
            ("year_plan", "submit"),
            ("year_plan", "approve_jointly"),
        ]
    );
    // An amendment makes version 2 of the content; the first stays in force.
    let mut amended = plan_2025();
    amended.exercises[0].notes = Some("dates to be confirmed in March".into());
    let p = store
        .command_year_plan(
            &STAFF,
            p.id,
            Some(6),
            &cmd(json!({"command": "amend", "reason": "dates of the first exercise", "spec": amended})),
            &org,
            |_, _| Ok(()),
        )
        .await
        .unwrap();
    assert_eq!(p.state.versions.len(), 2);
    assert_eq!(p.spec, amended);
    assert_eq!(p.state.in_force, Some(1));
    assert_eq!(
        store.list_year_plans(Some(2025)).await.unwrap(),
        std::slice::from_ref(&p)
    );
    assert!(store.list_year_plans(Some(2024)).await.unwrap().is_empty());
    assert!(matches!(
        store.year_plan(999).await,
        Err(StorageError::NotFound(_))
    ));
});

contract!(a_withdrawn_plan_frees_its_year, |store| {
    let org = org();
    let p = store
        .create_year_plan(&STAFF, &plan_2025(), &org, |_| Ok(()))
        .await
        .unwrap();
    // Refused at creation by the caller's rule: nothing written.
    let seq = store.last_seq().await.unwrap();
    assert!(matches!(
        store
            .create_year_plan(&STAFF, &plan_2025(), &org, |_| Err(DomainError::Forbidden(
                "no".into()
            )))
            .await,
        Err(StorageError::Domain(DomainError::Forbidden(_)))
    ));
    assert_eq!(store.last_seq().await.unwrap(), seq);
    store
        .command_year_plan(
            &STAFF,
            p.id,
            None,
            &cmd(json!({"command": "withdraw", "reason": "redrafted"})),
            &org,
            |_, _| Ok(()),
        )
        .await
        .unwrap();
    let q = store
        .create_year_plan(&STAFF, &plan_2025(), &org, |_| Ok(()))
        .await
        .unwrap();
    assert_ne!(p.id, q.id);
    let all = store.list_year_plans(None).await.unwrap();
    assert_eq!(all.iter().map(|r| r.id).collect::<Vec<_>>(), [q.id, p.id]);
    // A malformed spec names its field and writes nothing.
    let mut bad = plan_2025();
    bad.year = 2026;
    let seq = store.last_seq().await.unwrap();
    match store.create_year_plan(&STAFF, &bad, &org, |_| Ok(())).await {
        Err(StorageError::Domain(DomainError::Invalid { field, .. })) => {
            assert_eq!(field, "spec.exercises[0].year")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.last_seq().await.unwrap(), seq);
});

contract!(training_export_import_round_trip, |store| {
    let org = org();
    store
        .load_catalogue("system", &catalogue().exercises)
        .await
        .unwrap();
    store
        .create_exercise("planner", &user_exercise("rubezh_2026"), &org)
        .await
        .unwrap();
    let p = store
        .create_year_plan(&STAFF, &plan_2025(), &org, |_| Ok(()))
        .await
        .unwrap();
    store
        .command_year_plan(
            &STAFF,
            p.id,
            Some(1),
            &cmd(json!({"command": "send_for_coordination", "states": ["KAZ"]})),
            &org,
            |_, _| Ok(()),
        )
        .await
        .unwrap();
    let d = store
        .create_design("planner", None, &design())
        .await
        .unwrap();
    store
        .create_msel("planner", d.id, &msel_spec())
        .await
        .unwrap();
    let doc = store.export().await.unwrap();
    assert_eq!((doc.exercise_designs.len(), doc.msels.len()), (1, 1));
    assert_eq!(
        doc.training_exercises.len(),
        catalogue().exercises.len() + 1
    );
    assert_eq!(doc.year_plans.len(), 1);
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
        assert!(fresh.verify_audit().await.unwrap().problems.is_empty());
        // Ids continue after the imported ones; loading the catalogue again changes nothing.
        let mut y = user_exercise("rubezh_2026_b");
        y.notes = Some("after import".into());
        let y = fresh.create_exercise("planner", &y, &org).await.unwrap();
        assert!(y.id > doc.training_exercises.len() as i64, "{}", y.id);
        let r = fresh
            .load_catalogue("system", &catalogue().exercises)
            .await
            .unwrap();
        assert!(r.inserted.is_empty() && r.updated.is_empty());
        let q = fresh.year_plan(p.id).await.unwrap();
        assert_eq!(q.version, 2);
    }
});

fn design() -> ExerciseDesign {
    serde_json::from_value(json!({
        "name": "Interaction-2025",
        "marking": "Interaction-2025",
        "director": "director",
        "objectives": [{"id": "O1", "text": "Decide on the deployment.", "criteria": ["Decision by D+0 06:00"]}],
        "audience": [{"id": "js-ops", "name": "Joint Staff operations", "role": "operations cell"}],
        "actors": [{"id": "gov", "name": "Government of Northland", "kind": "organization"}]
    }))
    .unwrap()
}

fn inject(number: u32, offset: &str) -> serde_json::Value {
    json!({
        "number": number,
        "offset": offset,
        "sender": "gov",
        "recipients": ["js-ops"],
        "channel": "message",
        "subject": format!("Inject {number}"),
        "message": "Armed groups crossed the border at 05:40.",
        "objectives": ["O1"]
    })
}

fn msel_spec() -> MselSpec {
    serde_json::from_value(json!({"injects": [inject(1, "D+0 00:00"), inject(2, "D+0 01:30")]}))
        .unwrap()
}

fn msel_cmd(v: serde_json::Value) -> MselCommand {
    serde_json::from_value(v).unwrap()
}

const DIRECTOR: CrisisActor<'static> = CrisisActor {
    name: "director",
    state: None,
    viewer: &Viewer::System,
};

contract!(designs_and_msels, |store| {
    // A design is checked, written at version 1 with its audit entry, and changed at a version.
    let mut bad = design();
    bad.objectives.clear();
    assert!(matches!(
        store.create_design("planner", None, &bad).await,
        Err(StorageError::Domain(DomainError::Invalid { .. }))
    ));
    assert!(matches!(
        store.create_design("planner", Some(999), &design()).await,
        Err(StorageError::Domain(DomainError::Invalid { .. }))
    ));
    assert!(store.list_designs().await.unwrap().is_empty());
    let seq = store.last_seq().await.unwrap();
    let d = store
        .create_design("planner", None, &design())
        .await
        .unwrap();
    assert_eq!(d.version, 1);
    assert_eq!(store.last_seq().await.unwrap(), seq + 1);
    assert_eq!(store.design(d.id).await.unwrap(), d);
    let mut changed = design();
    changed.name = "Interaction-2025 (revised)".into();
    let d2 = store
        .update_design("planner", d.id, 1, None, &changed)
        .await
        .unwrap();
    assert_eq!(
        (d2.version, d2.spec.name.as_str()),
        (2, "Interaction-2025 (revised)")
    );
    assert!(matches!(
        store
            .update_design("planner", d.id, 1, None, &design())
            .await,
        Err(StorageError::Stale {
            expected: 1,
            current: 2,
            ..
        })
    ));
    assert_eq!(store.design(d.id).await.unwrap(), d2);
    assert_eq!(store.list_designs().await.unwrap(), vec![d2.clone()]);

    // An MSEL is checked against its design; a bad one stores nothing.
    let mut wrong = msel_spec();
    wrong.injects[1].sender = crc_domain::training::key::Key::parse("k", "nobody").unwrap();
    assert!(matches!(
        store.create_msel("planner", d.id, &wrong).await,
        Err(StorageError::Domain(DomainError::Invalid { .. }))
    ));
    assert!(matches!(
        store.create_msel("planner", 999, &msel_spec()).await,
        Err(StorageError::NotFound(_))
    ));
    assert!(store.list_msels(d.id).await.unwrap().is_empty());
    let m = store
        .create_msel("planner", d.id, &msel_spec())
        .await
        .unwrap();
    assert_eq!((m.version, m.state.status), (1, MselStatus::Draft));
    assert_eq!(store.msel(m.id).await.unwrap(), m);
    assert_eq!(store.list_msels(d.id).await.unwrap(), vec![m.clone()]);

    let m = store
        .command_msel(
            &STAFF,
            m.id,
            Some(1),
            &msel_cmd(json!({"command": "submit"})),
            |_, _| Ok(()),
        )
        .await
        .unwrap();
    assert_eq!((m.version, m.state.status), (2, MselStatus::Submitted));

    // A stale version, a step refused by `allow` and an approval by someone other than the
    // director change nothing: no row change, no audit entry.
    let seq = store.last_seq().await.unwrap();
    let approve = msel_cmd(json!({"command": "approve"}));
    assert!(matches!(
        store
            .command_msel(&DIRECTOR, m.id, Some(1), &approve, |_, _| Ok(()))
            .await,
        Err(StorageError::Stale {
            expected: 1,
            current: 2,
            ..
        })
    ));
    assert!(matches!(
        store
            .command_msel(&DIRECTOR, m.id, None, &approve, |_, _| Err(
                DomainError::Forbidden("no".into())
            ))
            .await,
        Err(StorageError::Domain(DomainError::Forbidden(_)))
    ));
    assert!(matches!(
        store
            .command_msel(&STAFF, m.id, None, &approve, |_, _| Ok(()))
            .await,
        Err(StorageError::Domain(DomainError::Forbidden(_)))
    ));
    // An amendment of a submitted MSEL is refused by the workflow.
    let amend =
        msel_cmd(json!({"command": "amend", "spec": {"injects": [inject(1, "D+0 00:00")]}}));
    assert!(store
        .command_msel(&STAFF, m.id, None, &amend, |_, _| Ok(()))
        .await
        .is_err());
    assert_eq!(store.last_seq().await.unwrap(), seq);
    assert_eq!(store.msel(m.id).await.unwrap(), m);

    // The director approves.
    let m = store
        .command_msel(&DIRECTOR, m.id, Some(2), &approve, |_, _| Ok(()))
        .await
        .unwrap();
    assert_eq!((m.version, m.state.status), (3, MselStatus::Approved));
    assert_eq!(m.state.approval.as_ref().unwrap().by, "director");
    assert_eq!(store.last_seq().await.unwrap(), seq + 1);
    // Amending the approved MSEL takes it back to draft at its next version.
    let m = store
        .command_msel(&STAFF, m.id, Some(3), &amend, |_, _| Ok(()))
        .await
        .unwrap();
    assert_eq!(
        (m.state.status, m.state.version, m.spec.injects.len()),
        (MselStatus::Draft, 2, 1)
    );
    assert!(store.verify_audit().await.unwrap().problems.is_empty());
});
