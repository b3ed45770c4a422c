//! The storage contract: every test runs on SQLite and on a real PostgreSQL server, and both
//! must behave the same.

use std::collections::BTreeSet;

use crc_domain::audit::{AuditEvent, ChainProblem};
use crc_domain::codes::StateCode;
use crc_domain::contingent::{
    Contingent, ContingentDraft, ContingentQuery, ContingentSort, RawContingent,
};
use crc_domain::identity::{Role, Username, Viewer};
use crc_domain::reference::{ReferenceData, ReferenceKind};
use crc_domain::releasability::Releasability;
use crc_storage::testing::{postgres_store, sqlite_store};
use crc_storage::{
    CrisisActor, CrisisQuery, ExerciseFilter, JournalQuery, NewCrisisRecord, NewUser, StorageError,
    Store,
};

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

fn fixture() -> ReferenceData {
    ReferenceData::parse(include_str!("fixture.toml")).expect("fixture parses")
}

fn code(s: &str) -> StateCode {
    StateCode::parse(s).unwrap()
}

fn draft(state: &str, name: &str, rel: Releasability) -> ContingentDraft {
    ContingentDraft::parse(RawContingent {
        state,
        component: "crrf",
        name,
        home_station: "Garrison",
        lat: 43.0,
        lon: 76.9,
        personnel: 100,
        equipment: 10,
        readiness: "high",
        notes: "",
        releasability: rel,
    })
    .unwrap()
}

fn person(state: Option<&str>) -> Viewer {
    Viewer::Person {
        state: state.map(code),
    }
}

async fn seeded(store: &Store) {
    store.load_reference("test", &fixture()).await.unwrap();
}

contract!(migrations_are_idempotent_and_versioned, |store| {
    store.migrate().await.unwrap();
    assert_eq!(
        store.schema_version().await.unwrap(),
        crc_storage::known_schema_version()
    );
});

contract!(reference_load_is_idempotent_and_reports_changes, |store| {
    let data = fixture();
    let first = store.load_reference("test", &data).await.unwrap();
    assert_eq!(first.inserted.len(), data.items().len());
    assert!(first.updated.is_empty());

    let again = store.load_reference("test", &data).await.unwrap();
    assert!(again.is_noop(), "{again:?}");
    assert_eq!(again.unchanged, data.items().len());
    let audit_before = store.audit_page(1, 0).await.unwrap().total;

    let mut changed = data.clone();
    changed.components[0].colour = "#000000".into();
    let r = store.load_reference("test", &changed).await.unwrap();
    assert_eq!(r.updated, vec!["components/crrf".to_string()]);
    assert!(r.inserted.is_empty());
    assert_eq!(
        store.audit_page(1, 0).await.unwrap().total,
        audit_before + 1
    );

    let states = store.list_reference(ReferenceKind::States).await.unwrap();
    let keys: Vec<_> = states.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["ARM", "KAZ", "RUS"]);
    let c = store
        .reference(ReferenceKind::Components, "crrf")
        .await
        .unwrap();
    assert!(c.body.contains("#000000"));
    assert!(matches!(
        store.reference(ReferenceKind::Components, "nope").await,
        Err(StorageError::NotFound(_))
    ));
    assert_eq!(
        store.reference_version().await.unwrap().as_deref(),
        Some("test.1")
    );
});

/// Three Kazakh contingents: organization-wide, national, and releasable to Armenia.
async fn one_of_each_releasability(store: &Store) -> [Contingent; 3] {
    let mut made = Vec::new();
    for (name, rel) in [
        ("Org", Releasability::Organization),
        ("National", Releasability::National),
        ("To Armenia", Releasability::States([code("ARM")].into())),
    ] {
        made.push(
            store
                .create_contingent("t", &draft("KAZ", name, rel), false)
                .await
                .unwrap(),
        );
    }
    made.try_into().unwrap()
}

