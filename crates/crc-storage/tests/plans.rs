//! The storage contract for movement plans, on SQLite and on a real PostgreSQL server: who
//! may read a plan (its operation's releasability; the Joint Staff for a plan without one),
//! the life of a plan from queued to finished with an audit entry for every change, plans
//! queued again after a restart, and the worked example's plans removed with it.

use crc_domain::audit::AuditEntry;
use crc_domain::codes::StateCode;
use crc_domain::crisis::{Command, Kind, Spec};
use crc_domain::identity::Viewer;
use crc_domain::reference::ReferenceData;
use crc_domain::releasability::Releasability;
use crc_storage::testing::{postgres_store, sqlite_store};
use crc_storage::{
    CrisisActor, NewCrisisRecord, NewPlan, PlanBinding, PlanDocument, PlanOutcome, PlanProgress,
    PlanQuery, PlanStatus, PlanSummary, PlanViewer, StorageError, Store,
};
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

fn person(state: Option<&str>) -> Viewer {
    Viewer::Person {
        state: state.map(code),
    }
}

async fn seeded(store: &Store) {
    let fixture = include_str!("fixture.toml");
    store
        .load_reference("test", &ReferenceData::parse(fixture).unwrap())
        .await
        .unwrap();
}

/// An operation hosted by KAZ with `rel`, under an adopted decision (the workflows' way).
async fn operation(store: &Store, rel: Releasability, exercise: Option<&str>, demo: bool) -> i64 {
    let actor = CrisisActor {
        name: "duty",
        state: None,
        viewer: &Viewer::System,
    };
    let create = |kind, spec: serde_json::Value, parent: Option<i64>, rel: Releasability| {
        let actor = actor.clone();
        async move {
            store
                .create_crisis_record(
                    &actor,
                    NewCrisisRecord {
                        spec: Spec::parse(kind, spec).unwrap(),
                        parent,
                        exercise: if parent.is_none() {
                            exercise.map(str::to_owned)
                        } else {
                            None
                        },
                        releasability: rel,
                        demo,
                    },
                    |_| Ok(()),
                )
                .await
                .unwrap()
                .id
        }
    };
    let step = |kind, id: i64, cmd: serde_json::Value| {
        let actor = actor.clone();
        async move {
            store
                .command_crisis_record(
                    &actor,
                    id,
                    None,
                    &Command::parse(kind, cmd.clone()).unwrap(),
                    |_, _| Ok(()),
                )
                .await
                .unwrap_or_else(|e| panic!("{cmd}: {e}"));
        }
    };
    let req = create(
        Kind::Request,
        json!({"requesting_state": "KAZ", "from": "President",
               "received_at": "2022-01-05T21:30:00Z", "asks": [{"kind": "forces"}], "summary": "s"}),
        None,
        Releasability::Organization,
    )
    .await;
    let session = create(
        Kind::Session,
        json!({"body": "joint_staff", "kind": "extraordinary", "format": "in_person",
               "scheduled_at": "2022-01-06T08:00:00Z", "agenda": ["a"],
               "participants": ["KAZ", "ARM"]}),
        Some(req),
        Releasability::Organization,
    )
    .await;
    step(Kind::Session, session, json!({"command": "open"})).await;
    let decision = create(
        Kind::Decision,
        json!({"title": "D", "prepared_by": "joint_staff", "text": "T"}),
        Some(session),
        Releasability::Organization,
    )
    .await;
    step(Kind::Decision, decision, json!({"command": "table"})).await;
    for s in ["KAZ", "ARM"] {
        step(
            Kind::Decision,
            decision,
            json!({"command": "record_position", "state": s, "position": "agrees"}),
        )
        .await;
    }
    step(Kind::Decision, decision, json!({"command": "conclude"})).await;
    create(
        Kind::Operation,
        json!({"name": "Operation", "kind": "peacekeeping", "host_state": "KAZ",
               "area": [{"lat": 43.9, "lon": 76.2}, {"lat": 43.9, "lon": 77.6},
                        {"lat": 42.9, "lon": 77.6}, {"lat": 42.9, "lon": 76.2}],
               "mandate": "m", "ceiling": {"personnel": 2500, "equipment": 300},
               "starts_on": "2022-01-06", "ends_on": "2022-01-19"}),
        Some(decision),
        rel,
    )
    .await
}

fn new_plan(operation: Option<i64>) -> NewPlan {
    NewPlan {
        operation_id: operation,
        parent_id: None,
        changes: json!([]),
        exercise: None,
        scenario: json!({"name": "test scenario", "units": []}),
        epoch: Some("2022-01-06T00:00:00Z".parse().unwrap()),
        seed: u64::MAX - 6,
        time_limit_ms: 5000,
    }
}