contract!(releasability_is_enforced_in_every_read, |store| {
    seeded(&store).await;
    let [org, nat, to_arm] = one_of_each_releasability(&store).await;
    let cases: [(Viewer, &[i64]); 5] = [
        (Viewer::System, &[org.id, nat.id, to_arm.id]),
        (person(Some("KAZ")), &[org.id, nat.id, to_arm.id]),
        (person(Some("ARM")), &[org.id, to_arm.id]),
        (person(Some("RUS")), &[org.id]),
        (person(None), &[org.id]),
    ];
    for (viewer, expected) in cases {
        let page = store
            .list_contingents(&viewer, &ContingentQuery::default())
            .await
            .unwrap();
        let ids: Vec<i64> = page.items.iter().map(|c| c.id).collect();
        assert_eq!(ids, expected, "list for {viewer:?}");
        assert_eq!(page.total, expected.len() as i64);
        for c in [&org, &nat, &to_arm] {
            let got = store.contingent(&viewer, c.id).await;
            assert_eq!(
                got.is_ok(),
                expected.contains(&c.id),
                "get {} for {viewer:?}",
                c.id
            );
            // The rule in SQL matches the rule in the domain.
            assert_eq!(
                c.draft.releasability.visible_to(&c.draft.state, &viewer),
                expected.contains(&c.id)
            );
        }
        let totals = store.force_totals(&viewer).await.unwrap();
        let n: i64 = totals.iter().map(|t| t.contingents).sum();
        assert_eq!(n, expected.len() as i64, "totals for {viewer:?}");
        // An invisible record cannot be changed either: it is simply not found.
        if !expected.contains(&nat.id) {
            let r = store
                .update_contingent("t", &viewer, nat.id, 1, &nat.draft, |_| Ok(()))
                .await;
            assert!(matches!(r, Err(StorageError::NotFound(_))), "{r:?}");
            let r = store
                .delete_contingent("t", &viewer, nat.id, None, |_| Ok(()))
                .await;
            assert!(matches!(r, Err(StorageError::NotFound(_))), "{r:?}");
        }
    }
});

contract!(contingent_lifecycle_with_versions, |store| {
    seeded(&store).await;
    let c = store
        .create_contingent(
            "planner",
            &draft("RUS", "Battalion", Releasability::Organization),
            false,
        )
        .await
        .unwrap();
    assert_eq!(c.version, 1);
    let got = store.contingent(&Viewer::System, c.id).await.unwrap();
    assert_eq!(got, c, "read returns exactly what was written");

    let mut d = c.draft.clone();
    d.personnel = 450;
    d.releasability = Releasability::States([code("KAZ"), code("ARM")].into());
    let u = store
        .update_contingent("planner", &Viewer::System, c.id, 1, &d, |_| Ok(()))
        .await
        .unwrap();
    assert_eq!(u.version, 2);
    assert_eq!(store.contingent(&Viewer::System, c.id).await.unwrap(), u);

    // A stale version is refused and shows the current record; nothing changes.
    let mut stale = c.draft.clone();
    stale.personnel = 1;
    match store
        .update_contingent("other", &Viewer::System, c.id, 1, &stale, |_| Ok(()))
        .await
    {
        Err(StorageError::VersionConflict { expected, current }) => {
            assert_eq!(expected, 1);
            assert_eq!(*current, u);
        }
        other => panic!("expected a version conflict, got {other:?}"),
    }
    assert_eq!(
        store
            .contingent(&Viewer::System, c.id)
            .await
            .unwrap()
            .personnel_check(),
        450
    );

    // Authorization decided on the locked row refuses without writing.
    let r = store
        .update_contingent("lo", &Viewer::System, c.id, 2, &stale, |_| {
            Err(crc_domain::DomainError::Forbidden("no".into()))
        })
        .await;
    assert!(matches!(r, Err(StorageError::Domain(_))));
    assert_eq!(
        store
            .contingent(&Viewer::System, c.id)
            .await
            .unwrap()
            .version,
        2
    );

    // Unknown component and duplicate names are refused.
    let mut bad = d.clone();
    bad.component = "navy".into();
    let r = store.create_contingent("p", &bad, false).await;
    assert!(
        matches!(&r, Err(StorageError::Domain(e)) if e.to_string().contains("component")),
        "{r:?}"
    );
    let r = store.create_contingent("p", &d, false).await;
    assert!(matches!(r, Err(StorageError::Duplicate(_))), "{r:?}");

    let gone = store
        .delete_contingent("planner", &Viewer::System, c.id, Some(2), |_| Ok(()))
        .await
        .unwrap();
    assert_eq!(gone.id, c.id);
    assert!(matches!(
        store.contingent(&Viewer::System, c.id).await,
        Err(StorageError::NotFound(_))
    ));
});

trait PersonnelCheck {
    fn personnel_check(&self) -> i64;
}
impl PersonnelCheck for crc_domain::contingent::Contingent {
    fn personnel_check(&self) -> i64 {
        self.draft.personnel
    }
}

contract!(list_filters_sorts_and_pages, |store| {
    seeded(&store).await;
    for (i, (state, name)) in [
        ("KAZ", "Bravo"),
        ("RUS", "alpha"),
        ("KAZ", "Charlie_1"),
        ("ARM", "Delta"),
    ]
    .iter()
    .enumerate()
    {
        let mut d = draft(state, name, Releasability::Organization);
        d.personnel = (i as i64 + 1) * 100;
        store.create_contingent("t", &d, i % 2 == 0).await.unwrap();
    }
    let names = |p: crc_storage::ContingentPage| -> Vec<String> {
        p.items.into_iter().map(|c| c.draft.name).collect()
    };
    let q = ContingentQuery {
        sort: ContingentSort::Name,
        ..Default::default()
    };
    let all = store.list_contingents(&Viewer::System, &q).await.unwrap();
    // Bytewise order on both backends.
    assert_eq!(names(all), ["Bravo", "Charlie_1", "Delta", "alpha"]);
    let q = ContingentQuery {
        sort: ContingentSort::Personnel,
        descending: true,
        limit: 2,
        offset: 1,
        ..Default::default()
    };
    let p = store.list_contingents(&Viewer::System, &q).await.unwrap();
    assert_eq!(p.total, 4);
    assert_eq!(names(p), ["Charlie_1", "alpha"]);
    let q = ContingentQuery {
        state: Some(code("KAZ")),
        ..Default::default()
    };
    assert_eq!(
        store
            .list_contingents(&Viewer::System, &q)
            .await
            .unwrap()
            .total,
        2
    );
    // `_` in the search text is literal, not a wildcard.
    let q = ContingentQuery {
        text: Some("e_1".into()),
        ..Default::default()
    };
    assert_eq!(
        names(store.list_contingents(&Viewer::System, &q).await.unwrap()),
        ["Charlie_1"]
    );
    let q = ContingentQuery {
        text: Some("ALPHA".into()),
        ..Default::default()
    };
    assert_eq!(
        names(store.list_contingents(&Viewer::System, &q).await.unwrap()),
        ["alpha"]
    );
    let q = ContingentQuery {
        demo: Some(true),
        ..Default::default()
    };
    assert_eq!(
        store
            .list_contingents(&Viewer::System, &q)
            .await
            .unwrap()
            .total,
        2
    );
    assert_eq!(store.remove_demo("t").await.unwrap(), 2);
    assert_eq!(
        store
            .list_contingents(&Viewer::System, &ContingentQuery::default())
            .await
            .unwrap()
            .total,
        2
    );
});