fn staff(viewer: &Viewer) -> PlanViewer<'_> {
    PlanViewer {
        viewer,
        joint_staff: true,
    }
}

fn other(viewer: &Viewer) -> PlanViewer<'_> {
    PlanViewer {
        viewer,
        joint_staff: false,
    }
}

async fn last_entry(store: &Store) -> AuditEntry {
    store.audit_page(1, 0).await.unwrap().items.remove(0)
}

contract!(plans_are_seen_as_their_operation_is, |store| {
    seeded(&store).await;
    let national = operation(&store, Releasability::National, None, false).await;
    let open = operation(&store, Releasability::Organization, None, false).await;
    let p_nat = store
        .create_plan("planner", new_plan(Some(national)))
        .await
        .unwrap();
    let created = last_entry(&store).await;
    assert_eq!(
        (created.entity.as_str(), created.action.as_str()),
        ("plan", "create")
    );
    assert_eq!(created.entity_id, p_nat.id.to_string());
    let p_open = store
        .create_plan("planner", new_plan(Some(open)))
        .await
        .unwrap();
    let p_none = store.create_plan("planner", new_plan(None)).await.unwrap();
    assert_eq!(p_nat.status, PlanStatus::Queued);
    assert_eq!(p_nat.version, 1);
    assert_eq!(
        p_nat.seed,
        u64::MAX - 6,
        "a u64 seed survives the i64 column"
    );
    assert_eq!(p_nat.sight.as_ref().unwrap().owner_state, Some(code("KAZ")));

    let (kaz, arm, nobody, system) = (
        person(Some("KAZ")),
        person(Some("ARM")),
        person(None),
        Viewer::System,
    );
    let ids = |plans: Vec<crc_storage::PlanRecord>| plans.iter().map(|p| p.id).collect::<Vec<_>>();
    let q = PlanQuery {
        limit: 100,
        ..PlanQuery::default()
    };
    // Newest first.
    assert_eq!(
        ids(store.list_plans(&staff(&system), &q).await.unwrap()),
        [p_none.id, p_open.id, p_nat.id]
    );
    assert_eq!(
        ids(store.list_plans(&other(&kaz), &q).await.unwrap()),
        [p_open.id, p_nat.id]
    );
    assert_eq!(
        ids(store.list_plans(&other(&arm), &q).await.unwrap()),
        [p_open.id]
    );
    assert_eq!(
        ids(store.list_plans(&staff(&nobody), &q).await.unwrap()),
        [p_none.id, p_open.id],
        "the Joint Staff see the plans without an operation, not a national operation's"
    );
    assert_eq!(
        ids(store
            .list_plans(
                &staff(&system),
                &PlanQuery {
                    operation_id: Some(national),
                    limit: 10,
                    ..PlanQuery::default()
                }
            )
            .await
            .unwrap()),
        [p_nat.id]
    );

    assert_eq!(store.plan(&other(&kaz), p_nat.id).await.unwrap(), p_nat);
    assert!(matches!(
        store.plan(&other(&arm), p_nat.id).await,
        Err(StorageError::NotFound(_))
    ));
    assert!(matches!(
        store.plan(&other(&nobody), p_none.id).await,
        Err(StorageError::Domain(crc_domain::DomainError::Forbidden(_)))
    ));
    assert!(matches!(
        store.plan(&other(&arm), 9999).await,
        Err(StorageError::NotFound(_))
    ));
    assert!(matches!(
        store
            .plan_document(&other(&arm), p_nat.id, PlanDocument::Scenario)
            .await,
        Err(StorageError::NotFound(_))
    ));
    let (_, scenario) = store
        .plan_document(&other(&kaz), p_nat.id, PlanDocument::Scenario)
        .await
        .unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&scenario.unwrap()).unwrap()["name"],
        "test scenario"
    );
    // A plan's change reaches those who may read the plan.
    let creation = |id: i64| {
        let store = store.clone();
        async move {
            let all = store.changes_after(&Viewer::System, 0, 1000).await.unwrap();
            let seq = all
                .events
                .iter()
                .find(|e| e.entity == "plan" && e.entity_id == id.to_string())
                .unwrap()
                .seq;
            store.entries_after(seq - 1, 1).await.unwrap().remove(0)
        }
    };
    let e_nat = creation(p_nat.id).await;
    let e_none = creation(p_none.id).await;
    use crc_storage::changes::visible_change_as as told;
    assert!(told(&e_nat, &kaz, false).unwrap().is_some());
    assert!(told(&e_nat, &arm, false).unwrap().is_none());
    assert!(told(&e_nat, &nobody, true).unwrap().is_none());
    assert!(told(&e_none, &nobody, true).unwrap().is_some());
    assert!(told(&e_none, &nobody, false).unwrap().is_none());
    assert!(told(&e_none, &kaz, false).unwrap().is_none());
    assert_eq!(
        told(&e_nat, &system, false).unwrap().unwrap().version,
        Some(1)
    );
});