contract!(users_sessions_and_tokens, |store| {
    let u = store
        .create_user(
            "system",
            &NewUser {
                username: Username::parse("lo.kaz").unwrap(),
                display_name: "Liaison KAZ".into(),
                role: Role::LiaisonOfficer,
                state: Some(code("KAZ")),
                locale: "ru".into(),
                password_hash: "$argon2id$fake".into(),
            },
        )
        .await
        .unwrap();
    let dup = store
        .create_user(
            "system",
            &NewUser {
                username: Username::parse("lo.kaz").unwrap(),
                display_name: "again".into(),
                role: Role::Observer,
                state: None,
                locale: "en".into(),
                password_hash: "x".into(),
            },
        )
        .await;
    assert!(matches!(dup, Err(StorageError::Duplicate(_))));
    let login = store.user_for_login("lo.kaz").await.unwrap().unwrap();
    assert_eq!(login.user, u);
    assert_eq!(login.password_hash, "$argon2id$fake");

    let exp = chrono::Utc::now() + chrono::Duration::hours(1);
    store
        .create_session("s1", u.id, "csrf1", exp)
        .await
        .unwrap();
    let s = store.session("s1").await.unwrap().unwrap();
    assert_eq!(s.user.id, u.id);
    assert_eq!(s.csrf_token, "csrf1");
    store
        .create_session(
            "old",
            u.id,
            "c",
            chrono::Utc::now() - chrono::Duration::hours(1),
        )
        .await
        .unwrap();
    assert!(
        store.session("old").await.unwrap().is_none(),
        "expired session"
    );
    assert_eq!(store.purge_sessions().await.unwrap(), 1);

    let t = store
        .create_api_token("lo.kaz", u.id, "script", "th1", None)
        .await
        .unwrap();
    assert_eq!(
        store.token_user("th1").await.unwrap().map(|u| u.id),
        Some(u.id)
    );

    // Disabling ends the sessions and stops the tokens.
    store.set_disabled("admin", "lo.kaz", true).await.unwrap();
    assert!(store.session("s1").await.unwrap().is_none());
    assert!(store.token_user("th1").await.unwrap().is_none());
    store.set_disabled("admin", "lo.kaz", false).await.unwrap();
    assert!(store.token_user("th1").await.unwrap().is_some());
    store.revoke_api_token("lo.kaz", u.id, t.id).await.unwrap();
    assert!(store.token_user("th1").await.unwrap().is_none());
    assert!(matches!(
        store.revoke_api_token("lo.kaz", u.id, t.id).await,
        Err(StorageError::NotFound(_))
    ));

    // The audit log never holds a password hash.
    store
        .set_password("admin", "lo.kaz", "$argon2id$new")
        .await
        .unwrap();
    let page = store.audit_page(100, 0).await.unwrap();
    assert!(page.items.iter().all(|e| {
        !e.after.clone().unwrap_or_default().contains("argon2")
            && !e.before.clone().unwrap_or_default().contains("argon2")
    }));
    assert!(matches!(
        store.set_password("admin", "nobody", "x").await,
        Err(StorageError::NotFound(_))
    ));
});

async fn tamper(store: &Store, sql_sqlite: &str, sql_pg: &str) {
    match store.backend_name() {
        "sqlite" => {
            store
                .raw_execute("DROP TRIGGER audit_log_no_update")
                .await
                .unwrap();
            store
                .raw_execute("DROP TRIGGER audit_log_no_delete")
                .await
                .unwrap();
            store.raw_execute(sql_sqlite).await.unwrap();
        }
        _ => {
            store
                .raw_execute("ALTER TABLE audit_log DISABLE TRIGGER USER")
                .await
                .unwrap();
            store.raw_execute(sql_pg).await.unwrap();
        }
    };
}

contract!(audit_log_is_append_only, |store| {
    seeded(&store).await;
    assert!(store
        .raw_execute("UPDATE audit_log SET actor = 'x' WHERE seq = 1")
        .await
        .is_err());
    assert!(store
        .raw_execute("DELETE FROM audit_log WHERE seq = 1")
        .await
        .is_err());
    let r = store.verify_audit().await.unwrap();
    assert!(r.problems.is_empty());
    assert!(r.entries > 10);
});

contract!(audit_verify_names_an_altered_entry, |store| {
    seeded(&store).await;
    let q = "UPDATE audit_log SET after_json = '{}' WHERE seq = 3";
    tamper(&store, q, q).await;
    let r = store.verify_audit().await.unwrap();
    assert_eq!(r.problems, vec![ChainProblem::Altered { seq: 3 }]);
});

contract!(audit_verify_names_removed_entries, |store| {
    seeded(&store).await;
    let q = "DELETE FROM audit_log WHERE seq IN (4, 5)";
    tamper(&store, q, q).await;
    let r = store.verify_audit().await.unwrap();
    assert_eq!(
        r.problems,
        vec![ChainProblem::Removed {
            from_seq: 4,
            to_seq: 5
        }]
    );
    let n = store.audit_page(1, 0).await.unwrap().total;
    let q = format!("DELETE FROM audit_log WHERE seq >= {}", n + 1);
    store.raw_execute(&q).await.unwrap();
    // Removing the newest entries is caught by the recorded head.
    let q = "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)";
    store.raw_execute(q).await.unwrap();
    let r = store.verify_audit().await.unwrap();
    assert!(
        r.problems
            .iter()
            .any(|p| matches!(p, ChainProblem::Truncated { .. })),
        "{:?}",
        r.problems
    );
});

contract!(concurrent_changes_keep_one_chain, |store| {
    seeded(&store).await;
    let mut tasks = Vec::new();
    for i in 0..16 {
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            let d = draft("KAZ", &format!("Unit {i}"), Releasability::Organization);
            s.create_contingent("t", &d, false).await.unwrap();
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let r = store.verify_audit().await.unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let page = store
        .list_contingents(&Viewer::System, &ContingentQuery::default())
        .await
        .unwrap();
    assert_eq!(page.total, 16);
});

contract!(export_import_round_trip_is_exact, |store| {
    seeded(&store).await;
    let u = store
        .create_user(
            "system",
            &NewUser {
                username: Username::parse("admin").unwrap(),
                display_name: "Администратор".into(),
                role: Role::Administrator,
                state: None,
                locale: "en".into(),
                password_hash: "$argon2id$h".into(),
            },
        )
        .await
        .unwrap();
    store
        .create_api_token("admin", u.id, "t", "hash", None)
        .await
        .unwrap();
    for (i, rel) in [
        Releasability::Organization,
        Releasability::National,
        Releasability::States([code("ARM"), code("RUS")].into()),
    ]
    .into_iter()
    .enumerate()
    {
        store
            .create_contingent("admin", &draft("KAZ", &format!("U{i}"), rel), i == 0)
            .await
            .unwrap();
    }
    crisis_chain(&store, Releasability::National, None).await;
    let doc = store.export().await.unwrap();
    assert_eq!(doc.crisis_records.len(), 3);
    assert_eq!(doc.crisis_journal.len(), 4);
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let parsed: crc_storage::ExportDocument = serde_json::from_str(&text).unwrap();

    // Into a fresh database of each backend: the re-export is identical.
    let (fresh_sqlite, _dir) = sqlite_store().await;
    let fresh_pg = postgres_store().await;
    for fresh in [fresh_sqlite, fresh_pg] {
        fresh.import(&parsed).await.unwrap();
        let again = fresh.export().await.unwrap();
        assert_eq!(
            serde_json::to_string_pretty(&again).unwrap(),
            text,
            "{}",
            fresh.backend_name()
        );
        assert!(fresh.verify_audit().await.unwrap().problems.is_empty());
        // New ids continue after the imported ones.
        let c = fresh
            .create_contingent(
                "admin",
                &draft("KAZ", "After import", Releasability::Organization),
                false,
            )
            .await
            .unwrap();
        assert!(c.id > 3);
        let r = crisis_chain(&fresh, Releasability::Organization, None).await;
        assert!(r[0].id > 3, "crisis ids continue after the imported ones");
        // Importing again into a non-empty database is refused and changes nothing.
        let before = fresh.export().await.unwrap();
        assert!(matches!(
            fresh.import(&parsed).await,
            Err(StorageError::NotEmpty(_))
        ));
        assert_eq!(fresh.export().await.unwrap(), before);
    }

    // A document whose audit chain was edited is refused.
    let mut forged = parsed.clone();
    forged.audit[1].actor = "someone else".into();
    let (fresh, _d2) = sqlite_store().await;
    assert!(matches!(
        fresh.import(&forged).await,
        Err(StorageError::Domain(_))
    ));
    assert_eq!(fresh.count_users().await.unwrap(), 0);
});

contract!(a_newer_schema_is_refused, |store| {
    store
        .raw_execute(
            "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
             VALUES (99990101000000, 'future', CURRENT_TIMESTAMP, TRUE, X'00', 0)",
        )
        .await
        .or(store
            .raw_execute(
                "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
                 VALUES (99990101000000, 'future', now(), TRUE, '\\x00'::bytea, 0)",
            )
            .await)
        .unwrap();
    match store.migrate().await {
        Err(StorageError::SchemaTooNew { found, .. }) => assert_eq!(found, 99990101000000),
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
});

#[test]
fn record_keeps_events_in_order() {
    // A plain event (a login) chains like any change.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let (store, _dir) = sqlite_store().await;
        for i in 0..3 {
            store
                .record(AuditEvent {
                    actor: "admin".into(),
                    action: "login".into(),
                    entity: "session".into(),
                    entity_id: i.to_string(),
                    before: None,
                    after: None,
                })
                .await
                .unwrap();
        }
        let page = store.audit_page(10, 0).await.unwrap();
        let seqs: BTreeSet<i64> = page.items.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, [1, 2, 3].into());
    });
}