contract!(
    a_plan_runs_from_queued_to_done_with_an_audit_entry_per_change,
    |store| {
        seeded(&store).await;
        let op = operation(&store, Releasability::Organization, Some("Training"), false).await;
        let mut new = new_plan(Some(op));
        new.exercise = Some("Training".into());
        let first = store.create_plan("planner", new).await.unwrap();
        let second = store.create_plan("planner", new_plan(None)).await.unwrap();
        assert_eq!(first.exercise.as_deref(), Some("Training"));

        // The oldest queued plan first.
        let (running, scenario) = store.claim_plan("runner").await.unwrap().unwrap();
        assert_eq!(running.id, first.id);
        assert_eq!(running.status, PlanStatus::Running);
        assert_eq!(running.version, 2);
        assert!(scenario.contains("test scenario"));
        let e = last_entry(&store).await;
        assert_eq!((e.action.as_str(), e.actor.as_str()), ("start", "runner"));

        let sys = Viewer::System;
        let stopped = store
            .stop_plan("planner", &staff(&sys), first.id)
            .await
            .unwrap();
        assert!(stopped.stop_requested);
        assert_eq!(stopped.version, 3);
        assert_eq!(last_entry(&store).await.action, "stop");
        // Asking again changes nothing.
        let audit = store.audit_page(1, 0).await.unwrap().total;
        assert_eq!(
            store
                .stop_plan("planner", &staff(&sys), first.id)
                .await
                .unwrap(),
            stopped
        );
        assert_eq!(store.audit_page(1, 0).await.unwrap().total, audit);

        let summary = PlanSummary {
            closure: 2310,
            lower_bound: 2200,
            gap: 0.05,
            sorties: 14,
            weighted_lateness: 7,
            binding: PlanBinding {
                kind: "fleet".into(),
                id: "IL-76MD".into(),
                text: "limited by the fleet of type IL-76MD".into(),
            },
        };
        let progress = PlanProgress {
            candidates: 12,
            effort: 2000,
            best_closure: 2310,
            lower_bound: 2200,
        };
        let done = store
        .finish_plan(
            "runner",
            first.id,
            &PlanOutcome {
                status: PlanStatus::Done,
                progress: Some(progress),
                plan: Some(json!({"scenario": "test scenario", "closure": 2310, "movements": ["PLAN-DOCUMENT"]})),
                summary: Some(summary.clone()),
                error: None,
            },
        )
        .await
        .unwrap();
        assert_eq!(done.status, PlanStatus::Done);
        assert_eq!(done.version, 4);
        assert!(done.finished_at.is_some());
        let e = last_entry(&store).await;
        assert_eq!(e.action, "finish");
        assert!(
            !e.after.as_deref().unwrap().contains("PLAN-DOCUMENT"),
            "the plan document is not copied into the audit log"
        );
        let read = store.plan(&staff(&sys), first.id).await.unwrap();
        assert_eq!(read, done, "what was stored reads back the same");
        assert_eq!(read.summary, Some(summary));
        assert_eq!(read.progress, Some(progress));
        let (_, plan) = store
            .plan_document(&staff(&sys), first.id, PlanDocument::Plan)
            .await
            .unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&plan.unwrap()).unwrap()["closure"],
            2310
        );
        // A finished plan is finished: no second result, nothing to stop.
        assert!(store
            .finish_plan(
                "runner",
                first.id,
                &PlanOutcome {
                    status: PlanStatus::Failed,
                    progress: None,
                    plan: None,
                    summary: None,
                    error: Some(json!({"message": "late"})),
                },
            )
            .await
            .is_err());
        assert_eq!(
            store
                .stop_plan("planner", &staff(&sys), first.id)
                .await
                .unwrap(),
            done
        );
        // Nothing but the second plan waits; a plan not yet done has no plan document.
        let (next, _) = store.claim_plan("runner").await.unwrap().unwrap();
        assert_eq!(next.id, second.id);
        assert!(store.claim_plan("runner").await.unwrap().is_none());
        let (_, none) = store
            .plan_document(&staff(&sys), second.id, PlanDocument::Plan)
            .await
            .unwrap();
        assert_eq!(none, None);
        let infeasible = store
        .finish_plan(
            "runner",
            second.id,
            &PlanOutcome {
                status: PlanStatus::Infeasible,
                progress: None,
                plan: None,
                summary: None,
                error: Some(json!({"message": "no route", "unreachable": [{"unit": "u", "part": "personnel", "reasons": ["road: refused"]}]})),
            },
        )
        .await
        .unwrap();
        assert_eq!(infeasible.summary, None);
        assert_eq!(
            infeasible.error.as_ref().unwrap()["unreachable"][0]["unit"],
            "u"
        );
        let by_status = |s| {
            let store = store.clone();
            async move {
                store
                    .list_plans(
                        &staff(&Viewer::System),
                        &PlanQuery {
                            status: Some(s),
                            limit: 10,
                            ..PlanQuery::default()
                        },
                    )
                    .await
                    .unwrap()
                    .len()
            }
        };
        assert_eq!(by_status(PlanStatus::Done).await, 1);
        assert_eq!(by_status(PlanStatus::Infeasible).await, 1);
        assert_eq!(by_status(PlanStatus::Queued).await, 0);
        assert!(store.verify_audit().await.unwrap().problems.is_empty());
    }
);