contract!(refused_writes_leave_the_writer_usable, |store| {
    seeded(&store).await;
    let c = store
        .create_contingent(
            "t",
            &draft("KAZ", "Target", Releasability::Organization),
            false,
        )
        .await
        .unwrap();
    // Each refusal drops its transaction on an error path; the next write must still work.
    for i in 0..50 {
        let r = store
            .update_contingent("t", &Viewer::System, c.id, 999, &c.draft, |_| Ok(()))
            .await;
        assert!(
            matches!(r, Err(StorageError::VersionConflict { .. })),
            "{r:?}"
        );
        let r = store
            .update_contingent("t", &Viewer::System, 424242, 1, &c.draft, |_| Ok(()))
            .await;
        assert!(matches!(r, Err(StorageError::NotFound(_))), "{r:?}");
        store
            .create_contingent(
                "t",
                &draft("KAZ", &format!("After {i}"), Releasability::Organization),
                false,
            )
            .await
            .unwrap();
    }
    assert!(store.verify_audit().await.unwrap().problems.is_empty());
});

contract!(
    change_events_follow_releasability_and_commit_order,
    |store| {
        seeded(&store).await;
        let start = store.last_seq().await.unwrap();
        let [org, nat, to_arm] = one_of_each_releasability(&store).await;
        let cases: [(Viewer, Vec<i64>); 4] = [
            (Viewer::System, vec![org.id, nat.id, to_arm.id]),
            (person(Some("KAZ")), vec![org.id, nat.id, to_arm.id]),
            (person(Some("ARM")), vec![org.id, to_arm.id]),
            (person(Some("RUS")), vec![org.id]),
        ];
        for (viewer, expected) in cases {
            let b = store.changes_after(&viewer, start, 100).await.unwrap();
            let ids: Vec<i64> = b
                .events
                .iter()
                .map(|e| e.entity_id.parse().unwrap())
                .collect();
            assert_eq!(ids, expected, "{viewer:?}");
            assert_eq!(b.scanned_to, start + 3, "{viewer:?}");
            assert!(b.events.windows(2).all(|w| w[0].seq < w[1].seq));
            assert!(b
                .events
                .iter()
                .all(|e| e.action == "create" && e.version == Some(1)));
        }
        // Paging by the scanned position: nothing is skipped, nothing repeated.
        let first = store
            .changes_after(&Viewer::System, start, 2)
            .await
            .unwrap();
        let rest = store
            .changes_after(&Viewer::System, first.scanned_to, 2)
            .await
            .unwrap();
        assert_eq!(first.events.len() + rest.events.len(), 3);
        assert_eq!(rest.scanned_to, start + 3);
        assert_eq!(store.last_seq().await.unwrap(), start + 3);
    }
);

// ---- the crisis chain ------------------------------------------------------------------

fn crisis_spec(kind: crc_domain::crisis::Kind, v: serde_json::Value) -> crc_domain::crisis::Spec {
    crc_domain::crisis::Spec::parse(kind, v).unwrap()
}

/// A request of KAZ with `rel`, its session and a decision drafted under it.
async fn crisis_chain(
    store: &Store,
    rel: Releasability,
    exercise: Option<&str>,
) -> Vec<crc_storage::CrisisRecord> {
    use crc_domain::crisis::Kind;
    let actor = CrisisActor {
        name: "duty",
        state: None,
        viewer: &Viewer::System,
    };
    let new = |spec, parent, rel: &Releasability| NewCrisisRecord {
        spec,
        parent,
        exercise: if parent.is_none() {
            exercise.map(str::to_owned)
        } else {
            None
        },
        releasability: rel.clone(),
        demo: false,
    };
    let req = store
        .create_crisis_record(
            &actor,
            new(
                crisis_spec(
                    Kind::Request,
                    serde_json::json!({
                    "requesting_state": "KAZ", "from": "President",
                    "received_at": "2022-01-05T21:30:00Z",
                    "asks": [{"kind": "forces"}], "summary": "s"}),
                ),
                None,
                &rel,
            ),
            |_| Ok(()),
        )
        .await
        .unwrap();
    let session = store
        .create_crisis_record(
            &actor,
            new(
                crisis_spec(
                    Kind::Session,
                    serde_json::json!({
                    "body": "joint_staff", "kind": "extraordinary", "format": "in_person",
                    "scheduled_at": "2022-01-06T08:00:00Z", "agenda": ["a"],
                    "participants": ["KAZ", "ARM"]}),
                ),
                Some(req.id),
                &Releasability::Organization,
            ),
            |_| Ok(()),
        )
        .await
        .unwrap();
    let decision = store
        .create_crisis_record(
            &actor,
            new(
                crisis_spec(
                    Kind::Decision,
                    serde_json::json!({
                    "title": "D", "prepared_by": "joint_staff", "text": "T"}),
                ),
                Some(session.id),
                &Releasability::Organization,
            ),
            |_| Ok(()),
        )
        .await
        .unwrap();
    let cmd = |v| crc_domain::crisis::Command::parse(Kind::Request, v).unwrap();
    let req = store
        .command_crisis_record(
            &actor,
            req.id,
            Some(1),
            &cmd(serde_json::json!({"command": "consider"})),
            |_, _| Ok(()),
        )
        .await
        .unwrap();
    vec![req, session, decision]
}

contract!(
    crisis_records_follow_releasability_and_exercise_marking,
    |store| {
        seeded(&store).await;
        let mut made = Vec::new();
        for rel in [
            Releasability::Organization,
            Releasability::National,
            Releasability::States([code("ARM")].into()),
        ] {
            made.push(crisis_chain(&store, rel, None).await.remove(0));
        }
        let training =
            crisis_chain(&store, Releasability::Organization, Some("Training 2024")).await;
        for viewer in [
            person(Some("KAZ")),
            person(Some("ARM")),
            person(Some("RUS")),
            person(None),
            Viewer::System,
        ] {
            let q = CrisisQuery {
                kind: Some(crc_domain::crisis::Kind::Request),
                limit: 50,
                ..CrisisQuery::default()
            };
            let listed: BTreeSet<i64> = store
                .list_crisis_records(&viewer, &q)
                .await
                .unwrap()
                .items
                .iter()
                .map(|r| r.id)
                .collect();
            let journal = store
                .crisis_journal(
                    &viewer,
                    &JournalQuery {
                        limit: 1000,
                        ..JournalQuery::default()
                    },
                )
                .await
                .unwrap();
            for r in &made {
                // The SQL rule equals the domain's reference rule.
                let expected = r.releasability.visible_to(&code("KAZ"), &viewer);
                assert_eq!(
                    listed.contains(&r.id),
                    expected,
                    "{viewer:?} list {:?}",
                    r.releasability
                );
                assert_eq!(store.crisis_record(&viewer, r.id).await.is_ok(), expected);
                assert_eq!(
                    journal.iter().any(|j| j.record_id == r.id),
                    expected,
                    "{viewer:?} journal"
                );
                let events = store.changes_after(&viewer, 0, 1000).await.unwrap().events;
                assert_eq!(
                    events
                        .iter()
                        .any(|e| e.entity == "crisis" && e.entity_id == r.id.to_string()),
                    expected,
                    "{viewer:?} events"
                );
            }
            // The training is in no real-world list, and only in exercise lists.
            assert!(!listed.contains(&training[0].id));
            let ex = store
                .list_crisis_records(
                    &viewer,
                    &CrisisQuery {
                        exercise: ExerciseFilter::Exercises,
                        limit: 50,
                        ..CrisisQuery::default()
                    },
                )
                .await
                .unwrap();
            assert!(ex
                .items
                .iter()
                .all(|r| r.exercise.as_deref() == Some("Training 2024")));
            assert_eq!(ex.total, 3, "request, session and decision of the training");
        }
        // Children take their parent's marking; sessions number apart per body and exercise.
        assert_eq!(training[1].exercise.as_deref(), Some("Training 2024"));
        assert_eq!(training[1].number, Some(1));
        assert_eq!(made[2].crisis_id, Some(made[2].id));
        // A stale version changes nothing.
        let actor = CrisisActor {
            name: "duty",
            state: None,
            viewer: &Viewer::System,
        };
        let before = store.audit_page(1, 0).await.unwrap().total;
        let close = crc_domain::crisis::Command::parse(
            crc_domain::crisis::Kind::Request,
            serde_json::json!({"command": "withdraw", "note": "n"}),
        )
        .unwrap();
        assert!(matches!(
            store
                .command_crisis_record(&actor, made[0].id, Some(1), &close, |_, _| Ok(()))
                .await,
            Err(StorageError::CrisisConflict { .. })
        ));
        assert_eq!(store.audit_page(1, 0).await.unwrap().total, before);
        assert!(store.verify_audit().await.unwrap().problems.is_empty());
    }
);