contract!(plans_left_running_are_queued_again, |store| {
    seeded(&store).await;
    let a = store.create_plan("planner", new_plan(None)).await.unwrap();
    let b = store.create_plan("planner", new_plan(None)).await.unwrap();
    let (ra, _) = store.claim_plan("runner").await.unwrap().unwrap();
    assert_eq!(ra.id, a.id);
    // The process ends here; the next one starts.
    assert_eq!(store.requeue_plans("runner").await.unwrap(), [a.id]);
    let e = last_entry(&store).await;
    assert_eq!(
        (e.action.as_str(), e.entity_id.clone()),
        ("requeue", a.id.to_string())
    );
    let sys = Viewer::System;
    let again = store.plan(&staff(&sys), a.id).await.unwrap();
    assert_eq!((again.status, again.version), (PlanStatus::Queued, 3));
    // The old result cannot land on the queued plan.
    assert!(store
        .finish_plan(
            "runner",
            a.id,
            &PlanOutcome {
                status: PlanStatus::Failed,
                progress: None,
                plan: None,
                summary: None,
                error: Some(json!({"message": "x"})),
            },
        )
        .await
        .is_err());
    assert_eq!(
        store.claim_plan("runner").await.unwrap().unwrap().0.id,
        a.id
    );
    assert_eq!(
        store.claim_plan("runner").await.unwrap().unwrap().0.id,
        b.id
    );
    assert!(store.requeue_plans("runner").await.unwrap().len() == 2);
});

contract!(bad_plans_are_refused_and_write_nothing, |store| {
    seeded(&store).await;
    let op = operation(&store, Releasability::Organization, None, false).await;
    let before = store.audit_page(1, 0).await.unwrap().total;
    // A crisis record that is not an operation.
    let mut new = new_plan(Some(op - 1));
    assert!(matches!(
        store.create_plan("planner", new.clone()).await,
        Err(StorageError::Domain(_))
    ));
    new.operation_id = Some(op);
    new.parent_id = Some(4242);
    assert!(matches!(
        store.create_plan("planner", new.clone()).await,
        Err(StorageError::NotFound(_))
    ));
    new.parent_id = None;
    new.time_limit_ms = 0;
    assert!(store.create_plan("planner", new).await.is_err());
    assert_eq!(store.audit_page(1, 0).await.unwrap().total, before);
    let sys = Viewer::System;
    assert!(store
        .list_plans(
            &staff(&sys),
            &PlanQuery {
                limit: 10,
                ..PlanQuery::default()
            }
        )
        .await
        .unwrap()
        .is_empty());
});

contract!(the_worked_examples_plans_go_with_it, |store| {
    seeded(&store).await;
    let op = operation(&store, Releasability::Organization, None, true).await;
    let keep = operation(&store, Releasability::Organization, None, false).await;
    let parent = store
        .create_plan("planner", new_plan(Some(op)))
        .await
        .unwrap();
    let mut what_if = new_plan(Some(op));
    what_if.parent_id = Some(parent.id);
    what_if.changes = json!([{"change": "refuse_transit", "state": "UZB"}]);
    let child = store.create_plan("planner", what_if).await.unwrap();
    assert_eq!(child.parent_id, Some(parent.id));
    let kept = store
        .create_plan("planner", new_plan(Some(keep)))
        .await
        .unwrap();
    store.remove_demo("cli").await.unwrap();
    let sys = Viewer::System;
    let left: Vec<i64> = store
        .list_plans(
            &staff(&sys),
            &PlanQuery {
                limit: 10,
                ..PlanQuery::default()
            },
        )
        .await
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(left, [kept.id]);
    assert!(store.verify_audit().await.unwrap().problems.is_empty());
});