contract!(concurrent_accepts_never_exceed_the_ceiling, |store| {
    use crc_domain::crisis::{Command, Kind};
    seeded(&store).await;
    let chain = crisis_chain(&store, Releasability::Organization, None).await;
    let (session, decision) = (chain[1].id, chain[2].id);
    let actor = CrisisActor {
        name: "duty",
        state: None,
        viewer: &Viewer::System,
    };
    let step = |kind, v| Command::parse(kind, v).unwrap();
    store
        .command_crisis_record(
            &actor,
            session,
            None,
            &step(Kind::Session, serde_json::json!({"command": "open"})),
            |_, _| Ok(()),
        )
        .await
        .unwrap();
    store
        .command_crisis_record(
            &actor,
            decision,
            None,
            &step(Kind::Decision, serde_json::json!({"command": "table"})),
            |_, _| Ok(()),
        )
        .await
        .unwrap();
    for st in ["KAZ", "ARM"] {
        store.command_crisis_record(&actor, decision, None, &step(Kind::Decision, serde_json::json!({"command": "record_position", "state": st, "position": "agrees"})), |_, _| Ok(())).await.unwrap();
    }
    store
        .command_crisis_record(
            &actor,
            decision,
            None,
            &step(Kind::Decision, serde_json::json!({"command": "conclude"})),
            |_, _| Ok(()),
        )
        .await
        .unwrap();
    let op = store
        .create_crisis_record(
            &actor,
            NewCrisisRecord {
                spec: crisis_spec(Kind::Operation, serde_json::json!({
                    "name": "Op", "kind": "peacekeeping", "host_state": "KAZ", "mandate": "m",
                    "area": [{"lat": 43.0, "lon": 76.0}, {"lat": 43.0, "lon": 77.0}, {"lat": 42.0, "lon": 77.0}],
                    "ceiling": {"personnel": 150, "equipment": 10},
                    "starts_on": "2022-01-06", "ends_on": "2022-01-19"})),
                parent: Some(decision),
                exercise: None,
                releasability: Releasability::Organization,
                demo: false,
            },
            |_| Ok(()),
        )
        .await
        .unwrap();
    // Eight offers of 100 personnel each; the ceiling takes one.
    let mut offers = Vec::new();
    for i in 0..8 {
        let c = store
            .create_contingent(
                "admin",
                &draft("KAZ", &format!("Unit {i}"), Releasability::Organization),
                false,
            )
            .await
            .unwrap();
        let f = store
            .create_crisis_record(
                &actor,
                NewCrisisRecord {
                    spec: crisis_spec(Kind::Force, serde_json::json!({"contingent_id": c.id})),
                    parent: Some(op.id),
                    exercise: None,
                    releasability: Releasability::Organization,
                    demo: false,
                },
                |_| Ok(()),
            )
            .await
            .unwrap();
        offers.push(f.id);
    }
    let accept = step(Kind::Force, serde_json::json!({"command": "accept"}));
    let handles: Vec<_> = offers
        .iter()
        .map(|id| {
            let (store, accept, id) = (store.clone(), accept.clone(), *id);
            tokio::spawn(async move {
                let actor = CrisisActor {
                    name: "duty",
                    state: None,
                    viewer: &Viewer::System,
                };
                store
                    .command_crisis_record(&actor, id, None, &accept, |_, _| Ok(()))
                    .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for h in handles {
        results.push(h.await);
    }
    let accepted = results.iter().filter(|r| matches!(r, Ok(Ok(_)))).count();
    assert_eq!(accepted, 1, "exactly one offer fits under the ceiling");
    for r in results {
        match r.unwrap() {
            Ok(_) => {}
            Err(StorageError::Domain(crc_domain::DomainError::Transition { reason, .. })) => {
                assert!(reason.contains("above its ceiling of 150"), "{reason}");
            }
            Err(e) => panic!("unexpected {e}"),
        }
    }
    assert!(store.verify_audit().await.unwrap().problems.is_empty());
});
